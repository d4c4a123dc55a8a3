/**
 * The whole platform in a process of its own, so that the fault suite can SIGKILL and restart it:
 * `startPlatform` (as `npm start` runs it) on the Postgres and Redis the suite started. Settings come
 * as JSON in FAULTS_PLATFORM; prints `READY <routerUrl>` once the router answers.
 */
import { startPlatform } from '../scripts/lib/platform';
import { seedDemoData } from '../scripts/lib/seed';
import { createLogger, queryRows, sql } from '@busline/shared';
import { eventually } from '@busline/shared/testing';

interface Settings {
  postgresUrl: string;
  redisUrl: string;
  dataDir: string;
  ports: Record<string, number>;
  routerSecret: string;
  supergraphConfigPath: string;
  env: Record<string, string>;
  seed: boolean;
}

const settings = JSON.parse(process.env.FAULTS_PLATFORM ?? '{}') as Settings;
const logger = createLogger('faults-platform', { level: process.env.FAULTS_LOG_LEVEL ?? 'silent' });

const platform = await startPlatform({
  logger,
  postgresUrl: settings.postgresUrl,
  redisUrl: settings.redisUrl,
  dataDir: settings.dataDir,
  ports: settings.ports,
  databasePrefix: 'faults_',
  eventPrefix: 'faults',
  routerSecret: settings.routerSecret,
  env: { NODE_ENV: 'test', ...settings.env },
  routerLimits: { rateLimit: { perUserPerMinute: 0, perAddressPerMinute: 0 } },
  supergraphConfigPath: settings.supergraphConfigPath,
});

if (settings.seed) {
  const deps = (name: string) => platform.subgraphs.get(name)!.deps;
  await seedDemoData({ auth: deps('auth'), company: deps('company') }, logger, { days: 3 });
  const count = async (name: string) =>
    Number((await queryRows<{ n: string }>(deps(name).db.db, sql.raw(`select count(*) as n from "${name}"."trips"`)))[0]!.n);
  const trips = await count('company');
  await eventually(async () => (await count('ticketing')) >= trips, 60_000, 200);
}

process.stdout.write(`READY ${platform.routerUrl}\n`);
process.on('SIGTERM', () => {
  void platform.stop().finally(() => process.exit(0));
});

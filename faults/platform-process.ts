/**
 * The whole platform in a process of its own, so that the fault suite can SIGKILL and restart it:
 * `startPlatform` (as `npm start` runs it) on the Postgres and Redis the suite started. Settings come
 * as JSON in FAULTS_PLATFORM; prints `READY <routerUrl>` once the router answers.
 */
import { startPlatform } from '../scripts/lib/platform';
import { createLogger } from '@busline/shared';
import { seedTestPlatform } from '../e2e/harness';

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
  routerTuning: { rateLimit: { perUserPerMinute: 0, perAddressPerMinute: 0 } },
  supergraphConfigPath: settings.supergraphConfigPath,
});

// Demo data as the e2e tests seed it, waiting until ticketing has every trip.
if (settings.seed) await seedTestPlatform(platform);

process.stdout.write(`READY ${platform.routerUrl}\n`);
process.on('SIGTERM', () => {
  void platform.stop().finally(() => process.exit(0));
});

/**
 * `npm run start:scaled`: the scale-out topology on real Postgres and Redis — the platform
 * (router A on 8080, ticketing 1 on 8004) plus ticketing 2 on 8014 and router B on 8081.
 *   POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 npm run start:scaled
 * A subscriber on either router sees changes made through either ticketing instance.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { commonEnv, createLogger, parseEnv, stopOnSignals, z } from '@busline/shared';
import { routerTuning } from '../router/src/settings';
import { seedDemoData } from './lib/seed';
import { routerTuningSchema } from './lib/start-config';
import { startScaledPlatform } from './lib/topology';

const root = fileURLToPath(new URL('..', import.meta.url));
let config;
try {
  config = parseEnv(
    'topology',
    // The routers' limits and tuning as `npm start` and the router alone read them.
    routerTuningSchema.extend({
      POSTGRES_URL: z.string().url(),
      REDIS_URL: z.string().url(),
      DATA_DIR: z.string().default(`${root}.data`),
      LOG_LEVEL: z.string().default('info'),
      // As every service reads it: an unknown or empty value ("Production") is refused, not taken for development.
      NODE_ENV: commonEnv.NODE_ENV,
    }),
  );
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
if (config.NODE_ENV === 'production') {
  // It seeds the demo accounts, whose passwords (a platform admin's among them) are in README.md.
  process.stderr.write('start:scaled: refused, NODE_ENV=production: it is a development topology with demo accounts\n');
  process.exit(1);
}
const logger = createLogger('busline', { level: config.LOG_LEVEL });
try {
  const scaled = await startScaledPlatform({
    logger,
    postgresUrl: config.POSTGRES_URL,
    redisUrl: config.REDIS_URL,
    dataDir: config.DATA_DIR,
    supergraphConfigPath: `${root}supergraph.yaml`,
    routerTuning: routerTuning(config),
    // A secret of this run only, as `npm start`'s: the subgraphs' ports answer the routers alone.
    routerSecret: randomBytes(32).toString('hex'),
  });
  stopOnSignals(logger, () => scaled.stop());
  const deps = (name: string) => scaled.platform.subgraphs.get(name)!.deps;
  await seedDemoData({ auth: deps('auth'), company: deps('company') }, logger);
  process.stdout.write(
    `\n  Busline scale-out topology\n  router A ${scaled.routerUrls[0]}/graphql  → ticketing ${scaled.ticketingUrls[0]}\n` +
      `  router B ${scaled.routerUrls[1]}/graphql  → ticketing ${scaled.ticketingUrls[1]}\n  Ctrl-C stops everything.\n\n`,
  );
} catch (error) {
  logger.fatal({ err: error }, 'topology failed to start');
  process.exit(1);
}

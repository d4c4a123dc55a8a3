/**
 * `npm run seed`: the demo network and accounts of README.md, idempotent (a second run only tops
 * up the rolling week of trips). With POSTGRES_URL it seeds the db_* databases (created and
 * migrated if needed); without, the embedded database under .data/ (stop `npm start` first: one
 * process owns it). Events go to each subgraph's outbox and reach the others when they run. Refused when
 * NODE_ENV=production: the demo accounts' passwords are published.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  commonEnv,
  connectPostgres,
  createLogger,
  createMemoryRevocations,
  createTokenVerifier,
  databaseUrl,
  ensureDatabase,
  MemoryEventBus,
  openPglite,
  parseEnv,
  createPubSub,
  runMigrations,
  z,
  type DatabaseHandle,
  type SubgraphDeps,
} from '@busline/shared';
import { seedDemoData } from './lib/seed';
import { SUBGRAPHS } from './lib/subgraphs';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = parseEnv(
  'seed',
  z.object({
    POSTGRES_URL: z.string().url().optional(),
    DATA_DIR: z.string().default(`${root}.data`),
    SEED_DAYS: z.coerce.number().int().min(1).max(60).default(7),
    // As every service reads it: an unknown or empty value ("Production") is refused, not taken for development.
    NODE_ENV: commonEnv.NODE_ENV,
  }),
);
if (config.NODE_ENV === 'production') {
  // The demo accounts' passwords are in README.md, a platform admin's among them.
  process.stderr.write('seed: refused, NODE_ENV=production: demo accounts with published passwords are never seeded\n');
  process.exit(1);
}
const logger = createLogger('seed', { level: 'info' });
const handles: DatabaseHandle[] = [];

async function databaseFor(name: string, shared: DatabaseHandle | undefined): Promise<DatabaseHandle> {
  if (shared) return shared;
  await ensureDatabase(config.POSTGRES_URL!, `db_${name}`);
  const handle = connectPostgres(databaseUrl(config.POSTGRES_URL!, `db_${name}`), {
    poolSize: 2,
    applicationName: 'seed',
  });
  handles.push(handle);
  return handle;
}

try {
  const shared = config.POSTGRES_URL ? undefined : await openPglite(join(config.DATA_DIR, 'pglite'));
  if (shared) handles.push(shared);
  const bus = new MemoryEventBus(logger);
  const pubsub = createPubSub();
  // Seeding writes through services, never verifies a token; this verifier is never called.
  const verifier = createTokenVerifier({ jwks: { keys: [] }, issuer: 'unused', audience: 'unused' });
  const deps = async (name: string): Promise<SubgraphDeps> => {
    const db = await databaseFor(name, shared);
    await runMigrations(db, SUBGRAPHS.find((s) => s.name === name)!.migrations);
    return {
      db,
      bus,
      pubsub,
      verifier,
      revocations: createMemoryRevocations(),
      logger: logger.child({ service: name }),
    };
  };
  await seedDemoData({ auth: await deps('auth'), company: await deps('company') }, logger, { days: config.SEED_DAYS });
} catch (error) {
  logger.fatal({ err: error }, 'seeding failed');
  process.exitCode = 1;
} finally {
  for (const handle of handles) await handle.close();
}

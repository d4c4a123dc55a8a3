/**
 * Applies one subgraph's pending migrations to its database, then exits (0 when the schema is current).
 *
 *   DATABASE_URL=postgres://…/db_ticketing npx tsx scripts/migrate.ts ticketing
 *
 * In a subgraph's image this is `node service/migrate.js` (the subgraph named by the image's SERVICE),
 * which the Kubernetes manifests run as an init container: a migration that fails stops the rollout
 * with the pod in Init:Error and its log, before a new version serves anything. The service still
 * applies pending migrations itself when it starts (under the same lock), so compose and
 * `npm start` need no separate step; after this step that finds nothing to do.
 *
 * Imports stay relative so that esbuild bundles the shared kit into the image's migrate.js.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertProductionDatastores, commonEnv, parseEnv, z } from '../packages/shared/src/config/env';
import { connectPostgres } from '../packages/shared/src/db/database';
import { runMigrations } from '../packages/shared/src/db/migrate';
import { createLogger } from '../packages/shared/src/logger';

export const MIGRATED_SUBGRAPHS = ['auth', 'user', 'company', 'ticketing', 'qr', 'payment', 'notification'] as const;

/** What the migration step reads (descriptions feed docs/configuration.md). */
export const schema = z.object({
  NODE_ENV: commonEnv.NODE_ENV.describe(
    '`production`: a DATABASE_URL without TLS to a public host is refused before connecting, as by its subgraph',
  ),
  SERVICE: z
    .string()
    .optional()
    .describe('The subgraph whose migrations run when no argument names one; each image sets it'),
  DATABASE_URL: z.string().url().describe('Postgres database of the subgraph to migrate'),
  MIGRATIONS_DIR: z
    .string()
    .optional()
    .describe("Folder holding `<subgraph>/` migration folders; defaults to the repository's drizzle/"),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('Lowest level logged'),
});

export async function migrate(
  subgraph: string | undefined,
  source: Record<string, string | undefined> = process.env,
): Promise<void> {
  const config = parseEnv('migrate', schema, source);
  subgraph ??= config.SERVICE;
  if (!subgraph || !(MIGRATED_SUBGRAPHS as readonly string[]).includes(subgraph)) {
    throw new Error(
      `migrate: name one of ${MIGRATED_SUBGRAPHS.join(', ')} (argument or SERVICE), got ${subgraph ?? 'nothing'}`,
    );
  }
  const logger = createLogger(`${subgraph}-migrate`, { level: config.LOG_LEVEL });
  const folder = join(config.MIGRATIONS_DIR ?? fileURLToPath(new URL('../drizzle', import.meta.url)), subgraph);
  // What the subgraph itself refuses, refused before this step sends the database its password.
  assertProductionDatastores(`${subgraph}-migrate`, config);
  const db = connectPostgres(config.DATABASE_URL, { poolSize: 1, applicationName: `${subgraph}-migrate` });
  try {
    const started = Date.now();
    await runMigrations(db, { schema: subgraph, folder });
    logger.info({ folder, ms: Date.now() - started }, 'migrations applied (schema current)');
  } finally {
    await db.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  migrate(process.argv[2]).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

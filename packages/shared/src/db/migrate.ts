import { existsSync } from 'node:fs';
import { readMigrationFiles, type MigrationConfig } from 'drizzle-orm/migrator';
import type { DatabaseHandle, Db } from './database';

export interface MigrationTarget {
  /** Postgres schema that holds the subgraph's tables and its migrations table. */
  schema: string;
  /** Folder with drizzle-kit migrations (`drizzle/<subgraph>`). */
  folder: string;
}

export const MIGRATIONS_TABLE = '__drizzle_migrations';

interface MigratingDb {
  dialect: { migrate(migrations: unknown, session: unknown, config: MigrationConfig): Promise<void> };
  session: unknown;
}

/**
 * Applies the pending migrations of one subgraph, under a lock so that several instances
 * starting at once do not race. Works the same on node-postgres and PGlite.
 */
export async function runMigrations(handle: DatabaseHandle, target: MigrationTarget): Promise<void> {
  if (!existsSync(target.folder)) throw new Error(`Migrations folder not found: ${target.folder}`);
  const config: MigrationConfig = {
    migrationsFolder: target.folder,
    migrationsSchema: target.schema,
    migrationsTable: MIGRATIONS_TABLE,
  };
  const migrations = readMigrationFiles(config);
  await handle.runExclusive(`busline:migrate:${target.schema}`, async (db: Db) => {
    const internal = db as unknown as MigratingDb;
    await internal.dialect.migrate(migrations, internal.session, config);
  });
}

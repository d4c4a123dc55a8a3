import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '../src/db/database';
import { runMigrations } from '../src/db/migrate';
import { createTestDatabase, itConcurrent, type TestDatabase } from '../src/testing';
import { fixtureMigrations } from './fixtures/setup';

describe('runMigrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('migrate');
  });
  afterAll(() => database.cleanup());

  it('creates the tables of the subgraph inside its own schema, with its migrations table there too', async () => {
    await runMigrations(database.handle, { schema: 'fixture', folder: fixtureMigrations });
    const tables = await queryRows<{ table_name: string }>(
      database.handle.db,
      sql`select table_name from information_schema.tables where table_schema = 'fixture' order by table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(['__drizzle_migrations', 'applied', 'outbox', 'processed_events']);
  });

  itConcurrent('applies nothing twice when run again, also by several instances at once', async () => {
    await Promise.all(
      [1, 2, 3].map(() => runMigrations(database.handle, { schema: 'fixture', folder: fixtureMigrations })),
    );
    const applied = await queryRows<{ count: string }>(
      database.handle.db,
      sql`select count(*)::text as count from fixture.__drizzle_migrations`,
    );
    // Once each: as many rows as the fixture has migrations.
    expect(applied[0]?.count).toBe(String(readdirSync(fixtureMigrations).filter((f) => f.endsWith('.sql')).length));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, runMigrations, sql } from '@busline/shared';
import { createTestDatabase, migrationsBefore, type TestDatabase } from '@busline/shared/testing';
import { migrations } from '../src/db/migrations';

/**
 * 0008 was first released as 0008_dark_boom_boom (two of its three columns, an earlier journal time): databases that
 * ran it run today's 0008 as well, which must then add only what is missing.
 */
let database: TestDatabase;
// Migrations 0000-0007 of today and 0008 as first released, with its journal time.
const firstRelease = migrationsBefore(migrations, 8, [
  {
    tag: '0008_dark_boom_boom',
    when: 1796371794891,
    sql:
      'ALTER TABLE "qr"."boarding_passes" ADD COLUMN "signed_boarding_stop" integer;--> statement-breakpoint\n' +
      'ALTER TABLE "qr"."boarding_passes" ADD COLUMN "signed_alighting_stop" integer;',
  },
]);

beforeAll(async () => {
  database = await createTestDatabase('qr_first_0008');
});
afterAll(async () => {
  await database?.cleanup();
  firstRelease.cleanup();
});

describe('qr migrations over a database that ran the first 0008', () => {
  it("apply today's, ending with every column of boarding passes", async () => {
    await runMigrations(database.handle, firstRelease);
    await runMigrations(database.handle, migrations);
    const columns = await queryRows<{ column_name: string }>(
      database.handle.db,
      sql`select column_name from information_schema.columns where table_schema = 'qr' and table_name = 'boarding_passes'`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(
      expect.arrayContaining(['signed_boarding_stop', 'signed_alighting_stop', 'stops_version']),
    );
  });
});

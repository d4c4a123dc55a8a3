import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '@busline/shared';
import { createTestDatabase, migrationsBefore, type TestDatabase } from '@busline/shared/testing';
import { sql } from 'drizzle-orm';
import { migrations } from '../src/db/migrations';
import { profiles } from '../src/db/schema';

/** Data migrations over rows an earlier version wrote. */
let database: TestDatabase;
const before0011 = migrationsBefore(migrations, 11);

beforeAll(async () => {
  database = await createTestDatabase('user_upgrade');
});
afterAll(async () => {
  await database?.cleanup();
  before0011.cleanup();
});

describe('user migration 0011', () => {
  it('drops the trunk 0 that profiles kept after an African country code, and leaves every other phone', async () => {
    await runMigrations(database.handle, before0011);
    const db = database.handle.db;
    const stored = ['+2500788123456', '+2560712345678', '+2540712345678', '+250788123457', '+33612345678', null];
    const ids = stored.map(() => randomUUID());
    for (const [i, phone] of stored.entries())
      await db.execute(sql`insert into "user".profiles (user_id, full_name, phone, email, role, registered_at)
        values (${ids[i]}, 'Someone', ${phone}, ${`p${i}-${ids[i]}@example.com`}, 'PASSENGER', now())`);
    await runMigrations(database.handle, migrations);
    const rows = await db.select({ id: profiles.userId, phone: profiles.phone }).from(profiles);
    const phoneOf = new Map(rows.map((row) => [row.id, row.phone]));
    expect(ids.map((id) => phoneOf.get(id))).toEqual([
      '+250788123456',
      '+256712345678',
      '+254712345678',
      '+250788123457',
      '+33612345678',
      null,
    ]);
  });
});

// A phone written with a trunk 0 after an African country code (+250 0788…) is kept as +250788…, as auth and user
// keep it today: from events an older version sent, and in rows an older version stored (migration 0017).
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '@busline/shared';
import { createTestDatabase, migrationsBefore, type TestDatabase } from '@busline/shared/testing';
import { migrations } from '../src/db/migrations';
import { recipients } from '../src/db/schema';
import { RecipientRepository } from '../src/repositories/recipient-repository';
import { person, startNotificationSubgraph, type NotificationSubgraph } from './helpers';

let subgraph: NotificationSubgraph;
let database: TestDatabase;
const before0017 = migrationsBefore(migrations, 17);
beforeAll(async () => {
  subgraph = await startNotificationSubgraph();
  database = await createTestDatabase('notification_upgrade');
});
afterAll(async () => {
  await subgraph?.stop();
  await database?.cleanup();
  before0017.cleanup();
});

describe('recipient phones', () => {
  it('keeps the phone of user.registered and user.profile_updated without a trunk 0 after the country code', async () => {
    const viewer = await person(subgraph, { phone: '+2500788123456', language: 'fr' });
    const row = await new RecipientRepository(subgraph.database.handle.db).find(viewer.userId);
    expect(row?.phone).toBe('+250788123456');
  });

  it('rewrites the phones an earlier version stored with it (migration 0017), and no other', async () => {
    await runMigrations(database.handle, before0017);
    const db = database.handle.db;
    const stored = ['+2500788123456', '+2550712345678', '+250788123457', '+270821234567', '+33612345678', null];
    const ids = stored.map(() => randomUUID());
    for (const [i, phone] of stored.entries())
      await db.execute(sql`insert into notification.recipients (user_id, phone) values (${ids[i]}, ${phone})`);
    await runMigrations(database.handle, migrations);
    const rows = await db.select({ id: recipients.userId, phone: recipients.phone }).from(recipients);
    const phoneOf = new Map(rows.map((row) => [row.id, row.phone]));
    expect(ids.map((id) => phoneOf.get(id))).toEqual([
      '+250788123456',
      '+255712345678',
      '+250788123457',
      '+270821234567',
      '+33612345678',
      null,
    ]);
  });
});

// An account gets at most HOLD_REMINDERS_PER_ACCOUNT_PER_DAY hold reminders in 24 hours (docs/notifications.md),
// however many instances write them: two senders whose passes take different due holds of one account (SKIP LOCKED)
// counted its reminders each before the other's were committed, and the account got more.
import { randomUUID } from 'node:crypto';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TransactionRunner } from '@busline/shared';
import { eventually, lockWaiters, testLogger } from '@busline/shared/testing';
import { bookings, messages } from '../src/db/schema';
import { SendMessagesService } from '../src/services/send-messages';
import { heldPayload, person, publish, startNotificationSubgraph, world, type NotificationSubgraph } from './helpers';

let subgraph: NotificationSubgraph;
beforeAll(async () => {
  // The subgraph's own sender stays idle: the two senders below are the two instances.
  subgraph = await startNotificationSubgraph({ dispatchIntervalMs: 3_600_000 });
});
afterAll(() => subgraph?.stop());

it('reminds one account of at most 3 holds a day when two instances write reminders at once', async () => {
  const db = subgraph.database.handle.db;
  const w = await world(subgraph);
  const p = await person(subgraph);
  // 25 unpaid holds of the account, each reminder due at once: more than one pass's batch (20).
  for (let i = 0; i < 25; i++) await publish(subgraph, 'booking.held', heldPayload(w, p, randomUUID()));
  await eventually(
    async () =>
      (
        await db
          .select()
          .from(bookings)
          .where(and(eq(bookings.userId, p.userId), isNotNull(bookings.remindAt)))
      ).length === 25,
  );
  const sender = () =>
    new SendMessagesService({
      db,
      runner: new TransactionRunner(db, {} as never, undefined, testLogger('sender')),
      retry: { baseMs: 50, maxMs: 200, maxAttempts: 2, forMs: 0 },
      intervalMs: 3_600_000,
      leaseMs: 60_000,
      remindersPerAccountPerDay: 3,
      writing: { webUrl: 'https://busline.test', timeZone: 'Africa/Kigali', perAddressPerHour: 100 },
      logger: testLogger('sender'),
    });
  const [a, b] = [sender(), sender()];
  // Another writer to the passenger's phone holds its lock a moment (as enqueue does): both passes reach it.
  let release!: () => void;
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const holder = db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`notification.to:${p.phone}`}, 0))`);
    locked();
    await new Promise<void>((r) => (release = r));
  });
  await isLocked;
  const passes = Promise.all([a.runOnce(), b.runOnce()]);
  await eventually(async () => (await lockWaiters(db)) >= 2);
  release();
  await holder;
  await passes;
  const reminded = new Set(
    (
      await db
        .select()
        .from(messages)
        .where(and(eq(messages.userId, p.userId), eq(messages.kind, 'HOLD_EXPIRING')))
    ).map((m) => m.bookingId),
  );
  expect(reminded.size).toBe(3);
});

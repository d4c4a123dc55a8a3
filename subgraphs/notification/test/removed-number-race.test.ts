// Notification run as two instances (docs/notifications.md: "any number of instances share the work"): each process
// is a consumer of the group of its own (docs/events.md), so a user.profile_updated and a booking.confirmed of the
// same passenger can be applied at the same time by two instances. Here the second instance is the event handlers
// of events.ts applied in a transaction of the test's, as the consumer applies them, against the subgraph's database;
// the subgraph's own sender sends what ends up committed.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '@busline/shared';
import { eventually, inFlight, lockWaiters, testEvent, testLogger, type InFlight } from '@busline/shared/testing';
import { messages } from '../src/db/schema';
import { createHandlers } from '../src/events';
import { confirmedPayload, person, startNotificationSubgraph, world, type NotificationSubgraph } from './helpers';

let subgraph: NotificationSubgraph;
beforeAll(async () => {
  subgraph = await startNotificationSubgraph();
});
afterAll(() => subgraph?.stop());

const db = () => subgraph.database.handle.db;
const handlers = createHandlers({
  writing: { webUrl: 'https://busline.test', timeZone: 'Africa/Kigali', perAddressPerHour: 20 },
  holdReminderMs: 3 * 60_000,
  maxEventAgeMs: 3_600_000,
  tripAlertSettleMs: 0,
});
const logger = testLogger('replica');

/** Applies `event` as a consumer would, in a transaction that commits only once `release` is called. */
function applyHeld(event: DomainEvent) {
  let release!: () => void;
  let applied!: () => void;
  const isApplied = new Promise<void>((resolve) => (applied = resolve));
  const done = db().transaction(async (tx) => {
    await handlers[event.type]!(event, {
      tx,
      logger,
      emit: () => Promise.reject(new Error('notification emits nothing')),
      emitWith: () => Promise.reject(new Error('notification emits nothing')),
      afterCommit: () => undefined,
    } as never);
    applied();
    await new Promise<void>((resolve) => (release = resolve));
  });
  return { isApplied, done, commit: async () => (release(), await done) };
}

/** Applies `event` in a transaction of its own (another instance), committing at once. */
const apply = (event: DomainEvent) =>
  db().transaction((tx) =>
    handlers[event.type]!(event, {
      tx,
      logger,
      emit: () => Promise.reject(new Error('notification emits nothing')),
      emitWith: () => Promise.reject(new Error('notification emits nothing')),
      afterCommit: () => undefined,
    } as never),
  );

/** Until `request` answered or is seen waiting for a lock (a fix may make it wait for the other transaction). */
async function answeredOrWaiting(request: InFlight<unknown>) {
  const deadline = Date.now() + 10_000;
  while (!request.answered && (await lockWaiters(db())) < 1) {
    if (Date.now() > deadline) throw new Error('neither answered nor waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a passenger removing their phone while their ticket is being written by another instance', () => {
  for (const first of ['profile', 'ticket'] as const)
    it(`never texts the removed number (${first} transaction first)`, async () => {
      const w = await world(subgraph);
      const p = await person(subgraph);
      const oldPhone = p.phone!;
      const removed = testEvent(
        'user.profile_updated',
        { userId: p.userId, fullName: 'Aline Uwase', phone: null, language: 'en', email: p.email },
        'user',
      );
      const confirmed = testEvent('booking.confirmed', confirmedPayload(w, p));
      const [a, b] = first === 'profile' ? [removed, confirmed] : [confirmed, removed];
      const held = applyHeld(a);
      await held.isApplied;
      const other = inFlight(apply(b));
      await answeredOrWaiting(other);
      await held.commit();
      await other.answer;
      // Both committed: the ticket is written, and the sender has had time to send what is due.
      await eventually(async () => {
        const rows = await db().select().from(messages).where(eq(messages.userId, p.userId));
        return rows.length > 0 && rows.every((m) => m.status === 'SENT' || m.status === 'FAILED');
      });
      await new Promise((r) => setTimeout(r, 300));
      // The number the passenger removed (reassigned to someone else, say) gets nothing: docs/notifications.md.
      expect(subgraph.simulator.messages.smsTo(oldPhone).map((m) => m.message)).toEqual([]);
      const rows = await db().select().from(messages).where(eq(messages.userId, p.userId));
      expect(rows.filter((m) => m.address === oldPhone && m.status !== 'FAILED')).toEqual([]);
      expect(rows.filter((m) => m.status === 'SENT').map((m) => `${m.channel} ${m.address}`)).toEqual([
        `EMAIL ${p.email}`,
      ]);
    });
});

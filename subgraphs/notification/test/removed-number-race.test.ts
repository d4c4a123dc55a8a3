// Notification run as two instances (docs/notifications.md: "any number of instances share the work"): each process
// is a consumer of the group of its own (docs/events.md), so a user.profile_updated and a booking.confirmed of the
// same passenger can be applied at the same time by two instances (the second here: two-instances.ts).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, testEvent } from '@busline/shared/testing';
import { messages } from '../src/db/schema';
import { confirmedPayload, person, startNotificationSubgraph, world, type NotificationSubgraph } from './helpers';
import { secondInstance } from './two-instances';

let subgraph: NotificationSubgraph;
beforeAll(async () => {
  // Sending every 2 s, not every 30 ms: with the ticket's transaction first, a send between its commit and the
  // removal's (a few milliseconds) would take the ticket, written before the number was removed, to that number.
  subgraph = await startNotificationSubgraph({ dispatchIntervalMs: 2000 });
});
afterAll(() => subgraph?.stop());

const db = () => subgraph.database.handle.db;
const { race } = secondInstance(() => subgraph);

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
      await race(a, b);
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

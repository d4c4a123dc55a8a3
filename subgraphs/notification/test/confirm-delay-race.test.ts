// Notification run as two instances: a booking.confirmed (ticketing's stream) and a trip.updated (company's) of one
// trip applied at the same time by two of them (the second here: two-instances.ts). The ticket read the trip
// without a lock and named the old time, and the delay, listing the trip's confirmed bookings, could not see the
// ticket's booking before it committed: nobody was told. The ticket now share-locks the trip first.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, testEvent } from '@busline/shared/testing';
import { messages } from '../src/db/schema';
import {
  confirmedPayload,
  person,
  startNotificationSubgraph,
  tripSnapshot,
  world,
  type NotificationSubgraph,
} from './helpers';
import { secondInstance } from './two-instances';

let subgraph: NotificationSubgraph;
beforeAll(async () => {
  subgraph = await startNotificationSubgraph();
});
afterAll(() => subgraph?.stop());

const db = () => subgraph.database.handle.db;
const { race } = secondInstance(() => subgraph);

describe('a ticket written while another instance applies a delay of its trip', () => {
  for (const first of ['ticket', 'delay'] as const)
    it(`tells the passenger the new departure (${first} transaction first)`, async () => {
      const w = await world(subgraph);
      const p = await person(subgraph);
      // The trip leaves 07:00 Kigali; the company moves it to 08:00 (version 2).
      const delayed = testEvent(
        'trip.updated',
        tripSnapshot({ ...w, version: 2, departureAt: new Date(w.departureAt.getTime() + 3_600_000) }),
        'company',
      );
      const confirmed = testEvent('booking.confirmed', confirmedPayload(w, p));
      await race(...(first === 'ticket' ? ([confirmed, delayed] as const) : ([delayed, confirmed] as const)));
      await eventually(async () => {
        const rows = await db().select().from(messages).where(eq(messages.userId, p.userId));
        return rows.length > 0 && rows.every((m) => m.status === 'SENT' || m.status === 'FAILED');
      });
      await new Promise((r) => setTimeout(r, 300));
      // The ticket names 8:00, or an alert says so: never only the 7:00 ticket.
      const texts = subgraph.simulator.messages.smsTo(p.phone!).map((m) => m.message);
      expect(
        texts.some((t) => /Jan 15, 2030, 8:00\sAM/.test(t)),
        texts.join(' | '),
      ).toBe(true);
    });
});

// booking.held applied as a batch (one statement for a run of holds) next to a cancellation or expiry of one of them
// in the same read: the booking ends closed, its reminder dropped, whatever was applied in one transaction.
import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { appliedInOneTransaction, testEvent as event } from '@busline/shared/testing';
import type { DomainEvent } from '@busline/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bookings, processedEvents } from '../src/db/schema';
import { startNotificationSubgraph, type NotificationSubgraph } from './helpers';

let subgraph: NotificationSubgraph;
beforeAll(async () => {
  subgraph = await startNotificationSubgraph();
});
afterAll(() => subgraph.stop());

const held = (bookingId: string, tripId: string, userId: string) =>
  event('booking.held', {
    bookingId,
    tripId,
    companyId: randomUUID(),
    userId,
    tickets: [{ ticketId: randomUUID(), seatNumber: '1A', passengerName: 'Aline' }],
    totalAmount: { amount: 9_000, currency: 'RWF' },
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    departureAt: new Date(Date.now() + 86_400_000).toISOString(),
  });

/**
 * Publishes the events right behind another hold, so that the consumer, busy with that one, finds them all in its
 * next read; whether they were applied in one transaction shows in processed_events (now() is the transaction's).
 */
async function publishTogether(events: DomainEvent[]): Promise<boolean> {
  const bus = subgraph.deps.bus;
  await bus.publish(held(randomUUID(), randomUUID(), randomUUID()));
  for (const e of events) await bus.publish(e);
  return appliedInOneTransaction(subgraph.database.handle.db, processedEvents, events);
}

async function states(...bookingIds: string[]): Promise<string[]> {
  const rows = await subgraph.database.handle.db
    .select({ bookingId: bookings.bookingId, status: bookings.status, remindAt: bookings.remindAt })
    .from(bookings)
    .where(inArray(bookings.bookingId, bookingIds));
  return bookingIds.map((id) => {
    const row = rows.find((r) => r.bookingId === id);
    return row ? `${row.status}${row.remindAt ? ' reminder' : ''}` : 'none';
  });
}

it('closes a hold cancelled or expired in the same read as it was held (with another hold, applyMany)', async () => {
  let batched = 0;
  for (let attempt = 0; attempt < 5 && batched < 2; attempt++) {
    const [x, y, z, trip, user] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const events = [
      held(x, trip, user),
      held(y, trip, user),
      held(z, trip, user),
      event('booking.cancelled', {
        bookingId: x,
        tripId: trip,
        companyId: randomUUID(),
        userId: user,
        reason: 'PASSENGER',
        cancelledBy: user,
        ticketIds: [],
        refund: null,
        paymentId: null,
      }),
      event('booking.expired', { bookingId: z, tripId: trip, userId: user, ticketIds: [] }),
    ];
    if (await publishTogether(events)) batched++;
    expect(await states(x, y, z)).toEqual(['CANCELLED', 'HELD reminder', 'EXPIRED']);
  }
  expect(batched).toBeGreaterThan(0);
});

it('records a hold delivered twice in one read once, next to the other holds of the read', async () => {
  const [x, y, trip, user] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const first = held(x, trip, user);
  await publishTogether([first, held(y, trip, user), first]);
  expect(await states(x, y)).toEqual(['HELD reminder', 'HELD reminder']);
});

// booking.held applied as a batch (one statement for a run of holds) next to a cancellation or expiry of one of them
// in the same read: the replica ends in the state the events tell, whatever was applied in one transaction.
import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { appliedInOneTransaction, testEvent as event } from '@busline/shared/testing';
import type { DomainEvent } from '@busline/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { payableBookings, processedEvents } from '../src/db/schema';
import { startPaymentSubgraph, type PaymentSubgraph } from './helpers';

let subgraph: PaymentSubgraph;
beforeAll(async () => {
  subgraph = await startPaymentSubgraph({ sandboxCallbackDelayMs: 60_000, reconcileAfterMs: 600_000 });
});
afterAll(() => subgraph.stop());

const held = (bookingId: string, userId: string) =>
  event('booking.held', {
    bookingId,
    tripId: randomUUID(),
    companyId: randomUUID(),
    userId,
    tickets: [{ ticketId: randomUUID(), seatNumber: '1A', passengerName: 'Aline' }],
    totalAmount: { amount: 9_000, currency: 'RWF' },
    expiresAt: new Date(Date.now() + 600_000).toISOString(),
    departureAt: new Date(Date.now() + 86_400_000).toISOString(),
  });

/**
 * Publishes the events right behind another hold, so that the consumer, busy with that one, finds them all in its
 * next read; whether they were applied in one transaction shows in processed_events (now() is the transaction's).
 */
async function publishTogether(events: DomainEvent[]): Promise<boolean> {
  const bus = subgraph.deps.bus;
  await bus.publish(held(randomUUID(), randomUUID()));
  for (const e of events) await bus.publish(e);
  return appliedInOneTransaction(subgraph.database.handle.db, processedEvents, events);
}

async function states(...bookingIds: string[]): Promise<string[]> {
  const rows = await subgraph.database.handle.db
    .select({ bookingId: payableBookings.bookingId, state: payableBookings.state })
    .from(payableBookings)
    .where(inArray(payableBookings.bookingId, bookingIds));
  return bookingIds.map((id) => rows.find((row) => row.bookingId === id)?.state ?? 'none');
}

it('closes a hold cancelled or expired in the same read as it was held (with another hold, applyMany)', async () => {
  let batched = 0;
  for (let attempt = 0; attempt < 5 && batched < 2; attempt++) {
    const [x, y, z, user] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const events = [
      held(x, user),
      held(y, user),
      held(z, user),
      event('booking.cancelled', {
        bookingId: x,
        tripId: randomUUID(),
        companyId: randomUUID(),
        userId: user,
        reason: 'PASSENGER',
        cancelledBy: user,
        ticketIds: [],
        refund: null,
        paymentId: null,
      }),
      event('booking.expired', { bookingId: z, tripId: randomUUID(), userId: user, ticketIds: [] }),
    ];
    if (await publishTogether(events)) batched++;
    expect(await states(x, y, z)).toEqual(['CANCELLED', 'PAYABLE', 'EXPIRED']);
  }
  expect(batched).toBeGreaterThan(0);
});

it('records a hold delivered twice in one read once, next to the other holds of the read', async () => {
  const [x, y, user] = [randomUUID(), randomUUID(), randomUUID()];
  const first = held(x, user);
  await publishTogether([first, held(y, user), first]);
  expect(await states(x, y)).toEqual(['PAYABLE', 'PAYABLE']);
});

// Money that reaches a booking after it ended (PAID_AFTER_EXPIRY, PAID_AFTER_CANCELLATION) is refunded, and its
// payment.refunded moves the booking to REFUNDED (booking.refunded) — unless an earlier payment attempt of the booking
// failed: bookings.payment_id then holds that failed attempt, and advance-bookings.ts paymentRefunded takes the refund
// of the money that did arrive for "the refund of another payment of this booking" and leaves the booking as it was.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@busline/shared';
import { bookings, outbox } from '../src/db/schema';
import {
  deliverer,
  HOLD,
  holdInput,
  passenger,
  startTicketing,
  tripSnapshot,
  type TicketingTestSubgraph,
} from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;
const money = { amount: 5000, currency: 'RWF' };

beforeAll(async () => {
  subgraph = await startTicketing({ sweepIntervalMs: 0 });
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

const db = () => subgraph.database.handle.db;
const bookingRow = async (id: string) => (await db().select().from(bookings).where(eq(bookings.id, id)))[0]!;
const eventsOf = async (type: string, bookingId: string) =>
  (await db().select().from(outbox).where(eq(outbox.type, type)))
    .map((r) => r.payload as Record<string, unknown>)
    .filter((p) => p.bookingId === bookingId);

async function hold(tripId: string, seat: string, owner: Viewer): Promise<string> {
  const result = await subgraph.request(HOLD, holdInput(tripId, [seat]), owner);
  return result.data!.holdSeats.id as string;
}

/** A mobile-money attempt the payer rejected: payment.started then payment.failed. */
async function failedAttempt(bookingId: string) {
  const attempt = { paymentId: `rejected-${bookingId}`, bookingId, userId: 'u', amount: money, method: 'MTN_MOMO' };
  await deliver('payment.started', attempt);
  await deliver('payment.failed', { ...attempt, reason: 'APPROVAL_REJECTED' });
}

/** Cash taken for the booking (payment.succeeded, no payment.started), later refunded (payment.refunded). */
const cash = (bookingId: string) => ({
  paymentId: `cash-${bookingId}`,
  bookingId,
  userId: 'u',
  amount: money,
  method: 'CASH',
  providerReference: 'cash:shift',
});
const paid = (bookingId: string) =>
  deliver('payment.succeeded', { ...cash(bookingId), succeededAt: new Date().toISOString() });
const refunded = (bookingId: string) =>
  deliver('payment.refunded', { ...cash(bookingId), refundId: `r-${bookingId}`, refundedAt: new Date().toISOString() });

async function outcome(bookingId: string) {
  return {
    status: (await bookingRow(bookingId)).status,
    refundRequested: (await eventsOf('refund.requested', bookingId)).map((e) => e.reason),
    bookingRefunded: (await eventsOf('booking.refunded', bookingId)).length,
  };
}

describe('refund of money that came after the booking ended', () => {
  it('marks an expired booking REFUNDED also when an earlier payment attempt of it had failed', async () => {
    const trip = tripSnapshot({ rows: 1 });
    await deliver('trip.scheduled', trip);
    const plain = await hold(trip.tripId, '1A', passenger());
    const retried = await hold(trip.tripId, '1B', passenger());
    await failedAttempt(retried);
    // Both holds run out and are swept; then money arrives for each (cash taken as the hold ran out, whose event
    // came after the sweep), ticketing asks for it back, and payment hands it back.
    expect(await subgraph.server.services.sweeper.sweep(new Date(Date.now() + 11 * 60_000))).toBe(2);
    for (const id of [plain, retried]) {
      await paid(id);
      await refunded(id);
    }
    const expected = { status: 'REFUNDED', refundRequested: ['PAID_AFTER_EXPIRY'], bookingRefunded: 1 };
    expect(await outcome(plain)).toEqual(expected);
    expect(await outcome(retried)).toEqual(expected);
  });

  it('marks a cancelled, never paid booking REFUNDED also when an earlier payment attempt of it had failed', async () => {
    const trip = tripSnapshot({ rows: 1 });
    await deliver('trip.scheduled', trip);
    const owner = passenger();
    const bookingId = await hold(trip.tripId, '1C', owner);
    await failedAttempt(bookingId);
    // The passenger releases the hold online while the counter takes cash for it (payment had not seen the
    // cancellation yet): ticketing asks for the cash back, payment hands it back.
    const cancel = await subgraph.request(
      'mutation($id: ID!) { cancelBooking(bookingId: $id) { status } }',
      { id: bookingId },
      owner,
    );
    expect(cancel.data?.cancelBooking.status).toBe('CANCELLED');
    await paid(bookingId);
    await refunded(bookingId);
    expect(await outcome(bookingId)).toEqual({
      status: 'REFUNDED',
      refundRequested: ['PAID_AFTER_CANCELLATION'],
      bookingRefunded: 1,
    });
  });
});

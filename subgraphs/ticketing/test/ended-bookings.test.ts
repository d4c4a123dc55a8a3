// Bookings that ended: a hold whose time ran out (at its bus's departure at the latest) is no cancellation, and money
// that arrived after a booking was cancelled is shown as the refund it is.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const HOUR = 3_600_000;
const CANCEL =
  'mutation($id: ID!) { cancelBooking(bookingId: $id) { id status cancellationReason refund { amount } } }';
const BOOKING = 'query($id: ID!) { booking(id: $id) { id status cancellationReason refund { amount currency } } }';

const eventsOf = async (type: string, bookingId: string) =>
  (await subgraph.database.handle.db.select().from(outbox).where(eq(outbox.type, type)))
    .map((row) => row.payload as Record<string, any>)
    .filter((payload) => payload.bookingId === bookingId);

beforeAll(async () => {
  subgraph = await startTicketing({ sweepIntervalMs: 0 });
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

describe('cancelBooking of a hold', () => {
  // schema.graphql cancelBooking: "A hold can be released until departure"; an EXPIRED booking fails with its status.
  it('refuses to "release" a hold once its bus has left: the hold ended at departure, it is not a cancellation', async () => {
    const departureAt = new Date(Date.now() + 2_500);
    const trip = tripSnapshot({
      rows: 1,
      departureAt: departureAt.toISOString(),
      arrivalAt: new Date(departureAt.getTime() + HOUR).toISOString(),
    });
    await deliver('trip.scheduled', trip);
    const owner = passenger();
    const held = await subgraph.request(HOLD, holdInput(trip.tripId, ['1A']), owner);
    expect(held.errors).toBeUndefined();
    const bookingId = held.data!.holdSeats.id as string;
    // The bus leaves (the sweeper has not run yet: it runs every 2 s in production).
    await new Promise((resolve) => setTimeout(resolve, departureAt.getTime() - Date.now() + 300));

    const result = await subgraph.request(CANCEL, { id: bookingId }, owner);

    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EXPIRED' });
    const [stored] = await subgraph.database.handle.db.select().from(bookings).where(eq(bookings.id, bookingId));
    expect(stored!.status).not.toBe('CANCELLED');
    expect(await eventsOf('booking.cancelled', bookingId)).toEqual([]);
  });
});

describe('money owed on a cancelled booking', () => {
  // schema.graphql Booking.refund: "Money to be (or that was) returned on cancellation; null when nothing was paid."
  it('shows the full refund owed when the payment that was in flight at cancellation settles afterwards', async () => {
    const trip = tripSnapshot({ rows: 1 });
    await deliver('trip.scheduled', trip);
    const owner = passenger();
    const held = await subgraph.request(HOLD, holdInput(trip.tripId, ['1A']), owner);
    const bookingId = held.data!.holdSeats.id as string;
    const payment = {
      paymentId: `pay-${bookingId}`,
      bookingId,
      userId: owner.userId,
      amount: { amount: 5000, currency: 'RWF' },
      method: 'MTN_MOMO',
    };
    await deliver('payment.started', { ...payment, startedAt: new Date().toISOString() });
    // The passenger cancels while the mobile-money prompt is still on their phone...
    const cancelled = await subgraph.request(CANCEL, { id: bookingId }, owner);
    expect(cancelled.data!.cancelBooking).toMatchObject({ status: 'CANCELLED', refund: null });
    // ...and approves it anyway: the money arrives and ticketing asks for all of it back.
    await deliver('payment.succeeded', { ...payment, providerReference: 'r', succeededAt: new Date().toISOString() });
    const refunds = await eventsOf('refund.requested', bookingId);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.amount).toEqual({ amount: 5000, currency: 'RWF' });

    const seen = await subgraph.request(BOOKING, { id: bookingId }, owner);

    // 5000 was paid and is owed back in full.
    expect(seen.data!.booking.refund).toEqual({ amount: 5000, currency: 'RWF' });
  });

  it('adds every late payment handed back, up to what Money.amount holds, and asks for each refund', async () => {
    const trip = tripSnapshot({ rows: 1 });
    await deliver('trip.scheduled', trip);
    const owner = passenger();
    const held = await subgraph.request(HOLD, holdInput(trip.tripId, ['1A']), owner);
    const bookingId = held.data!.holdSeats.id as string;
    expect((await subgraph.request(CANCEL, { id: bookingId }, owner)).errors).toBeUndefined();
    // Two payments arrive after the cancellation, together more than 32 bits hold.
    for (const n of [1, 2])
      await deliver('payment.succeeded', {
        paymentId: `pay-${n}-${bookingId}`,
        bookingId,
        userId: owner.userId,
        amount: { amount: 2_000_000_000, currency: 'RWF' },
        method: 'MTN_MOMO',
        providerReference: `r-${n}`,
        succeededAt: new Date().toISOString(),
      });
    expect(await eventsOf('refund.requested', bookingId)).toHaveLength(2);
    const seen = await subgraph.request(BOOKING, { id: bookingId }, owner);
    expect(seen.data!.booking.refund).toEqual({ amount: 2_147_483_647, currency: 'RWF' });
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
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
const trip = tripSnapshot();
const SEAT_MAP =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on Trip { availableSeats seatMap { label state } } } }';

const seatState = async (label: string) => {
  const result = await subgraph.request(SEAT_MAP, { r: [{ __typename: 'Trip', id: trip.tripId }] });
  return result.data?._entities[0].seatMap.find((s: { label: string }) => s.label === label)?.state as string;
};
const outboxOf = async (type: string, bookingId: string) =>
  (await subgraph.database.handle.db.select().from(outbox).where(eq(outbox.type, type))).filter(
    (row) => (row.payload as { bookingId: string }).bookingId === bookingId,
  );
const pastExpiry = (bookingId: string) =>
  subgraph.database.handle.db
    .update(bookings)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(bookings.id, bookingId));

beforeAll(async () => {
  subgraph = await startTicketing({ sweepIntervalMs: 100 });
  deliver = deliverer(subgraph);
  await deliver('trip.scheduled', trip);
});
afterAll(() => subgraph.stop());

describe('hold expiry', () => {
  it('frees the seats of a hold past its time through the sweeper and records booking.expired', async () => {
    const hold = await subgraph.request(HOLD, holdInput(trip.tripId, ['1A']), passenger());
    const bookingId = hold.data?.holdSeats.id as string;
    expect(await seatState('1A')).toBe('HELD');
    await pastExpiry(bookingId);
    await eventually(async () => (await seatState('1A')) === 'AVAILABLE', 5000);
    const [booking] = await subgraph.database.handle.db.select().from(bookings).where(eq(bookings.id, bookingId));
    expect(booking?.status).toBe('EXPIRED');
    const [expired] = await outboxOf('booking.expired', bookingId);
    expect(expired?.payload).toMatchObject({
      bookingId,
      tripId: trip.tripId,
      ticketIds: [hold.data?.holdSeats.tickets[0].id],
    });
  });

  it('expires a pending payment too', async () => {
    const hold = await subgraph.request(HOLD, holdInput(trip.tripId, ['1B']), passenger());
    const bookingId = hold.data?.holdSeats.id as string;
    await deliver('payment.started', {
      paymentId: 'pay-1',
      bookingId,
      userId: 'u',
      amount: { amount: 5000, currency: 'RWF' },
      method: 'MTN_MOMO',
    });
    await pastExpiry(bookingId);
    await eventually(async () => (await outboxOf('booking.expired', bookingId)).length === 1, 5000);
  });

  it('requests a refund once for a payment that succeeds after expiry, however often it is delivered', async () => {
    const hold = await subgraph.request(HOLD, holdInput(trip.tripId, ['2A']), passenger());
    const bookingId = hold.data?.holdSeats.id as string;
    await pastExpiry(bookingId);
    await eventually(async () => (await outboxOf('booking.expired', bookingId)).length === 1, 5000);
    const payload = {
      paymentId: 'pay-late',
      bookingId,
      userId: 'u',
      amount: { amount: 5000, currency: 'RWF' },
      method: 'MTN_MOMO',
    };
    const first = await deliver('payment.succeeded', payload);
    await deliver('payment.succeeded', payload, first.id);
    const refunds = await outboxOf('refund.requested', bookingId);
    expect(refunds.map((r) => r.payload)).toEqual([
      { bookingId, paymentId: 'pay-late', amount: { amount: 5000, currency: 'RWF' }, reason: 'PAID_AFTER_EXPIRY' },
    ]);
    const [booking] = await subgraph.database.handle.db.select().from(bookings).where(eq(bookings.id, bookingId));
    expect(booking?.status).toBe('EXPIRED');
  });
});

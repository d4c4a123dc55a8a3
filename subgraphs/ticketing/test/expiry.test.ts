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
    // Free at once (a hold past its time holds nothing), and ended by the sweeper.
    expect(await seatState('1A')).toBe('AVAILABLE');
    const status = async () =>
      (await subgraph.database.handle.db.select().from(bookings).where(eq(bookings.id, bookingId)))[0]?.status;
    await eventually(async () => (await status()) === 'EXPIRED', 5000);
    const [expired] = await outboxOf('booking.expired', bookingId);
    expect(expired?.payload).toMatchObject({
      bookingId,
      tripId: trip.tripId,
      ticketIds: [hold.data?.holdSeats.tickets[0].id],
    });
  });

  describe('a hold awaiting a started payment', () => {
    const bookingStatus = async (bookingId: string) =>
      (await subgraph.database.handle.db.select().from(bookings).where(eq(bookings.id, bookingId)))[0]?.status;
    const startPaying = async (seat: string, endedMsAgo: number) => {
      const hold = await subgraph.request(HOLD, holdInput(trip.tripId, [seat]), passenger());
      const bookingId = hold.data?.holdSeats.id as string;
      const payment = {
        paymentId: `pay-${bookingId}`,
        bookingId,
        userId: 'u',
        amount: { amount: 5000, currency: 'RWF' },
        method: 'MTN_MOMO',
      };
      await deliver('payment.started', payment);
      const expiresAt = new Date(Date.now() - endedMsAgo);
      await subgraph.database.handle.db.update(bookings).set({ expiresAt }).where(eq(bookings.id, bookingId));
      return { bookingId, payment, expiresAt };
    };

    it('keeps its seats for the grace past its end: no sweep and no new hold ends it', async () => {
      const { bookingId } = await startPaying('1B', 1000);
      await subgraph.server.services.sweeper.sweep();
      expect(await bookingStatus(bookingId)).toBe('PENDING_PAYMENT');
      const other = await subgraph.request(HOLD, holdInput(trip.tripId, ['1B']), passenger());
      expect(other.errors?.[0]?.extensions?.code).toBe('SEAT_UNAVAILABLE');
      expect(await bookingStatus(bookingId)).toBe('PENDING_PAYMENT');
      expect(await seatState('1B')).toBe('HELD');
      expect(await outboxOf('booking.expired', bookingId)).toEqual([]);
    });

    it('is confirmed by a payment made in time whose news comes within the grace', async () => {
      const { bookingId, payment, expiresAt } = await startPaying('3A', 30_000);
      await subgraph.server.services.sweeper.sweep();
      const succeededAt = new Date(expiresAt.getTime() - 5000).toISOString();
      await deliver('payment.succeeded', { ...payment, providerReference: 'momo:3A', succeededAt });
      expect(await bookingStatus(bookingId)).toBe('CONFIRMED');
      expect(await outboxOf('refund.requested', bookingId)).toEqual([]);
      expect(await outboxOf('booking.confirmed', bookingId)).toHaveLength(1);
    });

    it('is confirmed by a payment that succeeds after its end, within the grace (its seats still kept)', async () => {
      const { bookingId, payment, expiresAt } = await startPaying('3B', 30_000);
      const succeededAt = new Date(expiresAt.getTime() + 1000).toISOString();
      await deliver('payment.succeeded', { ...payment, providerReference: 'momo:3B', succeededAt });
      expect(await bookingStatus(bookingId)).toBe('CONFIRMED');
      expect(await outboxOf('refund.requested', bookingId)).toEqual([]);
    });

    it('ends after the grace: the sweeper expires it and its seat is free', async () => {
      const { bookingId } = await startPaying('3C', subgraph.server.services.options.pendingPaymentGraceMs + 1000);
      await eventually(async () => (await outboxOf('booking.expired', bookingId)).length === 1, 5000);
      expect(await bookingStatus(bookingId)).toBe('EXPIRED');
      expect(await seatState('3C')).toBe('AVAILABLE');
    });

    it('ends after the grace for a new hold of its seat before any sweep', async () => {
      const { bookingId } = await startPaying('3D', subgraph.server.services.options.pendingPaymentGraceMs + 1000);
      const other = await subgraph.request(HOLD, holdInput(trip.tripId, ['3D']), passenger());
      expect(other.errors).toBeUndefined();
      expect(await bookingStatus(bookingId)).toBe('EXPIRED');
    });
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

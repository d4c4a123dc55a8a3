import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@busline/shared';
import { bookings, outbox } from '../src/db/schema';
import { refundPercent } from '../src/services/refund-policy';
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
  'mutation($id: ID!) { cancelBooking(bookingId: $id) { id status refund { amount currency } tickets { status } } }';

const tripLeavingIn = async (hours: number) => {
  const departureAt = new Date(Date.now() + hours * HOUR);
  const snapshot = tripSnapshot({
    rows: 1,
    departureAt: departureAt.toISOString(),
    arrivalAt: new Date(departureAt.getTime() + HOUR).toISOString(),
  });
  await deliver('trip.scheduled', snapshot);
  return snapshot;
};
async function hold(tripId: string, owner: Viewer, seats = ['1A']) {
  const result = await subgraph.request(HOLD, holdInput(tripId, seats), owner);
  return result.data!.holdSeats as { id: string };
}
async function pay(bookingId: string) {
  const money = { amount: 5000, currency: 'RWF' };
  await deliver('payment.started', {
    paymentId: `pay-${bookingId}`,
    bookingId,
    userId: 'u',
    amount: money,
    method: 'MTN_MOMO',
  });
  await deliver('payment.succeeded', { paymentId: `pay-${bookingId}`, bookingId, userId: 'u', amount: money });
}
const cancelledEvent = async (bookingId: string) =>
  (await subgraph.database.handle.db.select().from(outbox).where(eq(outbox.type, 'booking.cancelled')))
    .map((r) => r.payload as Record<string, unknown>)
    .find((p) => p.bookingId === bookingId);

beforeAll(async () => {
  subgraph = await startTicketing();
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

describe('refund tiers', () => {
  it('applies the first tier whose threshold is met, and none below the lowest', () => {
    const tiers = [
      { minHoursBeforeDeparture: 2, refundPercent: 50 },
      { minHoursBeforeDeparture: 24, refundPercent: 90 },
    ];
    expect([
      refundPercent(tiers, 30),
      refundPercent(tiers, 24),
      refundPercent(tiers, 5),
      refundPercent(tiers, 1.9),
    ]).toEqual([90, 90, 50, 0]);
  });
});

describe('cancelBooking', () => {
  it('cancels a hold for its owner without refund and frees the seat', async () => {
    const owner = passenger();
    const trip = await tripLeavingIn(48);
    const booking = await hold(trip.tripId, owner);
    const result = await subgraph.request(CANCEL, { id: booking.id }, owner);
    expect(result.data?.cancelBooking).toMatchObject({
      status: 'CANCELLED',
      refund: null,
      tickets: [{ status: 'CANCELLED' }],
    });
    expect(await cancelledEvent(booking.id)).toMatchObject({
      reason: 'PASSENGER',
      cancelledBy: owner.userId,
      refund: null,
    });
    expect((await subgraph.request(HOLD, holdInput(trip.tripId, ['1A']), passenger())).data?.holdSeats.status).toBe(
      'HELD',
    );
  });

  it.each([
    [48, 4500],
    [10, 2500],
    [1, 0],
  ])('refunds a confirmed booking cancelled %i hours before departure %i RWF of 5000', async (hours, refund) => {
    const owner = passenger();
    const trip = await tripLeavingIn(hours);
    const booking = await hold(trip.tripId, owner);
    await pay(booking.id);
    const result = await subgraph.request(CANCEL, { id: booking.id }, owner);
    expect(result.data?.cancelBooking).toMatchObject({
      status: 'CANCELLED',
      refund: { amount: refund, currency: 'RWF' },
    });
    expect(await cancelledEvent(booking.id)).toMatchObject({
      refund: { amount: refund, currency: 'RWF' },
      paymentId: `pay-${booking.id}`,
    });
  });

  it("lets the company's admin and a platform admin cancel, but not another company's admin nor a driver", async () => {
    const trip = await tripLeavingIn(48);
    const admin: Viewer = { userId: randomUUID(), role: 'COMPANY_ADMIN', companyId: trip.companyId };
    const strangerAdmin: Viewer = { userId: randomUUID(), role: 'COMPANY_ADMIN', companyId: randomUUID() };
    const driver: Viewer = { userId: randomUUID(), role: 'DRIVER', companyId: trip.companyId };
    const platform: Viewer = { userId: randomUUID(), role: 'PLATFORM_ADMIN', companyId: null };
    const first = await hold(trip.tripId, passenger(), ['1A']);
    const second = await hold(trip.tripId, passenger(), ['1B']);
    for (const outsider of [strangerAdmin, driver, passenger()]) {
      const refused = await subgraph.request(CANCEL, { id: first.id }, outsider);
      expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect((await subgraph.request(CANCEL, { id: first.id }, admin)).data?.cancelBooking.status).toBe('CANCELLED');
    expect(await cancelledEvent(first.id)).toMatchObject({ reason: 'COMPANY', cancelledBy: admin.userId });
    expect((await subgraph.request(CANCEL, { id: second.id }, platform)).data?.cancelBooking.status).toBe('CANCELLED');
  });

  it('refunds a confirmed booking in full when the company or a platform admin cancels it, whatever the tiers', async () => {
    // An hour before departure the passenger's own cancellation refunds nothing (above).
    const trip = await tripLeavingIn(1);
    const admin: Viewer = { userId: randomUUID(), role: 'COMPANY_ADMIN', companyId: trip.companyId };
    const platform: Viewer = { userId: randomUUID(), role: 'PLATFORM_ADMIN', companyId: null };
    for (const [canceller, seat] of [
      [admin, '1A'],
      [platform, '1B'],
    ] as const) {
      const booking = await hold(trip.tripId, passenger(), [seat]);
      await pay(booking.id);
      const result = await subgraph.request(CANCEL, { id: booking.id }, canceller);
      expect(result.data?.cancelBooking).toMatchObject({
        status: 'CANCELLED',
        refund: { amount: 5000, currency: 'RWF' },
      });
      expect(await cancelledEvent(booking.id)).toMatchObject({
        reason: 'COMPANY',
        cancelledBy: canceller.userId,
        refund: { amount: 5000, currency: 'RWF' },
      });
    }
  });

  it("uses the company's latest refund policy, ignoring an older update that arrives late", async () => {
    const owner = passenger();
    const trip = await tripLeavingIn(48);
    const policy = (percent: number) => ({
      companyId: trip.companyId,
      name: 'Volcano',
      slug: 'volcano',
      refundPolicy: { tiers: [{ minHoursBeforeDeparture: 24, refundPercent: percent }] },
    });
    const newer = await deliver('company.updated', policy(100));
    await deliver('company.updated', policy(10), undefined, new Date(new Date(newer.occurredAt).getTime() - 60_000));
    const booking = await hold(trip.tripId, owner);
    await pay(booking.id);
    const result = await subgraph.request(CANCEL, { id: booking.id }, owner);
    expect(result.data?.cancelBooking.refund).toEqual({ amount: 5000, currency: 'RWF' });
  });

  it('refuses to cancel a booking that already ended with BAD_USER_INPUT', async () => {
    const owner = passenger();
    const trip = await tripLeavingIn(48);
    const booking = await hold(trip.tripId, owner);
    await subgraph.database.handle.db.update(bookings).set({ status: 'EXPIRED' }).where(eq(bookings.id, booking.id));
    const result = await subgraph.request(CANCEL, { id: booking.id }, owner);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EXPIRED' });
    expect(await cancelledEvent(booking.id)).toBeUndefined();
  });

  it('answers a repeated cancellation (a lost answer retried) with the cancelled booking, changing nothing', async () => {
    const owner = passenger();
    const trip = await tripLeavingIn(48);
    const booking = await hold(trip.tripId, owner);
    await pay(booking.id);
    const first = await subgraph.request(CANCEL, { id: booking.id }, owner);
    expect(first.data?.cancelBooking).toMatchObject({ status: 'CANCELLED', refund: { amount: 4500, currency: 'RWF' } });
    const retry = await subgraph.request(CANCEL, { id: booking.id }, owner);
    expect(retry.errors).toBeUndefined();
    expect(retry.data?.cancelBooking).toEqual(first.data?.cancelBooking);
    // Someone else cancelling it now (an admin on a stale page) is told it was cancelled already.
    const companyAdmin: Viewer = { userId: randomUUID(), role: 'COMPANY_ADMIN', companyId: trip.companyId };
    const late = await subgraph.request(CANCEL, { id: booking.id }, companyAdmin);
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BOOKING_CANCELLED' });
    // A company admin's double click at once: one cancellation, both answered with it.
    const other = await hold(trip.tripId, passenger(), ['1B']);
    await pay(other.id);
    const admin: Viewer = { userId: randomUUID(), role: 'COMPANY_ADMIN', companyId: trip.companyId };
    const answers = await Promise.all([1, 2].map(() => subgraph.request(CANCEL, { id: other.id }, admin)));
    for (const answer of answers)
      expect(answer.data?.cancelBooking).toMatchObject({ status: 'CANCELLED', refund: { amount: 5000 } });
    const events = (await subgraph.database.handle.db.select().from(outbox).where(eq(outbox.type, 'booking.cancelled')))
      .map((r) => r.payload as { bookingId: string })
      .filter((p) => p.bookingId === booking.id || p.bookingId === other.id);
    expect(events).toHaveLength(2);
  });

  it('requires a signed-in user', async () => {
    const result = await subgraph.request(CANCEL, { id: randomUUID() });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

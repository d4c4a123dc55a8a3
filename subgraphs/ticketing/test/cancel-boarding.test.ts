import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@busline/shared';
import { inFlight, itConcurrent, untilWaiting } from '@busline/shared/testing';
import { bookings, outbox, tickets } from '../src/db/schema';
import { BookingRepository } from '../src/repositories/booking-repository';
import {
  deliverer,
  HOLD,
  holdInput,
  holdingLocks,
  lockWaiters,
  passenger,
  startTicketing,
  tripSnapshot,
  type TicketingTestSubgraph,
} from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;
const MINUTE = 60_000;
const CANCEL = 'mutation($id: ID!) { cancelBooking(bookingId: $id) { id status refund { amount } } }';
const BOARDING_STARTED = {
  message:
    'Cancellation is closed: boarding may have started (bookings can be cancelled until 30 minutes before departure)',
  extensions: { code: 'BAD_USER_INPUT', field: 'bookingId', reason: 'BOARDING_STARTED' },
};

async function tripLeavingIn(minutes: number) {
  const departureAt = new Date(Date.now() + minutes * MINUTE);
  const trip = tripSnapshot({
    rows: 1,
    departureAt: departureAt.toISOString(),
    arrivalAt: new Date(departureAt.getTime() + 60 * MINUTE).toISOString(),
  });
  await deliver('trip.scheduled', trip);
  return trip;
}

/** A held and paid booking of one seat (1A). */
async function confirmedBooking(tripId: string, owner: Viewer): Promise<{ id: string; ticketId: string }> {
  const held = (await subgraph.request(HOLD, holdInput(tripId, ['1A']), owner)).data!.holdSeats as {
    id: string;
    tickets: { id: string }[];
  };
  const money = { amount: 5000, currency: 'RWF' };
  await deliver('payment.started', {
    paymentId: `pay-${held.id}`,
    bookingId: held.id,
    userId: owner.userId,
    amount: money,
    method: 'MTN_MOMO',
  });
  await deliver('payment.succeeded', {
    paymentId: `pay-${held.id}`,
    bookingId: held.id,
    userId: owner.userId,
    amount: money,
  });
  return { id: held.id, ticketId: held.tickets[0]!.id };
}

const bookingRow = async (id: string) =>
  (await subgraph.database.handle.db.select().from(bookings).where(eq(bookings.id, id)))[0]!;
const ticketRow = async (id: string) =>
  (await subgraph.database.handle.db.select().from(tickets).where(eq(tickets.id, id)))[0]!;
const cancelledEvents = async (bookingId: string) =>
  (await subgraph.database.handle.db.select().from(outbox).where(eq(outbox.type, 'booking.cancelled'))).filter(
    (r) => (r.payload as { bookingId: string }).bookingId === bookingId,
  );
beforeAll(async () => {
  subgraph = await startTicketing();
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

describe('cancelBooking once boarding may have started', () => {
  it('refuses to cancel a confirmed booking 20 minutes before departure, and keeps it confirmed', async () => {
    const owner = passenger();
    const trip = await tripLeavingIn(20);
    const booking = await confirmedBooking(trip.tripId, owner);
    const result = await subgraph.request(CANCEL, { id: booking.id }, owner);
    expect(result.errors).toMatchObject([BOARDING_STARTED]);
    expect(await bookingRow(booking.id)).toMatchObject({ status: 'CONFIRMED', refundAmount: null });
    expect(await cancelledEvents(booking.id)).toEqual([]);
  });

  it('refuses to cancel a confirmed booking once its trip is BOARDING, even hours before departure', async () => {
    const owner = passenger();
    const trip = await tripLeavingIn(5 * 60);
    const booking = await confirmedBooking(trip.tripId, owner);
    await deliver('trip.updated', { ...trip, version: 2, status: 'BOARDING' });
    const result = await subgraph.request(CANCEL, { id: booking.id }, owner);
    expect(result.errors).toMatchObject([BOARDING_STARTED]);
  });

  it('still releases an unpaid hold 20 minutes before departure', async () => {
    const owner = passenger();
    const trip = await tripLeavingIn(20);
    const held = (await subgraph.request(HOLD, holdInput(trip.tripId, ['1A']), owner)).data!.holdSeats as {
      id: string;
    };
    const result = await subgraph.request(CANCEL, { id: held.id }, owner);
    expect(result.data?.cancelBooking).toMatchObject({ status: 'CANCELLED', refund: null });
  });

  it('leaves a ticket scanned after its booking was cancelled cancelled, refund untouched', async () => {
    const owner = passenger();
    const trip = await tripLeavingIn(48 * 60);
    const booking = await confirmedBooking(trip.tripId, owner);
    await subgraph.request(CANCEL, { id: booking.id }, owner);
    await deliver('ticket.boarded', { ticketId: booking.ticketId, bookingId: booking.id });
    expect(await ticketRow(booking.ticketId)).toMatchObject({ status: 'CANCELLED' });
    expect(await bookingRow(booking.id)).toMatchObject({ status: 'CANCELLED', refundAmount: 4500 });
  });

  itConcurrent(
    'refuses a cancellation that races a boarding event: the boarding wins and nothing is refunded',
    async () => {
      const owner = passenger();
      const trip = await tripLeavingIn(48 * 60);
      const booking = await confirmedBooking(trip.tripId, owner);
      // Hold the ticket's row so the boarding event is caught mid-way, then let the cancellation arrive.
      const holder = await holdingLocks(subgraph, (tx) => new BookingRepository(tx).lockTicket(booking.ticketId));
      const boarding = inFlight(deliver('ticket.boarded', { ticketId: booking.ticketId, bookingId: booking.id }));
      await untilWaiting(boarding, async () => (await lockWaiters(subgraph)) >= 1);
      const cancel = inFlight(subgraph.request(CANCEL, { id: booking.id }, owner));
      await untilWaiting(cancel, async () => (await lockWaiters(subgraph)) >= 2);
      await holder.release();
      await boarding.answer;
      const result = await cancel.answer;
      expect(result.errors).toMatchObject([
        { message: 'A passenger of this booking has already boarded', extensions: { code: 'BAD_USER_INPUT' } },
      ]);
      expect(await bookingRow(booking.id)).toMatchObject({ status: 'CONFIRMED', refundAmount: null });
      expect(await ticketRow(booking.ticketId)).toMatchObject({ status: 'BOARDED' });
    },
  );
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, itConcurrent } from '@busline/shared/testing';
import { generateSigningJwk } from '../src/keys/key-ring';
import {
  boardedEvents,
  confirmBooking,
  driverOf,
  passesOf,
  publish,
  startQrSubgraph,
  tokenOf,
  tripUpdated,
  VERIFY,
  type QrSubgraph,
} from './helpers';

let subgraph: QrSubgraph;
beforeAll(async () => {
  subgraph = await startQrSubgraph();
});
afterAll(() => subgraph.stop());

async function scan(token: string, viewer: Parameters<QrSubgraph['request']>[2], tripId?: string) {
  return subgraph.request(VERIFY, { token, tripId }, viewer);
}

describe('verifyTicket', () => {
  it('answers VALID on the first scan, records boarding once, then ALREADY_BOARDED', async () => {
    const booking = await confirmBooking(subgraph);
    const token = await tokenOf(subgraph, booking.ticketIds[0]!);
    const driver = driverOf(booking.companyId);
    const first = await scan(token, driver, booking.tripId);
    expect(first.data?.verifyTicket).toMatchObject({
      result: 'VALID',
      seatNumber: '1A',
      passengerName: 'Passenger 1',
      ticket: { id: booking.ticketIds[0] },
    });
    const second = await scan(token, driver);
    expect(second.data?.verifyTicket).toMatchObject({
      result: 'ALREADY_BOARDED',
      boardedAt: first.data?.verifyTicket.boardedAt,
    });
    expect(await boardedEvents(subgraph, booking.ticketIds[0]!)).toEqual([
      expect.objectContaining({ bookingId: booking.bookingId, scannedBy: driver.userId }),
    ]);
  });

  itConcurrent('lets exactly one of many concurrent scans board the passenger', async () => {
    const booking = await confirmBooking(subgraph);
    const token = await tokenOf(subgraph, booking.ticketIds[0]!);
    const results = await Promise.all(Array.from({ length: 20 }, () => scan(token, driverOf(booking.companyId))));
    const verdicts = results.map((r) => r.data?.verifyTicket.result);
    expect(verdicts.filter((v) => v === 'VALID')).toHaveLength(1);
    expect(verdicts.filter((v) => v === 'ALREADY_BOARDED')).toHaveLength(19);
    expect(await boardedEvents(subgraph, booking.ticketIds[0]!)).toHaveLength(1);
  });

  it('answers NOT_YET_BOARDING before boarding opens, records nothing, and follows a rescheduled departure', async () => {
    const departureAt = new Date(Date.now() + 2 * 3600_000);
    const booking = await confirmBooking(subgraph, { departureAt });
    const token = await tokenOf(subgraph, booking.ticketIds[0]!);
    const driver = driverOf(booking.companyId);
    const early = await scan(token, driver, booking.tripId);
    expect(early.data?.verifyTicket).toMatchObject({
      result: 'NOT_YET_BOARDING',
      boardedAt: null,
      boardingOpensAt: new Date(departureAt.getTime() - 30 * 60_000).toISOString(),
    });
    expect((await passesOf(subgraph, booking.bookingId))[0]).toMatchObject({ status: 'ISSUED', boardedAt: null });
    expect(await boardedEvents(subgraph, booking.ticketIds[0]!)).toEqual([]);

    // The trip is brought forward to leave in 20 minutes: boarding is open.
    const trip = {
      tripId: booking.tripId,
      companyId: booking.companyId,
      version: 2,
      departureAt: new Date(Date.now() + 20 * 60_000).toISOString(),
    };
    const updated = randomUUID();
    await publish(subgraph, 'trip.updated', trip, updated);
    await eventually(() => subgraph.deliveries(updated) > 0);
    // An older snapshot delivered later does not move it back.
    const older = randomUUID();
    await publish(subgraph, 'trip.scheduled', { ...trip, version: 1, departureAt: departureAt.toISOString() }, older);
    await eventually(() => subgraph.deliveries(older) > 0);
    expect((await scan(token, driver, booking.tripId)).data?.verifyTicket.result).toBe('VALID');
  });

  it('answers INVALID when one character of the token is changed', async () => {
    const booking = await confirmBooking(subgraph);
    const token = await tokenOf(subgraph, booking.ticketIds[0]!);
    const middle = Math.floor(token.length / 2);
    const changed = token.slice(0, middle) + (token[middle] === 'x' ? 'y' : 'x') + token.slice(middle + 1);
    const result = await scan(changed, driverOf(booking.companyId));
    expect(result.data?.verifyTicket).toMatchObject({ result: 'INVALID', ticket: null });
    expect((await passesOf(subgraph, booking.bookingId))[0]?.status).toBe('ISSUED');
  });

  it('answers INVALID for garbage and for a pass signed with an unknown key', async () => {
    expect((await scan('not-a-token', driverOf(randomUUID()))).data?.verifyTicket.result).toBe('INVALID');
    const other = await startQrSubgraph([generateSigningJwk()]);
    try {
      const booking = await confirmBooking(other);
      const foreign = await tokenOf(other, booking.ticketIds[0]!);
      expect((await scan(foreign, driverOf(booking.companyId))).data?.verifyTicket.result).toBe('INVALID');
    } finally {
      await other.stop();
    }
  });

  it('answers EXPIRED once the trip arrived longer ago than the grace period', async () => {
    const booking = await confirmBooking(subgraph, { arrivalAt: new Date(Date.now() - 7 * 3600_000) });
    const result = await scan(await tokenOf(subgraph, booking.ticketIds[0]!), driverOf(booking.companyId));
    expect(result.data?.verifyTicket.result).toBe('EXPIRED');
    expect((await passesOf(subgraph, booking.bookingId))[0]?.status).toBe('ISSUED');
  });

  it('answers WRONG_TRIP for a pass of another trip without boarding it', async () => {
    const booking = await confirmBooking(subgraph);
    const result = await scan(
      await tokenOf(subgraph, booking.ticketIds[0]!),
      driverOf(booking.companyId),
      randomUUID(),
    );
    expect(result.data?.verifyTicket.result).toBe('WRONG_TRIP');
    expect((await passesOf(subgraph, booking.bookingId))[0]?.status).toBe('ISSUED');
  });

  it('answers REVOKED after the booking is cancelled', async () => {
    const booking = await confirmBooking(subgraph);
    await publish(subgraph, 'booking.cancelled', {
      bookingId: booking.bookingId,
      ticketIds: booking.ticketIds,
      refund: { amount: 4500, currency: 'RWF' },
    });
    await eventually(async () => (await passesOf(subgraph, booking.bookingId))[0]?.status === 'REVOKED');
    const result = await scan(await tokenOf(subgraph, booking.ticketIds[0]!), driverOf(booking.companyId));
    expect(result.data?.verifyTicket.result).toBe('REVOKED');
  });

  it('answers REVOKED after a refund, and for a confirmation that arrives after its cancellation', async () => {
    const refunded = await confirmBooking(subgraph);
    await publish(subgraph, 'payment.refunded', {
      paymentId: refunded.payload.paymentId,
      bookingId: refunded.bookingId,
      userId: refunded.owner.userId,
    });
    await eventually(async () => (await passesOf(subgraph, refunded.bookingId))[0]?.status === 'REVOKED');
    const bookingId = randomUUID();
    await publish(subgraph, 'booking.cancelled', { bookingId, ticketIds: [] });
    const ticketId = randomUUID();
    const companyId = randomUUID();
    await publish(subgraph, 'booking.confirmed', {
      bookingId,
      tripId: randomUUID(),
      companyId,
      userId: randomUUID(),
      tickets: [{ ticketId, seatNumber: '9C', passengerName: 'Late' }],
      arrivalAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    await eventually(async () => (await passesOf(subgraph, bookingId)).length === 1);
    expect((await scan(await tokenOf(subgraph, ticketId), driverOf(companyId))).data?.verifyTicket.result).toBe(
      'REVOKED',
    );
  });

  it('boards a booking after the refund of another of its payments, whichever event came first', async () => {
    // Cash taken after a mobile-money payment whose answer was lost; the wallet's late approval is refunded.
    const paid = await confirmBooking(subgraph);
    await publish(subgraph, 'payment.refunded', {
      paymentId: randomUUID(),
      bookingId: paid.bookingId,
      userId: paid.owner.userId,
    });
    // The refund of the confirming payment, published after it, is the sign the first one was applied.
    const control = await confirmBooking(subgraph, { companyId: paid.companyId });
    await publish(subgraph, 'payment.refunded', {
      paymentId: control.payload.paymentId,
      bookingId: control.bookingId,
      userId: control.owner.userId,
    });
    await eventually(async () => (await passesOf(subgraph, control.bookingId))[0]?.status === 'REVOKED');
    expect((await passesOf(subgraph, paid.bookingId))[0]?.status).toBe('ISSUED');
    expect(
      (await scan(await tokenOf(subgraph, paid.ticketIds[0]!), driverOf(paid.companyId))).data?.verifyTicket.result,
    ).toBe('VALID');

    // The refunds before the confirmations: another payment's leaves the passes valid, its own revokes them.
    const companyId = randomUUID();
    const confirm = async (paymentId: string, refundedPaymentId: string) => {
      const bookingId = randomUUID();
      const ticketId = randomUUID();
      await publish(subgraph, 'payment.refunded', { paymentId: refundedPaymentId, bookingId, userId: randomUUID() });
      await publish(subgraph, 'booking.confirmed', {
        bookingId,
        tripId: randomUUID(),
        companyId,
        userId: randomUUID(),
        paymentId,
        tickets: [{ ticketId, seatNumber: '9C', passengerName: 'Late' }],
        arrivalAt: new Date(Date.now() + 3600_000).toISOString(),
      });
      await eventually(async () => (await passesOf(subgraph, bookingId)).length === 1);
      return (await scan(await tokenOf(subgraph, ticketId), driverOf(companyId))).data?.verifyTicket.result;
    };
    const confirming = randomUUID();
    expect(await confirm(confirming, randomUUID())).toBe('VALID');
    const own = randomUUID();
    expect(await confirm(own, own)).toBe('REVOKED');
  });

  it("refuses another company's staff and passengers with FORBIDDEN", async () => {
    const booking = await confirmBooking(subgraph);
    const token = await tokenOf(subgraph, booking.ticketIds[0]!);
    const otherDriver = await scan(token, driverOf(randomUUID()));
    expect(otherDriver.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asPassenger = await scan(token, booking.owner);
    expect(asPassenger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await scan(token, { userId: randomUUID(), role: 'PLATFORM_ADMIN', companyId: null });
    expect(admin.data?.verifyTicket.result).toBe('VALID');
  });
  it('answers EXPIRED for a pass of a trip that reached its last stop, on any bus, and records nothing', async () => {
    const departure = new Date(Date.now() + 10 * 60_000);
    const booking = await confirmBooking(subgraph, { departureAt: departure });
    const token = await tokenOf(subgraph, booking.ticketIds[0]!);
    // The bus left and arrived without this passenger.
    await tripUpdated(subgraph, booking, 3, departure, 'ARRIVED');
    // A driver of a later bus of the company scanning without naming a trip (the scanner's "any trip" mode).
    const later = await scan(token, driverOf(booking.companyId));
    expect(later.data?.verifyTicket.result).toBe('EXPIRED');
    expect(await boardedEvents(subgraph, booking.ticketIds[0]!)).toHaveLength(0);
  });

  it("boards a trip's passengers only by its own driver's scans (or the company's admins'), and records nothing else", async () => {
    const departure = new Date(Date.now() + 10 * 60_000);
    const booking = await confirmBooking(subgraph, { departureAt: departure, seats: 3 });
    const [first, second, third] = await Promise.all(booking.ticketIds.map((id) => tokenOf(subgraph, id)));
    const own = driverOf(booking.companyId);
    const colleague = driverOf(booking.companyId);
    await tripUpdated(subgraph, booking, 2, departure, 'BOARDING', { driverUserId: own.userId });
    // Another driver of the company, naming the trip or in the scanner's any-trip mode.
    expect((await scan(first!, colleague, booking.tripId)).data?.verifyTicket.result).toBe('WRONG_TRIP');
    expect((await scan(first!, colleague)).data?.verifyTicket.result).toBe('WRONG_TRIP');
    expect(await boardedEvents(subgraph, booking.ticketIds[0]!)).toHaveLength(0);
    expect((await scan(first!, own, booking.tripId)).data?.verifyTicket.result).toBe('VALID');
    const admin = { userId: randomUUID(), role: 'COMPANY_ADMIN' as const, companyId: booking.companyId };
    expect((await scan(second!, admin, booking.tripId)).data?.verifyTicket.result).toBe('VALID');
    // The company moved the trip to the colleague: the first driver's scans board it no more.
    await tripUpdated(subgraph, booking, 3, departure, 'BOARDING', { driverUserId: colleague.userId });
    expect((await scan(third!, own)).data?.verifyTicket.result).toBe('WRONG_TRIP');
    // A snapshot from before drivers were sent (no driverUserId) keeps the driver known.
    await tripUpdated(subgraph, booking, 4, departure, 'BOARDING');
    expect((await scan(third!, own)).data?.verifyTicket.result).toBe('WRONG_TRIP');
    // A trip without a driver: only the company's admins board it.
    await tripUpdated(subgraph, booking, 5, departure, 'BOARDING', { driverUserId: null });
    expect((await scan(third!, colleague)).data?.verifyTicket.result).toBe('WRONG_TRIP');
    expect(await boardedEvents(subgraph, booking.ticketIds[2]!)).toHaveLength(0);
    expect((await scan(third!, admin)).data?.verifyTicket.result).toBe('VALID');
  });

  it('takes a driver account id of any hex form company links (not only RFC versions)', async () => {
    const departure = new Date(Date.now() + 10 * 60_000);
    const booking = await confirmBooking(subgraph, { departureAt: departure });
    const token = await tokenOf(subgraph, booking.ticketIds[0]!);
    const own = { ...driverOf(booking.companyId), userId: '11111111-1111-1111-1111-111111111111' };
    await tripUpdated(subgraph, booking, 2, departure, 'BOARDING', { driverUserId: own.userId });
    expect((await scan(token, driverOf(booking.companyId))).data?.verifyTicket.result).toBe('WRONG_TRIP');
    expect((await scan(token, own)).data?.verifyTicket.result).toBe('VALID');
  });

  it('lets any driver of the company board a trip whose snapshots never said who drives it (sent before drivers were)', async () => {
    const booking = await confirmBooking(subgraph);
    const token = await tokenOf(subgraph, booking.ticketIds[0]!);
    expect((await scan(token, driverOf(booking.companyId))).data?.verifyTicket.result).toBe('VALID');
  });
});

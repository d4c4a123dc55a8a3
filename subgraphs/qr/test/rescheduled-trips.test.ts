import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import {
  confirmBooking,
  driverOf,
  passesOf,
  startQrSubgraph,
  tokenOf,
  tripUpdated,
  VERIFY,
  type QrSubgraph,
} from './helpers';

/**
 * A pass is valid until its trip's arrival plus QR_VALIDITY_GRACE_MS (6 h). A trip the company moves later by more
 * than that (to the next day) still boards the passengers who paid for it; one moved earlier keeps what was issued.
 */
let subgraph: QrSubgraph;
beforeAll(async () => {
  subgraph = await startQrSubgraph();
});
afterEach(() => vi.useRealTimers());
afterAll(() => subgraph.stop());

const HOUR = 3600_000;

it('boards a passenger of a trip moved to the next day with the pass issued for the first time', async () => {
  const start = Date.now();
  const booking = await confirmBooking(subgraph, { departureAt: new Date(start + HOUR) });
  const token = await tokenOf(subgraph, booking.ticketIds[0]!);
  const issuedUntil = (await passesOf(subgraph, booking.bookingId))[0]!.validUntil;
  const newDeparture = new Date(start + 25 * HOUR);
  await tripUpdated(subgraph, booking, 2, newDeparture);
  const [pass] = await passesOf(subgraph, booking.bookingId);
  expect(pass?.validUntil.getTime()).toBe(newDeparture.getTime() + 2 * HOUR + 6 * HOUR);
  // Moved earlier again: what the passenger holds is not shortened.
  await tripUpdated(subgraph, booking, 3, new Date(start + 2 * HOUR));
  expect((await passesOf(subgraph, booking.bookingId))[0]?.validUntil).toEqual(pass?.validUntil);
  expect(issuedUntil.getTime()).toBeLessThan(pass!.validUntil.getTime());

  // Tomorrow, 10 minutes before the departure it was moved to (version 2's): the token's own exp has passed.
  await tripUpdated(subgraph, booking, 4, newDeparture);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(newDeparture.getTime() - 10 * 60_000));
  const scan = await subgraph.request(VERIFY, { token, tripId: booking.tripId }, driverOf(booking.companyId));
  expect(scan.errors).toBeUndefined();
  expect(scan.data?.verifyTicket.result).toBe('VALID');
});

it('still answers EXPIRED once the moved trip has arrived and the grace period passed', async () => {
  const start = Date.now();
  const booking = await confirmBooking(subgraph, { departureAt: new Date(start + HOUR) });
  const token = await tokenOf(subgraph, booking.ticketIds[0]!);
  const newDeparture = new Date(start + 25 * HOUR);
  await tripUpdated(subgraph, booking, 2, newDeparture);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(newDeparture.getTime() + 2 * HOUR + 6 * HOUR + 60_000));
  const scan = await subgraph.request(VERIFY, { token, tripId: booking.tripId }, driverOf(booking.companyId));
  expect(scan.data?.verifyTicket.result).toBe('EXPIRED');
});

// A cancelled trip boards nobody: qr learns of the cancellation from the company (trip.cancelled, or a trip.updated
// snapshot whose status is CANCELLED) before ticketing's booking.cancelled revokes each pass.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  confirmBooking,
  driverOf,
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

it('refuses to board a pass of a trip whose snapshot says CANCELLED', async () => {
  const departure = new Date(Date.now() + 10 * 60_000);
  const booking = await confirmBooking(subgraph, { departureAt: departure });
  await tripUpdated(subgraph, booking, 1, departure, 'SCHEDULED');
  const token = await tokenOf(subgraph, booking.ticketIds[0]!);
  // The company cancels the trip; its booking.cancelled (from ticketing) has not reached qr yet.
  await tripUpdated(subgraph, booking, 2, departure, 'CANCELLED');
  const scan = await subgraph.request(VERIFY, { token, tripId: booking.tripId }, driverOf(booking.companyId));
  expect(scan.errors).toBeUndefined();
  expect(scan.data?.verifyTicket.result).toBe('REVOKED');
});

it('refuses to board a pass of a trip the company cancelled (trip.cancelled)', async () => {
  const departure = new Date(Date.now() + 10 * 60_000);
  const booking = await confirmBooking(subgraph, { departureAt: departure });
  await tripUpdated(subgraph, booking, 1, departure, 'SCHEDULED');
  const token = await tokenOf(subgraph, booking.ticketIds[0]!);
  const cancellation = randomUUID();
  await publish(
    subgraph,
    'trip.cancelled',
    {
      tripId: booking.tripId,
      companyId: booking.companyId,
      reason: 'Breakdown',
      cancelledAt: new Date().toISOString(),
      version: 2,
    },
    cancellation,
  );
  await expect.poll(() => subgraph.deliveries(cancellation)).toBeGreaterThan(0);
  const scan = await subgraph.request(VERIFY, { token, tripId: booking.tripId }, driverOf(booking.companyId));
  expect(scan.errors).toBeUndefined();
  expect(scan.data?.verifyTicket.result).toBe('REVOKED');
});

// A booking's renumbering (booking.stops_changed) read before the booking.confirmed it follows, which travels on
// another stream: it waits for it however late that stream is (EventNotReadyError), not a bug's few attempts after
// which it was dead-lettered and the pass kept its old stop orders (the passenger refused WRONG_STOP at their stop).
import { randomUUID } from 'node:crypto';
import { eventually } from '@busline/shared/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { driverOf, passesOf, publish, startQrSubgraph, tokenOf, VERIFY_AT, type QrSubgraph } from './helpers';

let subgraph: QrSubgraph;
const maxDelay = process.env.EVENT_RETRY_MAX_DELAY_MS;
beforeAll(async () => {
  // A shorter back-off than production's 60 s cap: a bug's attempts run out in seconds (their count is the same).
  process.env.EVENT_RETRY_MAX_DELAY_MS = '400';
  subgraph = await startQrSubgraph();
});
afterAll(async () => {
  await subgraph?.stop();
  if (maxDelay === undefined) delete process.env.EVENT_RETRY_MAX_DELAY_MS;
  else process.env.EVENT_RETRY_MAX_DELAY_MS = maxDelay;
});

it('a renumbering that arrives well before its booking.confirmed is still applied once the pass is issued', async () => {
  const bookingId = randomUUID();
  const ticketId = randomUUID();
  const companyId = randomUUID();
  const tripId = randomUUID();
  const stopsChanged = randomUUID();
  // The route edit moved Musanze from order 1 to order 2 (a stop was added before it).
  await publish(
    subgraph,
    'booking.stops_changed',
    {
      bookingId,
      tripId,
      version: 3,
      tickets: [
        {
          ticketId,
          boardingStop: 2,
          alightingStop: 3,
          boarding: { name: 'Musanze Bus Park', city: 'Musanze' },
          alighting: { name: 'Rubavu Bus Park', city: 'Rubavu' },
        },
      ],
    },
    stopsChanged,
  );
  // qr's booking.confirmed stream lags (a backlog, a transient failure retried): more deliveries than a bug gets.
  await eventually(() => subgraph.deliveries(stopsChanged) >= 10, 30_000);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await publish(subgraph, 'booking.confirmed', {
    bookingId,
    tripId,
    companyId,
    userId: randomUUID(),
    paymentId: randomUUID(),
    tickets: [
      {
        ticketId,
        seatNumber: '4C',
        passengerName: 'Late',
        boardingStop: 1,
        alightingStop: 2,
        boarding: { name: 'Musanze Bus Park', city: 'Musanze' },
        alighting: { name: 'Rubavu Bus Park', city: 'Rubavu' },
      },
    ],
    departureAt: new Date(Date.now() + 10 * 60_000).toISOString(),
    arrivalAt: new Date(Date.now() + 3600_000).toISOString(),
  });
  await eventually(async () => (await passesOf(subgraph, bookingId)).length === 1);
  // The passenger stands at Musanze, now order 2; the driver's scanner says so.
  await eventually(async () => (await passesOf(subgraph, bookingId))[0]?.boardingStop === 2, 15_000);
  const token = await tokenOf(subgraph, ticketId);
  const scan = await subgraph.request(VERIFY_AT, { token, tripId, stop: 2 }, driverOf(companyId));
  expect(scan.data?.verifyTicket.result).toBe('VALID');
});

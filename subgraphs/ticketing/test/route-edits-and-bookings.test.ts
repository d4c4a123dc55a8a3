// Route edits against the bookings of a trip (docs/segments.md, Limits): one reaching a trip under way cancels
// nobody, also when the snapshot carrying it is the first one ticketing reads that says the trip is boarding (the
// BOARDING snapshot before it late on its stream) or has departed; and reordered stops never let a hold past its time
// keep a seat against a live one.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bookings, tickets, tripStops } from '../src/db/schema';
import {
  deliverer,
  HOLD,
  holdInput,
  passenger,
  payFor,
  startTicketing,
  tripSnapshot,
  type TicketingTestSubgraph,
} from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;
const db = () => subgraph.database.handle.db;

beforeAll(async () => {
  subgraph = await startTicketing();
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

const segmentHold = (tripId: string, seat: string, boardingStop: number, alightingStop: number) =>
  subgraph.request(HOLD, { input: { ...holdInput(tripId, [seat]).input, boardingStop, alightingStop } }, passenger());
const bookingRow = async (id: string) => (await db().select().from(bookings).where(eq(bookings.id, id)))[0]!;
const stationsNow = async (tripId: string) =>
  (await db().select().from(tripStops).where(eq(tripStops.tripId, tripId)))
    .sort((a, b) => a.stopOrder - b.stopOrder)
    .map((stop) => stop.name);

it('cancels nobody when the snapshot with the edit is the first to say BOARDING (its predecessor late)', async () => {
  const departure = new Date(Date.now() + 20 * 60_000);
  const trip = tripSnapshot({
    departureAt: departure.toISOString(),
    arrivalAt: new Date(departure.getTime() + 3 * 3_600_000).toISOString(),
  });
  await deliver('trip.scheduled', trip);
  const toMuhanga = (await segmentHold(trip.tripId, '3A', 0, 1)).data!.holdSeats;
  await payFor(deliver, toMuhanga.id as string, { amount: toMuhanga.totalAmount.amount as number });
  const [kigali, , huye] = trip.stops;
  // v2 (BOARDING, same stops) is late; v3 (BOARDING, Muhanga taken off while the bus boards) is read first.
  const v2 = { ...trip, version: 2, status: 'BOARDING' as const };
  const v3 = { ...trip, version: 3, status: 'BOARDING' as const, stops: [kigali!, { ...huye!, order: 1 }] };
  await deliver('trip.updated', v3);
  await deliver('trip.updated', v2);
  expect(await bookingRow(toMuhanga.id as string)).toMatchObject({ status: 'CONFIRMED' });
  expect(await stationsNow(trip.tripId)).toEqual(['Nyabugogo', 'Muhanga', 'Huye']);
  const [ticket] = await db()
    .select()
    .from(tickets)
    .where(eq(tickets.bookingId, toMuhanga.id as string));
  expect(ticket).toMatchObject({ status: 'CONFIRMED', boardingStop: 0, alightingStop: 1 });
});

it('cancels nobody when the edit comes in the snapshot that says the bus has departed', async () => {
  const departure = new Date(Date.now() + 20 * 60_000);
  const trip = tripSnapshot({
    departureAt: departure.toISOString(),
    arrivalAt: new Date(departure.getTime() + 3 * 3_600_000).toISOString(),
  });
  await deliver('trip.scheduled', trip);
  const toMuhanga = (await segmentHold(trip.tripId, '3B', 0, 1)).data!.holdSeats;
  await payFor(deliver, toMuhanga.id as string, { amount: toMuhanga.totalAmount.amount as number });
  const [kigali, , huye] = trip.stops;
  const departed = new Date(Date.now() - 60_000).toISOString();
  await deliver('trip.updated', {
    ...trip,
    version: 4,
    status: 'DEPARTED',
    departureAt: departed,
    stops: [kigali!, { ...huye!, stationId: huye!.stationId, order: 1 }],
  });
  expect(await bookingRow(toMuhanga.id as string)).toMatchObject({ status: 'CONFIRMED' });
  expect(await stationsNow(trip.tripId)).toEqual(['Nyabugogo', 'Muhanga', 'Huye']);
});

// Reordered stops put two holds on one seat: a hold whose time has run out (not swept yet) does not keep the seat
// against a live one (holdSeats itself expires such stale holds rather than letting them block).
it('keeps the seat for the live hold, not for a hold whose time has run out, when reordered stops collide', async () => {
  const stop = (code: string, order: number, minutes: number) => ({
    stationId: randomUUID(),
    code,
    name: code,
    city: code,
    order,
    minutesFromDeparture: minutes,
  });
  const [a, b, c, d] = [stop('AAA', 0, 0), stop('BBB', 1, 60), stop('CCC', 2, 120), stop('DDD', 3, 180)];
  const trip = tripSnapshot({ stops: [a, b, c, d], fares: [] });
  await deliver('trip.scheduled', trip);
  const stale = (await segmentHold(trip.tripId, '1A', 0, 1)).data!.holdSeats.id as string; // A → B
  const live = (await segmentHold(trip.tripId, '1A', 2, 3)).data!.holdSeats.id as string; // C → D
  // The first hold's time ran out a minute ago; the sweeper has not reached it.
  await db()
    .update(bookings)
    .set({ expiresAt: new Date(Date.now() - 60_000) })
    .where(eq(bookings.id, stale));
  // Stops reordered A, C, B, D: A → B is now [0, 2) and C → D is [1, 3): they overlap on 1A.
  await deliver('trip.updated', {
    ...trip,
    version: 2,
    stops: [a, { ...c, order: 1, minutesFromDeparture: 60 }, { ...b, order: 2, minutesFromDeparture: 120 }, d],
  });
  expect(await bookingRow(live)).toMatchObject({ status: 'HELD' });
  const [ticket] = await db().select().from(tickets).where(eq(tickets.bookingId, live));
  expect(ticket).toMatchObject({ status: 'HELD', boardingStop: 1, alightingStop: 3 });
  expect((await bookingRow(stale)).status).toBe('EXPIRED');
});

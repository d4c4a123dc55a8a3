// A route edit reaching a trip under way cancels nobody (docs/segments.md, Limits): also when the snapshot carrying
// the edit is the first one ticketing reads that says the trip is boarding (the BOARDING snapshot before it is late
// on its stream, retried while later events go on) or has departed.
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

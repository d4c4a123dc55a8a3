import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookings } from '../src/db/schema';
import { localDateInKigali } from '../src/services/local-dates';
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
const date = localDateInKigali(new Date(Date.now() + 48 * HOUR));
const departureAt = new Date(`${date}T08:00:00+02:00`);

const SEARCH = `query($input: SearchTripsInput!) { searchTrips(input: $input) {
  id availableSeats seatMap { label state } searchedSegment { boardingStop alightingStop fare { amount currency } }
} }`;
const SEATS = `query($id: ID!) { _entities(representations: [{ __typename: "Trip", id: $id }]) { ... on Trip {
  availableSeats seatMap { label state } } } }`;

function trip(rows = 3) {
  return tripSnapshot({
    rows,
    departureAt: departureAt.toISOString(),
    arrivalAt: new Date(departureAt.getTime() + 3 * HOUR).toISOString(),
    stops: ['Kigali', 'Muhanga', 'Huye'].map((city, order) => ({
      stationId: randomUUID(),
      code: city.slice(0, 3).toUpperCase(),
      name: city,
      city,
      order,
      minutesFromDeparture: [0, 75, 180][order]!,
    })),
  });
}

async function search(originCity: string, destinationCity: string, passengers = 1) {
  const result = await subgraph.request(SEARCH, { input: { originCity, destinationCity, date, passengers } });
  expect(result.errors).toBeUndefined();
  return result.data?.searchTrips as {
    id: string;
    availableSeats: number;
    seatMap: { label: string; state: string }[];
    searchedSegment: { boardingStop: number; alightingStop: number; fare: { amount: number } };
  }[];
}

beforeAll(async () => {
  subgraph = await startTicketing({ sweepIntervalMs: 0 });
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

describe('a hold past its time, not swept yet', () => {
  it('shows a seat whose hold has ended (not yet swept) as free, since holdSeats sells it', async () => {
    const t = trip(1);
    await deliver('trip.scheduled', t);
    const hold = await subgraph.request(HOLD, holdInput(t.tripId, ['1A']), passenger());
    expect(hold.errors).toBeUndefined();
    // The hold ended an hour ago; the sweeper has not run yet.
    await subgraph.database.handle.db
      .update(bookings)
      .set({ expiresAt: new Date(Date.now() - HOUR) })
      .where(eq(bookings.id, hold.data?.holdSeats.id as string));

    const whole = await search('Kigali', 'Huye', t.seats.length);
    const found = whole.find((x) => x.id === t.tripId);
    const entity = (await subgraph.request(SEATS, { id: t.tripId })).data?._entities[0] as {
      availableSeats: number;
      seatMap: { label: string; state: string }[];
    };
    // holdSeats sells it right now: the seat is free.
    const again = await subgraph.request(HOLD, holdInput(t.tripId, ['1A']), passenger());
    expect(again.errors).toBeUndefined();
    expect(entity.seatMap.find((s) => s.label === '1A')?.state).toBe('AVAILABLE');
    expect(entity.availableSeats).toBe(t.seats.length);
    expect(found).toBeDefined();
  });
});

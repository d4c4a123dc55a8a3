import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testEnv } from '@busline/shared/testing';
import { localDateInKigali } from '../src/services/local-dates';
import { deliverer, HOLD, passenger, startTicketing, tripSnapshot, type TicketingTestSubgraph } from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;

const date = localDateInKigali(new Date(Date.now() + 2 * 86_400_000));
/** What a search through the router asks ticketing (issue 19's search and its one-subgraph form). */
const SEARCH = `query($input: SearchTripsInput!) { searchTrips(input: $input) { __typename id availableSeats seatMap { label state } } }`;

/** A trip along `cities` leaving the first at `hhmm` Kigali time (2 rows of 4 seats). */
async function schedule(cities: string[], hhmm: string): Promise<string> {
  const departureAt = new Date(`${date}T${hhmm}:00+02:00`);
  const snapshot = tripSnapshot({
    rows: 2,
    departureAt: departureAt.toISOString(),
    arrivalAt: new Date(departureAt.getTime() + 5 * 3_600_000).toISOString(),
    stops: cities.map((city, order) => ({
      stationId: randomUUID(),
      code: city.slice(0, 3).toUpperCase(),
      name: city,
      city,
      order,
      minutesFromDeparture: order * 60,
    })),
  });
  await deliver('trip.scheduled', snapshot);
  return snapshot.tripId;
}

async function hold(tripId: string, seat: string, boardingStop: number, alightingStop: number) {
  const input = { tripId, seats: [seat], passengers: [{ name: 'P' }], boardingStop, alightingStop };
  const result = await subgraph.request(HOLD, { input }, passenger());
  expect(result.errors).toBeUndefined();
}

interface Found {
  id: string;
  availableSeats: number;
  seatMap: { label: string; state: string }[];
}

/** Runs a search and records the statements it sent that read the trip inventory or are prepared. */
async function searchCounting(originCity: string, destinationCity: string) {
  const original = pg.Pool.prototype.query;
  const statements: string[] = [];
  // Every pool of the process is watched: background workers (the outbox relay) are left out by what they read.
  const inventoryRead = /"ticketing"\."(trips|trip_stops|trip_seats|tickets)"/;
  const spy = vi.spyOn(pg.Pool.prototype, 'query').mockImplementation(function (this: pg.Pool, ...args: unknown[]) {
    const query = args[0] as { name?: string; text?: string } | string;
    const name = typeof query === 'string' ? undefined : query.name;
    const text = typeof query === 'string' ? query : (query.text ?? '');
    if (name || inventoryRead.test(text)) statements.push(name ?? text);
    return original.apply(this, args as never) as never;
  });
  try {
    const result = await subgraph.request(SEARCH, { input: { originCity, destinationCity, date, passengers: 1 } });
    expect(result.errors).toBeUndefined();
    return { trips: result.data!.searchTrips as Found[], statements };
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  subgraph = await startTicketing();
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

describe.skipIf(!testEnv.postgresUrl)('statements per search', () => {
  it('reads the hits and all their seat maps in the same few statements for one trip or four on three segments', async () => {
    // Kigali → Huye is stops 0 → 1, 0 → 2, 1 → 3 and 0 → 2 of these trips.
    const direct = await schedule(['Kigali', 'Huye'], '07:00');
    const viaMuhanga = await schedule(['Kigali', 'Muhanga', 'Huye'], '08:00');
    const fromRubavu = await schedule(['Rubavu', 'Kigali', 'Muhanga', 'Huye'], '08:30');
    const later = await schedule(['Kigali', 'Muhanga', 'Huye'], '10:00');
    const alone = await schedule(['Nyanza', 'Rusizi'], '07:00');
    await hold(viaMuhanga, '1A', 1, 2);
    await hold(fromRubavu, '1A', 0, 1);
    await hold(fromRubavu, '1B', 2, 3);
    await hold(later, '2D', 0, 1);

    const one = await searchCounting('Nyanza', 'Rusizi');
    expect(one.trips.map((t) => t.id)).toEqual([alone]);
    const four = await searchCounting('Kigali', 'Huye');
    expect(four.trips.map((t) => t.id)).toEqual([direct, viaMuhanga, fromRubavu, later]);

    // Each trip's seats over its own searched segment: a hold off the segment leaves the seat free.
    const held = (trip: Found) => trip.seatMap.filter((s) => s.state !== 'AVAILABLE').map((s) => s.label);
    expect(four.trips.map(held)).toEqual([[], ['1A'], ['1B'], ['2D']]);
    expect(four.trips.map((t) => t.availableSeats)).toEqual([8, 7, 7, 7]);
    expect(four.trips.every((t) => t.seatMap.length === 8)).toBe(true);

    // The search and the seat maps of every hit: never a statement per trip or per segment.
    expect(four.statements).toHaveLength(one.statements.length);
    expect(four.statements.length).toBeLessThanOrEqual(2);
    expect(four.statements.every((s) => s.startsWith('ticketing_'))).toBe(true);
  });
});

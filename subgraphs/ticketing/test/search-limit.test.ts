// searchTrips answers at most 100 trips. A trip that stops at two stations of the origin city is found from both; the
// limit must count trips, not those finds, or a corridor whose buses stop twice in the city answers about half of its
// bookable trips and silently leaves the others out.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateInKigali } from '../src/services/local-dates';
import { SEARCH_LIMIT } from '../src/services/search-trips';
import { deliverer, startTicketing, tripSnapshot, type TicketingTestSubgraph } from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;
beforeAll(async () => {
  subgraph = await startTicketing();
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

const DAY = 86_400_000;
const day = localDateInKigali(new Date(Date.now() + 2 * DAY));

describe(`searchTrips and its limit of ${SEARCH_LIMIT} trips`, () => {
  it('answers every one of 60 bookable trips whose buses stop at two stations of the origin city', async () => {
    const origin = `Kigali${randomUUID().slice(0, 6)}`;
    const destination = `Huye${randomUUID().slice(0, 6)}`;
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      // Nyabugogo (0) → Remera (1), both in the origin city, → Huye (2); one departure every 10 minutes from 06:00.
      const departureAt = new Date(new Date(`${day}T06:00:00+02:00`).getTime() + i * 10 * 60_000).toISOString();
      const trip = tripSnapshot({
        rows: 1,
        departureAt,
        arrivalAt: new Date(Date.parse(departureAt) + 3 * 3_600_000).toISOString(),
        stops: [
          { stationId: randomUUID(), code: 'NYA', name: 'Nyabugogo', city: origin, order: 0, minutesFromDeparture: 0 },
          { stationId: randomUUID(), code: 'REM', name: 'Remera', city: origin, order: 1, minutesFromDeparture: 20 },
          {
            stationId: randomUUID(),
            code: 'HYE',
            name: 'Huye',
            city: destination,
            order: 2,
            minutesFromDeparture: 180,
          },
        ],
      });
      await deliver('trip.scheduled', trip);
      ids.push(trip.tripId);
    }
    const result = await subgraph.request(
      'query($input: SearchTripsInput!) { searchTrips(input: $input) { id searchedSegment { boardingStop } } }',
      { input: { originCity: origin, destinationCity: destination, date: day, passengers: 1 } },
    );
    expect(result.errors).toBeUndefined();
    const found = result.data!.searchTrips as { id: string; searchedSegment: { boardingStop: number } }[];
    // Each once, in order of departure, boarding at Nyabugogo, the first of its stops in the city.
    expect(found.map((trip) => trip.id)).toEqual(ids);
    expect(found.every((trip) => trip.searchedSegment.boardingStop === 0)).toBe(true);
  });
});

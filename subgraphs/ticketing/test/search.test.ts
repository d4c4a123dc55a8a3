import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const SEARCH = 'query($input: SearchTripsInput!) { searchTrips(input: $input) { id availableSeats } }';
const DAY = 86_400_000;
/** A Kigali calendar date two days ahead, and a UTC instant on it at `hh:mm` Kigali time (UTC+2). */
const day = localDateInKigali(new Date(Date.now() + 2 * DAY));
const nextDay = localDateInKigali(new Date(Date.now() + 3 * DAY));
const kigaliTime = (date: string, hhmm: string) =>
  new Date(new Date(`${date}T${hhmm}:00+02:00`).getTime()).toISOString();

/** A UTC instant on `date` at `hh:mm` Nairobi time (UTC+3, no daylight saving). */
const nairobiTime = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+03:00`).toISOString();

async function schedule(
  cities: string[],
  departureAt: string,
  options: { rows?: number; status?: string; timeZone?: string; version?: number; tripId?: string } = {},
) {
  const snapshot = tripSnapshot({
    ...(options.tripId ? { tripId: options.tripId } : {}),
    ...(options.version ? { version: options.version } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    rows: options.rows ?? 2,
    status: options.status ?? 'SCHEDULED',
    departureAt,
    arrivalAt: new Date(new Date(departureAt).getTime() + 4 * 3_600_000).toISOString(),
    stops: cities.map((city, order) => ({
      stationId: randomUUID(),
      code: city.slice(0, 3),
      name: city,
      city,
      order,
      minutesFromDeparture: order * 60,
    })),
  });
  await deliver('trip.scheduled', snapshot);
  return snapshot.tripId;
}

const search = async (originCity: string, destinationCity: string, date: string, passengers = 1) => {
  const result = await subgraph.request(SEARCH, { input: { originCity, destinationCity, date, passengers } });
  if (result.errors)
    throw Object.assign(new Error(result.errors[0]!.message), { code: result.errors[0]!.extensions?.code });
  return result.data?.searchTrips as { id: string; availableSeats: number }[];
};

beforeAll(async () => {
  subgraph = await startTicketing();
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

describe('searchTrips', () => {
  it('finds trips that serve the origin before the destination, never the reverse', async () => {
    const id = await schedule(['Kigali', 'Muhanga', 'Huye'], kigaliTime(day, '06:00'));
    expect((await search('Kigali', 'Huye', day)).map((t) => t.id)).toContain(id);
    expect((await search('Muhanga', 'Huye', day)).map((t) => t.id)).toContain(id);
    expect((await search('Huye', 'Kigali', day)).map((t) => t.id)).not.toContain(id);
  });

  it('matches cities regardless of case and surrounding spaces', async () => {
    const id = await schedule(['Rubavu', 'Musanze'], kigaliTime(day, '09:00'));
    expect((await search('  rubavu ', 'MUSANZE', day)).map((t) => t.id)).toEqual([id]);
  });

  it('uses the departure time from the origin stop, on the local date in Kigali', async () => {
    // Leaves Nyagatare at 23:30 Kigali time on `day`, reaches Rwamagana (60 min later) at 00:30 the next local day.
    const id = await schedule(['Nyagatare', 'Rwamagana', 'Kigali'], kigaliTime(day, '23:30'));
    expect((await search('Nyagatare', 'Kigali', day)).map((t) => t.id)).toEqual([id]);
    expect(await search('Nyagatare', 'Kigali', nextDay)).toEqual([]);
    expect((await search('Rwamagana', 'Kigali', nextDay)).map((t) => t.id)).toEqual([id]);
    expect(await search('Rwamagana', 'Kigali', day)).toEqual([]);
  });

  it("goes by the local date in the trip's time zone: a Nairobi trip is found on its Nairobi date", async () => {
    // 23:30 in Nairobi is 22:30 in Kigali: the same date in both zones.
    const late = await schedule(['Nairobi', 'Naivasha', 'Nakuru'], nairobiTime(day, '23:30'), {
      timeZone: 'Africa/Nairobi',
    });
    expect((await search('Nairobi', 'Nakuru', day)).map((t) => t.id)).toEqual([late]);
    expect(await search('Nairobi', 'Nakuru', nextDay)).toEqual([]);
    // Naivasha an hour later is 00:30 on the next Nairobi date.
    expect((await search('Naivasha', 'Nakuru', nextDay)).map((t) => t.id)).toEqual([late]);
    expect(await search('Naivasha', 'Nakuru', day)).toEqual([]);

    // 00:30 in Nairobi on nextDay is still 23:30 on `day` in Kigali: found on nextDay only.
    const early = await schedule(['Nairobi', 'Nakuru'], nairobiTime(nextDay, '00:30'), { timeZone: 'Africa/Nairobi' });
    expect((await search('Nairobi', 'Nakuru', nextDay)).map((t) => t.id)).toEqual([early]);
    expect((await search('Nairobi', 'Nakuru', day)).map((t) => t.id)).toEqual([late]);

    const zones = await subgraph.request(
      'query($input: SearchTripsInput!) { searchTrips(input: $input) { id timeZone } }',
      { input: { originCity: 'Nairobi', destinationCity: 'Nakuru', date: nextDay, passengers: 1 } },
    );
    expect(zones.data?.searchTrips).toEqual([{ id: early, timeZone: 'Africa/Nairobi' }]);
  });

  it('reads a zone named by an abbreviation as none (Africa/Kigali), as the dashboards do', async () => {
    // 00:30 on nextDay in Nairobi ("EAT") is 23:30 on `day` in Kigali.
    const tripId = await schedule(['Eatville', 'Eatburg'], nairobiTime(nextDay, '00:30'), { timeZone: 'EAT' });
    expect((await search('Eatville', 'Eatburg', day)).map((t) => t.id)).toEqual([tripId]);
    expect(await search('Eatville', 'Eatburg', nextDay)).toEqual([]);
  });

  it('keeps Africa/Kigali for snapshots without a zone, and a stored zone when a later snapshot has none', async () => {
    const kigali = await schedule(['Nyanza', 'Huye'], kigaliTime(day, '23:30'));
    const result = await subgraph.request(
      'query($input: SearchTripsInput!) { searchTrips(input: $input) { id timeZone } }',
      { input: { originCity: 'Nyanza', destinationCity: 'Huye', date: day, passengers: 1 } },
    );
    expect(result.data?.searchTrips).toEqual([{ id: kigali, timeZone: 'Africa/Kigali' }]);

    const tripId = await schedule(['Eldoret', 'Kisumu'], nairobiTime(nextDay, '00:15'), { timeZone: 'Africa/Nairobi' });
    // trip.updated without timeZone (an older producer): the trip stays in Nairobi time.
    await schedule(['Eldoret', 'Kisumu'], nairobiTime(nextDay, '00:20'), { tripId, version: 2 });
    expect((await search('Eldoret', 'Kisumu', nextDay)).map((t) => t.id)).toEqual([tripId]);
    expect(await search('Eldoret', 'Kisumu', day)).toEqual([]);
  });

  it('answers a trip stopping at two stations of the origin city once, boarding at the first with seats', async () => {
    const tripId = await schedule(['Kigalitwo', 'Kigalitwo', 'Huyetwo'], kigaliTime(day, '08:00'), { rows: 1 });
    const found = async () => {
      const result = await subgraph.request(
        'query($input: SearchTripsInput!) { searchTrips(input: $input) { id searchedSegment { boardingStop alightingStop } } }',
        { input: { originCity: 'Kigalitwo', destinationCity: 'Huyetwo', date: day, passengers: 1 } },
      );
      expect(result.errors).toBeUndefined();
      return result.data?.searchTrips;
    };
    expect(await found()).toEqual([{ id: tripId, searchedSegment: { boardingStop: 0, alightingStop: 2 } }]);
    // Every seat held between the two Kigali stations: the trip is still found, boarding at the second.
    const segment = { boardingStop: 0, alightingStop: 1 };
    const held = await subgraph.request(
      HOLD,
      { input: { ...holdInput(tripId, ['1A', '1B', '1C', '1D']).input, ...segment } },
      passenger(),
    );
    expect(held.errors).toBeUndefined();
    expect(await found()).toEqual([{ id: tripId, searchedSegment: { boardingStop: 1, alightingStop: 2 } }]);
  });

  it('sorts by departure from the origin', async () => {
    const late = await schedule(['Rusizi', 'Huye'], kigaliTime(day, '15:00'));
    const early = await schedule(['Rusizi', 'Huye'], kigaliTime(day, '07:00'));
    const noon = await schedule(['Rusizi', 'Huye'], kigaliTime(day, '12:00'));
    expect((await search('Rusizi', 'Huye', day)).map((t) => t.id)).toEqual([early, noon, late]);
  });

  it('leaves out trips without enough free seats and reports the free seats of the others', async () => {
    const id = await schedule(['Karongi', 'Rubavu'], kigaliTime(day, '10:00'), { rows: 1 });
    await subgraph.request(HOLD, holdInput(id, ['1A', '1B']), passenger());
    expect(await search('Karongi', 'Rubavu', day, 2)).toEqual([{ id, availableSeats: 2 }]);
    expect(await search('Karongi', 'Rubavu', day, 3)).toEqual([]);
  });

  it('leaves out cancelled and already departed trips', async () => {
    await schedule(['Gicumbi', 'Kigali'], kigaliTime(day, '08:00'), { status: 'CANCELLED' });
    await schedule(['Gicumbi', 'Kigali'], new Date(Date.now() - 60_000).toISOString());
    expect(await search('Gicumbi', 'Kigali', day)).toEqual([]);
    expect(await search('Gicumbi', 'Kigali', localDateInKigali(new Date()))).toEqual([]);
  });

  it.each([
    ['the same city twice', 'Kigali', 'kigali', day, 1],
    ['no passengers', 'Kigali', 'Huye', day, 0],
    ['more passengers than a booking allows', 'Kigali', 'Huye', day, 7],
    ['a date that is not a calendar date', 'Kigali', 'Huye', '2026-02-30', 1],
    ['a date in another format', 'Kigali', 'Huye', '01/12/2026', 1],
    // Postgres has no year 0, and takes no year past 9999 as JavaScript writes it (+010000-…): the search, which
    // reads a day either side of the date, failed with an unexpected error.
    ['a date of year 0', 'Kigali', 'Huye', '0000-01-01', 1],
    ['a date whose next day is past 9999', 'Kigali', 'Huye', '9999-12-31', 1],
    ['an origin with a NUL byte', 'Kigali\u0000', 'Huye', day, 1],
    ['a destination with a control character', 'Kigali', 'Hu\u0007ye', day, 1],
  ])('rejects %s with BAD_USER_INPUT', async (_label, origin, destination, date, passengers) => {
    await expect(search(origin, destination, date, passengers)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

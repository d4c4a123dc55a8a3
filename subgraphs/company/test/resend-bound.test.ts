import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeStops, trips } from '../src/db/schema';
import {
  admin,
  CREATE_ROUTE,
  createStations,
  createTenant,
  fails,
  hoursFromNow,
  ok,
  outboxOf,
  SCHEDULE_TRIP,
  startCompanySubgraph,
  type CompanySubgraph,
  type Tenant,
} from './helpers';

const UPDATE_ROUTE = `mutation($id: ID!, $input: UpdateRouteInput!) { updateRoute(id: $id, input: $input) { id } }`;
// Each tenant schedules two trips (counted), then its route edits send them again two at a time.
const BOUND = 7;

let sg: CompanySubgraph;
let tenant: Tenant;
let other: Tenant;
let stations: string[];
beforeAll(async () => {
  sg = await startCompanySubgraph({ tripResendsPerHour: BOUND });
  stations = await createStations(sg, ['Kigali', 'Musanze', 'Huye']);
  tenant = await createTenant(sg, 'resend-a', [stations[0]!, stations[1]!]);
  other = await createTenant(sg, 'resend-b', [stations[0]!, stations[2]!]);
});
afterAll(() => sg.stop());

/** Two upcoming trips on the tenant's route. */
async function twoTrips(t: Tenant, from: number): Promise<string[]> {
  const ids: string[] = [];
  for (const hours of [from, from + 5]) {
    const input = { routeId: t.routeId, busId: t.busId, driverId: t.driverId, departureAt: hoursFromNow(hours) };
    ids.push((await ok(sg, SCHEDULE_TRIP, { input: { ...input, price: { amount: 5000 } } }, t.admin)).scheduleTrip.id);
  }
  return ids;
}

describe("the hourly bound on a company's re-sent trips", () => {
  it('refuses an edit that would send more upcoming trips again than the hour allows, writing nothing of it', async () => {
    const ids = await twoTrips(tenant, 30);
    // The route's last stop a few minutes sooner: every upcoming trip of the route is sent again.
    const sooner = (t: Tenant, to: string, minutes: number) => ({
      id: t.routeId,
      input: {
        stops: [
          { stationId: stations[0], minutesFromDeparture: 0 },
          { stationId: to, minutesFromDeparture: minutes },
        ],
      },
    });
    const sent = async () => (await outboxOf(sg, 'trip.updated')).filter((e) => ids.includes(e.tripId)).length;
    const versions = async () =>
      (await sg.database.handle.db.select().from(trips).where(eq(trips.routeId, tenant.routeId))).map((t) => t.version);
    // Two trips scheduled, then three edits of two trips: the third starts below the bound (6 of 7) and goes through.
    for (const minutes of [115, 110, 105])
      await ok(sg, UPDATE_ROUTE, sooner(tenant, stations[1]!, minutes), tenant.admin);
    expect(await sent()).toBe(6);
    const before = await versions();
    // The hour's count has reached the bound: the next edit is refused, with when to come back, and writes nothing.
    const refused = await sg.request(UPDATE_ROUTE, sooner(tenant, stations[1]!, 100), tenant.admin);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', max: BOUND });
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(await sent()).toBe(6);
    expect(await versions()).toEqual(before);
    const stops = async () =>
      (await sg.database.handle.db.select().from(routeStops).where(eq(routeStops.routeId, tenant.routeId)))
        .map((stop) => stop.minutesFromDeparture)
        .sort((a, b) => a - b);
    expect(await stops()).toEqual([0, 105]);
    // Another company's edits have their own bound.
    await twoTrips(other, 30);
    await ok(sg, UPDATE_ROUTE, sooner(other, stations[2]!, 115), other.admin);
    expect((await fails(sg, UPDATE_ROUTE, sooner(tenant, stations[1]!, 100), tenant.admin)).code).toBe('RATE_LIMITED');
    // A platform admin's edits are not counted: the platform's own changes never wait for a company's hour.
    await ok(sg, UPDATE_ROUTE, sooner(tenant, stations[1]!, 100), admin);
    expect(await stops()).toEqual([0, 100]);
  });

  it("counts a trip's own edits: a trip repriced in a loop is refused once the hour is spent, its price kept", async () => {
    const t = await createTenant(sg, 'resend-d', [stations[0]!, stations[1]!]);
    const [tripId] = await twoTrips(t, 50);
    const UPDATE_TRIP = `mutation($id: ID!, $input: UpdateTripInput!) { updateTrip(tripId: $id, input: $input) { id } }`;
    const reprice = (amount: number) => ({ id: tripId, input: { price: { amount } } });
    const sent = async () => (await outboxOf(sg, 'trip.updated')).filter((e) => e.tripId === tripId).length;
    // Two trips scheduled, then five edits: the fifth starts below the bound (6 of 7) and goes through.
    for (const amount of [5050, 5000, 5050, 5000, 5050]) await ok(sg, UPDATE_TRIP, reprice(amount), t.admin);
    expect(await sent()).toBe(5);
    const refused = await sg.request(UPDATE_TRIP, reprice(5000), t.admin);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', max: BOUND });
    expect(await sent()).toBe(5);
    const [row] = await sg.database.handle.db.select().from(trips).where(eq(trips.id, tripId!));
    expect(row!.priceAmount).toBe(5050);
    // An edit that changes nothing sends nothing, and is not refused.
    await ok(sg, UPDATE_TRIP, reprice(5050), t.admin);
    // A platform admin's edit goes through.
    await ok(sg, UPDATE_TRIP, reprice(5000), admin);
    expect(await sent()).toBe(6);
  });

  it('counts new trips too: past the bound a timetable or a trip is refused and nothing of it is written', async () => {
    const t = await createTenant(sg, 'resend-c', [stations[0]!, stations[2]!]);
    const timetable = (startDate: string, days: number) => ({
      input: { routeId: t.routeId, busId: t.busId, departureTime: '06:00', startDate, days, price: { amount: 4000 } },
    });
    const TIMETABLE = `mutation($input: ScheduleTimetableInput!) { scheduleTimetable(input: $input) { id } }`;
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const count = async () =>
      (await sg.database.handle.db.select().from(trips).where(eq(trips.companyId, t.companyId))).length;
    // Begun below the bound (0 of 7), a 10-day timetable goes through whole.
    await ok(sg, TIMETABLE, timetable(day(2), 10), t.admin);
    expect(await count()).toBe(10);
    const sentBefore = (await outboxOf(sg, 'trip.scheduled')).length;
    const refused = await sg.request(TIMETABLE, timetable(day(20), 3), t.admin);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', max: BOUND });
    const input = { routeId: t.routeId, busId: t.busId, departureAt: hoursFromNow(24 * 40), price: { amount: 4000 } };
    expect((await fails(sg, SCHEDULE_TRIP, { input }, t.admin)).code).toBe('RATE_LIMITED');
    expect(await count()).toBe(10);
    expect((await outboxOf(sg, 'trip.scheduled')).length).toBe(sentBefore);
    // A platform admin schedules for the company whatever its hour.
    await ok(sg, SCHEDULE_TRIP, { input }, admin);
    expect(await count()).toBe(11);
  });

  it("counts a company's station rename as one action: begun below the bound, it goes through over all its routes", async () => {
    const [shared, north, south] = await createStations(sg, ['Shared Park', 'Northgate', 'Southgate']);
    const t = await createTenant(sg, 'resend-e', [shared!, north!]);
    const stops = [
      { stationId: shared, minutesFromDeparture: 0 },
      { stationId: south, minutesFromDeparture: 60 },
    ];
    const input = { companyId: t.companyId, name: 'South line', distanceKm: 40, stops };
    const southLine = (await ok(sg, CREATE_ROUTE, { input }, admin)).createRoute.id as string;
    // A week of trips on each route through the station, by a platform admin (not counted): the company is at 0 of 7.
    const TIMETABLE = `mutation($input: ScheduleTimetableInput!) { scheduleTimetable(input: $input) { id } }`;
    const startDate = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    for (const [routeId, departureTime] of [
      [t.routeId, '06:00'],
      [southLine, '14:00'],
    ])
      await ok(
        sg,
        TIMETABLE,
        { input: { routeId, busId: t.busId, departureTime, startDate, days: 7, price: { amount: 4000 } } },
        admin,
      );
    const UPDATE_STATION = `mutation($id: ID!, $input: UpdateStationInput!) { updateStation(id: $id, input: $input) { id } }`;
    const sentBefore = (await outboxOf(sg, 'trip.updated')).length;
    // Counted route by route, the second route's seven were refused after the first's: 7 of 7 already.
    await ok(sg, UPDATE_STATION, { id: shared, input: { name: 'Shared Central Park' } }, t.admin);
    expect((await outboxOf(sg, 'trip.updated')).length - sentBefore).toBe(14);
    // The hour is spent now: the next action of the company is refused.
    const again = await sg.request(UPDATE_STATION, { id: shared, input: { name: 'Shared Park' } }, t.admin);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', max: BOUND });
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { trips } from '../src/db/schema';
import { addDays, localDate } from '../src/domain/zoned-time';
import {
  CREATE_ROUTE,
  createStations,
  createTenant,
  ok,
  SCHEDULE_TRIP,
  startCompanySubgraph,
  type CompanySubgraph,
  type Tenant,
} from './helpers';

// A clock the subgraph's domain rules read (CompanyServerOptions.now: "tests pin it").
let clockOffsetMs = 0;
const now = () => new Date(Date.now() + clockOffsetMs);

let sg: CompanySubgraph;
let a: Tenant;
let stations: string[];
beforeAll(async () => {
  sg = await startCompanySubgraph({ now });
  stations = await createStations(sg, ['Kigali', 'Musanze', 'Huye']);
  a = await createTenant(sg, `a-${randomUUID().slice(0, 6)}`, [stations[0]!, stations[1]!]);
});
afterAll(() => sg.stop());

const TIMETABLE = `mutation($input: ScheduleTimetableInput!) { scheduleTimetable(input: $input) { id departureAt } }`;
const PROGRESS = `mutation($id: ID!, $s: TripProgress!) { updateTripStatus(tripId: $id, status: $s) { status } }`;
const SET_FARES = `mutation($routeId: ID!, $fares: [RouteFareInput!]!) { setRouteFares(routeId: $routeId, fares: $fares) { id fares { boardingStop alightingStop price { amount } } } }`;
const UPDATE_ROUTE = `mutation($id: ID!, $input: UpdateRouteInput!) { updateRoute(id: $id, input: $input) { id name fares { boardingStop alightingStop price { amount } } } }`;
const startDate = (daysAhead: number) => addDays(localDate(new Date(), 'Africa/Kigali'), daysAhead);
const tripCount = async (busId: string) =>
  (await sg.database.handle.db.select().from(trips).where(eq(trips.busId, busId))).length;

describe('updateTripStatus and the injected clock', () => {
  it('judges "too early" by the subgraph clock (CompanyServerOptions.now), as scheduling does', async () => {
    // Schedule with the clock 10 days ahead: a trip leaving 2 hours after that "now".
    clockOffsetMs = 10 * 86_400_000;
    try {
      const departureAt = new Date(now().getTime() + 2 * 3_600_000).toISOString();
      const { scheduleTrip } = await ok(
        sg,
        SCHEDULE_TRIP,
        { input: { routeId: a.routeId, busId: a.busId, departureAt, price: { amount: 5000 } } },
        a.admin,
      );
      // Now the clock reads 30 minutes before the departure: boarding may be recorded.
      clockOffsetMs += 90 * 60_000;
      const result = await sg.request(PROGRESS, { id: scheduleTrip.id, s: 'BOARDING' }, a.admin);
      expect(result.errors?.[0]?.extensions).toBeUndefined();
      expect((result.data as any).updateTripStatus.status).toBe('BOARDING');
    } finally {
      clockOffsetMs = 0;
    }
  });
});

describe('scheduleTimetable weekdays', () => {
  it('treats an explicit empty weekdays list as "no day chosen", not as every day', async () => {
    const t = await createTenant(sg, `wk-${randomUUID().slice(0, 6)}`, [stations[0]!, stations[1]!]);
    const before = await tripCount(t.busId);
    const result = await sg.request(
      TIMETABLE,
      {
        input: {
          routeId: t.routeId,
          busId: t.busId,
          departureTime: '07:00',
          startDate: startDate(3),
          days: 92,
          weekdays: [],
          price: { amount: 4500 },
        },
      },
      t.admin,
    );
    // "Only these days of the week get a departure": none chosen, none scheduled (refused like a range without them).
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await tripCount(t.busId)).toBe(before);
  });
});

describe('updateRoute with the same stops', () => {
  it("keeps the route's fares when the stops given are the route's own", async () => {
    const t = await createTenant(sg, `rt-${randomUUID().slice(0, 6)}`, [stations[0]!, stations[1]!]);
    // A three-stop route with a fare for Kigali → Musanze.
    const { createRoute } = await ok(
      sg,
      CREATE_ROUTE,
      {
        input: {
          companyId: t.companyId,
          name: 'Three stops',
          distanceKm: 150,
          stops: [
            { stationId: stations[0], minutesFromDeparture: 0 },
            { stationId: stations[1], minutesFromDeparture: 60 },
            { stationId: stations[2], minutesFromDeparture: 150 },
          ],
        },
      },
      t.admin,
    );
    const stops = [
      { stationId: stations[0], minutesFromDeparture: 0 },
      { stationId: stations[1], minutesFromDeparture: 60 },
      { stationId: stations[2], minutesFromDeparture: 150 },
    ];
    await ok(
      sg,
      SET_FARES,
      { routeId: createRoute.id, fares: [{ boardingStop: 0, alightingStop: 1, price: { amount: 3000 } }] },
      t.admin,
    );
    // An edit form sends the route back whole: a new name, the stops as they are.
    const { updateRoute } = await ok(
      sg,
      UPDATE_ROUTE,
      { id: createRoute.id, input: { name: 'Three stops (renamed)', stops } },
      t.admin,
    );
    expect(updateRoute.name).toBe('Three stops (renamed)');
    expect(updateRoute.fares).toEqual([{ boardingStop: 0, alightingStop: 1, price: { amount: 3000 } }]);
  });
});

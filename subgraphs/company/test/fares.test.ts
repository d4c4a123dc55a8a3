import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  companyAdmin,
  createStations,
  createTenant,
  CREATE_ROUTE,
  driverOf,
  fails,
  hoursFromNow,
  ok,
  outboxOf,
  passenger,
  SCHEDULE_TRIP,
  startCompanySubgraph,
  type CompanySubgraph,
  type Tenant,
} from './helpers';

const SET_FARES = `mutation($routeId: ID!, $fares: [RouteFareInput!]!) { setRouteFares(routeId: $routeId, fares: $fares) {
  id fares { boardingStop alightingStop price { amount currency } }
} }`;
const TRIP_FARES = `query($id: ID!) { trip(id: $id) { fares { boardingStop alightingStop price { amount currency } derived } } }`;
const UPDATE_ROUTE = `mutation($id: ID!, $input: UpdateRouteInput!) { updateRoute(id: $id, input: $input) { id fares { boardingStop } } }`;

let sg: CompanySubgraph;
let tenant: Tenant;
let other: Tenant;
let routeId: string;
let tripId: string;
let stations: string[];

beforeAll(async () => {
  sg = await startCompanySubgraph();
  stations = await createStations(sg, ['Kigali', 'Musanze', 'Rubavu', 'Huye']);
  tenant = await createTenant(sg, 'fares-a', [stations[0]!, stations[2]!]);
  other = await createTenant(sg, 'fares-b', [stations[0]!, stations[3]!]);
  routeId = await threeStopRoute('Kigali → Musanze → Rubavu');
  const { scheduleTrip } = await ok(
    sg,
    SCHEDULE_TRIP,
    { input: { routeId, busId: tenant.busId, departureAt: hoursFromNow(48), price: { amount: 6000 } } },
    tenant.admin,
  );
  tripId = scheduleTrip.id;
});
afterAll(() => sg.stop());

/** The tenant's route Kigali (0) → Musanze (1, 120 min) → Rubavu (2, 180 min), named `name`; resolves with its id. */
async function threeStopRoute(name: string): Promise<string> {
  const stops = [0, 120, 180].map((minutesFromDeparture, i) => ({ stationId: stations[i], minutesFromDeparture }));
  const input = { companyId: tenant.companyId, name, distanceKm: 160, stops };
  return (await ok(sg, CREATE_ROUTE, { input }, tenant.admin)).createRoute.id as string;
}

const snapshotFares = async () => {
  const updates = (await outboxOf(sg, 'trip.updated')).filter((s) => s.tripId === tripId);
  return updates[updates.length - 1]?.fares as {
    boardingStop: number;
    alightingStop: number;
    price: { amount: number };
  }[];
};

describe('fares per pair of stops', () => {
  it('derives every pair from the trip price by minutes, rounded to 50, where no fare is set', async () => {
    const { trip } = await ok(sg, TRIP_FARES, { id: tripId });
    expect(trip.fares).toEqual([
      { boardingStop: 0, alightingStop: 1, price: { amount: 4000, currency: 'RWF' }, derived: true },
      { boardingStop: 0, alightingStop: 2, price: { amount: 6000, currency: 'RWF' }, derived: false },
      { boardingStop: 1, alightingStop: 2, price: { amount: 2000, currency: 'RWF' }, derived: true },
    ]);
    const [scheduled] = (await outboxOf(sg, 'trip.scheduled')).filter((s) => s.tripId === tripId);
    expect(scheduled.fares).toContainEqual({
      boardingStop: 0,
      alightingStop: 1,
      price: { amount: 4000, currency: 'RWF' },
    });
  });

  it("lets the route's company admin set a pair's fare, and re-sends upcoming trips with it", async () => {
    const { setRouteFares } = await ok(
      sg,
      SET_FARES,
      { routeId, fares: [{ boardingStop: 0, alightingStop: 1, price: { amount: 3500 } }] },
      tenant.admin,
    );
    expect(setRouteFares.fares).toEqual([
      { boardingStop: 0, alightingStop: 1, price: { amount: 3500, currency: 'RWF' } },
    ]);
    expect(await snapshotFares()).toContainEqual({
      boardingStop: 0,
      alightingStop: 1,
      price: { amount: 3500, currency: 'RWF' },
    });
    const { trip } = await ok(sg, TRIP_FARES, { id: tripId });
    expect(trip.fares[0]).toEqual({
      boardingStop: 0,
      alightingStop: 1,
      price: { amount: 3500, currency: 'RWF' },
      derived: false,
    });
  });

  it('removes a fare given with a null price (the pair is derived again)', async () => {
    await ok(
      sg,
      SET_FARES,
      { routeId, fares: [{ boardingStop: 1, alightingStop: 2, price: { amount: 2500 } }] },
      tenant.admin,
    );
    const { setRouteFares } = await ok(
      sg,
      SET_FARES,
      { routeId, fares: [{ boardingStop: 1, alightingStop: 2, price: null }] },
      tenant.admin,
    );
    expect(setRouteFares.fares.map((f: { alightingStop: number }) => f.alightingStop)).toEqual([1]);
    expect(await snapshotFares()).toContainEqual({
      boardingStop: 1,
      alightingStop: 2,
      price: { amount: 2000, currency: 'RWF' },
    });
  });

  it.each([
    [[{ boardingStop: 1, alightingStop: 1, price: { amount: 100 } }], 'after the boarding stop'],
    [[{ boardingStop: 2, alightingStop: 1, price: { amount: 100 } }], 'after the boarding stop'],
    [[{ boardingStop: 0, alightingStop: 3, price: { amount: 100 } }], 'not stops of this route'],
    [[{ boardingStop: 0, alightingStop: 2, price: { amount: 100 } }], "whole route's fare"],
    [[{ boardingStop: 0, alightingStop: 1, price: { amount: 0 } }], 'greater than 0'],
    [
      [
        { boardingStop: 0, alightingStop: 1, price: { amount: 100 } },
        { boardingStop: 0, alightingStop: 1, price: { amount: 200 } },
      ],
      'appears twice',
    ],
  ])('refuses %j with BAD_USER_INPUT (%s) and changes nothing', async (fares, message) => {
    const before = (await outboxOf(sg, 'trip.updated')).length;
    const error = await fails(sg, SET_FARES, { routeId, fares }, tenant.admin);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain(message);
    expect((await outboxOf(sg, 'trip.updated')).length).toBe(before);
  });

  it("refuses another company's admin, drivers and passengers", async () => {
    const fares = [{ boardingStop: 0, alightingStop: 1, price: { amount: 100 } }];
    expect((await fails(sg, SET_FARES, { routeId, fares }, other.admin)).code).toBe('FORBIDDEN');
    expect((await fails(sg, SET_FARES, { routeId, fares }, companyAdmin(other.companyId))).code).toBe('FORBIDDEN');
    expect((await fails(sg, SET_FARES, { routeId, fares }, driverOf(tenant.companyId))).code).toBe('FORBIDDEN');
    expect((await fails(sg, SET_FARES, { routeId, fares }, passenger)).code).toBe('FORBIDDEN');
    expect((await fails(sg, SET_FARES, { routeId, fares }, null)).code).toBe('UNAUTHENTICATED');
    const { trip } = await ok(sg, TRIP_FARES, { id: tripId });
    expect(trip.fares[0].price.amount).toBe(3500);
    // A platform admin may.
    await ok(
      sg,
      SET_FARES,
      { routeId, fares: [{ boardingStop: 0, alightingStop: 1, price: { amount: 3500 } }] },
      admin,
    );
  });

  it("clears the route's fares when its stops change", async () => {
    const { updateRoute } = await ok(
      sg,
      UPDATE_ROUTE,
      {
        id: routeId,
        input: {
          stops: [
            { stationId: stations[0], minutesFromDeparture: 0 },
            { stationId: stations[3], minutesFromDeparture: 60 },
            { stationId: stations[1], minutesFromDeparture: 120 },
            { stationId: stations[2], minutesFromDeparture: 180 },
          ],
        },
      },
      tenant.admin,
    );
    expect(updateRoute.fares).toEqual([]);
    expect(await snapshotFares()).toContainEqual({
      boardingStop: 0,
      alightingStop: 1,
      price: { amount: 2000, currency: 'RWF' },
    });
  });
});

describe('fares and a route edit at once', () => {
  it("checks the pairs against the route's stops as they stand once the edit under way has committed", async () => {
    const routeOfTest = await threeStopRoute(`Kigali → Musanze → Rubavu, ${Date.now()}`);
    // An edit of the route's stops under way (Rubavu dropped), as updateRoute makes it, not committed yet.
    const edit = new pg.Client({ connectionString: sg.database.url });
    await edit.connect();
    try {
      await edit.query('begin');
      await edit.query('select id from company.routes where id = $1 for update', [routeOfTest]);
      await edit.query('delete from company.route_stops where route_id = $1 and position = 2', [routeOfTest]);
      const fares = [{ boardingStop: 1, alightingStop: 2, price: { amount: 2500 } }];
      const setting = sg.request(SET_FARES, { routeId: routeOfTest, fares }, tenant.admin);
      // Musanze → Rubavu was a pair of the route when the fares were asked for; it is none once the edit commits.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await edit.query('commit');
      const result = await setting;
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fares' });
      const { rows } = await edit.query('select count(*)::int as n from company.route_fares where route_id = $1', [
        routeOfTest,
      ]);
      expect(rows[0].n).toBe(0);
    } finally {
      await edit.end();
    }
  });
});

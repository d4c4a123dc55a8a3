import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@busline/shared';
import { inFlight, itConcurrent, lockWaiters, untilWaiting } from '@busline/shared/testing';
import { routes, routeStops, stations as stationTable } from '../src/db/schema';
import {
  admin,
  CREATE_BUS,
  CREATE_DRIVER,
  CREATE_ROUTE,
  CREATE_STATION,
  createTenant,
  driverOf,
  fails,
  hoursFromNow,
  LAYOUT_2_2,
  ok,
  outboxOf,
  SCHEDULE_TRIP,
  startCompanySubgraph,
  type CompanySubgraph,
  type Tenant,
} from './helpers';

/** What one company's admin may not do to another company, and what platform data they may change. */
let sg: CompanySubgraph;
beforeAll(async () => {
  sg = await startCompanySubgraph();
});
afterAll(() => sg.stop());

const SHARED = "This station is used by other companies' routes; only a platform admin can change it";
const ANOTHER_COMPANYS =
  'This station was added by another company; only that company or a platform admin can change it';

const UPDATE_STATION = `mutation($id: ID!, $input: UpdateStationInput!) { updateStation(id: $id, input: $input) { id code name city } }`;
const STATION = `query($id: ID!) { station(id: $id) { id code name city } }`;
const ROUTE = `query($id: ID!) { route(id: $id) { id name stops { order minutesFromDeparture station { id city } } } }`;
const TRIP = `query($id: ID!) { trip(id: $id) { id status version departureAt price { amount } bus { id } driver { id } } }`;

let stationNo = 0;

/** A station added by `by`, with a code no other test uses. */
async function addStation(city: string, by: Viewer = admin) {
  const code = `TB-${++stationNo}`;
  const { createStation } = await ok(
    sg,
    CREATE_STATION,
    { input: { code, name: `${city} Bus Park`, city, latitude: -2.6, longitude: 29.7 } },
    by,
  );
  return createStation as { id: string; code: string; name: string; city: string };
}

/** A company with its own two stations, two buses, a driver and a route between the stations. */
async function tenant(label: string): Promise<Tenant> {
  const from = await addStation(`${label} Town`);
  const to = await addStation(`${label} Village`);
  return createTenant(sg, `${label.toLowerCase()}-${randomUUID().slice(0, 8)}`, [from.id, to.id]);
}

async function schedule(t: Tenant, hours = 48): Promise<string> {
  const input = {
    routeId: t.routeId,
    busId: t.busId,
    driverId: t.driverId,
    departureAt: hoursFromNow(hours),
    price: { amount: 4000 },
  };
  return (await ok(sg, SCHEDULE_TRIP, { input }, t.admin)).scheduleTrip.id as string;
}

async function routeThrough(t: Tenant, stationId: string, by: Viewer = t.admin): Promise<string> {
  const [origin] = (await ok(sg, ROUTE, { id: t.routeId }, admin)).route.stops;
  const stops = [
    { stationId: origin.station.id, minutesFromDeparture: 0 },
    { stationId, minutesFromDeparture: 90 },
  ];
  return (
    await ok(
      sg,
      CREATE_ROUTE,
      { input: { companyId: t.companyId, name: `Via ${stationId}`, distanceKm: 80, stops } },
      by,
    )
  ).createRoute.id as string;
}

const station = async (id: string) => (await ok(sg, STATION, { id }, admin)).station;
const trip = async (id: string) => (await ok(sg, TRIP, { id }, admin)).trip;
const eventsOf = async (type: string, tripId: string) => (await outboxOf(sg, type)).filter((e) => e.tripId === tripId);

describe('stations', () => {
  it("refuses a company admin renaming a station another company's routes stop at, leaving the station and that company's trips as they were", async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');
    const huye = await addStation('Huye');
    const horizonRoute = await routeThrough(horizon, huye.id);
    const departure = await ok(
      sg,
      SCHEDULE_TRIP,
      {
        input: { routeId: horizonRoute, busId: horizon.busId, departureAt: hoursFromNow(30), price: { amount: 5000 } },
      },
      horizon.admin,
    );
    const tripId = departure.scheduleTrip.id as string;

    const refusal = await fails(sg, UPDATE_STATION, { id: huye.id, input: { city: 'Volcano Stop' } }, volcano.admin);

    expect(refusal).toEqual({ code: 'FORBIDDEN', message: SHARED });
    expect(await station(huye.id)).toEqual(huye);
    expect((await ok(sg, ROUTE, { id: horizonRoute }, admin)).route.stops[1].station).toEqual({
      id: huye.id,
      city: 'Huye',
    });
    expect(await eventsOf('trip.updated', tripId)).toEqual([]);
  });

  it("lets a platform admin rename a station other companies' routes stop at, and their upcoming trips follow", async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');
    const huye = await addStation('Huye');
    await routeThrough(volcano, huye.id);
    const horizonRoute = await routeThrough(horizon, huye.id);
    const departure = await ok(
      sg,
      SCHEDULE_TRIP,
      {
        input: { routeId: horizonRoute, busId: horizon.busId, departureAt: hoursFromNow(30), price: { amount: 5000 } },
      },
      horizon.admin,
    );
    const tripId = departure.scheduleTrip.id as string;

    const { updateStation } = await ok(
      sg,
      UPDATE_STATION,
      { id: huye.id, input: { name: 'Huye Central Park' } },
      admin,
    );

    expect(updateStation).toEqual({ ...huye, name: 'Huye Central Park' });
    const [event] = await eventsOf('trip.updated', tripId);
    expect(event.stops[1]).toEqual({
      stationId: huye.id,
      code: huye.code,
      name: 'Huye Central Park',
      city: 'Huye',
      order: 1,
      minutesFromDeparture: 90,
    });
  });

  it('lets a company admin change a station it added that only its own routes stop at', async () => {
    const volcano = await tenant('Volcano');
    const kinigi = await addStation('Kinigi', volcano.admin);
    await routeThrough(volcano, kinigi.id);

    const { updateStation } = await ok(
      sg,
      UPDATE_STATION,
      { id: kinigi.id, input: { name: 'Kinigi Gate' } },
      volcano.admin,
    );

    expect(updateStation).toEqual({ ...kinigi, name: 'Kinigi Gate' });
  });

  it('lets a company admin change a station no other company uses', async () => {
    const volcano = await tenant('Volcano');
    const musanze = await addStation('Musanze');
    await routeThrough(volcano, musanze.id);

    const { updateStation } = await ok(
      sg,
      UPDATE_STATION,
      { id: musanze.id, input: { name: 'Musanze Terminal' } },
      volcano.admin,
    );

    expect(updateStation).toEqual({ ...musanze, name: 'Musanze Terminal' });
  });

  it('refuses a company admin changing a station another company added, even before any route stops there', async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');
    const nyanza = await addStation('Nyanza', horizon.admin);

    const refusal = await fails(sg, UPDATE_STATION, { id: nyanza.id, input: { code: 'VOL-NYZ' } }, volcano.admin);

    expect(refusal).toEqual({ code: 'FORBIDDEN', message: ANOTHER_COMPANYS });
    expect(await station(nyanza.id)).toEqual(nyanza);
  });

  it("refuses the company that added a station changing it once another company's route stops there", async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');
    const kinigi = await addStation('Kinigi', volcano.admin);
    await routeThrough(horizon, kinigi.id);

    const refusal = await fails(sg, UPDATE_STATION, { id: kinigi.id, input: { city: 'Musanze' } }, volcano.admin);

    expect(refusal).toEqual({ code: 'FORBIDDEN', message: SHARED });
    expect(await station(kinigi.id)).toEqual(kinigi);
  });

  itConcurrent('waits for a route another company is adding through the station, then refuses the change', async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');
    const kinigi = await addStation('Kinigi', volcano.admin);
    const db = sg.database.handle.db;
    // Horizon's route creation, held open after locking the station and adding its stop.
    let commit!: () => void;
    let stopAdded!: () => void;
    const added = new Promise<void>((resolve) => (stopAdded = resolve));
    const horizonAddsRoute = db.transaction(async (tx) => {
      await tx.select().from(stationTable).where(eq(stationTable.id, kinigi.id)).for('update');
      const [route] = await tx
        .insert(routes)
        .values({ companyId: horizon.companyId, name: 'Kigali → Kinigi', distanceKm: 110 })
        .returning();
      const [origin] = await tx.select().from(routeStops).where(eq(routeStops.routeId, horizon.routeId));
      await tx.insert(routeStops).values([
        { routeId: route!.id, position: 0, stationId: origin!.stationId, minutesFromDeparture: 0 },
        { routeId: route!.id, position: 1, stationId: kinigi.id, minutesFromDeparture: 150 },
      ]);
      stopAdded();
      await new Promise<void>((resolve) => (commit = resolve));
    });
    await added;

    const rename = inFlight(
      sg.request(UPDATE_STATION, { id: kinigi.id, input: { name: 'Kinigi Gate' } }, volcano.admin),
    );
    await untilWaiting(rename, async () => (await lockWaiters(db)) > 0);
    commit();
    await horizonAddsRoute;

    const answer = await rename.answer;
    expect(answer.errors?.map((e) => ({ code: e.extensions?.code, message: e.message }))).toEqual([
      { code: 'FORBIDDEN', message: SHARED },
    ]);
    expect(await station(kinigi.id)).toEqual(kinigi);
  });
});

describe("another company's companyId", () => {
  it('refuses a company admin adding a route for another company', async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');
    const [origin, destination] = (await ok(sg, ROUTE, { id: volcano.routeId }, admin)).route.stops;
    const stops = [
      { stationId: origin.station.id, minutesFromDeparture: 0 },
      { stationId: destination.station.id, minutesFromDeparture: 60 },
    ];

    const refusal = await fails(
      sg,
      CREATE_ROUTE,
      { input: { companyId: horizon.companyId, name: 'Planted', distanceKm: 50, stops } },
      volcano.admin,
    );

    expect(refusal).toEqual({ code: 'FORBIDDEN', message: 'Not allowed for this company' });
    const listed = await ok(sg, `query($c: ID!) { routes(companyId: $c) { edges { node { id } } } }`, {
      c: horizon.companyId,
    });
    expect(listed.routes.edges).toEqual([{ node: { id: horizon.routeId } }]);
  });

  it('refuses a company admin adding a bus to another company', async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');

    const input = { companyId: horizon.companyId, plateNumber: 'RAH 777 V', model: 'Coaster', seatLayout: LAYOUT_2_2 };
    const refusal = await fails(sg, CREATE_BUS, { input }, volcano.admin);

    expect(refusal).toEqual({ code: 'FORBIDDEN', message: 'Not allowed for this company' });
    const buses = await ok(
      sg,
      `query($c: ID!) { buses(companyId: $c) { edges { node { id } } } }`,
      { c: horizon.companyId },
      admin,
    );
    expect(buses.buses.edges.map((e: any) => e.node.id).sort()).toEqual([horizon.busId, horizon.busId2].sort());
  });

  it('refuses a company admin adding a driver to another company', async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');

    const input = {
      companyId: horizon.companyId,
      name: 'Planted Driver',
      phone: '+250788000222',
      licenceNumber: 'LIC-PLANT',
    };
    const refusal = await fails(sg, CREATE_DRIVER, { input }, volcano.admin);

    expect(refusal).toEqual({ code: 'FORBIDDEN', message: 'Not allowed for this company' });
    const drivers = await ok(
      sg,
      `query($c: ID!) { drivers(companyId: $c) { edges { node { id } } } }`,
      { c: horizon.companyId },
      admin,
    );
    expect(drivers.drivers.edges).toEqual([{ node: { id: horizon.driverId } }]);
  });

  it("refuses a company admin listing another company's buses", async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');

    const refusal = await fails(
      sg,
      `query($c: ID!) { buses(companyId: $c) { edges { node { id } } } }`,
      { c: horizon.companyId },
      volcano.admin,
    );

    expect(refusal).toEqual({ code: 'FORBIDDEN', message: 'Not allowed for this company' });
  });

  it("refuses a company admin listing another company's drivers", async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');

    const refusal = await fails(
      sg,
      `query($c: ID!) { drivers(companyId: $c) { edges { node { id } } } }`,
      { c: horizon.companyId },
      volcano.admin,
    );

    expect(refusal).toEqual({ code: 'FORBIDDEN', message: 'Not allowed for this company' });
  });

  it('refuses a company admin renaming another company', async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');
    const COMPANY = `query($id: ID!) { company(id: $id) { name slug } }`;
    const before = (await ok(sg, COMPANY, { id: horizon.companyId })).company;

    const UPDATE_COMPANY = `mutation($id: ID!) { updateCompany(id: $id, input: { name: "Taken Over" }) { name } }`;
    const refusal = await fails(sg, UPDATE_COMPANY, { id: horizon.companyId }, volcano.admin);

    expect(refusal).toEqual({ code: 'FORBIDDEN', message: 'Not allowed for your role' });
    expect((await ok(sg, COMPANY, { id: horizon.companyId })).company).toEqual(before);
  });
});

describe("another company's fleet, routes and trips", () => {
  it("refuses a company admin scheduling a trip on another company's route", async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');

    const input = {
      routeId: horizon.routeId,
      busId: volcano.busId,
      departureAt: hoursFromNow(40),
      price: { amount: 100 },
    };
    const refusal = await fails(sg, SCHEDULE_TRIP, { input }, volcano.admin);

    expect(refusal).toEqual({ code: 'FORBIDDEN', message: 'Not allowed for this route' });
    const listed = await ok(sg, `query($r: ID!) { trips(routeId: $r) { edges { node { id } } } }`, {
      r: horizon.routeId,
    });
    expect(listed.trips.edges).toEqual([]);
  });

  it("refuses a company admin putting another company's bus on their trip", async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');

    const input = {
      routeId: volcano.routeId,
      busId: horizon.busId,
      departureAt: hoursFromNow(40),
      price: { amount: 100 },
    };
    const refusal = await fails(sg, SCHEDULE_TRIP, { input }, volcano.admin);

    expect(refusal).toEqual({ code: 'BAD_USER_INPUT', message: "The bus is not one of this company's buses" });
    const listed = await ok(sg, `query($r: ID!) { trips(routeId: $r) { edges { node { id } } } }`, {
      r: volcano.routeId,
    });
    expect(listed.trips.edges).toEqual([]);
  });

  it("refuses a company admin putting another company's driver on their trip", async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');

    const input = {
      routeId: volcano.routeId,
      busId: volcano.busId,
      driverId: horizon.driverId,
      departureAt: hoursFromNow(40),
      price: { amount: 100 },
    };
    const refusal = await fails(sg, SCHEDULE_TRIP, { input }, volcano.admin);

    expect(refusal).toEqual({ code: 'BAD_USER_INPUT', message: "The driver is not one of this company's drivers" });
    const listed = await ok(sg, `query($r: ID!) { trips(routeId: $r) { edges { node { id } } } }`, {
      r: volcano.routeId,
    });
    expect(listed.trips.edges).toEqual([]);
  });

  it("refuses a company admin a timetable on another company's route", async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');
    const start = hoursFromNow(72).slice(0, 10);

    const input = {
      routeId: horizon.routeId,
      busId: volcano.busId,
      departureTime: '07:00',
      startDate: start,
      days: 3,
      price: { amount: 100 },
    };
    const refusal = await fails(
      sg,
      `mutation($input: ScheduleTimetableInput!) { scheduleTimetable(input: $input) { id } }`,
      { input },
      volcano.admin,
    );

    expect(refusal).toEqual({ code: 'FORBIDDEN', message: 'Not allowed for this route' });
    const listed = await ok(sg, `query($r: ID!) { trips(routeId: $r) { edges { node { id } } } }`, {
      r: horizon.routeId,
    });
    expect(listed.trips.edges).toEqual([]);
  });

  it("refuses a company admin moving their trip onto another company's bus", async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');
    const tripId = await schedule(volcano);
    const before = await trip(tripId);

    const UPDATE = `mutation($id: ID!, $bus: ID!) { updateTrip(tripId: $id, input: { busId: $bus }) { id } }`;
    const refusal = await fails(sg, UPDATE, { id: tripId, bus: horizon.busId }, volcano.admin);

    expect(refusal).toEqual({ code: 'BAD_USER_INPUT', message: "The bus is not one of this company's buses" });
    expect(await trip(tripId)).toEqual(before);
  });

  it("refuses a company admin changing another company's trip, with no event for it", async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');
    const tripId = await schedule(horizon);
    const before = await trip(tripId);

    const UPDATE = `mutation($id: ID!) { updateTrip(tripId: $id, input: { price: { amount: 1 } }) { id } }`;
    const refusal = await fails(sg, UPDATE, { id: tripId }, volcano.admin);

    expect(refusal).toEqual({ code: 'FORBIDDEN', message: 'Not allowed for this trip' });
    expect(await trip(tripId)).toEqual(before);
    expect(await eventsOf('trip.updated', tripId)).toEqual([]);
  });

  it("refuses a company admin cancelling another company's trip, with no event for it", async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');
    const tripId = await schedule(horizon);

    const CANCEL = `mutation($id: ID!) { cancelTrip(tripId: $id, reason: "Taken over") { id } }`;
    const refusal = await fails(sg, CANCEL, { id: tripId }, volcano.admin);

    expect(refusal).toEqual({ code: 'FORBIDDEN', message: 'Not allowed for this trip' });
    expect((await trip(tripId)).status).toBe('SCHEDULED');
    expect(await eventsOf('trip.cancelled', tripId)).toEqual([]);
  });

  it("refuses another company's driver recording a trip's boarding", async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');
    const tripId = await schedule(horizon);

    const BOARD = `mutation($id: ID!) { updateTripStatus(tripId: $id, status: BOARDING) { id } }`;
    const refusal = await fails(sg, BOARD, { id: tripId }, driverOf(volcano.companyId));

    expect(refusal).toEqual({ code: 'FORBIDDEN', message: 'Not allowed for this trip' });
    expect((await trip(tripId)).status).toBe('SCHEDULED');
    expect(await eventsOf('trip.updated', tripId)).toEqual([]);
  });

  it("refuses a company admin changing another company's route stops, whose trips keep theirs", async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');
    const tripId = await schedule(horizon);
    const before = (await ok(sg, ROUTE, { id: horizon.routeId }, admin)).route;
    const [origin, destination] = (await ok(sg, ROUTE, { id: volcano.routeId }, admin)).route.stops;
    const stops = [
      { stationId: origin.station.id, minutesFromDeparture: 0 },
      { stationId: destination.station.id, minutesFromDeparture: 30 },
    ];

    const UPDATE = `mutation($id: ID!, $s: [RouteStopInput!]!) { updateRoute(id: $id, input: { stops: $s }) { id } }`;
    const refusal = await fails(sg, UPDATE, { id: horizon.routeId, s: stops }, volcano.admin);

    expect(refusal).toEqual({ code: 'FORBIDDEN', message: 'Not allowed for this route' });
    expect((await ok(sg, ROUTE, { id: horizon.routeId }, admin)).route).toEqual(before);
    expect(await eventsOf('trip.updated', tripId)).toEqual([]);
  });

  it("refuses a company admin changing another company's bus layout, whose trips keep their seats", async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');
    const tripId = await schedule(horizon);

    const UPDATE = `mutation($id: ID!, $l: SeatLayoutInput!) { updateBus(id: $id, input: { seatLayout: $l }) { id } }`;
    const refusal = await fails(
      sg,
      UPDATE,
      { id: horizon.busId, l: { decks: [{ deck: 1, rows: 1, columns: ['A'] }] } },
      volcano.admin,
    );

    expect(refusal).toEqual({ code: 'FORBIDDEN', message: 'Not allowed for this bus' });
    const buses = await ok(
      sg,
      `query($c: ID!) { buses(companyId: $c, first: 5) { edges { node { id seatCount } } } }`,
      { c: horizon.companyId },
      admin,
    );
    expect(buses.buses.edges.find((e: any) => e.node.id === horizon.busId).node.seatCount).toBe(38);
    expect(await eventsOf('trip.updated', tripId)).toEqual([]);
  });

  it("refuses a company admin changing another company's driver", async () => {
    const horizon = await tenant('Horizon');
    const volcano = await tenant('Volcano');

    const UPDATE = `mutation($id: ID!) { updateDriver(id: $id, input: { phone: "+250788999999" }) { id } }`;
    const refusal = await fails(sg, UPDATE, { id: horizon.driverId }, volcano.admin);

    expect(refusal).toEqual({ code: 'FORBIDDEN', message: 'Not allowed for this driver' });
    const drivers = await ok(
      sg,
      `query($c: ID!) { drivers(companyId: $c) { edges { node { id phone } } } }`,
      { c: horizon.companyId },
      admin,
    );
    expect(drivers.drivers.edges).toEqual([{ node: { id: horizon.driverId, phone: '+250788000001' } }]);
  });
});

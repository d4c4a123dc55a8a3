import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inFlight, itConcurrent, lockWaiters, untilWaiting } from '@busline/shared/testing';
import { buses, drivers, routeStops, trips } from '../src/db/schema';
import {
  admin,
  CREATE_DRIVER,
  CREATE_ROUTE,
  createStations,
  createTenant,
  hoursFromNow,
  ok,
  SCHEDULE_TRIP,
  startCompanySubgraph,
  type CompanySubgraph,
} from './helpers';

let sg: CompanySubgraph;
beforeAll(async () => {
  sg = await startCompanySubgraph();
});
afterAll(() => sg.stop());

const UPDATE_COMPANY = `mutation($id: ID!, $input: UpdateCompanyInput!) { updateCompany(id: $id, input: $input) { id currency } }`;
const UPDATE_BUS = `mutation($id: ID!, $input: UpdateBusInput!) { updateBus(id: $id, input: $input) { id seatCount } }`;
const UPDATE_ROUTE = `mutation($id: ID!, $input: UpdateRouteInput!) { updateRoute(id: $id, input: $input) { id } }`;
const UPDATE_TRIP = `mutation($id: ID!, $input: UpdateTripInput!) { updateTrip(tripId: $id, input: $input) { id } }`;
const UPDATE_TRIP_BUS = `mutation($id: ID!, $input: UpdateTripInput!) { updateTrip(tripId: $id, input: $input) { id bus { id } } }`;
const UPDATE_STATION = `mutation($id: ID!, $input: UpdateStationInput!) { updateStation(id: $id, input: $input) { id } }`;
const LAYOUT = { decks: [{ deck: 1, rows: 12, columns: ['A', 'B', 'C', 'D'], aisleAfter: ['B'] }] };

const waiting = () => lockWaiters(sg.database.handle.db);

/** A transaction of the test's own (what `work` is given). */
type OwnTx = Parameters<Parameters<CompanySubgraph['database']['handle']['db']['transaction']>[0]>[0];

/**
 * Runs `work` in a transaction of its own and holds what it locked until `release` is called, as another edit would:
 * it pins the timing. With `wait` false it returns at once, `work` done once whoever has its rows lets go.
 */
async function holding(work: (tx: OwnTx) => Promise<unknown>, wait = true) {
  let release!: () => void;
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = sg.database.handle.db.transaction(async (tx) => {
    await work(tx);
    locked();
    await new Promise<void>((resolve) => (release = resolve));
  });
  if (wait) await isLocked;
  return {
    isLocked,
    release: async () => {
      await isLocked;
      release();
      await holder;
    },
  };
}

/** Holds a row (select … for update), as another edit of it would (see holding). */
const holdRow = (table: typeof buses | typeof drivers | typeof trips, id: string, wait = true) =>
  holding((tx) => tx.execute(sql`select 1 from ${table} where id = ${id} for update`), wait);
const holdBus = async (busId: string) => (await holdRow(buses, busId)).release;

describe('edits racing each other', () => {
  itConcurrent('a currency change racing a trip being scheduled leaves no open trip in the old currency', async () => {
    const [a, b] = await createStations(sg, ['Kigali', 'Huye']);
    const t = await createTenant(sg, `cur-${randomUUID().slice(0, 6)}`, [a!, b!]);
    const release = await holdBus(t.busId);
    // The company admin schedules a trip in the company's currency (RWF); it waits for the bus.
    const scheduling = inFlight(
      sg.request(
        SCHEDULE_TRIP,
        { input: { routeId: t.routeId, busId: t.busId, departureAt: hoursFromNow(72), price: { amount: 5000 } } },
        t.admin,
      ),
    );
    await untilWaiting(scheduling, async () => (await waiting()) >= 1);
    // Meanwhile the platform admin moves the company to KES: it waits for the scheduling to end.
    const change = inFlight(sg.request(UPDATE_COMPANY, { id: t.companyId, input: { currency: 'KES' } }, admin));
    await untilWaiting(change, async () => (await waiting()) >= 2);
    await release();
    const [scheduled, changed] = await Promise.all([scheduling.answer, change.answer]);
    expect(scheduled.errors).toBeUndefined();
    // The trip came first and is still open in RWF: the change is refused.
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CURRENCY_IN_USE' });
    const open = await sg.database.handle.db.select().from(trips).where(eq(trips.companyId, t.companyId));
    const { company } = await ok(sg, `query($id: ID!) { company(id: $id) { currency } }`, { id: t.companyId }, admin);
    expect(open.map((trip) => trip.priceCurrency)).toEqual([company.currency]);
  });

  itConcurrent('a bus layout edit and a move of one of its trips at once both go through', async () => {
    const [a, b] = await createStations(sg, ['Kigali', 'Huye']);
    const t = await createTenant(sg, `dl-${randomUUID().slice(0, 6)}`, [a!, b!]);
    const tripId = (
      await ok(
        sg,
        SCHEDULE_TRIP,
        { input: { routeId: t.routeId, busId: t.busId, departureAt: hoursFromNow(48), price: { amount: 4000 } } },
        t.admin,
      )
    ).scheduleTrip.id as string;
    const release = await holdBus(t.busId);
    // One admin changes the bus's layout (it locks the bus, then its trips) ...
    const layout = inFlight(sg.request(UPDATE_BUS, { id: t.busId, input: { seatLayout: LAYOUT } }, t.admin));
    await untilWaiting(layout, async () => (await waiting()) >= 1);
    // ... while another moves its trip by an hour (it locked the trip, then waited for the bus: a deadlock).
    const move = inFlight(sg.request(UPDATE_TRIP, { id: tripId, input: { departureAt: hoursFromNow(49) } }, t.admin));
    await untilWaiting(move, async () => (await waiting()) >= 2);
    await release();
    const [bus, trip] = await Promise.all([layout.answer, move.answer]);
    expect({ bus: bus.errors ?? 'ok', trip: trip.errors ?? 'ok' }).toEqual({ bus: 'ok', trip: 'ok' });
  });

  itConcurrent(
    'a route edit lengthening its trips and a layout edit of their bus at once both go through',
    async () => {
      const [a, b] = await createStations(sg, ['Kigali', 'Huye']);
      const t = await createTenant(sg, `ro-${randomUUID().slice(0, 6)}`, [a!, b!]);
      const input = { routeId: t.routeId, busId: t.busId, driverId: t.driverId, departureAt: hoursFromNow(48) };
      await ok(sg, SCHEDULE_TRIP, { input: { ...input, price: { amount: 4000 } } }, t.admin);
      const release = await holdBus(t.busId);
      // One admin changes the bus's layout (it locks the bus, then its trips) ...
      const layout = inFlight(sg.request(UPDATE_BUS, { id: t.busId, input: { seatLayout: LAYOUT } }, t.admin));
      await untilWaiting(layout, async () => (await waiting()) >= 1);
      // ... while another lengthens the route from 120 to 180 minutes: its trips are re-placed on their bus (it locked
      // the trips, then waited for the bus: a deadlock).
      const stops = [
        { stationId: a, minutesFromDeparture: 0 },
        { stationId: b, minutesFromDeparture: 180 },
      ];
      const route = inFlight(sg.request(UPDATE_ROUTE, { id: t.routeId, input: { stops } }, t.admin));
      await untilWaiting(route, async () => (await waiting()) >= 2);
      await release();
      const [bus, edited] = await Promise.all([layout.answer, route.answer]);
      expect({ bus: bus.errors ?? 'ok', route: edited.errors ?? 'ok' }).toEqual({ bus: 'ok', route: 'ok' });
    },
  );

  itConcurrent(
    'a station rename and a layout edit of a bus whose trips stop there, at once, both go through',
    async () => {
      const [s, x, y] = await createStations(sg, ['Junction', 'Eastville', 'Westville']);
      const t = await createTenant(sg, `sr-${randomUUID().slice(0, 6)}`, [s!, x!]);
      const stops = [
        { stationId: s, minutesFromDeparture: 0 },
        { stationId: y, minutesFromDeparture: 60 },
      ];
      const input = { companyId: t.companyId, name: 'West line', distanceKm: 40, stops };
      const westLine = (await ok(sg, CREATE_ROUTE, { input }, admin)).createRoute.id as string;
      // The order the rename reads the routes through the station in.
      const order = (
        await sg.database.handle.db
          .selectDistinct({ routeId: routeStops.routeId })
          .from(routeStops)
          .where(eq(routeStops.stationId, s!))
      ).map((r) => r.routeId);
      expect(new Set(order)).toEqual(new Set([t.routeId, westLine]));
      const schedule = async (routeId: string, hours: number) =>
        (
          await ok(
            sg,
            SCHEDULE_TRIP,
            { input: { routeId, busId: t.busId, departureAt: hoursFromNow(hours), price: { amount: 3000 } } },
            admin,
          )
        ).scheduleTrip.id as string;
      // One bus: a later trip on the route read first, an earlier one on the other.
      await schedule(order[0]!, 54);
      const earlier = await schedule(order[1]!, 44);
      const { release } = await holdRow(trips, earlier);
      // The company changes its bus's layout: it locks the bus, then the bus's trips, earliest first ...
      const layout = inFlight(sg.request(UPDATE_BUS, { id: t.busId, input: { seatLayout: LAYOUT } }, t.admin));
      await untilWaiting(layout, async () => (await waiting()) >= 1);
      // ... while a platform admin renames the station (it locked the trips route by route: a deadlock).
      const rename = inFlight(sg.request(UPDATE_STATION, { id: s, input: { name: 'Junction Central' } }, admin));
      await untilWaiting(rename, async () => (await waiting()) >= 2);
      await release();
      const [bus, station] = await Promise.all([layout.answer, rename.answer]);
      expect({ bus: bus.errors ?? 'ok', station: station.errors ?? 'ok' }).toEqual({ bus: 'ok', station: 'ok' });
    },
  );

  itConcurrent(
    'a route edit whose trip moves to another bus and driver meanwhile is refused to be asked again, never deadlocks',
    async () => {
      const [a, b] = await createStations(sg, ['Kigali', 'Huye']);
      const t = await createTenant(sg, `mv-${randomUUID().slice(0, 6)}`, [a!, b!]);
      const licenceNumber = `L2-${randomUUID().slice(0, 6)}`;
      const driverInput = { companyId: t.companyId, name: 'Eric Second', phone: '+250788000002', licenceNumber };
      const driver2 = (await ok(sg, CREATE_DRIVER, { input: driverInput }, admin)).createDriver.id as string;
      const input = { routeId: t.routeId, busId: t.busId, driverId: t.driverId, departureAt: hoursFromNow(48) };
      const tripId = (await ok(sg, SCHEDULE_TRIP, { input: { ...input, price: { amount: 4000 } } }, t.admin))
        .scheduleTrip.id as string;
      // Another edit of the trip holds it: the move below locks both buses and both drivers, then waits for the trip.
      const tripHold = await holdRow(trips, tripId);
      const moved = { id: tripId, input: { busId: t.busId2, driverId: driver2 } };
      const move = inFlight(sg.request(UPDATE_TRIP, moved, t.admin));
      await untilWaiting(move, async () => (await waiting()) >= 1);
      // The route is lengthened: it reads the trip on the first bus, then waits for that bus.
      const stops = [
        { stationId: a, minutesFromDeparture: 0 },
        { stationId: b, minutesFromDeparture: 180 },
      ];
      const route = inFlight(sg.request(UPDATE_ROUTE, { id: t.routeId, input: { stops } }, t.admin));
      await untilWaiting(route, async () => (await waiting()) >= 2);
      // The second bus's layout is changed: it waits for that bus (the move holds it), then for its trips.
      const layout = inFlight(sg.request(UPDATE_BUS, { id: t.busId2, input: { seatLayout: LAYOUT } }, t.admin));
      await untilWaiting(layout, async () => (await waiting()) >= 3);
      // Someone else is at the second driver: queued behind the move, it keeps the layout edit waiting.
      const driverHold = await holdRow(drivers, driver2, false);
      await untilWaiting(layout, async () => (await waiting()) >= 4);
      await tripHold.release();
      expect((await move.answer).errors ?? 'ok').toBe('ok');
      await driverHold.isLocked;
      // The route edit now finds its trip on a bus it has not locked: locking it with the trip held deadlocked
      // against the layout edit. It gives up instead, changing nothing, and says to ask again.
      const edited = await route.answer;
      expect(edited.errors?.[0]?.extensions).toEqual({ code: 'UNAVAILABLE', retryAfterSeconds: 1 });
      await driverHold.release();
      expect((await layout.answer).errors ?? 'ok').toBe('ok');
      await ok(sg, UPDATE_ROUTE, { id: t.routeId, input: { stops } }, t.admin);
    },
  );
});

describe('updateTrip lock order', () => {
  it('a trip moved to another bus meanwhile does not deadlock an edit of the trip against an edit of that bus', async () => {
    const [a, b] = await createStations(sg, ['Kigali', 'Huye']);
    const t = await createTenant(sg, `lk-${randomUUID().slice(0, 6)}`, [a!, b!]);
    const { scheduleTrip } = await ok(
      sg,
      SCHEDULE_TRIP,
      { input: { routeId: t.routeId, busId: t.busId, departureAt: hoursFromNow(72), price: { amount: 5000 } } },
      t.admin,
    );
    // Another edit of the trip is under way: it moves the trip onto the second bus (as updateTrip{busId} does).
    const move = await holding(async (tx) => {
      await tx.execute(sql`select 1 from ${trips} where id = ${scheduleTrip.id} for update`);
      await tx.update(trips).set({ busId: t.busId2 }).where(eq(trips.id, scheduleTrip.id));
    });
    // The admin assigns the driver: updateTrip read the trip on the first bus, locks that bus, then waits for the trip.
    const assign = inFlight(
      sg.request(UPDATE_TRIP_BUS, { id: scheduleTrip.id, input: { driverId: t.driverId } }, t.admin),
    );
    await untilWaiting(assign, async () => (await waiting()) >= 1);
    // Some edit holds the second bus (no key update: the move above key-share locks it through the trip's foreign
    // key); an edit of that bus's seat layout queues for it.
    const bus2 = await holding((tx) =>
      tx.execute(sql`select 1 from ${buses} where id = ${t.busId2} for no key update`),
    );
    const relayout = inFlight(sg.request(UPDATE_BUS, { id: t.busId2, input: { seatLayout: LAYOUT } }, t.admin));
    await untilWaiting(relayout, async () => (await waiting()) >= 2);
    // The move commits: updateTrip gets the trip (now on the second bus) and queues for that bus.
    await move.release();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await bus2.release();
    const [assigned, relaid] = await Promise.all([assign.answer, relayout.answer]);
    const codes = [assigned, relaid].map((r) => r.errors?.[0]?.extensions?.code);
    // Either both go through, or one is told to retry (UNAVAILABLE) as lockUpcomingTrips does: never a deadlock.
    expect(codes.filter((c) => c !== undefined && c !== 'UNAVAILABLE')).toEqual([]);
  });
});

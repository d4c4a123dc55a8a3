import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { inFlight, itConcurrent, lockWaiters, untilWaiting, type InFlight } from '@busline/shared/testing';
import { buses, trips } from '../src/db/schema';
import {
  admin,
  CREATE_ROUTE,
  createStations,
  createTenant,
  hoursFromNow,
  ok,
  outboxOf,
  SCHEDULE_TRIP,
  startCompanySubgraph,
  type CompanySubgraph,
  type Tenant,
} from './helpers';

/**
 * A trip scheduled while its route's stops or one of its stations are being changed. A station rename re-sends every
 * upcoming trip through the station (docs/tenancy.md, update-station.ts) and a route edit makes its trips "arrive no
 * earlier than its new stops let them" (update-route.ts): a trip scheduled at the same time must end up with the same
 * guarantees, whichever commits first. (setRouteFares is safe: its FOR UPDATE on the route blocks the trip insert's
 * foreign-key check, so the new trip's snapshot is read after the fares commit.)
 */
let sg: CompanySubgraph;
beforeAll(async () => {
  sg = await startCompanySubgraph();
});
afterAll(() => sg.stop());

const waiting = () => lockWaiters(sg.database.handle.db);

/** Holds a row lock (as a concurrent edit would) until the returned release is called. */
async function hold(lock: (tx: any) => Promise<unknown>) {
  let release!: () => void;
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = sg.database.handle.db.transaction(async (tx) => {
    await lock(tx);
    locked();
    await new Promise<void>((resolve) => (release = resolve));
  });
  await isLocked;
  return async () => {
    release();
    await holder;
  };
}
const holdTrip = (tripId: string) => hold((tx) => tx.select().from(trips).where(eq(trips.id, tripId)).for('update'));
const holdBus = (busId: string) => hold((tx) => tx.select().from(buses).where(eq(buses.id, busId)).for('update'));

/** Waits until `request` answered or is seen waiting for a lock (with a fix, the scheduling waits for the edit). */
async function answeredOrWaiting(request: InFlight<unknown>, waiters: number) {
  const deadline = Date.now() + 10_000;
  while (!request.answered && (await waiting()) < waiters) {
    if (Date.now() > deadline) throw new Error('neither answered nor waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A tenant with a three-stop route (Kigali 0 → Muhanga 60 → Huye 120), on which a pair fare can be set. */
async function tenantWithThreeStops(): Promise<Tenant & { stations: string[]; route3: string }> {
  const stations = await createStations(sg, ['Kigali', 'Muhanga', 'Huye']);
  const t = await createTenant(sg, `rv-${randomUUID().slice(0, 8)}`, [stations[0]!, stations[2]!]);
  const { createRoute } = await ok(
    sg,
    CREATE_ROUTE,
    {
      input: {
        companyId: t.companyId,
        name: `Three stops ${randomUUID().slice(0, 6)}`,
        distanceKm: 150,
        stops: [
          { stationId: stations[0], minutesFromDeparture: 0 },
          { stationId: stations[1], minutesFromDeparture: 60 },
          { stationId: stations[2], minutesFromDeparture: 120 },
        ],
      },
    },
    admin,
  );
  return { ...t, stations, route3: createRoute.id as string };
}

async function schedule(t: Tenant, routeId: string, busId: string, hours: number) {
  const input = { routeId, busId, departureAt: hoursFromNow(hours), price: { amount: 6000 } };
  return (await ok(sg, SCHEDULE_TRIP, { input }, t.admin)).scheduleTrip.id as string;
}

/** The newest snapshot (trip.scheduled or trip.updated) the other services have of a trip. */
async function latestSnapshot(tripId: string) {
  const events = [...(await outboxOf(sg, 'trip.scheduled')), ...(await outboxOf(sg, 'trip.updated'))].filter(
    (e) => e.tripId === tripId,
  );
  return events.sort((a, b) => a.version - b.version)[events.length - 1];
}

describe('a trip scheduled while its route is being edited', () => {
  itConcurrent("is announced with a station's new name when the station is renamed at the same time", async () => {
    const t = await tenantWithThreeStops();
    const existing = await schedule(t, t.route3, t.busId, 24);
    const release = await holdTrip(existing);
    // A platform admin renames Muhanga's station: its upcoming trips are re-sent with the new name.
    const rename = inFlight(
      sg.request(
        `mutation($id: ID!) { updateStation(id: $id, input: { name: "Muhanga Central Park" }) { id } }`,
        { id: t.stations[1] },
        admin,
      ),
    );
    await untilWaiting(rename, async () => (await waiting()) >= 1);
    const scheduling = inFlight(
      sg.request(
        SCHEDULE_TRIP,
        { input: { routeId: t.route3, busId: t.busId2, departureAt: hoursFromNow(30), price: { amount: 6000 } } },
        t.admin,
      ),
    );
    await answeredOrWaiting(scheduling, 2);
    await release();
    const [renamed, scheduled] = await Promise.all([rename.answer, scheduling.answer]);
    expect(renamed.errors).toBeUndefined();
    expect(scheduled.errors).toBeUndefined();
    const tripId = (scheduled.data as any).scheduleTrip.id as string;
    const stop = (await latestSnapshot(tripId)).stops.find((s: any) => s.order === 1);
    expect(stop.name, 'the last trip event of the new trip names the station as renamed').toBe('Muhanga Central Park');
  });

  itConcurrent('arrives no earlier than the stops it was lengthened to at the same time let it', async () => {
    const t = await tenantWithThreeStops();
    // Bus 2 is held (as another scheduling of it would): the new trip has read the route (120 minutes) and waits.
    const release = await holdBus(t.busId2);
    const departureAt = hoursFromNow(40);
    const scheduling = inFlight(
      sg.request(
        SCHEDULE_TRIP,
        { input: { routeId: t.route3, busId: t.busId2, departureAt, price: { amount: 6000 } } },
        t.admin,
      ),
    );
    await untilWaiting(scheduling, async () => (await waiting()) >= 1);
    // Meanwhile the route's last stop moves from 120 to 240 minutes.
    const stops = [
      { stationId: t.stations[0], minutesFromDeparture: 0 },
      { stationId: t.stations[1], minutesFromDeparture: 60 },
      { stationId: t.stations[2], minutesFromDeparture: 240 },
    ];
    const edit = inFlight(
      sg.request(
        `mutation($id: ID!, $s: [RouteStopInput!]!) { updateRoute(id: $id, input: { stops: $s }) { id } }`,
        {
          id: t.route3,
          s: stops,
        },
        t.admin,
      ),
    );
    await answeredOrWaiting(edit, 2);
    await release();
    const [edited, scheduled] = await Promise.all([edit.answer, scheduling.answer]);
    expect(edited.errors).toBeUndefined();
    if (scheduled.errors) return; // refusing the trip would also keep the rule
    const tripId = (scheduled.data as any).scheduleTrip.id as string;
    const { trip } = await ok(
      sg,
      `query($id: ID!) { trip(id: $id) { departureAt arrivalAt route { durationMinutes } } }`,
      { id: tripId },
      admin,
    );
    const minutes = (Date.parse(trip.arrivalAt) - Date.parse(trip.departureAt)) / 60_000;
    // The bus is on the road until the route's last stop: an earlier arrival frees it for another trip meanwhile.
    expect(minutes, "the trip's arrival leaves the route's minutes to its last stop").toBeGreaterThanOrEqual(
      trip.route.durationMinutes,
    );
  });
});

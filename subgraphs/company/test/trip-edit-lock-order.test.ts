import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inFlight, lockWaiters, untilWaiting } from '@busline/shared/testing';
import { buses, trips } from '../src/db/schema';
import {
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

const UPDATE_TRIP = `mutation($id: ID!, $input: UpdateTripInput!) { updateTrip(tripId: $id, input: $input) { id bus { id } } }`;
const UPDATE_BUS = `mutation($id: ID!, $input: UpdateBusInput!) { updateBus(id: $id, input: $input) { id seatCount } }`;
const LAYOUT = { decks: [{ deck: 1, rows: 12, columns: ['A', 'B', 'C', 'D'], aisleAfter: ['B'] }] };
const waiting = () => lockWaiters(sg.database.handle.db);

/** A transaction of the test's own that runs `work` and then holds what it locked until released. */
async function holding(work: (tx: any) => Promise<unknown>) {
  let release!: () => void;
  let done!: () => void;
  const ready = new Promise<void>((resolve) => (done = resolve));
  const tx = sg.database.handle.db.transaction(async (t) => {
    await work(t);
    done();
    await new Promise<void>((resolve) => (release = resolve));
  });
  await ready;
  return async () => {
    release();
    await tx;
  };
}

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
    const commitMove = await holding(async (tx) => {
      await tx.execute(sql`select 1 from ${trips} where id = ${scheduleTrip.id} for update`);
      await tx.update(trips).set({ busId: t.busId2 }).where(eq(trips.id, scheduleTrip.id));
    });
    // The admin assigns the driver: updateTrip read the trip on the first bus, locks that bus, then waits for the trip.
    const assign = inFlight(sg.request(UPDATE_TRIP, { id: scheduleTrip.id, input: { driverId: t.driverId } }, t.admin));
    await untilWaiting(assign, async () => (await waiting()) >= 1);
    // Some edit holds the second bus (no key update: the move above key-share locks it through the trip's foreign
    // key); an edit of that bus's seat layout queues for it.
    const releaseBus2 = await holding((tx) =>
      tx.execute(sql`select 1 from ${buses} where id = ${t.busId2} for no key update`),
    );
    const relayout = inFlight(sg.request(UPDATE_BUS, { id: t.busId2, input: { seatLayout: LAYOUT } }, t.admin));
    await untilWaiting(relayout, async () => (await waiting()) >= 2);
    // The move commits: updateTrip gets the trip (now on the second bus) and queues for that bus.
    await commitMove();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await releaseBus2();
    const [assigned, relaid] = await Promise.all([assign.answer, relayout.answer]);
    const codes = [assigned, relaid].map((r) => r.errors?.[0]?.extensions?.code);
    // Either both go through, or one is told to retry (UNAVAILABLE) as lockUpcomingTrips does: never a deadlock.
    expect(codes.filter((c) => c !== undefined && c !== 'UNAVAILABLE')).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
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

let sg: CompanySubgraph;
let a: Tenant;
let stations: string[];
beforeAll(async () => {
  sg = await startCompanySubgraph();
  stations = await createStations(sg, ['Kigali', 'Muhanga', 'Huye']);
  a = await createTenant(sg, 'alpha', [stations[0]!, stations[2]!]);
});
afterAll(() => sg.stop());

const schedule = async (hours: number) =>
  (
    await ok(
      sg,
      SCHEDULE_TRIP,
      { input: { routeId: a.routeId, busId: a.busId, departureAt: hoursFromNow(hours), price: { amount: 3000 } } },
      a.admin,
    )
  ).scheduleTrip.id as string;

describe('snapshots follow the bus and the route', () => {
  it('re-announces upcoming trips with the new seats when the bus layout changes', async () => {
    const tripId = await schedule(30);
    const seatLayout = { decks: [{ deck: 1, rows: 2, columns: ['A', 'B'] }] };
    await ok(
      sg,
      `mutation($id: ID!, $l: SeatLayoutInput!) { updateBus(id: $id, input: { seatLayout: $l }) { seatCount } }`,
      { id: a.busId, l: seatLayout },
      a.admin,
    );
    const event = (await outboxOf(sg, 'trip.updated')).find((e) => e.tripId === tripId);
    expect(event).toMatchObject({
      version: 2,
      seats: [{ label: '1A' }, { label: '1B' }, { label: '2A' }, { label: '2B' }],
    });
  });

  it('re-announces upcoming trips with the new stops when the route changes', async () => {
    const tripId = await schedule(60);
    const stops = [
      { stationId: stations[0], minutesFromDeparture: 0 },
      { stationId: stations[1], minutesFromDeparture: 60 },
      { stationId: stations[2], minutesFromDeparture: 120 },
    ];
    await ok(
      sg,
      `mutation($id: ID!, $s: [RouteStopInput!]!) { updateRoute(id: $id, input: { stops: $s }) { id } }`,
      { id: a.routeId, s: stops },
      a.admin,
    );
    const events = (await outboxOf(sg, 'trip.updated')).filter((e) => e.tripId === tripId);
    const latest = events[events.length - 1];
    expect(latest.stops.map((s: any) => [s.city, s.order])).toEqual([
      ['Kigali', 0],
      ['Muhanga', 1],
      ['Huye', 2],
    ]);
    expect(latest.version).toBe(events.length + 1);
  });

  it('re-announces upcoming trips when a station on their route is renamed', async () => {
    const tripId = await schedule(90);
    await ok(
      sg,
      `mutation($id: ID!) { updateStation(id: $id, input: { name: "Muhanga New Park" }) { id } }`,
      { id: stations[1] },
      admin,
    );
    const events = (await outboxOf(sg, 'trip.updated')).filter((e) => e.tripId === tripId);
    expect(events[events.length - 1].stops[1]).toMatchObject({ city: 'Muhanga', name: 'Muhanga New Park' });
  });
});

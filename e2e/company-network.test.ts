import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { startTestPlatform, type TestPlatform } from './harness';

/** A company admin manages their own network through the router, and only theirs. */
let busline: TestPlatform;
let ops: string;
let volcanoId: string;
let horizonId: string;

const as = <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) =>
  busline.request<T>(query, variables, ops);

beforeAll(async () => {
  busline = await startTestPlatform({ seed: true });
  ops = await busline.login('ops@volcano.busline.test', 'Company-demo-2026');
  const companies = await busline.request<{ companies: { edges: { node: { id: string; slug: string } }[] } }>(
    '{ companies { edges { node { id slug } } } }',
  );
  const bySlug = Object.fromEntries(companies.data!.companies.edges.map((e) => [e.node.slug, e.node.id]));
  volcanoId = bySlug.volcano!;
  horizonId = bySlug.horizon!;
});
afterAll(() => busline?.stop());

describe('company network through the router', () => {
  it('lets the Volcano admin create a station, a 2+2 bus, a route and a trip that ticketing then sells', async () => {
    const station = await as('mutation($i: CreateStationInput!) { createStation(input: $i) { id city } }', {
      i: { code: 'KAY', name: 'Kayonza Bus Park', city: 'Kayonza', latitude: -1.9, longitude: 30.5 },
    });
    expect(station.errors).toBeUndefined();
    const stations = await busline.request<{ stations: { edges: { node: { id: string; city: string } }[] } }>(
      '{ stations(city: "Kigali") { edges { node { id city } } } }',
    );
    const kigali = stations.data!.stations.edges[0]!.node.id;

    const bus = await as('mutation($i: CreateBusInput!) { createBus(input: $i) { id seatCount } }', {
      i: {
        companyId: volcanoId,
        plateNumber: 'RAE 901 Z',
        model: 'Yutong ZK6122',
        seatLayout: { decks: [{ deck: 1, rows: 10, columns: ['A', 'B', 'C', 'D'], aisleAfter: ['B'] }] },
      },
    });
    expect(bus.errors).toBeUndefined();
    expect(bus.data!.createBus.seatCount).toBe(40);

    const route = await as('mutation($i: CreateRouteInput!) { createRoute(input: $i) { id } }', {
      i: {
        companyId: volcanoId,
        stops: [
          { stationId: kigali, minutesFromDeparture: 0 },
          { stationId: station.data!.createStation.id, minutesFromDeparture: 90 },
        ],
        distanceKm: 75,
      },
    });
    expect(route.errors).toBeUndefined();

    const departureAt = new Date(Date.now() + 5 * 86_400_000);
    departureAt.setUTCHours(6, 0, 0, 0);
    const trip = await as('mutation($i: ScheduleTripInput!) { scheduleTrip(input: $i) { id status } }', {
      i: {
        routeId: route.data!.createRoute.id,
        busId: bus.data!.createBus.id,
        departureAt: departureAt.toISOString(),
        price: { amount: 2500 },
      },
    });
    expect(trip.errors).toBeUndefined();
    const tripId = trip.data!.scheduleTrip.id as string;
    const inventory = await eventually(async () => {
      const result = await busline.request<{ trip: { availableSeats: number; company: { name: string } } }>(
        'query($id: ID!) { trip(id: $id) { availableSeats company { name } } }',
        { id: tripId },
      );
      return result.data?.trip?.availableSeats === 40 ? result.data.trip : undefined;
    });
    expect(inventory!.company.name).toBe('Volcano Coaches');
  });

  it("refuses the Volcano admin another company's bus and trip with FORBIDDEN", async () => {
    const buses = await as('query($c: ID!) { buses(companyId: $c) { edges { node { id } } } }', { c: horizonId });
    expect(buses.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const horizonTrips = await busline.request<{ trips: { edges: { node: { id: string } }[] } }>(
      'query($c: ID!) { trips(companyId: $c, first: 1) { edges { node { id } } } }',
      { c: horizonId },
    );
    const horizonTrip = horizonTrips.data!.trips.edges[0]!.node.id;
    const cancel = await as('mutation($id: ID!) { cancelTrip(tripId: $id, reason: "mine now") { id } }', {
      id: horizonTrip,
    });
    expect(cancel.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const createBus = await as('mutation($i: CreateBusInput!) { createBus(input: $i) { id } }', {
      i: {
        companyId: horizonId,
        plateNumber: 'RAE 902 Z',
        model: 'Coaster',
        seatLayout: { decks: [{ deck: 1, rows: 5, columns: ['A', 'B', 'C', 'D'] }] },
      },
    });
    expect(createBus.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("lists only the admin's own drivers", async () => {
    const drivers = await as<{ drivers: { edges: { node: { company: { id: string } } }[] } }>(
      'query($c: ID!) { drivers(companyId: $c, first: 50) { edges { node { company { id } } } } }',
      { c: volcanoId },
    );
    expect(drivers.errors).toBeUndefined();
    expect(drivers.data!.drivers.edges.length).toBeGreaterThan(0);
    expect(new Set(drivers.data!.drivers.edges.map((e) => e.node.company.id))).toEqual(new Set([volcanoId]));
  });
});

describe('a route edited after seats were sold on its trips', () => {
  const stationIn = async (city: string) =>
    (
      await busline.request<{ stations: { edges: { node: { id: string } }[] } }>(
        'query($c: String!) { stations(city: $c) { edges { node { id } } } }',
        { c: city },
      )
    ).data!.stations.edges[0]!.node.id;

  it('keeps a Kigali → Rubavu seat its passenger’s all the way after a stop is added in the middle', async () => {
    const passenger = await busline.login('passenger@busline.test', 'Passenger-demo-2026');
    const admin = await busline.login('admin@busline.test', 'Admin-demo-2026');
    const [kigali, musanze, rubavu] = [
      await stationIn('Kigali'),
      await stationIn('Musanze'),
      await stationIn('Rubavu'),
    ];
    const bus = await as('mutation($i: CreateBusInput!) { createBus(input: $i) { id } }', {
      i: {
        companyId: volcanoId,
        plateNumber: 'RAE 731 S',
        model: 'Coaster',
        seatLayout: { decks: [{ deck: 1, rows: 3, columns: ['A', 'B', 'C', 'D'] }] },
      },
    });
    const route = await as('mutation($i: CreateRouteInput!) { createRoute(input: $i) { id } }', {
      i: {
        companyId: volcanoId,
        name: 'Kigali → Rubavu via Musanze',
        stops: [
          { stationId: kigali, minutesFromDeparture: 0 },
          { stationId: musanze, minutesFromDeparture: 120 },
          { stationId: rubavu, minutesFromDeparture: 210 },
        ],
        distanceKm: 160,
      },
    });
    const routeId = route.data!.createRoute.id as string;
    const departureAt = new Date(Date.now() + 4 * 86_400_000);
    departureAt.setUTCHours(5, 0, 0, 0);
    const trip = await as('mutation($i: ScheduleTripInput!) { scheduleTrip(input: $i) { id } }', {
      i: { routeId, busId: bus.data!.createBus.id, departureAt: departureAt.toISOString(), price: { amount: 6000 } },
    });
    const tripId = trip.data!.scheduleTrip.id as string;
    await eventually(async () => {
      const r = await busline.request('query($id: ID!) { trip(id: $id) { availableSeats } }', { id: tripId });
      return r.data?.trip?.availableSeats === 12 ? true : undefined;
    }, 20_000);
    const held = await busline.request(
      'mutation($i: HoldSeatsInput!) { holdSeats(input: $i) { id tickets { segment { boardingStop alightingStop } } } }',
      { i: { tripId, seats: ['1A'], passengers: [{ name: 'Grace Uwimana' }] } },
      passenger,
    );
    expect(held.data!.holdSeats.tickets[0].segment).toEqual({ boardingStop: 0, alightingStop: 2 });

    const nyabihu = await as('mutation($i: CreateStationInput!) { createStation(input: $i) { id } }', {
      i: { code: 'NYB', name: 'Nyabihu Stop', city: 'Nyabihu', latitude: -1.65, longitude: 29.5 },
    });
    const edited = await as('mutation($id: ID!, $i: UpdateRouteInput!) { updateRoute(id: $id, input: $i) { id } }', {
      id: routeId,
      i: {
        stops: [
          { stationId: kigali, minutesFromDeparture: 0 },
          { stationId: musanze, minutesFromDeparture: 120 },
          { stationId: nyabihu.data!.createStation.id, minutesFromDeparture: 170 },
          { stationId: rubavu, minutesFromDeparture: 210 },
        ],
      },
    });
    expect(edited.errors).toBeUndefined();
    await eventually(async () => {
      const r = await busline.request('query($id: ID!) { trip(id: $id) { stops { order } } }', { id: tripId });
      return r.data?.trip?.stops?.length === 4 ? true : undefined;
    }, 20_000);

    // Her ticket follows Rubavu to its new order: 1A is hers from Nyabihu to Rubavu too.
    const mine = await busline.request(
      'query($id: ID!) { booking(id: $id) { tickets { segment { boardingStop alightingStop alighting { city } } } } }',
      { id: held.data!.holdSeats.id },
      passenger,
    );
    expect(mine.data!.booking.tickets[0].segment).toEqual({
      boardingStop: 0,
      alightingStop: 3,
      alighting: { city: 'Rubavu' },
    });
    const map = await busline.request(
      'query($id: ID!) { trip(id: $id) { seatMap(boardingStop: 2, alightingStop: 3) { label state } } }',
      { id: tripId },
    );
    expect((map.data!.trip.seatMap as { label: string; state: string }[]).find((s) => s.label === '1A')?.state).toBe(
      'HELD',
    );
    const second = await busline.request(
      'mutation($i: HoldSeatsInput!) { holdSeats(input: $i) { id } }',
      { i: { tripId, seats: ['1A'], passengers: [{ name: 'Someone Else' }], boardingStop: 2, alightingStop: 3 } },
      admin,
    );
    expect(second.errors?.[0]?.extensions?.code).toBe('SEAT_UNAVAILABLE');
  });
});

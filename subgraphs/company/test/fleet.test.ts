import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  CREATE_BUS,
  CREATE_DRIVER,
  CREATE_ROUTE,
  CREATE_STATION,
  createStations,
  createTenant,
  fails,
  LAYOUT_2_2,
  ok,
  passenger,
  startCompanySubgraph,
  type CompanySubgraph,
  type Tenant,
} from './helpers';

let sg: CompanySubgraph;
let a: Tenant;
let b: Tenant;
let stations: string[];
beforeAll(async () => {
  sg = await startCompanySubgraph();
  stations = await createStations(sg, ['Kigali', 'Musanze', 'Rubavu', 'Huye']);
  a = await createTenant(sg, 'alpha', [stations[0]!, stations[1]!]);
  b = await createTenant(sg, 'beta', [stations[0]!, stations[3]!]);
});
afterAll(() => sg.stop());

const UPDATE_BUS = `mutation($id: ID!, $input: UpdateBusInput!) { updateBus(id: $id, input: $input) { id model } }`;
const UPDATE_DRIVER = `mutation($id: ID!, $input: UpdateDriverInput!) { updateDriver(id: $id, input: $input) { id name } }`;
const UPDATE_ROUTE = `mutation($id: ID!, $input: UpdateRouteInput!) { updateRoute(id: $id, input: $input) { id distanceKm } }`;
const BUSES = `query($companyId: ID!, $after: String) { buses(companyId: $companyId, first: 1, after: $after) { edges { node { id company { id } } } pageInfo { hasNextPage endCursor } } }`;
const DRIVERS = `query($companyId: ID!) { drivers(companyId: $companyId) { edges { node { id } } } }`;

describe('stations', () => {
  it('lets platform and company admins add stations, nobody else', async () => {
    const input = (code: string) => ({
      code,
      name: 'Muhanga Bus Park',
      city: 'Muhanga',
      latitude: -2.08,
      longitude: 29.75,
    });
    expect((await ok(sg, CREATE_STATION, { input: input('MHG-1') }, a.admin)).createStation.code).toBe('MHG-1');
    expect((await fails(sg, CREATE_STATION, { input: input('MHG-2') }, passenger)).code).toBe('FORBIDDEN');
    expect((await fails(sg, CREATE_STATION, { input: input('MHG-3') })).code).toBe('UNAUTHENTICATED');
  });

  it('lets admins update a station, not passengers or anonymous callers', async () => {
    const UPDATE = `mutation($id: ID!, $name: String) { updateStation(id: $id, input: { name: $name }) { name } }`;
    expect((await ok(sg, UPDATE, { id: stations[3], name: 'Huye Main Park' }, b.admin)).updateStation.name).toBe(
      'Huye Main Park',
    );
    expect((await fails(sg, UPDATE, { id: stations[3], name: 'X' }, passenger)).code).toBe('FORBIDDEN');
    expect((await fails(sg, UPDATE, { id: stations[3], name: 'X' })).code).toBe('UNAUTHENTICATED');
  });

  it("refuses names that would write a paragraph or a link into passengers' texts", async () => {
    const station = (name: string, city: string) => ({ code: 'RBV-9', name, city, latitude: -1.7, longitude: 29.26 });
    const attempts = [
      station('Gisenyi Bus Park', 'Gisenyi\n\nBusline: confirm your MoMo PIN'),
      station('Gisenyi Bus Park', 'Gisenyi\u202e'),
      station('Gisenyi https://evil.example/r', 'Gisenyi'),
      station('www.busline-refunds.com', 'Gisenyi'),
    ];
    for (const input of attempts) {
      const refused = await fails(sg, CREATE_STATION, { input }, a.admin);
      expect(refused).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    const UPDATE = `mutation($id: ID!, $name: String) { updateStation(id: $id, input: { name: $name }) { name } }`;
    expect((await fails(sg, UPDATE, { id: stations[3], name: 'Huye\rPark' }, b.admin)).code).toBe('BAD_USER_INPUT');
    expect(
      (await ok(sg, CREATE_STATION, { input: station('Rubavu (Gisenyi) Bus Park', 'Rubavu') }, a.admin)).createStation
        .code,
    ).toBe('RBV-9');
  });

  it('refuses a forged cursor with BAD_USER_INPUT', async () => {
    const forged = Buffer.from(JSON.stringify(['Kigali', 'not-a-uuid'])).toString('base64url');
    expect(
      (await fails(sg, `query($a: String) { stations(after: $a) { edges { cursor } } }`, { a: forged })).code,
    ).toBe('BAD_USER_INPUT');
  });

  it('refuses a duplicate code and impossible coordinates', async () => {
    const dup = await fails(
      sg,
      CREATE_STATION,
      { input: { code: 'ST-1', name: 'X', city: 'X', latitude: 0, longitude: 0 } },
      admin,
    );
    expect(dup).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('code') });
    const far = await fails(
      sg,
      CREATE_STATION,
      { input: { code: 'FAR', name: 'X', city: 'X', latitude: 95, longitude: 0 } },
      admin,
    );
    expect(far.code).toBe('BAD_USER_INPUT');
  });

  it('filters stations by city regardless of case and pages through them', async () => {
    const kigali = await ok(sg, `{ stations(city: "kigali") { edges { node { city } } } }`);
    expect(kigali.stations.edges.map((e: any) => e.node.city)).toEqual(['Kigali']);
    const page1 = await ok(sg, `{ stations(first: 2) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`);
    const page2 = await ok(
      sg,
      `query($after: String) { stations(first: 10, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }`,
      {
        after: page1.stations.pageInfo.endCursor,
      },
    );
    const all = [...page1.stations.edges, ...page2.stations.edges].map((e: any) => e.node.id);
    expect(page1.stations.pageInfo.hasNextPage).toBe(true);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(stations));
  });
});

describe('buses', () => {
  it('derives seats and seatCount from the layout, skipping positions without a seat', async () => {
    const { createBus } = await ok(
      sg,
      CREATE_BUS,
      { input: { companyId: a.companyId, plateNumber: 'RAB 001 A', model: 'Coaster', seatLayout: LAYOUT_2_2 } },
      a.admin,
    );
    expect(createBus.seatCount).toBe(38);
    expect(createBus.seatLayout.seats[0]).toEqual({ label: '1A', deck: 1, row: 1, column: 'A' });
    expect(createBus.seatLayout.seats.map((s: any) => s.label)).not.toContain('10C');
  });

  it('numbers the rows of an upper deck after the lower one', async () => {
    const seatLayout = {
      decks: [
        { deck: 1, rows: 2, columns: ['A', 'B'] },
        { deck: 2, rows: 1, columns: ['A', 'B'] },
      ],
    };
    const { createBus } = await ok(
      sg,
      CREATE_BUS,
      { input: { companyId: a.companyId, plateNumber: 'RAB 002 A', model: 'Double', seatLayout } },
      a.admin,
    );
    expect(createBus.seatLayout.seats.map((s: any) => `${s.deck}:${s.label}`)).toEqual([
      '1:1A',
      '1:1B',
      '1:2A',
      '1:2B',
      '2:3A',
      '2:3B',
    ]);
  });

  it('refuses inconsistent layouts with BAD_USER_INPUT', async () => {
    const create = (seatLayout: unknown, plateNumber = 'RAB 009 Z') =>
      fails(sg, CREATE_BUS, { input: { companyId: a.companyId, plateNumber, model: 'X', seatLayout } }, a.admin);
    expect(await create({ decks: [{ deck: 1, rows: 1, columns: ['A'], skippedSeats: ['1A'] }] })).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'A seat layout needs at least one seat',
    });
    expect((await create({ decks: [{ deck: 1, rows: 2, columns: ['A', 'A'] }] })).code).toBe('BAD_USER_INPUT');
    const clash = await create({
      decks: [
        { deck: 1, rows: 2, columns: ['A'] },
        { deck: 2, rows: 2, firstRow: 2, columns: ['A'] },
      ],
    });
    expect(clash).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('2A appears twice') });
    expect((await create({ decks: [{ deck: 1, rows: 2, columns: ['A', 'B'], aisleAfter: ['B'] }] })).code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('refuses more than 20 amenities (every search showing the bus carries them) and leaves the bus as it was', async () => {
    const amenities = Array.from({ length: 21 }, (_, i) => `Amenity ${i}`);
    const created = await fails(
      sg,
      CREATE_BUS,
      { input: { companyId: a.companyId, plateNumber: 'RAB 021 A', model: 'X', seatLayout: LAYOUT_2_2, amenities } },
      a.admin,
    );
    expect(created).toEqual({ code: 'BAD_USER_INPUT', message: 'A bus lists at most 20 amenities' });
    const updated = await fails(sg, UPDATE_BUS, { id: a.busId, input: { amenities } }, a.admin);
    expect(updated.code).toBe('BAD_USER_INPUT');
    // Repeated ones count once.
    const repeated = [...amenities.slice(0, 20), ...amenities.slice(0, 20)];
    await ok(sg, UPDATE_BUS, { id: a.busId, input: { amenities: repeated } }, a.admin);
    const { buses } = await ok(
      sg,
      `query($c: ID!) { buses(companyId: $c, first: 100) { edges { node { id amenities } } } }`,
      { c: a.companyId },
      a.admin,
    );
    const bus = buses.edges.find((edge: any) => edge.node.id === a.busId).node;
    expect(bus.amenities).toHaveLength(20);
  });

  it('refuses a plate number already on the platform', async () => {
    const error = await fails(
      sg,
      CREATE_BUS,
      { input: { companyId: b.companyId, plateNumber: 'rab 001 a', model: 'X', seatLayout: LAYOUT_2_2 } },
      b.admin,
    );
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('plate') });
  });

  it('lets a company admin add buses to their own company only', async () => {
    const input = { companyId: b.companyId, plateNumber: 'RAB 777 B', model: 'X', seatLayout: LAYOUT_2_2 };
    expect((await fails(sg, CREATE_BUS, { input }, a.admin)).code).toBe('FORBIDDEN');
    expect((await fails(sg, CREATE_BUS, { input })).code).toBe('UNAUTHENTICATED');
  });

  it("lets a company admin update their own bus, not another company's", async () => {
    expect((await ok(sg, UPDATE_BUS, { id: a.busId, input: { model: 'Scania' } }, a.admin)).updateBus.model).toBe(
      'Scania',
    );
    const other = await fails(sg, UPDATE_BUS, { id: b.busId, input: { model: 'Hijacked' } }, a.admin);
    expect(other.code).toBe('FORBIDDEN');
    expect((await fails(sg, UPDATE_BUS, { id: b.busId, input: { model: 'X' } })).code).toBe('UNAUTHENTICATED');
    const data = await ok(sg, BUSES, { companyId: b.companyId }, admin);
    expect(JSON.stringify(data)).not.toContain('Hijacked');
  });

  it("shows a company's buses to its admins and platform admins only, one page at a time", async () => {
    expect((await fails(sg, BUSES, { companyId: b.companyId }, a.admin)).code).toBe('FORBIDDEN');
    expect((await fails(sg, BUSES, { companyId: b.companyId }, passenger)).code).toBe('FORBIDDEN');
    expect((await fails(sg, BUSES, { companyId: b.companyId })).code).toBe('UNAUTHENTICATED');
    const first = await ok(sg, BUSES, { companyId: b.companyId }, b.admin);
    const second = await ok(sg, BUSES, { companyId: b.companyId, after: first.buses.pageInfo.endCursor }, b.admin);
    expect(first.buses.pageInfo.hasNextPage).toBe(true);
    const seen = [...first.buses.edges, ...second.buses.edges].map((e: any) => e.node.id).sort();
    expect(seen).toEqual([b.busId, b.busId2].sort());
    expect(second.buses.edges.every((e: any) => e.node.company.id === b.companyId)).toBe(true);
  });
});

describe('drivers', () => {
  it('lets a company admin add and update their own drivers', async () => {
    const { createDriver } = await ok(
      sg,
      CREATE_DRIVER,
      { input: { companyId: a.companyId, name: 'Aline', phone: '+250 788 111 222', licenceNumber: 'rw-9' } },
      a.admin,
    );
    expect(createDriver.licenceNumber).toBe('RW-9');
    const nul = { companyId: a.companyId, name: 'Aline', phone: '+250 788 111 223', licenceNumber: 'rw-\u00009' };
    expect(await fails(sg, CREATE_DRIVER, { input: nul }, a.admin)).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'licenceNumber must not contain control characters',
    });
    expect(
      (await ok(sg, UPDATE_DRIVER, { id: createDriver.id, input: { name: 'Aline M.' } }, a.admin)).updateDriver.name,
    ).toBe('Aline M.');
  });

  it("refuses another company's driver with FORBIDDEN and anonymous callers with UNAUTHENTICATED", async () => {
    const input = { companyId: b.companyId, name: 'X', phone: '+250788000000', licenceNumber: 'X-1' };
    expect((await fails(sg, CREATE_DRIVER, { input }, a.admin)).code).toBe('FORBIDDEN');
    expect((await fails(sg, CREATE_DRIVER, { input })).code).toBe('UNAUTHENTICATED');
    expect((await fails(sg, UPDATE_DRIVER, { id: b.driverId, input: { name: 'X' } }, a.admin)).code).toBe('FORBIDDEN');
    expect((await fails(sg, UPDATE_DRIVER, { id: b.driverId, input: { name: 'X' } })).code).toBe('UNAUTHENTICATED');
  });

  it("lists drivers only for their company's admins and platform admins", async () => {
    expect((await fails(sg, DRIVERS, { companyId: b.companyId }, a.admin)).code).toBe('FORBIDDEN');
    expect((await ok(sg, DRIVERS, { companyId: b.companyId }, admin)).drivers.edges.map((e: any) => e.node.id)).toEqual(
      [b.driverId],
    );
  });

  it('refuses a licence number the company already has', async () => {
    const input = { companyId: a.companyId, name: 'Dup', phone: '+250788000000', licenceNumber: 'LIC-alpha' };
    expect((await fails(sg, CREATE_DRIVER, { input }, a.admin)).code).toBe('BAD_USER_INPUT');
  });
});

describe('routes', () => {
  it('derives origin, destination, duration and a default name from the stops', async () => {
    const stops = [
      { stationId: stations[0], minutesFromDeparture: 0 },
      { stationId: stations[1], minutesFromDeparture: 120 },
      { stationId: stations[2], minutesFromDeparture: 210 },
    ];
    const { createRoute } = await ok(
      sg,
      CREATE_ROUTE,
      { input: { companyId: a.companyId, distanceKm: 160, stops } },
      a.admin,
    );
    expect(createRoute).toMatchObject({
      name: 'Kigali → Rubavu',
      durationMinutes: 210,
      origin: { city: 'Kigali' },
      destination: { city: 'Rubavu' },
    });
    expect(createRoute.stops.map((s: any) => s.order)).toEqual([0, 1, 2]);
  });

  it('refuses fewer than two stops, repeated stations and minutes that do not increase', async () => {
    const create = (stops: unknown[]) =>
      fails(sg, CREATE_ROUTE, { input: { companyId: a.companyId, distanceKm: 10, stops } }, a.admin);
    expect((await create([{ stationId: stations[0], minutesFromDeparture: 0 }])).code).toBe('BAD_USER_INPUT');
    const repeated = [
      { stationId: stations[0], minutesFromDeparture: 0 },
      { stationId: stations[0], minutesFromDeparture: 30 },
    ];
    expect((await create(repeated)).code).toBe('BAD_USER_INPUT');
    const backwards = [
      { stationId: stations[0], minutesFromDeparture: 0 },
      { stationId: stations[1], minutesFromDeparture: 60 },
      { stationId: stations[2], minutesFromDeparture: 60 },
    ];
    expect(await create(backwards)).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'minutesFromDeparture must increase from each stop to the next',
    });
    // A trip's arrival follows from its route's last stop: years of minutes ran its boarding passes past 9999.
    const longerThanAWeek = [
      { stationId: stations[0], minutesFromDeparture: 0 },
      { stationId: stations[1], minutesFromDeparture: 7 * 24 * 60 + 1 },
    ];
    expect(await create(longerThanAWeek)).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'The last stop is at most 10080 minutes (a week) from departure',
    });
  });

  it("lets only the route's company change it", async () => {
    expect(
      (await ok(sg, UPDATE_ROUTE, { id: a.routeId, input: { distanceKm: 111 } }, a.admin)).updateRoute.distanceKm,
    ).toBe(111);
    expect((await fails(sg, UPDATE_ROUTE, { id: b.routeId, input: { distanceKm: 1 } }, a.admin)).code).toBe(
      'FORBIDDEN',
    );
    expect((await fails(sg, UPDATE_ROUTE, { id: b.routeId, input: { distanceKm: 1 } })).code).toBe('UNAUTHENTICATED');
    expect(
      (await fails(sg, CREATE_ROUTE, { input: { companyId: b.companyId, distanceKm: 1, stops: [] } }, a.admin)).code,
    ).toBe('FORBIDDEN');
  });

  it("lists a company's routes publicly", async () => {
    const data = await ok(sg, `query($c: ID!) { routes(companyId: $c) { edges { node { id company { id } } } } }`, {
      c: b.companyId,
    });
    expect(data.routes.edges).toEqual([{ node: { id: b.routeId, company: { id: b.companyId } } }]);
  });
});

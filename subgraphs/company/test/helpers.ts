import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Viewer } from '@busline/shared';
import { startTestSubgraph, type TestSubgraph } from '@busline/shared/testing';
import { migrations } from '../src/db/migrations';
import { outbox } from '../src/db/schema';
import type { CompanyServerOptions } from '../src/options';
import { createServer } from '../src/server';

export type CompanySubgraph = TestSubgraph<ReturnType<typeof createServer>>;

export const startCompanySubgraph = (options: CompanyServerOptions = {}) =>
  startTestSubgraph({ name: 'company', migrations, createServer: (deps) => createServer(deps, options) });

export const admin: Viewer = { userId: randomUUID(), role: 'PLATFORM_ADMIN', companyId: null };
export const passenger: Viewer = { userId: randomUUID(), role: 'PASSENGER', companyId: null };
export const companyAdmin = (companyId: string): Viewer => ({ userId: randomUUID(), role: 'COMPANY_ADMIN', companyId });
export const driverOf = (companyId: string): Viewer => ({ userId: randomUUID(), role: 'DRIVER', companyId });

/** Runs an operation that must succeed and returns its data. */
export async function ok<T = Record<string, any>>(
  sg: CompanySubgraph,
  query: string,
  vars?: Record<string, unknown>,
  viewer?: Viewer | null,
) {
  const result = await sg.request<T>(query, vars, viewer);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

/** Runs an operation that must fail; returns the first error's code and message. */
export async function fails(
  sg: CompanySubgraph,
  query: string,
  vars?: Record<string, unknown>,
  viewer?: Viewer | null,
) {
  const result = await sg.request(query, vars, viewer);
  expect(result.errors, 'expected an error').toBeDefined();
  return { code: result.errors![0]!.extensions?.code as string, message: result.errors![0]!.message };
}

/** Outbox payloads of one event type, oldest first. */
export async function outboxOf<T = any>(sg: CompanySubgraph, type: string): Promise<T[]> {
  const rows = await sg.database.handle.db.select().from(outbox).where(eq(outbox.type, type)).orderBy(asc(outbox.seq));
  return rows.map((r) => r.payload as T);
}

export const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

export const LAYOUT_2_2 = {
  decks: [{ deck: 1, rows: 10, columns: ['A', 'B', 'C', 'D'], aisleAfter: ['B'], skippedSeats: ['10C', '10D'] }],
};

export const CREATE_COMPANY = `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id name slug refundPolicy { tiers { minHoursBeforeDeparture refundPercent } } } }`;
export const CREATE_STATION = `mutation($input: CreateStationInput!) { createStation(input: $input) { id code name city } }`;
export const CREATE_BUS = `mutation($input: CreateBusInput!) { createBus(input: $input) { id plateNumber seatCount company { id } seatLayout { seats { label deck row column } } } }`;
export const CREATE_DRIVER = `mutation($input: CreateDriverInput!) { createDriver(input: $input) { id name licenceNumber userId } }`;
export const CREATE_ROUTE = `mutation($input: CreateRouteInput!) { createRoute(input: $input) { id name durationMinutes origin { city } destination { city } stops { order minutesFromDeparture station { code } } } }`;
export const SCHEDULE_TRIP = `mutation($input: ScheduleTripInput!) { scheduleTrip(input: $input) { id status version departureAt arrivalAt price { amount currency } company { id } bus { id } } }`;

export interface Tenant {
  companyId: string;
  busId: string;
  busId2: string;
  driverId: string;
  routeId: string;
  admin: Viewer;
}

let plateCounter = 100;

/** A company with two buses, a driver and a two-stop route, all made through the API. */
export async function createTenant(sg: CompanySubgraph, slug: string, stationIds: [string, string]): Promise<Tenant> {
  const { createCompany } = await ok(sg, CREATE_COMPANY, { input: { name: `Company ${slug}`, slug } }, admin);
  const companyId = createCompany.id as string;
  const bus = async () =>
    (
      await ok(
        sg,
        CREATE_BUS,
        { input: { companyId, plateNumber: `RA${plateCounter++} X`, model: 'Yutong', seatLayout: LAYOUT_2_2 } },
        admin,
      )
    ).createBus.id as string;
  const busId = await bus();
  const busId2 = await bus();
  const { createDriver } = await ok(
    sg,
    CREATE_DRIVER,
    { input: { companyId, name: 'Jean Driver', phone: '+250788000001', licenceNumber: `LIC-${slug}` } },
    admin,
  );
  const { createRoute } = await ok(
    sg,
    CREATE_ROUTE,
    {
      input: {
        companyId,
        distanceKm: 100,
        stops: [
          { stationId: stationIds[0], minutesFromDeparture: 0 },
          { stationId: stationIds[1], minutesFromDeparture: 120 },
        ],
      },
    },
    admin,
  );
  return {
    companyId,
    busId,
    busId2,
    driverId: createDriver.id,
    routeId: createRoute.id,
    admin: companyAdmin(companyId),
  };
}

let stationCounter = 0;

export async function createStations(sg: CompanySubgraph, cities: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const city of cities) {
    const code = `ST-${++stationCounter}`;
    const { createStation } = await ok(
      sg,
      CREATE_STATION,
      { input: { code, name: `${city} Bus Park`, city, latitude: -1.9, longitude: 30.0 } },
      admin,
    );
    ids.push(createStation.id);
  }
  return ids;
}

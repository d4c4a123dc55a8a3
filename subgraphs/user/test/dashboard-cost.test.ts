// What a dashboard read costs the user subgraph's database, whatever one company's history holds.
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DashboardQueryRepository } from '../src/repositories/dashboard-query-repository';
import { startUser, type UserSubgraph } from './user-harness';

let subgraph: UserSubgraph;
beforeAll(async () => {
  subgraph = await startUser();
});
afterAll(() => subgraph.stop());

/** Booking rows a dashboard read of the repository reads: its own statement, run under EXPLAIN ANALYZE. */
async function bookingRowsRead(read: (repository: DashboardQueryRepository) => Promise<unknown>): Promise<number> {
  const db = subgraph.database.handle.db;
  await db.execute(sql`analyze "user".dash_bookings`);
  await db.execute(sql`analyze "user".dash_trips`);
  const plans: unknown[] = [];
  const explaining = {
    execute: async (query: SQL) => {
      const result = (await db.execute(sql`explain (analyze, format json) ${query}`)) as unknown as {
        rows: { 'QUERY PLAN': unknown }[];
      };
      plans.push(result.rows[0]!['QUERY PLAN']);
      return { rows: [] };
    },
  };
  await read(new DashboardQueryRepository(explaining as never));
  let rows = 0;
  const walk = (node: Record<string, unknown>) => {
    if (node['Relation Name'] === 'dash_bookings')
      rows += Number(node['Actual Rows']) * Number(node['Actual Loops'] ?? 1);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk((plans[0] as { Plan: Record<string, unknown> }[])[0]!.Plan);
  return rows;
}

describe('routeOccupancy cost', () => {
  it('reads only the bookings of trips departing in the window, not every booking the company ever sold', async () => {
    const companyId = randomUUID();
    const routeId = randomUUID();
    const db = subgraph.database.handle.db;
    // 5,000 sold bookings on 500 trips of 2020, and one trip in the window with 2 bookings.
    await db.execute(sql`insert into "user".dash_trips (trip_id, company_id, route_id, departure_at, arrival_at, seat_count, status, version)
      select gen_random_uuid(), ${companyId}::uuid, ${routeId}::uuid, timestamptz '2020-01-01' + g * interval '1 hour',
             timestamptz '2020-01-01' + g * interval '1 hour' + interval '2 hours', 30, 'ARRIVED', 1
      from generate_series(1, 500) g`);
    await db.execute(sql`insert into "user".dash_bookings (booking_id, user_id, trip_id, company_id, seats, total_amount, currency, confirmed_at)
      select gen_random_uuid(), gen_random_uuid(), t.trip_id, ${companyId}::uuid, 1, 5000, 'RWF', t.departure_at - interval '1 day'
      from "user".dash_trips t cross join generate_series(1, 10) g where t.company_id = ${companyId}::uuid`);
    const tripId = randomUUID();
    const departure = new Date('2026-06-01T08:00:00Z');
    await db.execute(sql`insert into "user".dash_trips (trip_id, company_id, route_id, departure_at, arrival_at, seat_count, status, version)
      values (${tripId}::uuid, ${companyId}::uuid, ${routeId}::uuid, ${departure.toISOString()}::timestamptz, ${departure.toISOString()}::timestamptz, 30, 'SCHEDULED', 1)`);
    await db.execute(sql`insert into "user".dash_bookings (booking_id, user_id, trip_id, company_id, seats, total_amount, currency, confirmed_at)
      select gen_random_uuid(), gen_random_uuid(), ${tripId}::uuid, ${companyId}::uuid, 1, 5000, 'RWF', now() from generate_series(1, 2)`);
    const window = { from: new Date('2026-05-31T00:00:00Z'), to: new Date('2026-06-02T00:00:00Z') };
    const read = await bookingRowsRead((repository) => repository.routeOccupancy(companyId, window));
    // Two bookings ride the window's one trip (a grouped subquery read all 5,002 of the company's).
    expect(read).toBeLessThan(100);
  });
});

describe('segmentOccupancy cost', () => {
  it('reads the bookings of the window’s trips about once each, not once per leg', async () => {
    const companyId = randomUUID();
    const routeId = randomUUID();
    const db = subgraph.database.handle.db;
    // A year of a 12-stop route: 4 trips a day (1,460 trips), 30 whole-route bookings each (43,800 bookings).
    await db.execute(sql`insert into "user".dash_trips (trip_id, company_id, route_id, departure_at, arrival_at, seat_count, status, version, stops)
      select gen_random_uuid(), ${companyId}::uuid, ${routeId}::uuid, timestamptz '2025-01-01' + g * interval '6 hours',
             timestamptz '2025-01-01' + g * interval '6 hours' + interval '5 hours', 50, 'ARRIVED', 1,
             (select jsonb_agg(jsonb_build_object('order', o, 'city', 'City ' || o)) from generate_series(0, 11) o)
      from generate_series(0, 1459) g`);
    await db.execute(sql`insert into "user".dash_bookings (booking_id, user_id, trip_id, company_id, seats, total_amount, currency, confirmed_at)
      select gen_random_uuid(), gen_random_uuid(), t.trip_id, ${companyId}::uuid, 1, 5000, 'RWF', t.departure_at - interval '1 day'
      from "user".dash_trips t cross join generate_series(1, 30) g where t.company_id = ${companyId}::uuid`);
    const window = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') };
    const read = await bookingRowsRead((repository) => repository.segmentOccupancy(companyId, window));
    // 43,800 bookings ride the window's trips; read once per leg (11 legs) they were 481,800 rows.
    expect(read).toBeLessThan(2 * 43_800);
  }, 120_000);
});

describe("one company's dashboard request", () => {
  it('runs at most two of its statements at once, however many aliased sections it asks for', async () => {
    const companyId = randomUUID();
    const routeId = randomUUID();
    const db = subgraph.database.handle.db;
    // A company's month: 300 trips of a 40-stop route in the window, 40 whole-route bookings each.
    await db.execute(sql`insert into "user".dash_trips (trip_id, company_id, route_id, departure_at, arrival_at, seat_count, status, version, stops)
      select gen_random_uuid(), ${companyId}::uuid, ${routeId}::uuid, now() - interval '10 days' + g * interval '30 minutes',
             now() - interval '10 days' + g * interval '30 minutes' + interval '5 hours', 50, 'SCHEDULED', 1,
             (select jsonb_agg(jsonb_build_object('order', o, 'city', 'City ' || o)) from generate_series(0, 39) o)
      from generate_series(1, 300) g`);
    await db.execute(sql`insert into "user".dash_bookings (booking_id, user_id, trip_id, company_id, seats, total_amount, currency, confirmed_at)
      select gen_random_uuid(), gen_random_uuid(), t.trip_id, ${companyId}::uuid, 1, 5000, 'RWF', now() - interval '11 days'
      from "user".dash_trips t cross join generate_series(1, 40) g where t.company_id = ${companyId}::uuid`);
    await db.execute(sql`analyze "user".dash_bookings`);
    // Twelve windows a second apart: twelve statements (the same window would be read once).
    const to = (i: number) => new Date(Date.now() + 20 * 86_400_000 + i * 1000).toISOString();
    const aliases = Array.from(
      { length: 12 },
      (_, i) =>
        `d${i}: companyDashboard(companyId: $c, from: $from, to: "${to(i)}") { segmentOccupancy { seatsSold } }`,
    ).join(' ');
    const variables = { c: companyId, from: new Date(Date.now() - 20 * 86_400_000).toISOString() };
    const admin = { userId: randomUUID(), role: 'COMPANY_ADMIN' as const, companyId };
    const watcher = new pg.Client({ connectionString: subgraph.database.url });
    await watcher.connect();
    try {
      let most = 0;
      let finished = false;
      const query = `query($c: ID!, $from: DateTime!) { ${aliases} }`;
      const heavy = subgraph.request(query, variables, admin).finally(() => (finished = true));
      while (!finished) {
        const { rows } = await watcher.query(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'active'
             and query like '%jsonb_array_elements%' and pid <> pg_backend_pid()`,
        );
        most = Math.max(most, rows[0].n);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect((await heavy).errors).toBeUndefined();
      expect(most).toBeGreaterThan(0);
      expect(most).toBeLessThanOrEqual(2);
    } finally {
      await watcher.end();
    }
  }, 120_000);
});

describe('the same section asked for again while it runs', () => {
  it('runs its statement once for every alias of one window, and again for another window', async () => {
    const companyId = randomUUID();
    const admin = { userId: randomUUID(), role: 'COMPANY_ADMIN' as const, companyId };
    const sections = 'totals { bookings } segmentOccupancy { seatsSold } revenuePerDay { date }';
    const aliases = Array.from(
      { length: 30 },
      (_, i) => `d${i}: companyDashboard(companyId: $c, from: $from, to: $to) { ${sections} }`,
    ).join(' ');
    const other = 'e: companyDashboard(companyId: $c, from: $from, to: $later) { totals { bookings } }';
    const from = new Date(Date.now() - 86_400_000);
    const variables = {
      c: companyId,
      from: from.toISOString(),
      to: new Date(from.getTime() + 2 * 86_400_000).toISOString(),
      later: new Date(from.getTime() + 3 * 86_400_000).toISOString(),
    };
    const figures = vi.spyOn(DashboardQueryRepository.prototype, 'companyFigures');
    const segments = vi.spyOn(DashboardQueryRepository.prototype, 'segmentOccupancy');
    const days = vi.spyOn(DashboardQueryRepository.prototype, 'companyDays');
    try {
      const result = await subgraph.request(
        `query($c: ID!, $from: DateTime!, $to: DateTime!, $later: DateTime!) { ${aliases} ${other} }`,
        variables,
        admin,
      );
      expect(result.errors).toBeUndefined();
      expect(Object.keys(result.data ?? {})).toHaveLength(31);
      expect(result.data?.d29).toEqual(result.data?.d0);
      expect(result.data?.d0.totals).toEqual({ bookings: 0 });
      expect(figures).toHaveBeenCalledTimes(2);
      expect(segments).toHaveBeenCalledTimes(1);
      expect(days).toHaveBeenCalledTimes(1);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it("shares it when a platform admin writes the company's id in other letter cases (one company, one run)", async () => {
    const companyId = randomUUID();
    const platformAdmin = { userId: randomUUID(), role: 'PLATFORM_ADMIN' as const, companyId: null };
    // The same uuid twelve ways: letter i in capitals (Postgres reads them all as one company).
    const spellings = Array.from({ length: 12 }, (_, i) =>
      i < 8 ? companyId.slice(0, i) + companyId[i]!.toUpperCase() + companyId.slice(i + 1) : companyId.toUpperCase(),
    );
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const aliases = spellings
      .map(
        (c, i) => `d${i}: companyDashboard(companyId: "${c}", from: $from, to: $to) { segmentOccupancy { seatsSold } }`,
      )
      .join(' ');
    const segments = vi.spyOn(DashboardQueryRepository.prototype, 'segmentOccupancy');
    try {
      const result = await subgraph.request(
        `query($from: DateTime!, $to: DateTime!) { ${aliases} }`,
        { from, to },
        platformAdmin,
      );
      expect(result.errors).toBeUndefined();
      // Each spelling ran a statement of its own, and the per-company limit counted each as another company.
      expect(segments).toHaveBeenCalledTimes(1);
    } finally {
      vi.restoreAllMocks();
    }
  });
});

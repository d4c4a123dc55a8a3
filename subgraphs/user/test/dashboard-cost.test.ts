// What a dashboard read costs the user subgraph's database, whatever one company's history holds.
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardQueryRepository } from '../src/repositories/dashboard-query-repository';
import { startUser, type UserSubgraph } from './user-harness';

let subgraph: UserSubgraph;
beforeAll(async () => {
  subgraph = await startUser();
});
afterAll(() => subgraph.stop());

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
    await db.execute(sql`analyze "user".dash_bookings`);
    await db.execute(sql`analyze "user".dash_trips`);

    // The repository's own statement, run under EXPLAIN ANALYZE.
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
    const window = { from: new Date('2026-05-31T00:00:00Z'), to: new Date('2026-06-02T00:00:00Z') };
    await new DashboardQueryRepository(explaining as never).routeOccupancy(companyId, window);
    let bookingRowsRead = 0;
    const walk = (node: Record<string, unknown>) => {
      if (node['Relation Name'] === 'dash_bookings')
        bookingRowsRead += Number(node['Actual Rows']) * Number(node['Actual Loops'] ?? 1);
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk((plans[0] as { Plan: Record<string, unknown> }[])[0]!.Plan);
    // Two bookings ride the window's one trip (a grouped subquery read all 5,002 of the company's).
    expect(bookingRowsRead).toBeLessThan(100);
  });
});

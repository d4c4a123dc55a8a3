// What segmentOccupancy costs the database over a year of one company: it should read each sold booking of the
// window's trips about once, not once per leg of its trip.
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
    const window = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') };
    await new DashboardQueryRepository(explaining as never).segmentOccupancy(companyId, window);
    let bookingRowsRead = 0;
    const walk = (node: Record<string, unknown>) => {
      if (node['Relation Name'] === 'dash_bookings')
        bookingRowsRead += Number(node['Actual Rows']) * Number(node['Actual Loops'] ?? 1);
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    const plan = (plans[0] as { Plan: Record<string, unknown>; 'Execution Time': number }[])[0]!;
    walk(plan.Plan);
    console.log(`segmentOccupancy over a year: ${bookingRowsRead} booking rows read, ${plan['Execution Time']} ms`);
    // 43,800 bookings ride the window's trips; read once per leg (11 legs) they were 481,800 rows.
    expect(bookingRowsRead).toBeLessThan(2 * 43_800);
  }, 120_000);
});

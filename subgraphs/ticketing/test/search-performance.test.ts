import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@busline/shared';
import { localDateInKigali } from '../src/services/inventory';
import { startTicketing, type TicketingTestSubgraph } from './fixtures';

let subgraph: TicketingTestSubgraph;
const TRIPS = 10_000;
const CITIES = ['kigali', 'muhanga', 'huye', 'rusizi', 'musanze', 'rubavu', 'rwamagana', 'nyagatare'];
const date = localDateInKigali(new Date(Date.now() + 3 * 86_400_000));

beforeAll(async () => {
  subgraph = await startTicketing();
  const db = subgraph.database.handle.db;
  // 10,000 trips over 30 days, each serving three consecutive cities of the list.
  await db.execute(sql`
    insert into ticketing.trips (id, company_id, version, departure_at, arrival_at, status, price_amount, currency, seat_count, refund_tiers)
    select md5('trip' || i)::uuid, md5('company' || (i % 3))::uuid, 1,
           date_trunc('hour', now()) + (i % 720) * interval '1 hour' + interval '1 day',
           date_trunc('hour', now()) + (i % 720) * interval '1 hour' + interval '1 day 4 hours',
           'SCHEDULED', 5000, 'RWF', 40, '[]'::jsonb
    from generate_series(1, ${TRIPS}) i`);
  await db.execute(sql`
    insert into ticketing.trip_stops (trip_id, stop_order, city, city_key, minutes_from_departure, departs_at, local_date)
    select t.id, s.n, c.city, c.city, s.n * 90, t.departure_at + s.n * interval '90 minutes',
           ((t.departure_at + s.n * interval '90 minutes') at time zone 'Africa/Kigali')::date
    from (select id, departure_at, row_number() over (order by id) as k from ticketing.trips) t
    cross join generate_series(0, 2) s(n)
    cross join lateral (select (array[${sql.raw(CITIES.map((c) => `'${c}'`).join(','))}])[1 + ((t.k + s.n) % ${CITIES.length})] as city) c`);
  await db.execute(sql`analyze ticketing.trips`);
  await db.execute(sql`analyze ticketing.trip_stops`);
});
afterAll(() => subgraph.stop());

describe('searchTrips over 10,000 trips', () => {
  it('answers from the trip_stops search index', async () => {
    const plan = await queryRows<{ 'QUERY PLAN': string }>(
      subgraph.database.handle.db,
      sql`explain select o.trip_id from ticketing.trip_stops o where o.city_key = 'kigali' and o.local_date = ${date} and o.departs_at > now()`,
    );
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('trip_stops_search_idx');
  });

  it('returns a search in a few milliseconds', async () => {
    const query = 'query($input: SearchTripsInput!) { searchTrips(input: $input) { id availableSeats } }';
    const input = { originCity: 'Kigali', destinationCity: 'Huye', date, passengers: 2 };
    const first = await subgraph.request(query, { input });
    expect(first.data?.searchTrips.length).toBeGreaterThan(0);
    const timings: number[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      await subgraph.request(query, { input });
      timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    // Generous bound for a shared CI machine; the design target (p99 ≤ 20 ms) is measured by bench/.
    expect(timings[Math.floor(timings.length / 2)]).toBeLessThan(50);
  });
});

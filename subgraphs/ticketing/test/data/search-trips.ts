import { sql } from 'drizzle-orm';
import type { Db } from '@busline/shared';

export const SEARCH_CITIES = ['kigali', 'muhanga', 'huye', 'rusizi', 'musanze', 'rubavu', 'rwamagana', 'nyagatare'];

/**
 * Fills ticketing's inventory with `trips` trips over 30 days, each serving three consecutive
 * cities of SEARCH_CITIES (used by the search index test and bench/search).
 */
export async function insertSearchTrips(db: Db, trips: number): Promise<void> {
  const CITIES = SEARCH_CITIES;
  const TRIPS = trips;
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
}

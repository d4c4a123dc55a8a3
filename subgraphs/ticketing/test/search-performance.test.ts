import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@busline/shared';
import { TripRepository } from '../src/repositories/trip-repository';
import { localDateInKigali } from '../src/services/local-dates';
import { insertSearchTrips } from './data/search-trips';
import { startTicketing, type TicketingTestSubgraph } from './fixtures';

let subgraph: TicketingTestSubgraph;
const date = localDateInKigali(new Date(Date.now() + 3 * 86_400_000));

beforeAll(async () => {
  subgraph = await startTicketing();
  await insertSearchTrips(subgraph.database.handle.db, 10_000);
});
afterAll(() => subgraph.stop());

/** Speed is measured by bench/search (npm run bench -- search); this checks the plan uses the index. */
describe('searchTrips over 10,000 trips', () => {
  it('finds the departures of the origin city through the trip_stops search index', async () => {
    const db = subgraph.database.handle.db;
    const query = new TripRepository(db).searchQuery({
      originCityKey: 'kigali',
      destinationCityKey: 'huye',
      localDate: date,
      passengers: 1,
      now: new Date(),
      limit: 100,
    });
    const plan = (await queryRows<{ 'QUERY PLAN': string }>(db, sql`explain ${query}`)).map((row) => row['QUERY PLAN']);
    // Each scan of the index is followed by its condition; the origin's must use all three columns.
    const conditions = plan.flatMap((line, i) => (line.includes('trip_stops_search_idx') ? [plan[i + 1]!.trim()] : []));
    const originCondition = new RegExp(
      `^Index Cond: \\(\\(city_key = 'kigali'::text\\) AND \\(local_date = '${date}'::date\\) AND \\(departs_at > '[^']+'::timestamp with time zone\\)\\)$`,
    );
    expect(conditions.filter((condition) => condition.includes("'kigali'"))).toEqual([
      expect.stringMatching(originCondition),
    ]);
  });
});

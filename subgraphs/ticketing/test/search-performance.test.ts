import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@busline/shared';
import { localDateInKigali } from '../src/services/inventory';
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
  it('answers from the trip_stops search index', async () => {
    const plan = await queryRows<{ 'QUERY PLAN': string }>(
      subgraph.database.handle.db,
      sql`explain select o.trip_id from ticketing.trip_stops o where o.city_key = 'kigali' and o.local_date = ${date} and o.departs_at > now()`,
    );
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('trip_stops_search_idx');
  });
});

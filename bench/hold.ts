/**
 * holdSeats throughput on real Postgres (POSTGRES_URL/REDIS_URL: services mode), straight to the
 * ticketing subgraph and through the Busline router (its own entry point, defaults): first every
 * hold on a seat of its own (no two requests compete), then many clients racing for a few seats of
 * one trip. Prints holds/s, p50/p99 and what the database holds afterwards: never two active
 * tickets on one seat (zero oversell), and exactly as many successful holds as seats raced for.
 */
import { ROUTER_SECRET_HEADER, queryRows, sql } from '@busline/shared';
import { isolatedPlatformOptions, login, seedTestPlatform } from '../e2e/harness';
import { startPlatform } from '../scripts/lib/platform';
import { percentile, runLoad } from './lib/load';
import { startBenchRouter } from './lib/router';

const HOLDS = Number(process.env.BENCH_HOLDS ?? 600);
const WARMUP = 50;
const CONCURRENCY = 50;
/** The race: this many clients at once, each asking RACE_ROUNDS times for one of RACE_SEATS seats. */
const RACERS = 100;
const RACE_SEATS = 10;
const RACE_ROUNDS = 5;
const HOLD = 'mutation($i: HoldSeatsInput!) { holdSeats(input: $i) { id } }';

// One account holds seats again and again: the per-account limits are set out of the way.
const options = isolatedPlatformOptions({
  MAX_HELD_SEATS_PER_TRIP: '1000',
  MAX_HELD_SEATS_PER_TRIP_PER_ADDRESS: '100000',
  MAX_OPEN_BOOKINGS: '100000',
  MAX_HOLDS_PER_HOUR: '1000000',
});
const platform = await startPlatform(options);
const router = await startBenchRouter(platform, {
  workers: 1,
  routerSecret: options.routerSecret!,
  env: { EVENT_PREFIX: options.eventPrefix! },
});
try {
  await seedTestPlatform(platform);
  const routerGraphql = `${router.url}/graphql`;
  const token = await login(routerGraphql, 'passenger@busline.test', 'Passenger-demo-2026');
  const admin = await login(routerGraphql, 'admin@busline.test', 'Admin-demo-2026');
  const ticketingDb = platform.subgraphs.get('ticketing')!.deps.db.db;

  // Every free seat of the network, trip by trip.
  const trips: { id: string; free: string[] }[] = [];
  for (let after: string | null = null; ;) {
    const response: Response = await fetch(routerGraphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        query:
          'query($a: String) { trips(first: 100, after: $a) { edges { node { id seatMap { label state } } } pageInfo { hasNextPage endCursor } } }',
        variables: { a: after },
      }),
    });
    type Page = {
      edges: { node: { id: string; seatMap: { label: string; state: string }[] } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    const page: Page = (
      (await response.json()) as {
        data: {
          trips: {
            edges: { node: { id: string; seatMap: { label: string; state: string }[] } }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        };
      }
    ).data.trips;
    for (const { node } of page.edges)
      trips.push({ id: node.id, free: node.seatMap.filter((s) => s.state === 'AVAILABLE').map((s) => s.label) });
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  // The race takes the first trip; the distinct holds take the seats of all the others.
  const [raced, ...rest] = trips;
  const distinct = rest.flatMap((trip) => trip.free.map((label) => ({ tripId: trip.id, label })));
  const needed = 2 * (HOLDS + WARMUP);
  if (distinct.length < needed) throw new Error(`${distinct.length} free seats, ${needed} needed (BENCH_HOLDS)`);
  let next = 0;
  const bodies = (count: number) =>
    distinct.slice(next, (next += count)).map((seat) =>
      JSON.stringify({
        query: HOLD,
        variables: { i: { tripId: seat.tripId, seats: [seat.label], passengers: [{ name: 'Bench Passenger' }] } },
      }),
    );

  const targets: { label: string; url: string; headers: Record<string, string> }[] = [
    {
      label: 'ticketing subgraph, directly',
      url: `${platform.subgraphs.get('ticketing')!.url}/graphql`,
      headers: { [ROUTER_SECRET_HEADER]: options.routerSecret! },
    },
    { label: 'Busline router (1 worker, defaults)', url: routerGraphql, headers: {} },
  ];
  const auth = { authorization: `Bearer ${token}` };
  const rows = [];
  for (const target of targets) {
    const headers = { ...auth, ...target.headers };
    await runLoad(target.url, { body: '', bodies: bodies(WARMUP), headers, total: WARMUP, concurrency: CONCURRENCY });
    const run = await runLoad(target.url, {
      body: '',
      bodies: bodies(HOLDS),
      headers,
      total: HOLDS,
      concurrency: CONCURRENCY,
    });
    const sorted = [...run.latencies].sort((a, b) => a - b);
    const row = {
      load: `${HOLDS} holds, distinct seats, ${CONCURRENCY} clients`,
      target: target.label,
      'holds/s': Math.round((HOLDS - run.failures) / (run.elapsedMs / 1000)),
      'p50 ms': Math.round(percentile(sorted, 50)),
      'p99 ms': Math.round(percentile(sorted, 99)),
      refused: run.failures ? JSON.stringify(run.codes) : 0,
    };
    console.log(JSON.stringify(row));
    rows.push(row);
  }

  // The race, through the router: RACERS clients, RACE_SEATS seats of one trip.
  const seats = raced!.free.slice(0, RACE_SEATS);
  const total = RACERS * RACE_ROUNDS;
  const raceBodies = Array.from({ length: total }, (_, i) =>
    JSON.stringify({
      query: HOLD,
      variables: { i: { tripId: raced!.id, seats: [seats[i % seats.length]!], passengers: [{ name: 'Racer' }] } },
    }),
  );
  const race = await runLoad(routerGraphql, {
    body: '',
    bodies: raceBodies,
    headers: auth,
    total,
    concurrency: RACERS,
  });
  const sorted = [...race.latencies].sort((a, b) => a - b);
  rows.push({
    load: `${total} holds, ${RACERS} clients racing for ${seats.length} seats`,
    target: 'Busline router (1 worker, defaults)',
    'holds/s': Math.round(total / (race.elapsedMs / 1000)),
    'p50 ms': Math.round(percentile(sorted, 50)),
    'p99 ms': Math.round(percentile(sorted, 99)),
    refused: JSON.stringify(race.codes),
  });
  console.table(rows);

  // What the database says: active tickets per seat (all these holds are over the whole trip).
  const doubled = await queryRows<{ trip_id: string; seat_label: string; n: string }>(
    ticketingDb,
    sql`select trip_id, seat_label, count(*) as n from ticketing.tickets where status in ('HELD', 'CONFIRMED', 'BOARDED') group by trip_id, seat_label having count(*) > 1`,
  );
  const [counted] = await queryRows<{ n: string }>(
    ticketingDb,
    sql`select count(*) as n from ticketing.tickets where trip_id = ${raced!.id} and status in ('HELD', 'CONFIRMED', 'BOARDED')`,
  );
  const racedHeld = Number(counted!.n);
  const won = total - race.failures;
  console.log(`seats with more than one active ticket: ${doubled.length} (must be 0)`);
  console.log(
    `race: ${won} holds answered successfully, ${racedHeld} active tickets on the raced trip, for ${seats.length} seats (must all be equal)`,
  );
  if (doubled.length > 0 || won !== seats.length || racedHeld !== seats.length) {
    console.log('OVERSOLD or lost: see above');
    process.exitCode = 1;
  }
  console.log(`target: ≥ 500 holds/s on real Postgres with zero oversell`);
} finally {
  await router.stop();
  await platform.stop();
  await options.cleanup();
}

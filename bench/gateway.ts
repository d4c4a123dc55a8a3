/**
 * Issue 19's operations through four gateways in one run, on the same six subgraphs (services mode with
 * POSTGRES_URL/REDIS_URL, seeded with the demo network): the Busline router from its own entry point
 * (with and without its response cache and in-flight deduplication), stock @apollo/gateway on Apollo
 * Server 5, and Hive Gateway with its defaults and with its deduplication off; and, for the operation
 * one subgraph answers alone, that subgraph called directly. Operations: the nested trip search
 * (ticketing → company entity fetches), a search ticketing answers alone, a passenger's myBookings
 * with payments and QR passes (signed in), and holdSeats on distinct seats spread over trips, an
 * account per client (writes). Every gateway runs in a process of its own and the load comes from
 * another (bench/lib/http-load.ts). Prints req/s,
 * p50/p99, the gateway's CPU per request and the subgraphs' (this process holds them).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ROUTER_SECRET_HEADER } from '@busline/shared';
import { isolatedPlatformOptions, login, seedTestPlatform } from '../e2e/harness';
import { loadSupergraphSdl } from '../router/src/supergraph';
import { startPlatform } from '../scripts/lib/platform';
import { localDateInKigali } from '../subgraphs/ticketing/src/public';
import { registerPassengers } from './lib/accounts';
import { percentile, runLoad, type LoadJob } from './lib/load';
import { startBenchRouter } from './lib/router';
import type { PeerKind } from './lib/peer-gateway';

const TOTAL = Number(process.env.BENCH_REQUESTS ?? 3000);
const WARMUP = 500;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);

const QUERY = `query Search($i: SearchTripsInput!) {
  searchTrips(input: $i) {
    id departureAt arrivalAt status availableSeats
    price { amount currency }
    company { name slug contactPhone }
    bus { plateNumber model amenities seatCount }
    route { name distanceKm durationMinutes
      origin { name city } destination { name city }
      stops { order minutesFromDeparture station { code name city latitude longitude } } }
    seatMap { label state }
  }
}`;

const SINGLE = `query Search($i: SearchTripsInput!) { searchTrips(input: $i) { id availableSeats seatMap { label state } } }`;
const BOOKINGS = `query { myBookings(first: 20) { edges { node { id status totalAmount { amount currency } expiresAt
  payments { id status amount { amount } } tickets { seatNumber passengerName status qr { token validUntil } } } } } }`;
const HOLD = 'mutation($i: HoldSeatsInput!) { holdSeats(input: $i) { id status expiresAt } }';
/** Holds measured per gateway (each on a seat of its own), after HOLD_WARMUP more. */
const HOLDS = Number(process.env.BENCH_HOLDS ?? 400);
const HOLD_WARMUP = 50;

type Job = Omit<LoadJob, 'concurrency'>;
const load = (url: string, job: Job) => runLoad(url, { ...job, concurrency: CONCURRENCY });

interface Gateway {
  url: string;
  /** Headers every request to it needs (straight to a subgraph: the router secret). */
  headers?: Record<string, string>;
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

function ask<T>(child: ChildProcess, message: unknown): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', resolve as never);
    child.send(message as never);
  });
}

async function startPeer(kind: PeerKind, supergraphSdl: string, routerSecret: string): Promise<Gateway> {
  const child = fork(fileURLToPath(new URL('./lib/peer-gateway.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  const { port } = await ask<{ port: number }>(child, { kind, supergraphSdl, routerSecret });
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    cpuMicros: async () => (await ask<{ cpuMicros: number }>(child, { stats: true })).cpuMicros,
    async stop() {
      process.off('exit', orphan);
      // Hive Gateway stays up on SIGTERM (its own handlers dispose of it); neither peer holds anything to keep.
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

// Accounts hold seats again and again: the per-account hold limits would refuse them (they are
// tested in subgraphs/ticketing, not measured here; still checked on every hold).
const options = isolatedPlatformOptions({
  MAX_HELD_SEATS_PER_TRIP: '1000',
  MAX_HELD_SEATS_PER_TRIP_PER_ADDRESS: '100000',
  MAX_OPEN_BOOKINGS: '100000',
  MAX_HOLDS_PER_HOUR: '1000000',
});
const platform = await startPlatform(options);
try {
  await seedTestPlatform(platform);
  const routerGraphql = `${platform.routerUrl}/graphql`;
  const token = await login(routerGraphql, 'passenger@busline.test', 'Passenger-demo-2026');
  const admin = await login(routerGraphql, 'admin@busline.test', 'Admin-demo-2026');
  // Every gateway reads the same supergraph, pointed at this run's subgraphs.
  let supergraphSdl = loadSupergraphSdl({ configPath: options.supergraphConfigPath, logger: options.logger });
  for (const [name, subgraph] of platform.subgraphs) {
    supergraphSdl = supergraphSdl.replace(
      new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*"`),
      `$1${subgraph.url}/graphql"`,
    );
  }
  const date = localDateInKigali(new Date(Date.now() + 86_400_000));
  const variables = { i: { originCity: 'Kigali', destinationCity: 'Huye', date, passengers: 1 } };
  const body = JSON.stringify({ query: QUERY, variables });
  const check = await (
    await fetch(routerGraphql, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  ).json();
  const trips = (check as { data?: { searchTrips: unknown[] } }).data?.searchTrips.length;
  if (!trips) throw new Error(`the search finds nothing: ${JSON.stringify(check).slice(0, 500)}`);
  console.log(
    `\nnested searchTrips Kigali → Huye on ${date}: ${trips} trips, ${(JSON.stringify(check).length / 1024).toFixed(0)} KiB per answer`,
  );
  console.log(
    `${TOTAL} requests after ${WARMUP} of warm-up, ${CONCURRENCY} connections, services mode (${options.postgresUrl ? 'Postgres' : 'PGlite'})\n`,
  );

  // Free seats of every trip of the network (other days, other routes than the searches'), for the holds.
  const seats: { tripId: string; label: string }[] = [];
  for (let after: string | null = null; ;) {
    const page = (await (
      await fetch(routerGraphql, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({
          query:
            'query($a: String) { trips(first: 100, after: $a) { edges { node { id seatMap { label state } } } pageInfo { hasNextPage endCursor } } }',
          variables: { a: after },
        }),
      })
    ).json()) as {
      data: {
        trips: {
          edges: { node: { id: string; seatMap: { label: string; state: string }[] } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
    };
    for (const { node } of page.data.trips.edges)
      for (const seat of node.seatMap)
        if (seat.state === 'AVAILABLE') seats.push({ tripId: node.id, label: seat.label });
    if (!page.data.trips.pageInfo.hasNextPage) break;
    after = page.data.trips.pageInfo.endCursor;
  }
  // Spread over the trips (a fixed shuffle), as many passengers' holds are: holds of one trip from one
  // address (every gateway's requests reach ticketing from the loopback address) wait for each other
  // on that trip's per-address hold limit.
  for (let i = seats.length - 1, seed = 19; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [seats[i], seats[j]] = [seats[j]!, seats[i]!];
  }
  // One passenger per client for the holds (one account's holds wait for each other on its hold limits).
  const holders = (
    await registerPassengers(`${platform.subgraphs.get('auth')!.url}/graphql`, options.routerSecret!, CONCURRENCY)
  ).map((holder) => ({ authorization: `Bearer ${holder}` }));
  let nextSeat = 0;
  const holdBodies = (count: number) =>
    seats.slice(nextSeat, (nextSeat += count)).map((seat, i) =>
      JSON.stringify({
        query: HOLD,
        variables: {
          i: { tripId: seat.tripId, seats: [seat.label], passengers: [{ name: `Bench Passenger ${nextSeat + i}` }] },
        },
      }),
    );
  const auth = { authorization: `Bearer ${token}` };
  // The passenger's bookings that myBookings lists (20 of them, the first page).
  const setup = await load(routerGraphql, { body: '', bodies: holdBodies(20), headers: auth, total: 20 });
  if (setup.failures) throw new Error(`holding seats for myBookings failed: ${JSON.stringify(setup.codes)}`);

  const busline = async (env: Record<string, string> = {}): Promise<Gateway> => {
    const router = await startBenchRouter(platform, {
      workers: 1,
      routerSecret: options.routerSecret!,
      env: { EVENT_PREFIX: options.eventPrefix!, ...env },
    });
    return {
      url: `${router.url}/graphql`,
      cpuMicros: async () => (await router.totals()).cpuMicros,
      stop: () => router.stop(),
    };
  };
  const peer = (kind: PeerKind) => () => startPeer(kind, supergraphSdl, options.routerSecret!);
  const direct = (subgraph: string) => async (): Promise<Gateway> => ({
    url: `${platform.subgraphs.get(subgraph)!.url}/graphql`,
    headers: { [ROUTER_SECRET_HEADER]: options.routerSecret! },
    cpuMicros: async () => 0,
    stop: async () => undefined,
  });
  const noCache = { RESPONSE_CACHE: 'false' };
  const bare = { RESPONSE_CACHE: 'false', DEDUPE_INFLIGHT_FETCHES: 'false' };

  interface Scenario {
    operation: string;
    job: () => Job;
    warmup: () => Job;
    variants: [string, () => Promise<Gateway>][];
  }
  const scenarios: Scenario[] = [
    {
      operation: 'nested search',
      job: () => ({ body, total: TOTAL }),
      warmup: () => ({ body, total: WARMUP }),
      variants: [
        ['Busline router (defaults: response cache on)', () => busline()],
        ['Busline router, RESPONSE_CACHE=false', () => busline(noCache)],
        ['Busline router, RESPONSE_CACHE=false DEDUPE_INFLIGHT_FETCHES=false', () => busline(bare)],
        ['@apollo/gateway + Apollo Server 5', peer('apollo-server')],
        ['Hive Gateway, defaults', peer('hive')],
        ['Hive Gateway, deduplication off', peer('hive-no-dedupe')],
      ],
    },
    {
      operation: 'single-subgraph search',
      job: () => ({ body: JSON.stringify({ query: SINGLE, variables }), total: TOTAL }),
      warmup: () => ({ body: JSON.stringify({ query: SINGLE, variables }), total: WARMUP }),
      variants: [
        ['ticketing subgraph, directly', direct('ticketing')],
        ['Busline router, RESPONSE_CACHE=false DEDUPE_INFLIGHT_FETCHES=false', () => busline(bare)],
        ['Busline router (defaults: response cache on)', () => busline()],
        ['Hive Gateway, defaults', peer('hive')],
      ],
    },
    {
      operation: 'myBookings + payments + QR (signed in)',
      job: () => ({ body: JSON.stringify({ query: BOOKINGS }), headers: auth, total: Math.round(TOTAL / 3) }),
      warmup: () => ({ body: JSON.stringify({ query: BOOKINGS }), headers: auth, total: Math.round(WARMUP / 2) }),
      variants: [
        ['Busline router (defaults)', () => busline()],
        ['Busline router, DEDUPE_INFLIGHT_FETCHES=false', () => busline(bare)],
        ['@apollo/gateway + Apollo Server 5', peer('apollo-server')],
        ['Hive Gateway, defaults', peer('hive')],
      ],
    },
    {
      operation: 'holdSeats, one distinct seat each, an account per client',
      job: () => ({ body: '', bodies: holdBodies(HOLDS), clientHeaders: holders, total: HOLDS }),
      warmup: () => ({ body: '', bodies: holdBodies(HOLD_WARMUP), clientHeaders: holders, total: HOLD_WARMUP }),
      variants: [
        ['ticketing subgraph, directly', direct('ticketing')],
        ['Busline router (defaults)', () => busline()],
        ['@apollo/gateway + Apollo Server 5', peer('apollo-server')],
        ['Hive Gateway, defaults', peer('hive')],
      ],
    },
  ];
  const seatsNeeded = 20 + scenarios[3]!.variants.length * (HOLDS + HOLD_WARMUP);
  if (seats.length < seatsNeeded)
    throw new Error(`${seats.length} free seats in the network, ${seatsNeeded} needed (BENCH_HOLDS)`);

  // BENCH_OPERATIONS=nested,single,bookings,hold: a part of the run (the ratios below need nested and single).
  const keys = ['nested', 'single', 'bookings', 'hold'];
  const chosen = (process.env.BENCH_OPERATIONS ?? keys.join(',')).split(',');
  const results: Record<string, Record<string, string | number>[]> = {};
  for (const scenario of scenarios.filter((_, i) => chosen.includes(keys[i]!))) {
    console.log(`\n${scenario.operation}`);
    const rows: Record<string, string | number>[] = (results[scenario.operation] = []);
    for (const [label, start] of scenario.variants) {
      const gateway = await start();
      try {
        const warmup = scenario.warmup();
        await load(gateway.url, { ...warmup, headers: { ...warmup.headers, ...gateway.headers } });
        const job = scenario.job();
        const gatewayBefore = await gateway.cpuMicros();
        const subgraphsBefore = process.cpuUsage();
        const run = await load(gateway.url, { ...job, headers: { ...job.headers, ...gateway.headers } });
        const subgraphsCpu = process.cpuUsage(subgraphsBefore);
        const gatewayCpu = (await gateway.cpuMicros()) - gatewayBefore;
        const sorted = [...run.latencies].sort((a, b) => a - b);
        const row = {
          gateway: label,
          'req/s': Math.round(job.total / (run.elapsedMs / 1000)),
          'p50 ms': Math.round(percentile(sorted, 50)),
          'p99 ms': Math.round(percentile(sorted, 99)),
          'gateway CPU ms/req': +(gatewayCpu / 1000 / job.total).toFixed(2),
          'subgraphs CPU ms/req': +((subgraphsCpu.user + subgraphsCpu.system) / 1000 / job.total).toFixed(2),
          failures: run.failures ? `${run.failures} ${JSON.stringify(run.codes)}` : 0,
        };
        console.log(JSON.stringify(row));
        rows.push(row);
      } finally {
        await gateway.stop();
      }
    }
    console.table(rows);
  }
  if (chosen.includes('nested') && chosen.includes('single')) {
    const rate = (operation: string, label: string) =>
      Number(results[operation]!.find((row) => row.gateway === label)!['req/s']);
    const nested = (label: string) => rate('nested search', label);
    const cached = nested('Busline router (defaults: response cache on)');
    const uncached = nested('Busline router, RESPONSE_CACHE=false');
    const hive = nested('Hive Gateway, defaults');
    console.log(
      `\nnested search: Busline router / Hive Gateway (defaults): ${(cached / hive).toFixed(2)}× with the cache, ${(uncached / hive).toFixed(2)}× without (target ≥ 1.2×)`,
    );
    console.log(
      `nested search: router vs 119 req/s before: ${(cached / 119).toFixed(1)}× with the cache, ${(uncached / 119).toFixed(1)}× without (target ≥ 3×, p99 ≤ 300 ms)`,
    );
    const directRate = rate('single-subgraph search', 'ticketing subgraph, directly');
    console.log(
      `single-subgraph search through the router: ${Math.round((100 * rate('single-subgraph search', 'Busline router, RESPONSE_CACHE=false DEDUPE_INFLIGHT_FETCHES=false')) / directRate)} % of direct without cache and deduplication, ${Math.round((100 * rate('single-subgraph search', 'Busline router (defaults: response cache on)')) / directRate)} % with its defaults (target ≥ 90 %)`,
    );
  }
} finally {
  await platform.stop();
  await options.cleanup();
}

/**
 * holdSeats throughput on real Postgres (POSTGRES_URL/REDIS_URL: services mode), straight to the
 * ticketing subgraph and through the Busline router (its own entry point), in two shapes of load:
 *
 * - one account from one address, seats taken trip by trip (the shape of earlier runs): every hold
 *   waits for the one before it on the account's hold-limit lock, so this measures one account's
 *   holds one after another, not the system;
 * - an account and an address per client, seats spread over all trips (as many passengers make
 *   them): nothing is shared between two holds but the database.
 *
 * Then many clients, each an account of its own, race for a few seats of one trip. Prints holds/s,
 * p50/p99, CPU per hold (this process holds every subgraph: the hold and whatever consumes its event;
 * the router's own; Postgres's and Redis's server processes; the load generator's; the whole machine's),
 * Postgres statements per hold in the ticketing database and in all of them, and commits: all read once
 * the consumers of `booking.held` have caught up (user, payment and notification have each processed
 * every booking.held of the run), so their work is in them. And what the database
 * holds afterwards: never two active tickets on one seat (zero oversell), and exactly as many
 * successful holds as seats raced for. BENCH_CPU_PROFILE=<dir> profiles each measured run.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { ROUTER_SECRET_HEADER, queryRows, sql } from '@busline/shared';
import { isolatedPlatformOptions, login, seedTestPlatform } from '../e2e/harness';
import { startPlatform } from '../scripts/lib/platform';
import { registerPassengers } from './lib/accounts';
import { profiled } from './lib/cpu-profile';
import { percentile, runLoad, startLoadGenerator, type LoadGenerator, type LoadJob } from './lib/load';
import { machineBusyMs, processesBusyMs } from './lib/machine-cpu';
import { startBenchRouter } from './lib/router';
import { commitsSince, countStatements, statementCounts, statementsSince, writesSince } from './lib/statement-counter';

const HOLDS = Number(process.env.BENCH_HOLDS ?? 600);
const WARMUP = 50;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
/** The race: this many clients at once, each asking RACE_ROUNDS times for one of RACE_SEATS seats. */
const RACERS = 100;
const RACE_SEATS = 10;
const RACE_ROUNDS = 5;
const HOLD = 'mutation($i: HoldSeatsInput!, $k: String) { holdSeats(input: $i, idempotencyKey: $k) { id } }';
/** BENCH_KEYS=1: every hold sends an idempotency key of its own, as the web client does (none otherwise). */
const KEYS = process.env.BENCH_KEYS === '1';

countStatements();
// Accounts hold seats again and again (one account all of them in the first shape): the per-account
// and per-address limits are set out of the way. They are still checked on every hold, the same queries
// under the same locks; only their maxima are raised.
const options = isolatedPlatformOptions({
  MAX_HELD_SEATS_PER_TRIP: '1000',
  MAX_HELD_SEATS_PER_TRIP_PER_ADDRESS: '100000',
  MAX_OPEN_BOOKINGS: '100000',
  MAX_HOLDS_PER_HOUR: '1000000',
});
const platform = await startPlatform(options);
// TRUST_PROXY=1: each client of the second shape comes from an address of its own (X-Forwarded-For),
// as behind a load balancer; the first shape sends none and is the loopback address.
const router = await startBenchRouter(platform, {
  workers: 1,
  routerSecret: options.routerSecret!,
  env: { EVENT_PREFIX: options.eventPrefix!, TRUST_PROXY: '1' },
});
try {
  await seedTestPlatform(platform);
  const routerGraphql = `${router.url}/graphql`;
  const ticketingGraphql = `${platform.subgraphs.get('ticketing')!.url}/graphql`;
  const token = await login(routerGraphql, 'passenger@busline.test', 'Passenger-demo-2026');
  const admin = await login(routerGraphql, 'admin@busline.test', 'Admin-demo-2026');
  const passengers = await registerPassengers(
    `${platform.subgraphs.get('auth')!.url}/graphql`,
    options.routerSecret!,
    Math.max(CONCURRENCY, RACERS),
  );
  const ticketingDb = platform.subgraphs.get('ticketing')!.deps.db.db;
  const consumers = ['user', 'payment', 'notification'];
  /** booking.held events in ticketing's outbox, and how many of them each consumer processed. */
  const heldCounts = async () => {
    const count = async (subgraph: string, query: ReturnType<typeof sql>) =>
      Number((await queryRows<{ n: string }>(platform.subgraphs.get(subgraph)!.deps.db.db, query))[0]!.n);
    const emitted = await count(
      'ticketing',
      sql`select count(*) as n from ticketing.outbox where type = 'booking.held'`,
    );
    const processed = await Promise.all(
      consumers.map((c) =>
        count(c, sql.raw(`select count(*) as n from "${c}".processed_events where type = 'booking.held'`)),
      ),
    );
    return { emitted, processed };
  };
  /**
   * Waits until every consumer has processed every booking.held emitted so far; returns the statements
   * this sent (one per database per look), which the counts leave out.
   */
  const caughtUp = async () => {
    for (let looks = 1; ; looks++) {
      // A busy server may refuse a connection now and then (max_connections): look again.
      const counts = await heldCounts().catch(() => undefined);
      if (counts?.processed.every((n) => n >= counts.emitted)) return looks;
      if (looks > 1200) throw new Error(`consumers did not catch up: ${JSON.stringify(counts)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

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
    const page: Page = ((await response.json()) as { data: { trips: Page } }).data.trips;
    for (const { node } of page.edges)
      trips.push({ id: node.id, free: node.seatMap.filter((s) => s.state === 'AVAILABLE').map((s) => s.label) });
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  // The race takes the first trip; the other holds take the seats of all the others: trip by trip for
  // the first shape, shuffled over all trips (a fixed seed) for the others.
  const [raced, ...rest] = trips;
  const byTrip = rest.flatMap((trip) => trip.free.map((label) => ({ tripId: trip.id, label })));
  const spread = [...byTrip];
  for (let i = spread.length - 1, seed = 19; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [spread[i], spread[j]] = [spread[j]!, spread[i]!];
  }
  const taken = new Set<string>();
  /** The next `count` seats of `order` that no earlier run took. */
  const take = (order: typeof byTrip, count: number) => {
    const seats = order.filter((seat) => !taken.has(`${seat.tripId} ${seat.label}`)).slice(0, count);
    if (seats.length < count) throw new Error(`${byTrip.length} free seats in the network: too few (BENCH_HOLDS)`);
    for (const seat of seats) taken.add(`${seat.tripId} ${seat.label}`);
    return seats;
  };
  const bodies = (seats: { tripId: string; label: string }[]) =>
    seats.map((seat) =>
      JSON.stringify({
        query: HOLD,
        variables: {
          i: { tripId: seat.tripId, seats: [seat.label], passengers: [{ name: 'Bench Passenger' }] },
          ...(KEYS && { k: randomUUID() }),
        },
      }),
    );
  /**
   * Client c's headers: passenger c's token and, with `addresses`, address 10.0.x.y (straight to ticketing
   * as the router sends it, through the router as a proxy in front of it would).
   */
  const perClient = (count: number, direct: boolean, addresses: boolean) =>
    Array.from({ length: count }, (_, c) => ({
      authorization: `Bearer ${passengers[c]!}`,
      ...(addresses && { [direct ? 'x-client-ip' : 'x-forwarded-for']: `10.0.${c >> 8}.${c & 255}` }),
    }));

  interface Shape {
    name: string;
    /** BENCH_SHAPES picks shapes by this key. */
    key: string;
    order: typeof byTrip;
    job: (direct: boolean, bodies: string[]) => Omit<LoadJob, 'concurrency' | 'total'>;
  }
  const secret = { [ROUTER_SECRET_HEADER]: options.routerSecret! };
  const shapes: Shape[] = [
    {
      key: 'one',
      name: 'one account, one address, seats trip by trip',
      order: byTrip,
      job: (direct, bodies) => ({
        body: '',
        bodies,
        headers: { authorization: `Bearer ${token}`, ...(direct && secret) },
      }),
    },
    {
      key: 'nat',
      name: 'an account per client, one address, seats spread over trips',
      order: spread,
      job: (direct, bodies) => ({
        body: '',
        bodies,
        headers: direct ? secret : {},
        clientHeaders: perClient(CONCURRENCY, direct, false),
      }),
    },
    {
      key: 'many',
      name: 'an account and an address per client, seats spread over trips',
      order: spread,
      job: (direct, bodies) => ({
        body: '',
        bodies,
        headers: direct ? secret : {},
        clientHeaders: perClient(CONCURRENCY, direct, true),
      }),
    },
  ];
  const wanted = (process.env.BENCH_SHAPES ?? 'one,nat,many').split(',');
  // BENCH_TARGETS picks the targets and their order (`router,direct`: the router's row first, on data the direct row
  // has not added to yet: the hold limits count every open hold of an account, or of an address on a trip).
  const targets = (process.env.BENCH_TARGETS ?? 'direct,router').split(',').map((name) => {
    if (name === 'direct') return { target: 'ticketing subgraph, directly', url: ticketingGraphql, direct: true };
    if (name === 'router') return { target: 'Busline router (1 worker)', url: routerGraphql, direct: false };
    throw new Error(`BENCH_TARGETS: unknown target ${name} (direct, router)`);
  });
  console.log(`${trips.length} trips, ${byTrip.length + (raced?.free.length ?? 0)} free seats`);

  const rows: Record<string, string | number>[] = [];
  for (const shape of shapes.filter((s) => wanted.includes(s.key)))
    for (const run of targets) {
      const load = (count: number, generator?: LoadGenerator) => {
        const job = shape.job(run.direct, bodies(take(shape.order, count)));
        const loadJob = { ...job, total: count, concurrency: CONCURRENCY };
        return generator ? generator.run(run.url, loadJob) : runLoad(run.url, loadJob);
      };
      await load(WARMUP);
      await caughtUp();
      // Started before the counters are read: its start-up is not the platform's CPU.
      const generator = await startLoadGenerator();
      // A failure before its run must not leave it waiting (its IPC channel would keep the bench from exiting).
      process.once('exit', generator.stop);
      const statementsBefore = statementCounts();
      const cpuBefore = process.cpuUsage();
      const routerBefore = (await router.totals()).cpuMicros;
      const machineBefore = machineBusyMs();
      const postgresBefore = processesBusyMs(/^postgres/);
      const redisBefore = processesBusyMs(/^redis-server/);
      let looks = 0;
      const result = await profiled(`${shape.key} - ${run.target}`, async () => {
        const measured = await load(HOLDS, generator);
        looks = await caughtUp();
        return measured;
      });
      const cpu = process.cpuUsage(cpuBefore);
      const routerCpu = (await router.totals()).cpuMicros - routerBefore;
      const machine = machineBusyMs() - machineBefore;
      const perHold = (after: number | undefined, before: number | undefined) =>
        after === undefined || before === undefined ? '—' : +((after - before) / HOLDS).toFixed(2);
      const postgres = perHold(processesBusyMs(/^postgres/), postgresBefore);
      const redis = perHold(processesBusyMs(/^redis-server/), redisBefore);
      const sorted = [...result.latencies].sort((a, b) => a - b);
      const row = {
        load: `${HOLDS} holds, ${CONCURRENCY} clients, ${shape.name}${KEYS ? ', idempotency keys' : ''}`,
        target: run.target,
        'holds/s': Math.round((HOLDS - result.failures) / (result.elapsedMs / 1000)),
        'p50 ms': Math.round(percentile(sorted, 50)),
        'p99 ms': Math.round(percentile(sorted, 99)),
        'subgraphs CPU ms/hold': +((cpu.user + cpu.system) / 1000 / HOLDS).toFixed(2),
        'router CPU ms/hold': run.direct ? '—' : +(routerCpu / 1000 / HOLDS).toFixed(2),
        'Postgres CPU ms/hold': postgres,
        'Redis CPU ms/hold': redis,
        'load generator CPU ms/hold': +(result.cpuMs / HOLDS).toFixed(2),
        'machine CPU ms/hold': +(machine / HOLDS).toFixed(1),
        'ticketing statements/hold': +((statementsSince(statementsBefore, 'ticketing') - looks) / HOLDS).toFixed(1),
        'all statements/hold': +((statementsSince(statementsBefore, '') - 4 * looks) / HOLDS).toFixed(1),
        'all commits/hold': +(commitsSince(statementsBefore, '') / HOLDS).toFixed(1),
        // A look is one statement in one write (four databases').
        'ticketing writes/hold': +((writesSince(statementsBefore, 'ticketing') - looks) / HOLDS).toFixed(1),
        'all writes/hold': +((writesSince(statementsBefore, '') - 4 * looks) / HOLDS).toFixed(1),
        load1: +loadavg()[0]!.toFixed(1),
        refused: result.failures ? JSON.stringify(result.codes) : 0,
      };
      console.log(JSON.stringify(row));
      rows.push(row);
    }

  // The race, through the router: RACERS clients (an account and an address each), RACE_SEATS seats of one trip.
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
    clientHeaders: perClient(RACERS, false, true),
    total,
    concurrency: RACERS,
  });
  const sorted = [...race.latencies].sort((a, b) => a - b);
  rows.push({
    load: `${total} holds, ${RACERS} clients (an account and an address each) racing for ${seats.length} seats`,
    target: 'Busline router (1 worker)',
    'holds/s': Math.round(total / (race.elapsedMs / 1000)),
    'p50 ms': Math.round(percentile(sorted, 50)),
    'p99 ms': Math.round(percentile(sorted, 99)),
    load1: +loadavg()[0]!.toFixed(1),
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

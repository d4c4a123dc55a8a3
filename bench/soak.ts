/**
 * Soak: steady booking load with open subscribers for a long time, watching every process's memory.
 *
 *   npm run bench -- soak                  (30 minutes, 1,000 subscribers, 30 bookings a minute)
 *   SOAK_MINUTES=2 npm run bench -- soak   (a short try)
 *
 * Services mode on the Postgres and Redis of POSTGRES_URL and REDIS_URL: the six subgraphs and the
 * provider simulator each run in a process of their own from their entry points, the router from
 * its own with BENCH_ROUTER_WORKERS processes (bench/lib/router.ts). Passengers book through the
 * router as the app does: hold a seat → pay (MTN MoMo, simulated) → CONFIRMED with a QR pass on the
 * ticket → cancel (refunded), so the seat is sold again and the load can go on for hours. SOAK_SUBSCRIBERS
 * graphql-ws clients follow `tripSeatsChanged` of the booked trips through the router.
 *
 * Every minute it prints a row: bookings, deliveries, open subscribers and the RSS and heap (after a
 * full collection) of every process. At the end, per process, the least-squares slope of RSS and heap
 * over the second half of the run (the first half is warm-up) and whether memory is flat.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { graphqlRequest, payerPhone, testEnv } from '@busline/shared/testing';
import { isolatedPlatformOptions, kigaliDate, seedTestPlatform } from '../e2e/harness';
import { startPlatform } from '../scripts/lib/platform';
import { startBenchRouter } from './lib/router';
import { startServiceProcesses, SUBGRAPH_NAMES } from './lib/service-processes';
import { percentile, startSubscribers } from './lib/subscribers';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const SUBSCRIBERS = Number(process.env.SOAK_SUBSCRIBERS ?? 1000);
const BOOKINGS_PER_MINUTE = Number(process.env.SOAK_BOOKINGS_PER_MINUTE ?? 30);
const WORKERS = Number(process.env.BENCH_ROUTER_WORKERS ?? 2);
/** Trips booked (and subscribed to). */
const TRIPS = 10;
/**
 * Bookings in progress at once at most: past it a tick is skipped (and counted), the load stays open-loop otherwise.
 */
const MAX_IN_FLIGHT = 20;
/** Flat: a slope over the second half no steeper than this (MB per minute; 0.1 is 6 MB an hour). */
const FLAT_HEAP_MB_PER_MIN = 0.1;
const FLAT_RSS_MB_PER_MIN = 0.5;

if (!testEnv.postgresUrl || !testEnv.redisUrl)
  throw new Error('bench soak runs in services mode: set POSTGRES_URL and REDIS_URL');
// A Redis database of its own (number 9): the services' streams and keys use their default names
// (they run as deployed, without a test prefix), which must not meet anyone else's on a shared Redis.
const redisUrl = (() => {
  const url = new URL(testEnv.redisUrl);
  url.pathname = '/9';
  return url.toString();
})();
const limits = {
  HOLD_MINUTES: '60',
  MAX_HELD_SEATS_PER_TRIP: '1000',
  MAX_HELD_SEATS_PER_TRIP_PER_ADDRESS: '100000',
  MAX_OPEN_BOOKINGS: '100000',
  MAX_HOLDS_PER_HOUR: '1000000',
};
const mb = (bytes: number) => bytes / 1024 / 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxy / sxx;
}

/** RSS of any process from /proc (the router's primary answers no stats of its own). */
function procRss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) * 1024 : NaN;
}

// 1. Databases migrated and seeded by the platform in this process, which then stops: the
//    services start on what it left (databases, generated keys under dataDir, streams).
const options = { ...isolatedPlatformOptions(limits), redisUrl, eventPrefix: undefined };
const seeding = await startPlatform(options);
await seedTestPlatform(seeding);
await seeding.stop();

// 2. Every service in a process of its own, the router from its entry point.
const services = await startServiceProcesses({
  postgresUrl: testEnv.postgresUrl,
  databasePrefix: options.databasePrefix!,
  redisUrl,
  dataDir: options.dataDir,
  routerSecret: options.routerSecret!,
  env: { ...limits, SANDBOX_CALLBACK_DELAY_MS: '500', PAYMENT_CALLBACK_EXPECTED_MS: '500' },
  simulatorEnv: { SIMULATOR_CALLBACK_DELAY_MS: '500', SIMULATOR_SMTP_PORT: '0' },
});
const router = await startBenchRouter(services, {
  workers: WORKERS,
  routerSecret: options.routerSecret!,
  env: { REDIS_URL: redisUrl, AUTH_JWKS_URL: `${services.subgraphs.get('auth')!.url}/.well-known/jwks.json` },
});
const graphql = `${router.url}/graphql`;

let token = '';
let tokenRenewAt = 0;
async function passengerToken(): Promise<string> {
  if (Date.now() < tokenRenewAt) return token;
  const login = await graphqlRequest<{ login: { accessToken: string; expiresIn: number } }>(
    graphql,
    'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken expiresIn } }',
    { e: 'passenger@busline.test', p: 'Passenger-demo-2026' },
  );
  if (!login.data) throw new Error(`login failed: ${JSON.stringify(login.errors)}`);
  token = login.data.login.accessToken;
  tokenRenewAt = Date.now() + login.data.login.expiresIn * 500;
  return token;
}

// The trips booked: tomorrow's and the day after's between Kigali and three towns, most free seats first.
const trips: { id: string; free: string[] }[] = [];
for (const date of [kigaliDate(1), kigaliDate(2)]) {
  for (const destinationCity of ['Musanze', 'Rubavu', 'Huye']) {
    const search = await graphqlRequest<{ searchTrips: { id: string; seatMap: { label: string; state: string }[] }[] }>(
      graphql,
      'query($i: SearchTripsInput!) { searchTrips(input: $i) { id seatMap { label state } } }',
      { i: { originCity: 'Kigali', destinationCity, date, passengers: 1 } },
    );
    if (!search.data) throw new Error(JSON.stringify(search.errors));
    for (const t of search.data.searchTrips)
      trips.push({ id: t.id, free: t.seatMap.filter((s) => s.state === 'AVAILABLE').map((s) => s.label) });
  }
}
trips.sort((a, b) => b.free.length - a.free.length).splice(TRIPS);
if (trips.length < TRIPS) throw new Error(`only ${trips.length} trips to book`);

// 3. The subscribers, spread over the booked trips.
const subscribers = await startSubscribers({
  url: `${router.url.replace('http', 'ws')}/graphql`,
  count: SUBSCRIBERS,
  query: 'subscription($t: ID!) { tripSeatsChanged(tripId: $t) { id availableSeats } }',
  variables: Array.from({ length: SUBSCRIBERS }, (_, i) => ({ t: trips[i % trips.length]!.id })),
});
for (let i = 0; (await router.totals()).subscribers < SUBSCRIBERS; i++) {
  if (i > 600) throw new Error('the subscribers did not all subscribe within a minute');
  await sleep(100);
}

// 4. The booking load.
interface Minute {
  confirmed: number;
  failed: Record<string, number>;
  skipped: number;
  /** Hold sent → CONFIRMED with a QR pass, ms. */
  durations: number[];
}
let minute: Minute = { confirmed: 0, failed: {}, skipped: 0, durations: [] };
let inFlight = 0;

async function request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const reply = await graphqlRequest<T>(graphql, query, variables, {
    authorization: `Bearer ${await passengerToken()}`,
  });
  if (reply.errors?.length || !reply.data) {
    const code = String(reply.errors?.[0]?.extensions?.code ?? 'NO_DATA');
    throw Object.assign(new Error(`${code}: ${reply.errors?.[0]?.message}`), { code });
  }
  return reply.data;
}

async function book(): Promise<void> {
  const trip = trips[Math.floor(Math.random() * trips.length)]!;
  const seat = trip.free.splice(Math.floor(Math.random() * trip.free.length), 1)[0];
  if (!seat) {
    minute.failed.NO_FREE_SEAT = (minute.failed.NO_FREE_SEAT ?? 0) + 1;
    return;
  }
  const started = performance.now();
  let bookingId: string | undefined;
  try {
    const held = await request<{ holdSeats: { id: string } }>(
      'mutation($i: HoldSeatsInput!, $k: String) { holdSeats(input: $i, idempotencyKey: $k) { id } }',
      { i: { tripId: trip.id, seats: [seat], passengers: [{ name: 'Soak Passenger' }] }, k: randomUUID() },
    );
    bookingId = held.holdSeats.id;
    await request(
      'mutation($i: StartPaymentInput!, $k: String!) { startPayment(input: $i, idempotencyKey: $k) { id } }',
      {
        i: { bookingId, method: 'MTN_MOMO', phone: payerPhone() },
        k: randomUUID(),
      },
    );
    for (let confirmed = false; !confirmed;) {
      if (performance.now() - started > 60_000)
        throw Object.assign(new Error('not CONFIRMED within a minute'), { code: 'NOT_CONFIRMED' });
      await sleep(250);
      const view = await request<{ booking: { status: string; tickets: { qr: { token: string } | null }[] } }>(
        'query($id: ID!) { booking(id: $id) { status tickets { qr { token } } } }',
        { id: bookingId },
      );
      confirmed = view.booking.status === 'CONFIRMED' && view.booking.tickets.every((t) => t.qr?.token);
    }
    minute.durations.push(performance.now() - started);
    minute.confirmed++;
    // Cancelled (and refunded), so the seat is for sale again.
    await request('mutation($b: ID!) { cancelBooking(bookingId: $b) { status } }', { b: bookingId });
    trip.free.push(seat);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'NETWORK';
    minute.failed[code] = (minute.failed[code] ?? 0) + 1;
    // A seat whose booking is in an unknown state is not booked again.
    if (!bookingId) trip.free.push(seat);
  }
}

// 5. One row a minute.
interface Sample {
  minute: number;
  /**
   * Per process: RSS, heap and the heap's compiled code (MB); heap and code are NaN where not known (the router's
   * primary).
   */
  memory: Map<string, { rss: number; heap: number; code: number }>;
}
const samples: Sample[] = [];
const processNames: string[] = [];

async function sample(at: number): Promise<Sample> {
  const memory = new Map<string, { rss: number; heap: number; code: number }>();
  memory.set('router', { rss: mb(procRss(router.pid)), heap: NaN, code: NaN });
  const workers = (await router.workers()).sort((a, b) => a.pid - b.pid);
  workers.forEach((w, i) =>
    memory.set(WORKERS > 1 ? `router w${i + 1}` : 'router', {
      rss: mb(w.rss),
      heap: mb(w.heapUsed),
      code: mb(w.codeBytes),
    }),
  );
  for (const name of SUBGRAPH_NAMES) {
    const m = await services.subgraphs.get(name)!.memory();
    memory.set(name, { rss: mb(m.rss), heap: mb(m.heapUsed), code: mb(m.codeBytes) });
  }
  if (!processNames.length) processNames.push(...memory.keys());
  return { minute: at, memory };
}

const cell = (m?: { rss: number; heap: number }) =>
  (m ? `${m.rss.toFixed(0)}/${Number.isNaN(m.heap) ? '-' : m.heap.toFixed(1)}` : '?').padStart(11);
console.log(
  `\nSoak: ${MINUTES} min, ${BOOKINGS_PER_MINUTE} bookings/min (hold → pay → CONFIRMED → cancel), ${SUBSCRIBERS} subscribers on ${TRIPS} trips, ` +
    `${WORKERS} router worker(s), services mode (each subgraph its own process); memory = RSS MB / heap MB after a full GC\n`,
);
const first = await sample(0);
samples.push(first);
const header = [
  'min',
  'confirmed',
  'failed',
  'p50 s',
  'deliveries',
  'subs',
  'load1',
  ...processNames.map((n) => n.padStart(11)),
];
console.log(header.join(' | '));
console.log(header.map((h) => '-'.repeat(Math.max(3, h.length))).join(' | '));
const row = (s: Sample, m: Minute, deliveries: number, subs: number) =>
  console.log(
    [
      String(s.minute).padStart(3),
      String(m.confirmed).padStart(9),
      (
        Object.entries(m.failed)
          .map(([k, v]) => `${k}:${v}`)
          .join(',') || '0'
      ).padStart(6),
      (
        percentile(
          [...m.durations].sort((a, b) => a - b),
          50,
        ) / 1000
      )
        .toFixed(1)
        .padStart(5),
      String(deliveries).padStart(10),
      String(subs).padStart(4),
      loadavg()[0]!.toFixed(1).padStart(5),
      ...processNames.map((n) => cell(s.memory.get(n))),
    ].join(' | '),
  );
row(first, minute, 0, (await router.totals()).subscribers);
await subscribers.mark();

const startedAt = Date.now();
const ticker = setInterval(() => {
  if (inFlight >= MAX_IN_FLIGHT) {
    minute.skipped++;
    minute.failed.SKIPPED = minute.skipped;
    return;
  }
  inFlight++;
  void book().finally(() => inFlight--);
}, 60_000 / BOOKINGS_PER_MINUTE);

for (let m = 1; m <= MINUTES; m++) {
  await sleep(Math.max(0, startedAt + m * 60_000 - Date.now()));
  const done = minute;
  minute = { confirmed: 0, failed: {}, skipped: 0, durations: [] };
  const { received, errors } = await subscribers.collect();
  const s = await sample(m);
  samples.push(s);
  if (errors) done.failed.SUBSCRIPTION_ERRORS = errors;
  row(s, done, received.length, (await router.totals()).subscribers);
}
clearInterval(ticker);
while (inFlight > 0) await sleep(200);

// 6. Trends over the second half.
const secondHalf = samples.filter((s) => s.minute >= MINUTES / 2);
console.log(
  `\nTrend over minutes ${secondHalf[0]!.minute}–${MINUTES} (least-squares slope, MB/min; flat: heap ≤ ${FLAT_HEAP_MB_PER_MIN}, RSS ≤ ${FLAT_RSS_MB_PER_MIN})\n`,
);
console.log('process     | RSS start | RSS end | RSS slope | heap start | heap end | heap slope | of it code | flat');
console.log('----------- | --------- | ------- | --------- | ---------- | -------- | ---------- | ---------- | ----');
let allFlat = true;
for (const name of processNames) {
  const at = (s: Sample) => s.memory.get(name);
  const rssSlope = slope(secondHalf.map((s) => [s.minute, at(s)!.rss]));
  const heapSlope = slope(secondHalf.map((s) => [s.minute, at(s)!.heap]));
  // How much of the heap's slope is compiled code (V8 optimizing hot functions), not objects.
  const codeSlope = slope(secondHalf.map((s) => [s.minute, at(s)!.code]));
  const flat = rssSlope <= FLAT_RSS_MB_PER_MIN && (Number.isNaN(heapSlope) || heapSlope <= FLAT_HEAP_MB_PER_MIN);
  allFlat &&= flat;
  const last = samples.at(-1)!;
  console.log(
    [
      name.padEnd(11),
      at(samples[0]!)!.rss.toFixed(0).padStart(9),
      at(last)!.rss.toFixed(0).padStart(7),
      rssSlope.toFixed(3).padStart(9),
      (Number.isNaN(at(samples[0]!)!.heap) ? '-' : at(samples[0]!)!.heap.toFixed(1)).padStart(10),
      (Number.isNaN(at(last)!.heap) ? '-' : at(last)!.heap.toFixed(1)).padStart(8),
      (Number.isNaN(heapSlope) ? '-' : heapSlope.toFixed(3)).padStart(10),
      (Number.isNaN(codeSlope) ? '-' : codeSlope.toFixed(3)).padStart(10),
      flat ? 'yes' : 'NO',
    ].join(' | '),
  );
}
console.log(
  `\nmemory ${allFlat ? 'flat' : 'NOT flat'} over the second half in every process${allFlat ? '' : ' (see the rows marked NO)'}`,
);

await subscribers.close();
await router.stop();
await services.stop();
await options.cleanup();
// The services' streams and keys in the soak's own Redis database.
const redis = new Redis(redisUrl);
for await (const keys of redis.scanStream({ match: 'busline*', count: 500 }))
  if ((keys as string[]).length) await redis.del(...(keys as string[]));
redis.disconnect();
process.exit(0);

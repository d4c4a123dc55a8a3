/**
 * Subscription fan-out through the router: N clients subscribe to one trip's `tripSeatsChanged`
 * (graphql-ws) while seats are booked. Prints delivery latency (p50/p99 from the booking mutation
 * being sent to each client receiving the event), deliveries per second and router memory per
 * subscriber, for each N.
 *
 *   npm run bench -- subscriptions            (N = 1,000, 5,000, 10,000; 2 router workers)
 *   BENCH_SUBSCRIBERS=1000 BENCH_ROUTER_WORKERS=1 npm run bench -- subscriptions
 *
 * The subgraphs run in this process (on Postgres and Redis when POSTGRES_URL and REDIS_URL are set,
 * embedded otherwise); the router runs as production runs it, from its own entry point with
 * ROUTER_WORKERS processes on one port, and its memory and CPU are what is measured; the clients
 * run in a child process (bench/lib/subscriber-clients.ts).
 */
import { graphqlRequest } from '@busline/shared/testing';
import { isolatedPlatformOptions, kigaliDate, login, seedTestPlatform } from '../e2e/harness';
import { startPlatform } from '../scripts/lib/platform';
import { machineBusyMs } from './lib/machine-cpu';
import { startBenchRouter } from './lib/router';
import { percentile, startSubscribers } from './lib/subscribers';

const counts = (process.env.BENCH_SUBSCRIBERS ?? '1000,5000,10000').split(',').map(Number);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20);
/** Pause between two seat holds. */
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 500);
/** Router processes (ROUTER_WORKERS); the default is this machine's two cores. */
const WORKERS = Number(process.env.BENCH_ROUTER_WORKERS ?? 2);

// Postgres and Redis when POSTGRES_URL and REDIS_URL are set (as in production), embedded otherwise.
// One passenger makes every hold: the per-account hold limits are lifted, the bench measures fan-out.
const options = isolatedPlatformOptions({
  HOLD_MINUTES: '60',
  MAX_HELD_SEATS_PER_TRIP: '1000',
  MAX_HELD_SEATS_PER_TRIP_PER_ADDRESS: '100000',
  MAX_OPEN_BOOKINGS: '100000',
  MAX_HOLDS_PER_HOUR: '1000000',
});
const platform = await startPlatform(options);
await seedTestPlatform(platform);

// The router as production runs it: its own entry point, ROUTER_WORKERS processes on one port.
const router = await startBenchRouter(platform, { workers: WORKERS, routerSecret: options.routerSecret! });
const routerUrl = router.url;
const graphql = `${routerUrl}/graphql`;
const totals = () => router.totals();
const token = await login(graphql, 'passenger@busline.test', 'Passenger-demo-2026');
const date = kigaliDate(1);

const WARMUP = 2;
console.log(
  `\nSubscription fan-out through the router (${WORKERS} router process(es); per run ${WARMUP} warm-up + ${EVENTS} measured seat holds ${GAP_MS} ms apart on one trip; graphql-ws)\n`,
);
console.log(
  'subscribers | connect s | p50 ms | p99 ms | max ms | events/s | deliveries/s | lost | heap/subscriber | rss/subscriber | router CPU/event | clients CPU/event | machine CPU/event',
);
console.log(
  '----------- | --------- | ------ | ------ | ------ | -------- | ------------ | ---- | --------------- | -------------- | ---------------- | ----------------- | -----------------',
);

const holdOne = async (tripId: string, seat: string) => {
  const held = await graphqlRequest<{ holdSeats: { trip: { availableSeats: number } } }>(
    graphql,
    'mutation($i: HoldSeatsInput!) { holdSeats(input: $i) { trip { availableSeats } } }',
    { i: { tripId, seats: [seat], passengers: [{ name: 'Bench Passenger' }] } },
    { authorization: `Bearer ${token}` },
  );
  if (held.errors) throw new Error(JSON.stringify(held.errors));
  return held.data!.holdSeats.trip.availableSeats;
};

/**
 * One run: `count` clients subscribe, WARMUP holds are not measured, then `events` holds are. The
 * first run (100 clients, nothing measured) pays what a router pays once: compiled code, the plan,
 * the upstream connection; so the memory rows count what each further subscriber costs.
 */
async function run(count: number, events: number, report: boolean) {
  const search = await graphqlRequest<{ searchTrips: { id: string; seatMap: { label: string; state: string }[] }[] }>(
    graphql,
    'query($i: SearchTripsInput!) { searchTrips(input: $i) { id seatMap { label state } } }',
    { i: { originCity: 'Kigali', destinationCity: 'Rubavu', date, passengers: 1 } },
  );
  if (!search.data) throw new Error(JSON.stringify(search.errors));
  const free = (t: { seatMap: { state: string }[] }) => t.seatMap.filter((s) => s.state === 'AVAILABLE').length;
  const trip = search.data.searchTrips.find((t) => free(t) >= WARMUP + events);
  if (!trip) throw new Error(`no trip with ${WARMUP + events} free seats left`);
  const seats = trip.seatMap.filter((s) => s.state === 'AVAILABLE').map((s) => s.label);

  const before = await totals();
  const subscribers = await startSubscribers({
    url: `${routerUrl.replace('http', 'ws')}/graphql`,
    count,
    query: 'subscription($t: ID!) { tripSeatsChanged(tripId: $t) { availableSeats } }',
    variables: { t: trip.id },
    keyField: 'availableSeats',
  });
  const waitStarted = performance.now();
  while ((await totals()).subscribers < count) await new Promise((r) => setTimeout(r, 50));
  const connectSeconds = (subscribers.connectMs + performance.now() - waitStarted) / 1000;
  const after = await totals();

  // Warm-up: the first events through a new group (JIT, first frames on fresh sockets) are not measured.
  for (let i = 0; i < WARMUP; i++) {
    await holdOne(trip.id, seats[i]!);
    await new Promise((resolve) => setTimeout(resolve, Math.max(GAP_MS, 500)));
  }
  await subscribers.mark();

  const sentAt = new Map<number, number>();
  const mutationMs: number[] = [];
  const cpuBefore = (await totals()).cpuMicros;
  const machineBefore = machineBusyMs();
  for (let i = WARMUP; i < WARMUP + events; i++) {
    const at = performance.timeOrigin + performance.now();
    sentAt.set(await holdOne(trip.id, seats[i]!), at);
    mutationMs.push(performance.timeOrigin + performance.now() - at);
    await new Promise((resolve) => setTimeout(resolve, GAP_MS));
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const cpuRouter = (await totals()).cpuMicros - cpuBefore;
  const cpuMachine = machineBusyMs() - machineBefore;
  const { received, cpu: cpuClients } = await subscribers.collect();
  const measured = received.filter((r) => sentAt.has(r.key));
  const latencies = measured.map((r) => r.at - sentAt.get(r.key)!).sort((a, b) => a - b);
  if (report && process.env.BENCH_DETAIL) {
    const perEvent = new Map<number, number[]>();
    for (const r of measured)
      (perEvent.get(r.key) ?? perEvent.set(r.key, []).get(r.key)!).push(r.at - sentAt.get(r.key)!);
    console.log(`  holdSeats round trips ms: ${mutationMs.map((m) => m.toFixed(0)).join(' ')}`);
    console.log(
      `  per event first/last delivery ms: ${[...perEvent.values()].map((l) => `${Math.min(...l).toFixed(0)}/${Math.max(...l).toFixed(0)}`).join(' ')}`,
    );
  }
  const first = Math.min(...sentAt.values());
  const last = measured.reduce((max, r) => Math.max(max, r.at), first);
  await subscribers.close();
  await new Promise((resolve) => setTimeout(resolve, 500));

  if (!report) return;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const ms = (micros: number) => `${(micros / 1000 / events).toFixed(0)} ms`;
  console.log(
    [
      String(count).padStart(11),
      connectSeconds.toFixed(1).padStart(9),
      percentile(latencies, 50).toFixed(0).padStart(6),
      percentile(latencies, 99).toFixed(0).padStart(6),
      (latencies.at(-1) ?? NaN).toFixed(0).padStart(6),
      (events / ((last - first) / 1000)).toFixed(1).padStart(8),
      Math.round(measured.length / ((last - first) / 1000))
        .toString()
        .padStart(12),
      String(count * events - measured.length).padStart(4),
      kb((after.heapUsed - before.heapUsed) / count).padStart(15),
      kb((after.rss - before.rss) / count).padStart(14),
      ms(cpuRouter).padStart(16),
      ms(cpuClients.user + cpuClients.system).padStart(17),
      ms(cpuMachine * 1000).padStart(17),
    ].join(' | '),
  );
  if ((await totals()).upstreamSubscriptions !== 0)
    console.log('  warning: upstream subscriptions still open after clients left');
}

await run(100, 0, false);
for (const count of counts) await run(count, EVENTS, true);

await router.stop();
await platform.stop();
await options.cleanup();

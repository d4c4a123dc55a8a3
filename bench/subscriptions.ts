/**
 * Subscription fan-out through the router: N clients subscribe to one trip's `tripSeatsChanged`
 * on 8080 (graphql-ws) while seats are booked. Prints delivery latency (p50/p99 from the booking
 * mutation being sent to each client receiving the event), deliveries per second and router-process
 * memory per subscriber, for each N.
 *
 *   npm run bench -- subscriptions            (N = 1,000, 5,000, 10,000)
 *   BENCH_SUBSCRIBERS=1000 npm run bench -- subscriptions
 *
 * The platform runs embedded in this process (memory is measured here: router, subgraphs and
 * their state); the clients run in a child process so they do not distort it.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { graphqlRequest } from '@busline/shared/testing';
import { isolatedPlatformOptions, kigaliDate, login, seedTestPlatform } from '../e2e/harness';
import { startPlatform } from '../scripts/lib/platform';

const counts = (process.env.BENCH_SUBSCRIBERS ?? '1000,5000,10000').split(',').map(Number);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20);
/** Pause between two seat holds. */
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 150);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench does)');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function settleMemory() {
  for (let i = 0; i < 3; i++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return process.memoryUsage();
}

// Embedded on purpose (whatever POSTGRES_URL/REDIS_URL say): one process to measure.
const options = { ...isolatedPlatformOptions({ HOLD_MINUTES: '60' }), postgresUrl: undefined, redisUrl: undefined };
const platform = await startPlatform(options);
await seedTestPlatform(platform);
const graphql = `${platform.routerUrl}/graphql`;
const token = await login(graphql, 'passenger@busline.test', 'Passenger-demo-2026');
const date = kigaliDate(1);

console.log(`\nSubscription fan-out through the router (${EVENTS} seat holds ${GAP_MS} ms apart per run, one trip, graphql-ws)\n`);
console.log('subscribers | connect s | p50 ms | p99 ms | max ms | deliveries/s | lost | heap/subscriber | rss/subscriber');
console.log('----------- | --------- | ------ | ------ | ------ | ------------ | ---- | --------------- | --------------');

for (const count of counts) {
  const search = await graphqlRequest<{ searchTrips: { id: string; seatMap: { label: string; state: string }[] }[] }>(
    graphql,
    'query($i: SearchTripsInput!) { searchTrips(input: $i) { id seatMap { label state } } }',
    { i: { originCity: 'Kigali', destinationCity: 'Rubavu', date, passengers: 1 } },
  );
  if (!search.data) throw new Error(JSON.stringify(search.errors));
  const trip = search.data.searchTrips.find((t) => t.seatMap.filter((s) => s.state === 'AVAILABLE').length >= EVENTS)!;
  const seats = trip.seatMap.filter((s) => s.state === 'AVAILABLE').map((s) => s.label);

  const before = await settleMemory();
  const child = fork(fileURLToPath(new URL('./lib/subscriber-clients.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  const reply = <T>(kind: string) => new Promise<T>((resolve) => child.on('message', (m: { kind: string }) => m.kind === kind && resolve(m as T)));
  const connectStarted = performance.now();
  const ready = reply('ready');
  child.send({
    kind: 'start',
    url: `${platform.routerUrl.replace('http', 'ws')}/graphql`,
    count,
    query: 'subscription($t: ID!) { tripSeatsChanged(tripId: $t) { availableSeats } }',
    variables: { t: trip.id },
  });
  await ready;
  while (platform.router.subscriptions!.stats().subscribers < count) await new Promise((r) => setTimeout(r, 50));
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  const after = await settleMemory();

  const sentAt = new Map<number, number>();
  for (let i = 0; i < EVENTS; i++) {
    const at = performance.timeOrigin + performance.now();
    const held = await graphqlRequest<{ holdSeats: { trip: { availableSeats: number } } }>(
      graphql,
      'mutation($i: HoldSeatsInput!) { holdSeats(input: $i) { trip { availableSeats } } }',
      { i: { tripId: trip.id, seats: [seats[i]!], passengers: [{ name: `Bench ${i}` }] } },
      { authorization: `Bearer ${token}` },
    );
    if (held.errors) throw new Error(JSON.stringify(held.errors));
    sentAt.set(held.data!.holdSeats.trip.availableSeats, at);
    await new Promise((resolve) => setTimeout(resolve, GAP_MS));
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const collected = reply<{ received: { key: number; at: number }[] }>('received');
  child.send({ kind: 'collect' });
  const { received } = await collected;
  const latencies = received
    .filter((r) => sentAt.has(r.key))
    .map((r) => r.at - sentAt.get(r.key)!)
    .sort((a, b) => a - b);
  const first = Math.min(...sentAt.values());
  const last = received.reduce((max, r) => Math.max(max, r.at), first);
  const expected = count * EVENTS;
  const closed = reply('closed');
  child.send({ kind: 'close' });
  await closed;
  await new Promise((resolve) => setTimeout(resolve, 500));

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(
    [
      String(count).padStart(11),
      connectSeconds.toFixed(1).padStart(9),
      percentile(latencies, 50).toFixed(0).padStart(6),
      percentile(latencies, 99).toFixed(0).padStart(6),
      (latencies.at(-1) ?? NaN).toFixed(0).padStart(6),
      Math.round(received.length / ((last - first) / 1000)).toString().padStart(12),
      String(expected - latencies.length).padStart(4),
      kb((after.heapUsed - before.heapUsed) / count).padStart(15),
      kb((after.rss - before.rss) / count).padStart(14),
    ].join(' | '),
  );
  if (platform.router.subscriptions!.stats().upstreamSubscriptions !== 0) console.log('  warning: upstream subscriptions still open after clients left');
}

await platform.stop();
await options.cleanup();

/**
 * Subscription events that each need their own execution: B confirmed bookings, each followed by
 * one graphql-ws client with `bookingStatusChanged(bookingId)` — B upstream subscriptions, nothing
 * shared — while ticketing publishes an update for every booking, round after round (a round waits
 * for all B events to be delivered). Two selections: fields of ticketing only, and the saga's
 * selection joined from company (route), payment (payments) and qr (QR tokens), i.e. three entity
 * fetches per event. Prints events/s, delivery latency, CPU per event and the router's heap per
 * subscriber for each.
 *
 *   npm run bench -- subscriptions-joined
 *   BENCH_BOOKINGS=100 BENCH_ROUNDS=20 BENCH_ROUTER_WORKERS=1 npm run bench -- subscriptions-joined
 *
 * Events are published the way ticketing publishes them after a commit (`ticketing.booking.<id>`,
 * the booking id only), straight onto its pub/sub: the booking pipeline is measured by
 * `bench/subscriptions.ts`; this measures what the router and the subgraphs do per event.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { graphqlRequest, payerPhone } from '@busline/shared/testing';
import { isolatedPlatformOptions, kigaliDate, login, seedTestPlatform } from '../e2e/harness';
import { startPlatform } from '../scripts/lib/platform';
import { topics } from '../subgraphs/ticketing/src/public';
import { machineBusyMs } from './lib/machine-cpu';
import { startBenchRouter } from './lib/router';
import { percentile, startSubscribers } from './lib/subscribers';

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
const WORKERS = Number(process.env.BENCH_ROUTER_WORKERS ?? 2);
const WARMUP = 3;

const SELECTIONS: [string, string][] = [
  [
    'ticketing only',
    'subscription($id: ID!) { bookingStatusChanged(bookingId: $id) { id status totalAmount { amount currency } tickets { seatNumber passengerName } } }',
  ],
  [
    'joined: company, payment, qr',
    'subscription($id: ID!) { bookingStatusChanged(bookingId: $id) { status trip { departureAt route { origin { name } } } payments { status } tickets { seatNumber qr { token } } } }',
  ],
];
/** What every event of the joined selection must carry: resolved by company, payment and qr. */
const JOINED_FIELDS = ['"origin":{"name":"', '"status":"SUCCEEDED"', '"qr":{"token":"'];

// One passenger makes every hold: the per-account hold limits are lifted, the bench measures fan-out.
const options = isolatedPlatformOptions({
  HOLD_MINUTES: '60',
  SANDBOX_CALLBACK_DELAY_MS: '0',
  MAX_HELD_SEATS_PER_TRIP: '1000',
  MAX_HELD_SEATS_PER_TRIP_PER_ADDRESS: '100000',
  MAX_OPEN_BOOKINGS: '100000',
  MAX_HOLDS_PER_HOUR: '1000000',
});
const platform = await startPlatform(options);
await seedTestPlatform(platform);
const router = await startBenchRouter(platform, { workers: WORKERS, routerSecret: options.routerSecret! });
const graphql = `${router.url}/graphql`;
const token = await login(graphql, 'passenger@busline.test', 'Passenger-demo-2026');
const authorization = `Bearer ${token}`;
const request = async <T>(query: string, variables: Record<string, unknown>) => {
  const result = await graphqlRequest<T>(graphql, query, variables, { authorization });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// B bookings of one seat each, paid (sandbox mobile money) and confirmed with their QR codes issued.
const seats: { tripId: string; label: string }[] = [];
const searched = new Set<string>();
for (const [origin, destination] of [
  ['Kigali', 'Rubavu'],
  ['Kigali', 'Musanze'],
  ['Kigali', 'Huye'],
]) {
  for (const days of [1, 2, 3]) {
    const { searchTrips } = await request<{
      searchTrips: { id: string; seatMap: { label: string; state: string }[] }[];
    }>('query($i: SearchTripsInput!) { searchTrips(input: $i) { id seatMap { label state } } }', {
      i: { originCity: origin, destinationCity: destination, date: kigaliDate(days), passengers: 1 },
    });
    // A trip serving several of these cities appears in several searches: each seat once.
    for (const trip of searchTrips) {
      if (searched.has(trip.id)) continue;
      searched.add(trip.id);
      for (const seat of trip.seatMap)
        if (seat.state === 'AVAILABLE') seats.push({ tripId: trip.id, label: seat.label });
    }
  }
}
if (seats.length < BOOKINGS) throw new Error(`only ${seats.length} free seats for ${BOOKINGS} bookings`);
const bookingIds: string[] = [];
for (const seat of seats.slice(0, BOOKINGS)) {
  const { holdSeats } = await request<{ holdSeats: { id: string } }>(
    'mutation($i: HoldSeatsInput!) { holdSeats(input: $i) { id } }',
    {
      i: { tripId: seat.tripId, seats: [seat.label], passengers: [{ name: 'Bench Passenger' }] },
    },
  );
  await request(
    'mutation($i: StartPaymentInput!, $k: String!) { startPayment(input: $i, idempotencyKey: $k) { id } }',
    {
      i: { bookingId: holdSeats.id, method: 'MTN_MOMO', phone: payerPhone() },
      k: randomUUID(),
    },
  );
  bookingIds.push(holdSeats.id);
}
let pending = [...bookingIds];
for (const started = Date.now(); pending.length > 0; await pause(200)) {
  if (Date.now() - started > 60_000)
    throw new Error(`${pending.length} bookings not confirmed with QR codes after 60 s`);
  const states = await Promise.all(
    pending.map((id) =>
      request<{ booking: { status: string; tickets: { qr: { token: string } | null }[] } }>(
        'query($id: ID!) { booking(id: $id) { status tickets { qr { token } } } }',
        { id },
      ),
    ),
  );
  pending = pending.filter(
    (_, i) => !(states[i]!.booking.status === 'CONFIRMED' && states[i]!.booking.tickets.every((t) => t.qr)),
  );
}

const pubsub = platform.subgraphs.get('ticketing')!.deps.pubsub;
const now = () => performance.timeOrigin + performance.now();

// Before measuring: an event of the joined selection carries what company, payment and qr resolve.
{
  const client = createClient({
    url: `${router.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization },
    retryAttempts: 0,
  });
  const event = new Promise<string>((resolve, reject) => {
    client.subscribe(
      { query: SELECTIONS[1]![1], variables: { id: bookingIds[0] } },
      { next: (r) => resolve(JSON.stringify(r)), error: reject, complete: () => reject(new Error('ended')) },
    );
  });
  while ((await router.totals()).upstreamSubscriptions < 1) await pause(50);
  let text: string | undefined;
  for (let attempt = 0; !text && attempt < 50; attempt++) {
    await pubsub.publish(topics.booking(bookingIds[0]!), { bookingId: bookingIds[0]! });
    text = await Promise.race([event, pause(100).then(() => undefined)]);
  }
  await client.dispose();
  const missing = JOINED_FIELDS.filter((field) => !text?.includes(field));
  if (!text || text.includes('"errors"') || missing.length > 0)
    throw new Error(`a joined event lacks ${missing.join(', ')}: ${text}`);
  while ((await router.totals()).upstreamSubscriptions > 0) await pause(50);
}
/** One round: an update published for every booking; resolves with when it was published. */
const publishRound = async () => {
  const at = now();
  await Promise.all(bookingIds.map((bookingId) => pubsub.publish(topics.booking(bookingId), { bookingId })));
  return at;
};

console.log(
  `\nbookingStatusChanged through the router, nothing shared: ${BOOKINGS} bookings, one subscriber and one upstream subscription each, ` +
    `${WARMUP} warm-up + ${ROUNDS} measured rounds of one event per booking (${WORKERS} router process(es))\n`,
);
console.log(
  'selection                    | events | events/s | p50 ms | p99 ms | max ms | lost | errors | router CPU/event | machine CPU/event | router heap/subscriber',
);
console.log(
  '---------------------------- | ------ | -------- | ------ | ------ | ------ | ---- | ------ | ---------------- | ----------------- | ----------------------',
);

for (const [name, query] of SELECTIONS) {
  const before = await router.totals();
  const subscribers = await startSubscribers({
    url: `${router.url.replace('http', 'ws')}/graphql`,
    count: BOOKINGS,
    query,
    variables: bookingIds.map((id) => ({ id })),
    connectionParams: { authorization },
  });
  while ((await router.totals()).upstreamSubscriptions < BOOKINGS) await pause(50);
  const heapPerSubscriber = ((await router.totals()).heapUsed - before.heapUsed) / BOOKINGS;
  // Ticketing starts each subscription after a read of its own: warm-up rounds until every client has had one.
  await subscribers.mark();
  for (let round = 1; round <= WARMUP; round++) {
    await publishRound();
    await subscribers.waitFor(round * BOOKINGS, 10_000);
  }
  const warm = await subscribers.collect();
  const missing = BOOKINGS - new Set(warm.received.map((r) => r.client)).size;
  if (missing > 0 || warm.errors > 0)
    throw new Error(`warm-up: ${missing} subscribers got nothing, ${warm.errors} errors`);

  await subscribers.mark();
  const cpuBefore = (await router.totals()).cpuMicros;
  const machineBefore = machineBusyMs();
  const publishedAt: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    publishedAt.push(await publishRound());
    if (!(await subscribers.waitFor(round * BOOKINGS, 10_000))) break;
  }
  const cpuRouter = (await router.totals()).cpuMicros - cpuBefore;
  const cpuMachine = machineBusyMs() - machineBefore;
  const { received, errors } = await subscribers.collect();
  // A subscription's events arrive in order, so a client's k-th delivery is round k's.
  const perClient = new Array<number>(BOOKINGS).fill(0);
  const latencies = received.map((r) => r.at - publishedAt[perClient[r.client]!++]!).sort((a, b) => a - b);
  const last = received.reduce((max, r) => Math.max(max, r.at), publishedAt[0]!);
  const events = BOOKINGS * ROUNDS;
  console.log(
    [
      name.padEnd(28),
      String(received.length).padStart(6),
      Math.round(received.length / ((last - publishedAt[0]!) / 1000))
        .toString()
        .padStart(8),
      percentile(latencies, 50).toFixed(0).padStart(6),
      percentile(latencies, 99).toFixed(0).padStart(6),
      (latencies.at(-1) ?? NaN).toFixed(0).padStart(6),
      String(events - received.length).padStart(4),
      String(errors).padStart(6),
      `${(cpuRouter / 1000 / events).toFixed(2)} ms`.padStart(16),
      `${(cpuMachine / events).toFixed(2)} ms`.padStart(17),
      `${(heapPerSubscriber / 1024).toFixed(1)} KB`.padStart(22),
    ].join(' | '),
  );
  await subscribers.close();
  while ((await router.totals()).upstreamSubscriptions > 0) await pause(50);
}

await router.stop();
await platform.stop();
await options.cleanup();

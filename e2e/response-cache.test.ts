import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTER_SECRET_HEADER, type EventBus, type EventHandler } from '@busline/shared';
import {
  eventually,
  graphqlRequest,
  metricValue,
  startOwnRedis,
  testEnv,
  testLogger,
  type OwnServer,
} from '@busline/shared/testing';
import { startPlatform, type Platform } from '../scripts/lib/platform';
import { createServer as createRouter } from '../router/src/server';
import { loadSupergraphSdl } from '../router/src/supergraph';
import {
  deafBus,
  isolatedPlatformOptions,
  kigaliDate,
  login,
  seedTestPlatform,
  startExtraRouter,
  type ExtraRouter,
} from './harness';

/**
 * The router's public response cache on real Postgres and Redis: visitors' searches are answered from
 * Redis, every change (through this router, another router, or straight at a subgraph) is in the very
 * next answer, and nothing of a signed-in caller is ever stored or served.
 */
// Hold limits out of the way: one test holds nearly a whole bus.
const options = isolatedPlatformOptions({
  MAX_SEATS_PER_BOOKING: '50',
  MAX_HELD_SEATS_PER_TRIP: '1000',
  MAX_HELD_SEATS_PER_TRIP_PER_ADDRESS: '100000',
  MAX_OPEN_BOOKINGS: '1000',
  MAX_HOLDS_PER_HOUR: '100000',
});
const cachePrefix = `${options.eventPrefix}:response-cache`;
const SEARCH = `query Search($i: SearchTripsInput!) {
  searchTrips(input: $i) { id availableSeats price { amount currency } seatMap { label state } route { name } }
}`;
type Trip = {
  id: string;
  availableSeats: number;
  price: { amount: number; currency: string };
  seatMap: { label: string; state: string }[];
};

let platform: Platform;
let redis: Redis;
let passenger: string;
let admin: string;
const extraRouters: ExtraRouter[] = [];
let day = 0;

/**
 * A search of its own for each test (its own date and party size): no test sees another's cached answers. Never
 * today: late in Kigali's day few of today's trips are still sold.
 */
function searchInput() {
  day += 1;
  return {
    originCity: 'Kigali',
    destinationCity: 'Huye',
    date: kigaliDate(1 + (day % 3)),
    passengers: 1 + Math.floor(day / 3),
  };
}

const graphql = (routerUrl: string) => `${routerUrl}/graphql`;
const search = async (routerUrl: string, input: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const result = await graphqlRequest<{ searchTrips: Trip[] }>(graphql(routerUrl), SEARCH, { i: input }, headers);
  expect(result.errors).toBeUndefined();
  return result.data!.searchTrips;
};

/** Fetches this router made to a subgraph so far (a cached answer makes none). */
async function fetches(router: ReturnType<typeof createRouter>, subgraph = 'ticketing') {
  return (
    metricValue(await router.metrics.metrics(), 'busline_subgraph_fetches_total', { subgraph, outcome: 'ok' }) ?? 0
  );
}

const answersStored = async (prefix = cachePrefix) => (await redis.keys(`${prefix}:answer:*`)).length;

async function hold(routerUrl: string, tripId: string, seat: string) {
  const held = await graphqlRequest(
    graphql(routerUrl),
    'mutation($i: HoldSeatsInput!) { holdSeats(input: $i) { id } }',
    { i: { tripId, seats: [seat], passengers: [{ name: 'Aline Mukamana' }] } },
    { authorization: `Bearer ${passenger}` },
  );
  expect(held.errors).toBeUndefined();
}

const startRouter = (responseCache: Parameters<typeof startExtraRouter>[2]) =>
  startExtraRouter(platform, options, responseCache, extraRouters);

/** A bus whose events the test hands to the router itself: no other event (nor its echo) reaches it. */
function handBus() {
  const handlers: EventHandler[] = [];
  const bus: EventBus = {
    ...deafBus,
    subscribe: (subscription) => {
      handlers.push(subscription.handler);
      return { stop: async () => undefined };
    },
  };
  const deliver = async (type: string, payload: Record<string, unknown>) => {
    for (const handler of handlers)
      await handler({ id: randomUUID(), type, source: 'ticketing', occurredAt: new Date().toISOString(), payload });
  };
  return { bus, deliver };
}

describe.skipIf(!testEnv.postgresUrl || !testEnv.redisUrl)('public response cache', () => {
  beforeAll(async () => {
    platform = await startPlatform(options);
    await seedTestPlatform(platform);
    redis = new Redis(testEnv.redisUrl!);
    passenger = await login(graphql(platform.routerUrl), 'passenger@busline.test', 'Passenger-demo-2026');
    admin = await login(graphql(platform.routerUrl), 'admin@busline.test', 'Admin-demo-2026');
  }, 120_000);
  afterAll(async () => {
    for (const router of extraRouters) await router.stop();
    await platform?.stop();
    await redis?.keys(`${cachePrefix}*`).then((keys) => (keys.length ? redis.del(keys) : 0));
    redis?.disconnect();
    await options.cleanup();
  });

  it('shows a trip again in a search for more passengers once a cancellation frees its seats', async () => {
    // A search leaves out a trip without seats enough: its cached answer holds no trace of that trip.
    const events = handBus();
    const { router, url } = await startRouter({
      bus: events.bus,
      redisUrl: testEnv.redisUrl,
      prefix: `${cachePrefix}-freed`,
      ttlMs: 600_000,
    });
    const input = (passengers: number) => ({
      originCity: 'Kigali',
      destinationCity: 'Musanze',
      date: kigaliDate(3),
      passengers,
    });
    const [trip] = await search(url, input(1));
    const free = trip!.seatMap.filter((s) => s.state === 'AVAILABLE').map((s) => s.label);
    const bookings: string[] = [];
    for (let i = 1; i < free.length; i += 50) {
      const seats = free.slice(i, i + 50);
      const held = await graphqlRequest<{ holdSeats: { id: string } }>(
        graphql(url),
        'mutation($i: HoldSeatsInput!) { holdSeats(input: $i) { id } }',
        { i: { tripId: trip!.id, seats, passengers: seats.map(() => ({ name: 'Aline Mukamana' })) } },
        { authorization: `Bearer ${passenger}` },
      );
      expect(held.errors).toBeUndefined();
      bookings.push(held.data!.holdSeats.id);
    }
    // One seat left: not in a search for two, the second time answered from the cache.
    expect((await search(url, input(2))).some((t) => t.id === trip!.id)).toBe(false);
    const before = await fetches(router);
    expect((await search(url, input(2))).some((t) => t.id === trip!.id)).toBe(false);
    expect(await fetches(router)).toBe(before);

    for (const booking of bookings) {
      const cancelled = await graphqlRequest(
        graphql(url),
        'mutation($b: ID!) { cancelBooking(bookingId: $b) { id } }',
        { b: booking },
        { authorization: `Bearer ${passenger}` },
      );
      expect(cancelled.errors).toBeUndefined();
      await events.deliver('booking.cancelled', { bookingId: booking, tripId: trip!.id });
    }
    // booking.cancelled drops the searches too: the trip is back for two (it stayed out until the TTL before).
    expect((await search(url, input(2))).some((t) => t.id === trip!.id)).toBe(true);
  });

  it("drops a trip's answers and the searches when ticketing renumbers its stops (booking.stops_changed)", async () => {
    const events = handBus();
    const { router, url } = await startRouter({
      bus: events.bus,
      redisUrl: testEnv.redisUrl,
      prefix: `${cachePrefix}-stops`,
      ttlMs: 600_000,
    });
    const input = searchInput();
    const [trip] = await search(url, input);
    const cached = await fetches(router);
    await search(url, input);
    expect(await fetches(router)).toBe(cached);
    await events.deliver('booking.stops_changed', {
      bookingId: randomUUID(),
      tripId: trip!.id,
      version: 2,
      tickets: [],
    });
    await search(url, input);
    expect(await fetches(router)).toBeGreaterThan(cached);
  });

  it("drops a trip's answers when a refund frees its seats (booking.refunded), and nothing for other refunds", async () => {
    const events = handBus();
    const { router, url } = await startRouter({
      bus: events.bus,
      redisUrl: testEnv.redisUrl,
      prefix: `${cachePrefix}-refunds`,
      ttlMs: 600_000,
    });
    const input = searchInput();
    const [trip] = await search(url, input);
    const cached = await fetches(router);
    // Refunds that free no seat (a cancelled booking's, or a payment of no booking): the answers stay.
    await events.deliver('payment.refunded', {
      paymentId: randomUUID(),
      bookingId: randomUUID(),
      userId: randomUUID(),
    });
    await events.deliver('booking.refunded', { bookingId: randomUUID(), tripId: trip!.id, ticketIds: [] });
    await search(url, input);
    expect(await fetches(router)).toBe(cached);
    await events.deliver('booking.refunded', { bookingId: randomUUID(), tripId: trip!.id, ticketIds: [randomUUID()] });
    await search(url, input);
    expect(await fetches(router)).toBeGreaterThan(cached);
  });

  it('answers a repeated visitor search from Redis, and shows a hold made through the router in the very next search', async () => {
    // A router that hears no event (and keeps answers ten minutes): only the mutation itself can invalidate.
    const { router, url } = await startRouter({
      bus: deafBus,
      redisUrl: testEnv.redisUrl,
      prefix: `${cachePrefix}-deaf`,
      ttlMs: 600_000,
    });
    const input = searchInput();
    const [trip] = await search(url, input);
    const before = await fetches(router);
    const again = await search(url, input);
    expect(again[0]).toEqual(trip);
    expect(await fetches(router)).toBe(before);
    expect(await answersStored(`${cachePrefix}-deaf`)).toBeGreaterThan(0);
    // Variables the operation does not declare make no other key: a counter in one stored an answer per request.
    const stored = await answersStored(`${cachePrefix}-deaf`);
    for (const junk of [1, 2, 3]) {
      const padded = await graphqlRequest<{ searchTrips: Trip[] }>(graphql(url), SEARCH, { i: input, junk });
      expect(padded.data?.searchTrips[0]).toEqual(trip);
    }
    expect(await fetches(router)).toBe(before);
    expect(await answersStored(`${cachePrefix}-deaf`)).toBe(stored);

    const seat = trip!.seatMap.find((s) => s.state === 'AVAILABLE')!.label;
    await hold(url, trip!.id, seat);
    // No waiting: the mutation dropped the trip's answers before it answered.
    const after = (await search(url, input)).find((t) => t.id === trip!.id)!;
    expect(after.availableSeats).toBe(trip!.availableSeats - 1);
    expect(after.seatMap.find((s) => s.label === seat)!.state).toBe('HELD');
  });

  it('keeps the cached answers of a trip a refused mutation names: nobody can empty the cache at will', async () => {
    const { router, url } = await startRouter({
      bus: deafBus,
      redisUrl: testEnv.redisUrl,
      prefix: `${cachePrefix}-refused`,
      ttlMs: 600_000,
    });
    const input = searchInput();
    const [trip] = await search(url, input);
    const before = await fetches(router);
    const HOLD = 'mutation($i: HoldSeatsInput!) { holdSeats(input: $i) { id } }';
    const taken = { i: { tripId: trip!.id, seats: ['ZZ99'], passengers: [{ name: 'Nobody' }] } };
    // A visitor (refused: not signed in), and a passenger asking for a seat the bus does not have.
    const visitor = await graphqlRequest(graphql(url), HOLD, taken);
    expect(visitor.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const refused = await graphqlRequest(graphql(url), HOLD, taken, { authorization: `Bearer ${passenger}` });
    expect(refused.errors).toBeDefined();
    // Still the cached answer: no fetch to ticketing.
    expect((await search(url, input))[0]).toEqual(trip);
    expect(await fetches(router)).toBe(before);
  });

  it("leaves a caller's changes past their minute's share to the events: a replayed hold cannot keep emptying the cache", async () => {
    const { router, url } = await startRouter({
      bus: deafBus,
      redisUrl: testEnv.redisUrl,
      prefix: `${cachePrefix}-replays`,
      ttlMs: 600_000,
    });
    const input = searchInput();
    const [trip] = await search(url, input);
    const seat = trip!.seatMap.find((s) => s.state === 'AVAILABLE')!.label;
    const HOLD = 'mutation($i: HoldSeatsInput!, $k: String) { holdSeats(input: $i, idempotencyKey: $k) { id } }';
    const request = {
      i: { tripId: trip!.id, seats: [seat], passengers: [{ name: 'Aline Mukamana' }] },
      k: randomUUID(),
    };
    const replay = async () => {
      const held = await graphqlRequest(graphql(url), HOLD, request, { authorization: `Bearer ${passenger}` });
      expect(held.errors).toBeUndefined();
    };
    // The hold, then 29 replays of it (the same key: nothing changes): each drops the trip's answers, as the
    // caller's own writes must be read at once.
    for (let i = 0; i < 30; i++) await replay();
    await search(url, input);
    // One more replay (its own fetch to ticketing counted before the search): past the share, nothing is dropped.
    await replay();
    const before = await fetches(router);
    expect(
      (await search(url, input)).find((t) => t.id === trip!.id)!.seatMap.find((s) => s.label === seat)!.state,
    ).toBe('HELD');
    expect(await fetches(router)).toBe(before);
  });

  it("drops a router's cached answer when the hold's event reaches another router (the cache is shared in Redis)", async () => {
    // This router receives no event itself and keeps answers for ten minutes: only the platform
    // router's consumer, invalidating the shared Redis, can make its next answer fresh.
    const { router, url } = await startRouter({
      bus: deafBus,
      redisUrl: testEnv.redisUrl,
      prefix: cachePrefix,
      ttlMs: 600_000,
    });
    const input = searchInput();
    const [trip] = await search(url, input);
    // Answered from the cache (once the platform's own events, the seed's trips, have been consumed:
    // each new trip drops every answer holding a trip).
    await eventually(async () => {
      const before = await fetches(router);
      const again = await search(url, input);
      return (await fetches(router)) === before ? again : undefined;
    }, 20_000);

    // Held straight at ticketing: no router sees the mutation, only the booking.held event tells.
    const seat = trip!.seatMap.find((s) => s.state === 'AVAILABLE')!.label;
    const held = await graphqlRequest(
      `${platform.subgraphs.get('ticketing')!.url}/graphql`,
      'mutation($i: HoldSeatsInput!) { holdSeats(input: $i) { id } }',
      { i: { tripId: trip!.id, seats: [seat], passengers: [{ name: 'Eric Habimana' }] } },
      { authorization: `Bearer ${passenger}`, [ROUTER_SECRET_HEADER]: options.routerSecret! },
    );
    expect(held.errors).toBeUndefined();
    const fresh = await eventually(async () => {
      const found = (await search(url, input)).find((t) => t.id === trip!.id)!;
      return found.availableSeats === trip!.availableSeats - 1 ? found : undefined;
    }, 20_000);
    expect(fresh.seatMap.find((s) => s.label === seat)!.state).toBe('HELD');
  });

  it("shows a trip's new price and its cancellation in the next search", async () => {
    const { url } = await startRouter({
      bus: deafBus,
      redisUrl: testEnv.redisUrl,
      prefix: `${cachePrefix}-deaf`,
      ttlMs: 600_000,
    });
    const input = searchInput();
    const trips = await search(url, input);
    expect(trips.length).toBeGreaterThan(1);
    const [first, second] = trips as [Trip, Trip];
    await search(url, input);

    const price = { amount: first.price.amount + 100, currency: first.price.currency };
    const updated = await graphqlRequest(
      graphql(url),
      'mutation($t: ID!, $p: MoneyInput!) { updateTrip(tripId: $t, input: { price: $p }) { id } }',
      { t: first.id, p: price },
      { authorization: `Bearer ${admin}` },
    );
    expect(updated.errors).toBeUndefined();
    // Ticketing answers searches from its copy of the trip, updated by company's event a moment
    // later: the router invalidates again after it, so the new price shows long before the TTL.
    await eventually(
      async () =>
        (await search(url, input)).find((t) => t.id === first.id)!.price.amount === price.amount ? true : undefined,
      15_000,
    );

    const cancelled = await graphqlRequest(
      graphql(url),
      'mutation($t: ID!) { cancelTrip(tripId: $t, reason: "bus broke down") { id } }',
      { t: second.id },
      { authorization: `Bearer ${admin}` },
    );
    expect(cancelled.errors).toBeUndefined();
    await eventually(
      async () => ((await search(url, input)).some((t) => t.id === second.id) ? undefined : true),
      15_000,
    );
  });

  it('caches no answer that hides the id of what it holds (@skip or @include on id)', async () => {
    const { url } = await startRouter({
      bus: deafBus,
      redisUrl: testEnv.redisUrl,
      prefix: `${cachePrefix}-hidden`,
      ttlMs: 600_000,
    });
    const [trip] = await search(url, searchInput());
    const query = 'query Q($t: ID!, $w: Boolean!) { trip(id: $t) { id @include(if: $w) availableSeats } }';
    const seats = async () => {
      const answer = await graphqlRequest<{ trip: { availableSeats: number } }>(graphql(url), query, {
        t: trip!.id,
        w: false,
      });
      expect(answer.errors).toBeUndefined();
      return answer.data!.trip.availableSeats;
    };
    const stored = await answersStored(`${cachePrefix}-hidden`);
    const before = await seats();
    await seats();
    expect(await answersStored(`${cachePrefix}-hidden`)).toBe(stored);
    await hold(url, trip!.id, trip!.seatMap.find((s) => s.state === 'AVAILABLE')!.label);
    expect(await seats()).toBe(before - 1);
  });

  it('stores no answer that joined a subgraph fetch another request started before a change', async () => {
    // Ticketing behind a link that holds a visitor's search answer back until the test lets it go.
    const ticketing = platform.subgraphs.get('ticketing')!.url;
    let holdBack: Promise<void> | undefined;
    let letGo!: () => void;
    let heldBack = 0;
    const link: Server = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const body = Buffer.concat(chunks);
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([name]) => name !== 'host' && name !== 'content-length'),
        ) as Record<string, string>;
        const upstream = await fetch(`${ticketing}${req.url}`, { method: req.method, headers, body });
        const text = await upstream.text();
        if (holdBack && !req.headers.authorization && body.includes('searchTrips')) {
          heldBack += 1;
          await holdBack;
        }
        res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(text);
      });
    });
    await new Promise<void>((resolve) => link.listen(0, '127.0.0.1', resolve));
    try {
      const router = createRouter({
        logger: testLogger('router-link'),
        supergraphSdl: loadSupergraphSdl({ configPath: options.supergraphConfigPath, logger: testLogger('router') }),
        urls: {
          ...Object.fromEntries([...platform.subgraphs].map(([name, s]) => [name, `${s.url}/graphql`])),
          ticketing: `http://127.0.0.1:${(link.address() as AddressInfo).port}/graphql`,
        },
        routerSecret: options.routerSecret,
        responseCache: { bus: deafBus, ttlMs: 600_000 },
      });
      extraRouters.push(router);
      const url = await router.start(0, '127.0.0.1');
      const input = searchInput();
      const [trip] = await search(url, input, { authorization: `Bearer ${passenger}` });
      const seat = trip!.seatMap.find((s) => s.state === 'AVAILABLE')!.label;
      // Two operations with one ticketing fetch (the router answers the root `__typename` itself): two cache keys.
      const spelled = (extra: string) =>
        `query Search($i: SearchTripsInput!) {${extra} searchTrips(input: $i) { id seatMap { label state } } }`;
      holdBack = new Promise<void>((resolve) => (letGo = resolve));
      const first = graphqlRequest<{ searchTrips: Trip[] }>(graphql(url), spelled(' '), { i: input });
      await eventually(() => heldBack === 1);
      // The seat read as free by that fetch is held; the router invalidates the trip before answering.
      await hold(url, trip!.id, seat);
      // A visitor asks after the hold: its lookup misses after the invalidation, and it joins the fetch under way.
      const sharedBefore = router.gateway!.sharedFetches().get('ticketing') ?? 0;
      const second = graphqlRequest<{ searchTrips: Trip[] }>(graphql(url), spelled(' __typename'), { i: input });
      await eventually(() => (router.gateway!.sharedFetches().get('ticketing') ?? 0) > sharedBefore);
      holdBack = undefined;
      letGo();
      await Promise.all([first, second]);
      const later = await graphqlRequest<{ searchTrips: Trip[] }>(graphql(url), spelled(' __typename'), { i: input });
      const state = later.data!.searchTrips.find((t) => t.id === trip!.id)!.seatMap.find((s) => s.label === seat);
      expect(state?.state).toBe('HELD');

      // Many visitors asking the very same operation at once share one fetch, and its answer is stored.
      holdBack = new Promise<void>((resolve) => (letGo = resolve));
      heldBack = 0;
      const shared = router.gateway!.sharedFetches().get('ticketing') ?? 0;
      const crowd = [0, 1, 2].map(() => graphqlRequest(graphql(url), spelled(' '), { i: input }));
      await eventually(() => (router.gateway!.sharedFetches().get('ticketing') ?? 0) === shared + 2);
      holdBack = undefined;
      letGo();
      for (const answer of await Promise.all(crowd)) expect(answer.errors).toBeUndefined();
      const before = await fetches(router);
      await graphqlRequest(graphql(url), spelled(' '), { i: input });
      expect(await fetches(router)).toBe(before);
    } finally {
      letGo?.();
      await new Promise((resolve) => link.close(resolve));
    }
  });

  it("never stores nor serves a signed-in caller's answer, nor any answer selecting a private field", async () => {
    const stored = await answersStored();
    // A passenger's bookings, asked twice: fetched each time, stored never.
    const mine = 'query { myBookings { edges { node { id status } } } }';
    for (let i = 0; i < 2; i++) {
      const own = await graphqlRequest(graphql(platform.routerUrl), mine, {}, { authorization: `Bearer ${passenger}` });
      expect(own.errors).toBeUndefined();
      expect(own.data!.myBookings.edges.length).toBeGreaterThan(0);
    }
    expect(await answersStored()).toBeLessThanOrEqual(stored);
    // The same text without a token: refused, not answered with the passenger's bookings.
    const stranger = await graphqlRequest(graphql(platform.routerUrl), mine);
    expect(stranger.data?.myBookings ?? null).toBeNull();
    expect(stranger.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // A public search asked with a token neither reads the visitors' answer nor adds one.
    const input = searchInput();
    await search(platform.routerUrl, input);
    const storedNow = await answersStored();
    const before = await fetches(platform.router);
    await search(platform.routerUrl, input, { authorization: `Bearer ${passenger}` });
    expect(await fetches(platform.router)).toBeGreaterThan(before);
    expect(await answersStored()).toBeLessThanOrEqual(storedNow);

    // A visitor's search beside a per-user field (aliased, null for a visitor): not stored.
    const mixed = `query($i: SearchTripsInput!) { searchTrips(input: $i) { id } who: me { id email } }`;
    const answer = await graphqlRequest(graphql(platform.routerUrl), mixed, { i: searchInput() });
    expect(answer.data?.searchTrips).toBeDefined();
    expect(await answersStored()).toBeLessThanOrEqual(storedNow);

    // A mutation sent without credentials reaches its subgraph every time, and is stored never.
    const signIns = await fetches(platform.router, 'auth');
    await login(graphql(platform.routerUrl), 'passenger@busline.test', 'Passenger-demo-2026');
    await login(graphql(platform.routerUrl), 'passenger@busline.test', 'Passenger-demo-2026');
    expect(await fetches(platform.router, 'auth')).toBe(signIns + 2);
    expect(await answersStored()).toBeLessThanOrEqual(storedNow);
  });

  it('serves uncached, without failing a request, while its Redis hangs or is gone', async () => {
    const own: OwnServer = await startOwnRedis();
    try {
      const { router, url } = await startRouter({ bus: deafBus, redisUrl: own.url, prefix: 'cache' });
      const input = searchInput();
      const [trip] = await search(url, input);
      // Hanging (answers nothing, keeps the connection), then gone.
      own.pause();
      let before = await fetches(router);
      for (let i = 0; i < 2; i++) expect((await search(url, input))[0]!.id).toBe(trip!.id);
      expect(await fetches(router)).toBeGreaterThan(before);
      own.resume();
      await own.kill();
      before = await fetches(router);
      for (let i = 0; i < 2; i++) expect((await search(url, input))[0]!.id).toBe(trip!.id);
      expect(await fetches(router)).toBeGreaterThan(before);
    } finally {
      await own.destroy();
    }
  });

  it('is off when the setting says so: every search reaches the subgraphs', async () => {
    const { router, url } = await startRouter({
      enabled: false,
      bus: deafBus,
      redisUrl: testEnv.redisUrl,
      prefix: `${cachePrefix}-off`,
    });
    const input = searchInput();
    await search(url, input);
    const before = await fetches(router);
    await search(url, input);
    expect(await fetches(router)).toBeGreaterThan(before);
    expect(await answersStored(`${cachePrefix}-off`)).toBe(0);
  });
});

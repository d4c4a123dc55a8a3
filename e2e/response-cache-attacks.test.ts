import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, graphqlRequest, metricValue, testEnv } from '@busline/shared/testing';
import { startPlatform, type Platform } from '../scripts/lib/platform';
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
 * Attacks on the router's public response cache, on the whole platform (real Postgres and Redis), as
 * e2e/response-cache.test.ts sets it up.
 */
const options = isolatedPlatformOptions({
  MAX_SEATS_PER_BOOKING: '50',
  MAX_HELD_SEATS_PER_TRIP: '1000',
  MAX_HELD_SEATS_PER_TRIP_PER_ADDRESS: '100000',
  MAX_OPEN_BOOKINGS: '1000',
  MAX_HOLDS_PER_HOUR: '100000',
});
const cachePrefix = `${options.eventPrefix}:response-cache`;
const SEARCH = `query Search($i: SearchTripsInput!) {
  searchTrips(input: $i) { id availableSeats seatMap { label state } }
}`;
type Trip = { id: string; availableSeats: number; seatMap: { label: string; state: string }[] };

let platform: Platform;
let passenger: string;
let admin: string;
let ops: string;
let volcanoId: string;
const extraRouters: ExtraRouter[] = [];

const graphql = (routerUrl: string) => `${routerUrl}/graphql`;

/** Two trips of one search: two visitors' variables. */
async function twoTrips(url: string): Promise<[Trip, Trip]> {
  const trips = await graphqlRequest<{ searchTrips: Trip[] }>(graphql(url), SEARCH, {
    i: { originCity: 'Kigali', destinationCity: 'Huye', date: kigaliDate(2), passengers: 1 },
  });
  const [first, second] = trips.data!.searchTrips;
  expect(second).toBeDefined();
  return [first!, second!];
}

async function fetches(router: ExtraRouter, subgraph: string) {
  return (
    metricValue(await router.metrics.metrics(), 'busline_subgraph_fetches_total', { subgraph, outcome: 'ok' }) ?? 0
  );
}

const startRouter = (responseCache: Parameters<typeof startExtraRouter>[2]) =>
  startExtraRouter(platform, options, responseCache, extraRouters);

describe.skipIf(!testEnv.postgresUrl || !testEnv.redisUrl)('public response cache under attack', () => {
  beforeAll(async () => {
    platform = await startPlatform(options);
    await seedTestPlatform(platform);
    passenger = await login(graphql(platform.routerUrl), 'passenger@busline.test', 'Passenger-demo-2026');
    admin = await login(graphql(platform.routerUrl), 'admin@busline.test', 'Admin-demo-2026');
    ops = await login(graphql(platform.routerUrl), 'ops@volcano.busline.test', 'Company-demo-2026');
    const companies = await graphqlRequest<{ companies: { edges: { node: { id: string; slug: string } }[] } }>(
      graphql(platform.routerUrl),
      '{ companies { edges { node { id slug } } } }',
    );
    volcanoId = companies.data!.companies.edges.find((e) => e.node.slug === 'volcano')!.node.id;
  }, 180_000);
  afterAll(async () => {
    for (const router of extraRouters) await router.stop();
    await platform?.stop();
    const redis = new Redis(testEnv.redisUrl!);
    const keys = await redis.keys(`${cachePrefix}*`);
    if (keys.length) await redis.del(keys);
    redis.disconnect();
    await options.cleanup();
  });

  it('shows a newly scheduled trip in a visitor’s trip list that was cached empty (trip.scheduled)', async () => {
    const url = platform.routerUrl;
    const routes = await graphqlRequest<{ routes: { edges: { node: { id: string } }[] } }>(
      graphql(url),
      'query($c: ID!) { routes(companyId: $c, first: 1) { edges { node { id } } } }',
      { c: volcanoId },
    );
    const routeId = routes.data!.routes.edges[0]!.node.id;
    const buses = await graphqlRequest<{ buses: { edges: { node: { id: string } }[] } }>(
      graphql(url),
      'query($c: ID!) { buses(companyId: $c, first: 1) { edges { node { id } } } }',
      { c: volcanoId },
      { authorization: `Bearer ${ops}` },
    );
    const busId = buses.data!.buses.edges[0]!.node.id;
    // A window long after the seeded days: no trip yet.
    const departureAt = new Date(Date.now() + 40 * 86_400_000);
    departureAt.setUTCHours(3, 0, 0, 0);
    const window = {
      r: routeId,
      f: new Date(departureAt.getTime() - 3_600_000).toISOString(),
      t: new Date(departureAt.getTime() + 3_600_000).toISOString(),
    };
    const LIST = `query Later($r: ID!, $f: DateTime, $t: DateTime) {
      trips(routeId: $r, from: $f, to: $t) { edges { node { id departureAt } } }
    }`;
    const list = async () => {
      const answer = await graphqlRequest<{ trips: { edges: { node: { id: string } }[] } }>(graphql(url), LIST, window);
      expect(answer.errors).toBeUndefined();
      return answer.data!.trips.edges.map((e) => e.node.id);
    };
    // The second time from the cache, once the seed's own invalidations (its trip.scheduled events, and their echoes
    // seconds later) have stopped arriving.
    const servedFromCache = async () => {
      expect(await list()).toEqual([]);
      const before = await fetches(platform.router, 'company');
      expect(await list()).toEqual([]);
      return (await fetches(platform.router, 'company')) === before;
    };
    expect(await eventually(servedFromCache, 15_000)).toBe(true);

    // The company schedules a trip in that window, through this very router (its mutation invalidates every answer
    // holding a Trip, and its trip.scheduled event does it again).
    const scheduled = await graphqlRequest<{ scheduleTrip: { id: string } }>(
      graphql(url),
      'mutation($i: ScheduleTripInput!) { scheduleTrip(input: $i) { id } }',
      { i: { routeId, busId, departureAt: departureAt.toISOString(), price: { amount: 2500 } } },
      { authorization: `Bearer ${ops}` },
    );
    expect(scheduled.errors).toBeUndefined();
    const tripId = scheduled.data!.scheduleTrip.id;
    // Company answers the list with it at once; the cached empty answer must be gone well before its TTL (60 s).
    let last: string[] = [];
    const seen = await eventually(async () => {
      last = await list();
      return last.includes(tripId);
    }, 12_000).catch(() => false);
    expect(last, 'the visitor still gets the cached empty list after trip.scheduled').toContain(tripId);
    expect(seen).toBe(true);
  });

  it('shows a new station in a visitor’s station list that was cached empty (createStation)', async () => {
    const url = platform.routerUrl;
    const city = `Town${randomUUID().slice(0, 8)}`;
    const LIST = 'query In($c: String!) { stations(city: $c) { edges { node { id name } } } }';
    const list = async () => {
      const answer = await graphqlRequest<{ stations: { edges: { node: { id: string } }[] } }>(graphql(url), LIST, {
        c: city,
      });
      expect(answer.errors).toBeUndefined();
      return answer.data!.stations.edges.map((e) => e.node.id);
    };
    expect(await list()).toEqual([]);
    const before = await fetches(platform.router, 'company');
    expect(await list()).toEqual([]);
    expect(await fetches(platform.router, 'company')).toBe(before);

    const created = await graphqlRequest<{ createStation: { id: string } }>(
      graphql(url),
      'mutation($i: CreateStationInput!) { createStation(input: $i) { id } }',
      { i: { code: `A${randomUUID().slice(0, 6)}`, name: `${city} Bus Park`, city, latitude: -1.9, longitude: 30.1 } },
      { authorization: `Bearer ${admin}` },
    );
    expect(created.errors).toBeUndefined();
    // The mutation invalidated every answer holding a Station before it answered: the next list has it.
    expect(await list()).toContain(created.data!.createStation.id);
  });

  it('never answers one visitor’s variables with another’s answer (a variable written `$ t`)', async () => {
    const url = platform.routerUrl;
    const [first, second] = await twoTrips(url);
    // Valid GraphQL: `$` and the variable's name are two tokens, whitespace (or a comma, or a comment) between them.
    const ONE = 'query One($ t: ID!) { trip(id: $ t) { id availableSeats } }';
    const one = async (t: string) =>
      (await graphqlRequest<{ trip: { id: string } }>(graphql(url), ONE, { t })).data!.trip.id;
    expect(await one(first.id)).toBe(first.id);
    expect(await one(second.id)).toBe(second.id);
  });

  it('never answers one visitor’s variables with another’s after a request of the same text with an empty operationName', async () => {
    const url = platform.routerUrl;
    const [first, second] = await twoTrips(url);
    const TEXT = 'query ($t: ID!) { trip(id: $t) { id availableSeats } }';
    const post = async (t: string, operationName?: string) => {
      const res = await fetch(graphql(url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: TEXT,
          variables: { t },
          ...(operationName === undefined ? {} : { operationName }),
        }),
      });
      return ((await res.json()) as { data?: { trip: { id: string } | null } }).data?.trip?.id;
    };
    // The text once with an empty name (it selects no operation by that name), then the attacker's trip without one.
    await post(first.id, '');
    expect(await post(first.id)).toBe(first.id);
    // Another visitor's trip is theirs, not the one cached a moment before.
    expect(await post(second.id)).toBe(second.id);
  });

  it('keeps to the per-caller share of mutation invalidations whatever the spelling of the Authorization header', async () => {
    const { router, url } = await startRouter({
      bus: deafBus,
      redisUrl: testEnv.redisUrl,
      prefix: `${cachePrefix}-spelling`,
      ttlMs: 600_000,
    });
    const input = { originCity: 'Kigali', destinationCity: 'Huye', date: kigaliDate(3), passengers: 2 };
    const search = async () => {
      const answer = await graphqlRequest<{ searchTrips: Trip[] }>(graphql(url), SEARCH, { i: input });
      expect(answer.errors).toBeUndefined();
      return answer.data!.searchTrips;
    };
    const [trip] = await search();
    const seat = trip!.seatMap.find((s) => s.state === 'AVAILABLE')!.label;
    const HOLD = 'mutation($i: HoldSeatsInput!, $k: String) { holdSeats(input: $i, idempotencyKey: $k) { id } }';
    const request = {
      i: { tripId: trip!.id, seats: [seat], passengers: [{ name: 'Aline Mukamana' }] },
      k: randomUUID(),
    };
    const replay = async (authorization: string) => {
      const held = await graphqlRequest(graphql(url), HOLD, request, { authorization });
      expect(held.errors).toBeUndefined();
    };
    // The hold and 29 replays: the caller's minute's share (30) of invalidations.
    for (let i = 0; i < 30; i++) await replay(`Bearer ${passenger}`);
    await search();
    // Past the share: replays of the same idempotent hold, by the same user with the same token, the scheme spelled
    // otherwise (every subgraph and the rate limiter read these as the very same credentials).
    for (const spelling of [`bearer ${passenger}`, `BEARER ${passenger}`, `Bearer  ${passenger}`]) {
      await replay(spelling);
      const before = await fetches(router, 'ticketing');
      await search();
      expect(await fetches(router, 'ticketing'), `a replay sent as "${spelling.slice(0, 8)}…" emptied the cache`).toBe(
        before,
      );
    }
  });

  it('shows a station’s new name in the next visitor answer, however many changes its admin made this minute', async () => {
    const url = platform.routerUrl;
    // A fresh token for this test: the router counts the share per token.
    const token = await login(graphql(url), 'admin@busline.test', 'Admin-demo-2026');
    const as = (query: string, variables: Record<string, unknown>) =>
      graphqlRequest(graphql(url), query, variables, { authorization: `Bearer ${token}` });
    const created = await as('mutation($i: CreateStationInput!) { createStation(input: $i) { id } }', {
      i: {
        code: `B${randomUUID().slice(0, 6)}`,
        name: 'Kimisagara Stop 0',
        city: 'Kimisagara',
        latitude: -1.9,
        longitude: 30,
      },
    });
    expect(created.errors).toBeUndefined();
    const id = (created.data as { createStation: { id: string } }).createStation.id;
    const RENAME = 'mutation($id: ID!, $n: String!) { updateStation(id: $id, input: { name: $n }) { id } }';
    // An admin tidying station names: 29 renames (30 invalidating mutations with the creation) in the minute.
    for (let n = 1; n < 30; n++) expect((await as(RENAME, { id, n: `Kimisagara Stop ${n}` })).errors).toBeUndefined();

    // Their echoes (the invalidations made again 1 s and 5 s later) are done.
    await new Promise((resolve) => setTimeout(resolve, 6_000));

    const STATION = 'query($id: ID!) { station(id: $id) { id name } }';
    const name = async () =>
      (await graphqlRequest<{ station: { name: string } }>(graphql(url), STATION, { id })).data!.station.name;
    expect(await name()).toBe('Kimisagara Stop 29');
    const cachedAt = await fetches(platform.router, 'company');
    expect(await name()).toBe('Kimisagara Stop 29');
    expect(await fetches(platform.router, 'company')).toBe(cachedAt);

    expect((await as(RENAME, { id, n: 'Kimisagara Central' })).errors).toBeUndefined();
    // No event reports a station's change: only the mutation could drop the cached answer.
    let last = '';
    await eventually(async () => (last = await name()) === 'Kimisagara Central', 8_000).catch(() => undefined);
    expect(last, 'visitors still read the old name from the cache').toBe('Kimisagara Central');
  });

  it('keeps a cached station list through a visitor’s skipped createStation and updateStation', async () => {
    // A mutation field left out by @skip / @include(if: false) runs nothing: it must not empty the cache either.
    const LIST = 'query Stations { stations(first: 5) { edges { node { id name city } } } }';
    const list = async () => {
      const before = await fetches(platform.router, 'company');
      const answer = await graphqlRequest(graphql(platform.routerUrl), LIST);
      expect(answer.errors).toBeUndefined();
      return (await fetches(platform.router, 'company')) > before;
    };
    await list();
    expect(await list(), 'the second visitor read is served from the cache').toBe(false);

    // The same mutation without @skip is refused (no credentials) and, as documented, invalidates nothing.
    const refused = await graphqlRequest(
      graphql(platform.routerUrl),
      'mutation { createStation(input: { code: "ZZZ1", name: "X", city: "Y", latitude: 0, longitude: 0 }) { id } }',
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await list(), 'a refused mutation emptied the cache').toBe(false);

    // Marked @skip it is not run at all and answers without an error (no per-caller share would stop it: Station
    // has no domain event, so every mutation naming one invalidates).
    for (const mutation of [
      'mutation { createStation(input: { code: "ZZZ2", name: "X", city: "Y", latitude: 0, longitude: 0 }) @skip(if: true) { id } }',
      'mutation { updateStation(id: "00000000-0000-4000-8000-000000000000", input: { name: "X" }) @include(if: false) { id } }',
    ]) {
      const skipped = await graphqlRequest(graphql(platform.routerUrl), mutation);
      expect(skipped.errors).toBeUndefined();
      expect(await list(), `a visitor emptied the cache with: ${mutation.slice(0, 40)}…`).toBe(false);
    }
  });

  it('answers from the cache however a visitor dresses the same query: comments, names, another operation beside it', async () => {
    // Each spelling made a cache key of its own: a counter in a comment sent every request past the cache to company.
    const reached = async (query: string, operationName?: string) => {
      const before = await fetches(platform.router, 'company');
      const response = await fetch(graphql(platform.routerUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, operationName }),
      });
      const answer = (await response.json()) as { errors?: unknown; data?: { companies: unknown } };
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.companies).toBeDefined();
      return (await fetches(platform.router, 'company')) > before;
    };
    // Companies: no test of this file changes one (a station change's echoes would empty a station list meanwhile).
    const base = 'query Names { companies(first: 4) { edges { node { id name } } } }';
    await reached(base);
    const nonce = randomUUID().slice(0, 8);
    for (const [query, operationName] of [
      [`# ${nonce}\n${base}`],
      [base.replace('{ id', `{ # ${nonce}\n id`)],
      [`query Names_${nonce} { companies(first: 4) { edges { node { id name } } } }`],
      [`{ companies(first: 4) ,,, { edges { node { id   name } } } }`],
      [`${base}\nquery Other_${nonce} { __typename }`, 'Names'],
    ] as [string, string?][])
      expect(await reached(query, operationName), `reached company with: ${query}`).toBe(false);
    // A different selection is a different answer: looked up on its own.
    expect(await reached('{ companies(first: 4) { edges { node { id name slug } } } }')).toBe(true);
  });
});

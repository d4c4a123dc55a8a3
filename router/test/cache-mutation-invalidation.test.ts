import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventBus } from '@busline/shared';
import { graphqlRequest, testLogger } from '@busline/shared/testing';
import { composeSupergraph } from '../src/compose';
import { createServer } from '../src/server';

/**
 * Which mutations invalidate the public response cache (response-cache.ts, cache-invalidation.ts): a field left out
 * by @skip / @include(if: false) runs nothing and must not empty the cache (before, any visitor emptied every answer
 * holding a station, or every trip search, with one skipped admin mutation); a field reached through a fragment on
 * Mutation, or whose id comes from a variable's default, must invalidate (before, the old answer stayed until its
 * TTL), and so must one whose answer has an error below the field (it ran). A stub company subgraph with the real
 * type names: Station is public and has no domain event, so only mutations invalidate it; admin mutations need an
 * Authorization header, as company's do.
 */
const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  "A station."
  type Station @key(fields: "id") {
    "Id."
    id: ID!
    "Name."
    name: String!
    "City."
    city: String!
    "A detail whose resolver fails (a slow lookup timing out)."
    note: String
  }
  "A trip (its seats change with every hold)."
  type Trip @key(fields: "id") {
    "Id."
    id: ID!
    "Seats left."
    availableSeats: Int!
  }
  type Query {
    "A station."
    station(id: ID!): Station
    "A trip."
    trip(id: ID!): Trip
  }
  type Mutation {
    "Renames a station (admins only)."
    updateStation(id: ID!, name: String!): Station!
    "Creates a station (admins only)."
    createStation(name: String!, city: String!): Station!
    "Schedules a trip (company staff only)."
    scheduleTrip(day: String!): Trip!
  }
`;

const stations = new Map<string, { id: string; name: string; city: string }>();
let queries = 0;
let mutationsRun = 0;

async function startStub() {
  const yoga = createYoga<{ request: Request }>({
    schema: buildSubgraphSchema([
      {
        typeDefs: parse(SDL),
        resolvers: {
          Query: {
            station: (_: unknown, { id }: { id: string }) => {
              queries += 1;
              return stations.get(id) ?? null;
            },
            trip: (_: unknown, { id }: { id: string }) => {
              queries += 1;
              return { id, availableSeats: 40 };
            },
          },
          Station: {
            note: () => {
              throw new GraphQLError('note unavailable');
            },
          },
          Mutation: {
            updateStation: (
              _: unknown,
              { id, name }: { id: string; name: string },
              { request }: { request: Request },
            ) => {
              if (!request.headers.get('authorization'))
                throw new GraphQLError('Sign in', { extensions: { code: 'UNAUTHENTICATED' } });
              mutationsRun += 1;
              const station = stations.get(id)!;
              station.name = name;
              return station;
            },
            createStation: (
              _: unknown,
              { name, city }: { name: string; city: string },
              { request }: { request: Request },
            ) => {
              if (!request.headers.get('authorization'))
                throw new GraphQLError('Sign in', { extensions: { code: 'UNAUTHENTICATED' } });
              mutationsRun += 1;
              const station = { id: randomUUID(), name, city };
              stations.set(station.id, station);
              return station;
            },
            scheduleTrip: (_: unknown, __: unknown, { request }: { request: Request }) => {
              if (!request.headers.get('authorization')?.includes('staff'))
                throw new GraphQLError('Sign in', { extensions: { code: 'UNAUTHENTICATED' } });
              mutationsRun += 1;
              return { id: randomUUID(), availableSeats: 40 };
            },
          },
        } as never,
      },
    ]),
    logging: false,
  });
  const server = createHttpServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}

/** A bus that delivers nothing: Station has no event, only mutations invalidate it. */
const bus: EventBus = {
  kind: 'redis',
  publish: async () => undefined,
  subscribe: () => ({ stop: async () => undefined }),
  ping: async () => undefined,
  close: async () => undefined,
};

let stub: Awaited<ReturnType<typeof startStub>>;
let router: ReturnType<typeof createServer>;
let url: string;

beforeAll(async () => {
  stub = await startStub();
  const { supergraphSdl } = composeSupergraph([{ name: 'company', url: `${stub.url}/graphql`, sdl: SDL }]);
  router = createServer({ logger: testLogger('router'), supergraphSdl, responseCache: { bus, ttlMs: 600_000 } });
  url = `${await router.start(0, '127.0.0.1')}/graphql`;
});
afterAll(async () => {
  await router?.stop();
  await stub?.stop();
});

const ADMIN = { authorization: 'Bearer admin-token' };
const STATION = 'query Station($id: ID!) { station(id: $id) { id name } }';
let id: string;

beforeEach(() => {
  id = randomUUID();
  stations.set(id, { id, name: 'Nyabugogo', city: 'Kigali' });
});

/** A visitor's read of the station, and whether the subgraph was asked for it (false: served from the cache). */
async function visitorRead() {
  const before = queries;
  const answer = await graphqlRequest<{ station: { name: string } }>(url, STATION, { id });
  expect(answer.errors).toBeUndefined();
  return { name: answer.data!.station.name, fromSubgraph: queries > before };
}

describe('mutation invalidation of the public response cache', () => {
  it('drops the cached answer on a plain rename, and keeps it for a refused anonymous one', async () => {
    await visitorRead();
    expect((await visitorRead()).fromSubgraph).toBe(false);
    const refused = await graphqlRequest(url, `mutation { updateStation(id: "${id}", name: "x") { id } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await visitorRead()).fromSubgraph).toBe(false);
    const renamed = await graphqlRequest(
      url,
      'mutation($id: ID!) { updateStation(id: $id, name: "Kimironko") { id } }',
      { id },
      ADMIN,
    );
    expect(renamed.errors).toBeUndefined();
    expect(await visitorRead()).toEqual({ name: 'Kimironko', fromSubgraph: true });
  });

  it('cannot be triggered by a visitor with a skipped mutation field (nothing ran, nothing changed)', async () => {
    await visitorRead();
    expect((await visitorRead()).fromSubgraph).toBe(false); // cached

    const ranBefore = mutationsRun;
    // No credentials at all: the admin's mutation is never run (@skip), and the answer has no error.
    const skipped = await graphqlRequest(
      url,
      'mutation { updateStation(id: "' + id + '", name: "x") @skip(if: true) { id } }',
    );
    expect(skipped.errors).toBeUndefined();
    expect(mutationsRun).toBe(ranBefore);

    // Nothing changed, so the cached answer must still be served.
    expect((await visitorRead()).fromSubgraph, 'a skipped, anonymous mutation emptied the cached answer').toBe(false);
  });

  it('cannot be triggered type-wide by an anonymous visitor with a skipped create… field', async () => {
    await visitorRead();
    expect((await visitorRead()).fromSubgraph).toBe(false);
    // `createStation` invalidates every answer holding any Station (a new one may belong to lists); here it ran not.
    const skipped = await graphqlRequest(
      url,
      'mutation($no: Boolean!) { createStation(name: "x", city: "y") @include(if: $no) { id } }',
      { no: false },
    );
    expect(skipped.errors).toBeUndefined();
    expect((await visitorRead()).fromSubgraph, 'a skipped, anonymous createStation emptied every Station answer').toBe(
      false,
    );
  });

  it("keeps every cached trip answer through a visitor's skipped scheduleTrip mutations, past its share too", async () => {
    const TRIP = 'query Trip($t: ID!) { trip(id: $t) { id availableSeats } }';
    const tripId = randomUUID();
    const read = async () => {
      const before = queries;
      expect((await graphqlRequest(url, TRIP, { t: tripId })).errors).toBeUndefined();
      return queries > before;
    };
    await read();
    expect(await read()).toBe(false); // cached
    const ranBefore = mutationsRun;
    // 40 calls from one address, each with an Authorization header of its own choosing (no account, no valid token:
    // the router counts the mutation-invalidation share per Authorization value).
    for (let i = 0; i < 40; i++) {
      const skipped = await graphqlRequest(
        url,
        'mutation { scheduleTrip(day: "2026-03-02") @skip(if: true) { id } }',
        {},
        { authorization: `Bearer junk-${i}` },
      );
      expect(skipped.errors).toBeUndefined();
    }
    expect(mutationsRun).toBe(ranBefore); // nothing was scheduled
    expect(await read(), 'skipped scheduleTrip mutations emptied every cached answer holding a Trip').toBe(false);
  });

  it('drops the cached answer when the admin renames the station through a fragment on Mutation', async () => {
    expect((await visitorRead()).name).toBe('Nyabugogo');
    expect((await visitorRead()).fromSubgraph).toBe(false);
    const renamed = await graphqlRequest(
      url,
      `mutation Rename($id: ID!) { ... on Mutation { updateStation(id: $id, name: "Nyabugogo Bus Park") { id name } } }`,
      { id },
      ADMIN,
    );
    expect(renamed.errors).toBeUndefined();
    expect(stations.get(id)!.name).toBe('Nyabugogo Bus Park');
    // Station has no domain event: only the mutation can drop the answer, before its TTL (here 10 minutes).
    expect((await visitorRead()).name, 'the visitor still gets the name from before the rename').toBe(
      'Nyabugogo Bus Park',
    );
  });

  it("drops the cached answer when the admin's mutation takes the station's id from a variable's default", async () => {
    expect((await visitorRead()).name).toBe('Nyabugogo');
    expect((await visitorRead()).fromSubgraph).toBe(false);
    const renamed = await graphqlRequest(
      url,
      `mutation Rename($id: ID! = "${id}") { updateStation(id: $id, name: "Nyabugogo Terminal") { id name } }`,
      {},
      ADMIN,
    );
    expect(renamed.errors).toBeUndefined();
    expect(stations.get(id)!.name).toBe('Nyabugogo Terminal');
    expect((await visitorRead()).name, 'the visitor still gets the name from before the rename').toBe(
      'Nyabugogo Terminal',
    );
  });

  it('drops the cached answer after a rename that ran although a field of its answer failed', async () => {
    expect((await visitorRead()).fromSubgraph).toBe(true);
    expect((await visitorRead()).fromSubgraph).toBe(false);
    const renamed = await graphqlRequest<{ updateStation: { id: string; name: string; note: string | null } }>(
      url,
      'mutation($id: ID!) { updateStation(id: $id, name: "Kimironko") { id name note } }',
      { id },
      ADMIN,
    );
    // The rename ran and committed: the root field answered, only `note` failed.
    expect(renamed.data?.updateStation).toMatchObject({ id, name: 'Kimironko', note: null });
    expect(renamed.errors?.[0]?.path).toEqual(['updateStation', 'note']);
    // Station has no domain event: only the mutation can drop the cached answer before its TTL.
    expect((await visitorRead()).name, 'the visitor still gets the name from before the rename').toBe('Kimironko');
  });
});

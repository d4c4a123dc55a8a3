import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventBus, EventHandler } from '@busline/shared';
import { graphqlRequest, testLogger } from '@busline/shared/testing';
import { composeSupergraph } from '../src/compose';
import { createServer } from '../src/server';

/**
 * The same race as ledger-reset.test.ts, through a router with its in-memory response cache: one visitor's search
 * answered with an error (never stored) makes the cache key's miss ledger keep its first miss time; 120 s later a
 * search read before a hold is stored after the hold's invalidation, and served to every visitor.
 */
const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  "A fixture trip."
  type Trip @key(fields: "id") {
    "Id."
    id: ID!
    "Seats left."
    availableSeats: Int!
  }
  type Query {
    "Trips of a day (public)."
    searchTrips(day: String!): [Trip!]!
  }
`;

let seats = 40;
let failNext = false;
let received = 0;
let gate: Promise<void> = Promise.resolve();
let open: () => void = () => {};

async function startStub() {
  const yoga = createYoga({
    schema: buildSubgraphSchema([
      {
        typeDefs: parse(SDL),
        resolvers: {
          Query: {
            searchTrips: async () => {
              received += 1;
              if (failNext) {
                failNext = false;
                throw new GraphQLError('Search timed out', { extensions: { code: 'UNAVAILABLE' } });
              }
              const read = seats; // the seats as this search reads them
              await gate;
              return [{ id: 't1', availableSeats: read }];
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

const handlers: EventHandler[] = [];
const bus: EventBus = {
  kind: 'redis',
  publish: async () => undefined,
  subscribe: (subscription) => {
    handlers.push(subscription.handler);
    return { stop: async () => undefined };
  },
  ping: async () => undefined,
  close: async () => undefined,
};
const deliver = async (type: string, payload: Record<string, unknown>) => {
  for (const handler of handlers)
    await handler({ id: randomUUID(), type, source: 'ticketing', occurredAt: new Date().toISOString(), payload });
};

let stub: Awaited<ReturnType<typeof startStub>>;
let router: ReturnType<typeof createServer>;
let url: string;

beforeAll(async () => {
  stub = await startStub();
  const { supergraphSdl } = composeSupergraph([{ name: 'ticketing', url: `${stub.url}/graphql`, sdl: SDL }]);
  router = createServer({ logger: testLogger('router'), supergraphSdl, responseCache: { bus, ttlMs: 600_000 } });
  url = `${await router.start(0, '127.0.0.1')}/graphql`;
});
afterAll(async () => {
  open();
  await router?.stop();
  await stub?.stop();
});
afterEach(() => vi.useRealTimers());

const SEARCH = 'query Search($d: String!) { searchTrips(day: $d) { id availableSeats } }';
const search = () => graphqlRequest<{ searchTrips: { availableSeats: number }[] }>(url, SEARCH, { d: '2026-03-02' });

describe('response cache after a search answered with an error', () => {
  it('never serves a seat count read before a hold, two minutes later either', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    const start = Date.now();

    // A visitor's search fails (the subgraph timed out): not stored.
    failNext = true;
    expect((await search()).errors?.[0]?.extensions?.code).toBeDefined();

    // Two minutes on, a visitor's search reads 40 seats; its answer is on its way...
    vi.setSystemTime(start + 119_900);
    gate = new Promise((resolve) => (open = resolve));
    const before = received;
    const first = search();
    await vi.waitFor(() => expect(received).toBe(before + 1));
    // ... a passenger holds a seat (booking.held invalidates the trip) ...
    seats = 39;
    await deliver('booking.held', { tripId: 't1', bookingId: randomUUID() });
    // ... another visitor asks the same search after the hold ...
    vi.setSystemTime(start + 120_100);
    const second = search();
    await vi
      .waitFor(() => expect(router.gateway!.sharedFetches().get('ticketing') ?? 0).toBeGreaterThan(0), {
        timeout: 2000,
      })
      .catch(() => undefined);
    open();
    await Promise.all([first, second]);

    // Later visitors: the subgraph now says 39, the hold is older than any answer they may be given.
    gate = Promise.resolve();
    const later = await search();
    expect(later.data!.searchTrips[0]!.availableSeats).toBe(39);
  });
});

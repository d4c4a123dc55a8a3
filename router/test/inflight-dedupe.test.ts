import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { graphqlRequest, testLogger } from '@busline/shared/testing';
import { composeSupergraph } from '../src/compose';
import { isQueryBody } from '../src/inflight-dedupe';
import { createServer } from '../src/server';

const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  "A fixture trip."
  type Trip @key(fields: "id") {
    "Id."
    id: ID!
    "Seats left."
    seats: Int!
  }
  type Query {
    "Trips of a day (public)."
    search(day: String!): [Trip!]!
    "The Authorization header this subgraph received."
    whoami(day: String!): String
    "Fails with a domain error."
    missing(day: String!): Trip
  }
  type Mutation {
    "Holds a seat; answers how many holds the subgraph has taken."
    hold(day: String!): Int!
  }
`;

/** Counts every request per root field and holds each answer until the test opens the gate. */
const calls = { search: 0, whoami: 0, missing: 0, hold: 0 };
let gate: Promise<void> = Promise.resolve();
let open: () => void = () => {};
const closeGate = () => {
  gate = new Promise((resolve) => (open = resolve));
};

async function startStubSubgraph() {
  const yoga = createYoga<{ request: Request }>({
    schema: buildSubgraphSchema([
      {
        typeDefs: parse(SDL),
        resolvers: {
          Query: {
            search: async (_: unknown, { day }: { day: string }) => {
              calls.search += 1;
              await gate;
              return [{ id: `${day}-1`, seats: 40 }];
            },
            whoami: async (_: unknown, __: unknown, { request }: { request: Request }) => {
              calls.whoami += 1;
              await gate;
              return request.headers.get('authorization');
            },
            missing: async () => {
              calls.missing += 1;
              await gate;
              throw new GraphQLError('No such trip', { extensions: { code: 'NOT_FOUND' } });
            },
          },
          Mutation: {
            hold: async () => {
              calls.hold += 1;
              await gate;
              return calls.hold;
            },
          },
        } as never,
      },
    ]),
    maskedErrors: false,
    logging: false,
  });
  const server = createHttpServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}

let stub: Awaited<ReturnType<typeof startStubSubgraph>>;
let deduping: ReturnType<typeof createServer>;
let plain: ReturnType<typeof createServer>;
let dedupingUrl: string;
let plainUrl: string;

beforeAll(async () => {
  stub = await startStubSubgraph();
  const { supergraphSdl } = composeSupergraph([{ name: 'trips', url: `${stub.url}/graphql`, sdl: SDL }]);
  deduping = createServer({ logger: testLogger('router'), supergraphSdl, metricsWithoutToken: true });
  plain = createServer({ logger: testLogger('router'), supergraphSdl, dedupeInflightFetches: false });
  dedupingUrl = await deduping.start(0);
  plainUrl = await plain.start(0);
});

afterAll(async () => {
  open();
  await deduping?.stop();
  await plain?.stop();
  await stub?.stop();
});

beforeEach(() => {
  for (const key of Object.keys(calls) as (keyof typeof calls)[]) calls[key] = 0;
  closeGate();
});

const send = (url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
  graphqlRequest(`${url}/graphql`, query, variables, headers);
const times = <T>(n: number, make: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: n }, (_, i) => make(i)));
const until = (condition: () => boolean) =>
  vi.waitFor(() => expect(condition()).toBe(true), { timeout: 10_000, interval: 5 });
const shared = () => deduping.gateway!.sharedFetches().get('trips') ?? 0;

const SEARCH = 'query Search($day: String!) { search(day: $day) { id seats } }';

describe('in-flight deduplication of subgraph fetches', () => {
  it('sends identical concurrent public searches to the subgraph once and gives every caller the answer', async () => {
    const before = shared();
    const answers = times(10, () => send(dedupingUrl, SEARCH, { day: '2026-12-24' }));
    await until(() => shared() - before === 9);
    open();
    const results = await answers;
    expect(calls.search).toBe(1);
    for (const result of results) expect(result.data).toEqual({ search: [{ id: '2026-12-24-1', seats: 40 }] });
  });

  it('does not share between different variables', async () => {
    const answers = times(4, (i) => send(dedupingUrl, SEARCH, { day: `2026-12-2${i}` }));
    await until(() => calls.search === 4);
    open();
    const results = await answers;
    expect(results.map((r) => (r.data as { search: { id: string }[] }).search[0]!.id)).toEqual([
      '2026-12-20-1',
      '2026-12-21-1',
      '2026-12-22-1',
      '2026-12-23-1',
    ]);
  });

  it("never shares one caller's answer with another: two users' identical queries go out twice", async () => {
    const before = shared();
    const query = 'query Me($day: String!) { whoami(day: $day) }';
    const answers = times(6, (i) =>
      send(dedupingUrl, query, { day: 'x' }, { authorization: `Bearer user-${i % 2 ? 'b' : 'a'}` }),
    );
    await until(() => calls.whoami === 2 && shared() - before === 4);
    open();
    const results = await answers;
    expect(calls.whoami).toBe(2);
    results.forEach((result, i) => expect(result.data).toEqual({ whoami: `Bearer user-${i % 2 ? 'b' : 'a'}` }));
  });

  it('sends every mutation, even identical ones in flight at once', async () => {
    const before = shared();
    const answers = times(5, () => send(dedupingUrl, 'mutation Hold($day: String!) { hold(day: $day) }', { day: 'x' }));
    await until(() => calls.hold === 5);
    open();
    const results = await answers;
    expect(results.map((r) => (r.data as { hold: number }).hold)).toEqual([5, 5, 5, 5, 5]);
    expect(shared()).toBe(before);
  });

  it('shares an error answer: every caller gets the error with its code', async () => {
    const before = shared();
    const answers = times(5, () =>
      send(dedupingUrl, 'query Missing($day: String!) { missing(day: $day) { id } }', { day: 'x' }),
    );
    await until(() => shared() - before === 4);
    open();
    const results = await answers;
    expect(calls.missing).toBe(1);
    for (const result of results) {
      expect(result.data).toEqual({ missing: null });
      expect(result.errors?.[0]).toMatchObject({ message: 'No such trip', extensions: { code: 'NOT_FOUND' } });
    }
  });

  it('sends every fetch when deduplication is turned off', async () => {
    const answers = times(10, () => send(plainUrl, SEARCH, { day: '2026-12-24' }));
    await until(() => calls.search === 10);
    open();
    for (const result of await answers) expect(result.data).toEqual({ search: [{ id: '2026-12-24-1', seats: 40 }] });
    expect(plain.gateway!.sharedFetches().size).toBe(0);
  });

  it('counts the shared fetches per subgraph in /metrics', async () => {
    open();
    const text = await (await fetch(`${dedupingUrl}/metrics`)).text();
    expect(text).toContain(`busline_subgraph_fetches_shared_total{subgraph="trips",service="router"} ${shared()}`);
    expect(shared()).toBeGreaterThanOrEqual(9);
  });

  it('shares the next identical search again once the first has answered', async () => {
    open();
    await send(dedupingUrl, SEARCH, { day: '2026-12-25' });
    await send(dedupingUrl, SEARCH, { day: '2026-12-25' });
    expect(calls.search).toBe(2);
  });
});

describe('isQueryBody', () => {
  it('takes queries and anonymous queries, never mutations, subscriptions or other shapes', () => {
    expect(isQueryBody('{"query":"query Search__trips__0($day:String!){search(day:$day){id}}","variables":{}}')).toBe(
      true,
    );
    expect(isQueryBody('{"query":"{search{id}}"}')).toBe(true);
    expect(isQueryBody('{"query":"mutation Hold{hold}"}')).toBe(false);
    expect(isQueryBody('{"query":"subscription{x}"}')).toBe(false);
    expect(isQueryBody('{"variables":{},"query":"query{x}"}')).toBe(false);
    expect(isQueryBody('{"query":"queryX{x}"}')).toBe(false);
  });
});

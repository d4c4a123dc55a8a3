import { DrizzleQueryError } from 'drizzle-orm/errors';
import { parse } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createSubgraphServer, type BaseContext } from '../src/server/subgraph-server';
import { createTestTokens, testLogger } from '../src/testing';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { ping: String }
  type Subscription { seatChanges(tripId: ID!): Int! }
`);

let server: ReturnType<typeof createSubgraphServer<BaseContext>>;
let url: string;

beforeAll(async () => {
  server = createSubgraphServer<BaseContext>({
    name: 'ticketing',
    typeDefs,
    logger: testLogger(),
    verifier: (await createTestTokens()).verifier,
    buildContext: (base) => base,
    resolvers: {
      Subscription: {
        seatChanges: {
          // What a subscription that looks its trip up first meets while Postgres refuses connections.
          subscribe: () => {
            const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
              code: 'ECONNREFUSED',
              syscall: 'connect',
            });
            throw new DrizzleQueryError('select "id" from "ticketing"."trips" where "id" = $1', ['t-1'], refused);
          },
        },
      },
    },
  });
  url = await server.start(0);
});
afterAll(() => server.stop());

it('answers a subscription that meets a database that is down with UNAVAILABLE and a retry hint over graphql-ws', async () => {
  const client = createClient({
    url: `${url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
  try {
    const event = await new Promise<unknown>((resolve, reject) => {
      client.subscribe(
        { query: 'subscription { seatChanges(tripId: "t-1") }' },
        { next: resolve, error: reject, complete: () => undefined },
      );
    });
    expect(event).toEqual({
      errors: [
        {
          message: "The ticketing service's database is unavailable; retry shortly",
          locations: [{ line: 1, column: 16 }],
          path: ['seatChanges'],
          extensions: { code: 'UNAVAILABLE', retryAfterSeconds: 5 },
        },
      ],
    });
  } finally {
    await client.dispose();
  }
});

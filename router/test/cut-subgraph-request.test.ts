// A subgraph that stops cuts what it still runs when its grace period is over (or when it is killed): the router
// answers such a request UNAVAILABLE with a retry hint (docs/reliability.md), never a masked internal error.
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphServer, type BaseContext, type Service } from '@busline/shared';
import { createTestTokens, eventually, graphqlRequest, testLogger } from '@busline/shared/testing';
import { composeSupergraph } from '../src/compose';
import { createServer } from '../src/server';

const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    "Answers at once."
    ping: String
  }
  type Mutation {
    "A change that takes longer than the grace period left to it."
    slowChange: String
  }
`;

let subgraph: Service;
let router: ReturnType<typeof createServer>;
let url: string;
let entered = 0;

beforeAll(async () => {
  const tokens = await createTestTokens();
  subgraph = createSubgraphServer<BaseContext>({
    name: 'bookings',
    typeDefs: parse(SDL),
    logger: testLogger('bookings'),
    verifier: tokens.verifier,
    buildContext: (base) => base,
    resolvers: {
      Query: { ping: () => 'pong' },
      Mutation: {
        slowChange: async () => {
          entered++;
          await new Promise((resolve) => setTimeout(resolve, 3000));
          return 'done';
        },
      },
    },
  });
  const subgraphUrl = await subgraph.start(0);
  router = createServer({
    logger: testLogger('router'),
    supergraphSdl: composeSupergraph([{ name: 'bookings', url: `${subgraphUrl}/graphql`, sdl: SDL }]).supergraphSdl,
  });
  url = await router.start(0);
});

afterAll(async () => {
  await router.stop();
  await subgraph.stop();
});

describe('router: a subgraph request cut when the subgraph stops (grace period over)', () => {
  it('is answered UNAVAILABLE with a retry hint, not a masked INTERNAL_SERVER_ERROR', async () => {
    const answer = graphqlRequest<{ slowChange: string | null }>(`${url}/graphql`, 'mutation { slowChange }');
    await eventually(() => entered === 1);
    // SIGTERM: the subgraph drains; its grace period (here 300 ms) ends before the change does.
    await subgraph.stop({ graceMs: 300 });
    const { errors } = await answer;
    expect(
      errors?.map((e) => ({
        code: e.extensions?.code,
        serviceName: e.extensions?.serviceName,
        retryHint: typeof e.extensions?.retryAfterSeconds === 'number',
      })),
      JSON.stringify(errors),
    ).toEqual([{ code: 'UNAVAILABLE', serviceName: 'bookings', retryHint: true }]);
  });

  it('names the stopped service to a query one subgraph answers whole (the single-fetch path)', async () => {
    const { errors } = await graphqlRequest<{ ping: string | null }>(`${url}/graphql`, '{ ping }');
    expect(errors?.map((e) => ({ message: e.message, extensions: e.extensions }))).toEqual([
      {
        message: 'The bookings service is unavailable',
        extensions: { code: 'UNAVAILABLE', serviceName: 'bookings', retryAfterSeconds: 5 },
      },
    ]);
  });
});

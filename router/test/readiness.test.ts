import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSubgraphServer, type Service } from '@busline/shared';
import { createTestTokens, testLogger } from '@busline/shared/testing';
import { composeSupergraph } from '../src/compose';
import { createServer } from '../src/server';
import { ACCOUNTS_SDL, REVIEWS_SDL } from './fixtures/subgraphs';

const METRICS_TOKEN = 'readiness-test-metrics-token';

/** Whether each subgraph's database answers its /readyz. */
const databaseUp: Record<string, boolean> = {};
const subgraphs: Service[] = [];
let router: ReturnType<typeof createServer>;
let url: string;

beforeAll(async () => {
  const tokens = await createTestTokens();
  const urls: Record<string, string> = {};
  for (const [name, sdl] of [
    ['accounts', ACCOUNTS_SDL],
    ['reviews', REVIEWS_SDL],
  ] as const) {
    const subgraph = createSubgraphServer({
      name,
      typeDefs: parse(sdl),
      resolvers: {},
      logger: testLogger(name),
      verifier: tokens.verifier,
      buildContext: (base) => base,
      readiness: [
        {
          name: 'database',
          check: async () => {
            if (!databaseUp[name]) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
          },
        },
      ],
    });
    subgraphs.push(subgraph);
    urls[name] = `${await subgraph.start(0)}/graphql`;
  }
  const { supergraphSdl } = composeSupergraph([
    { name: 'accounts', url: urls.accounts!, sdl: ACCOUNTS_SDL },
    { name: 'reviews', url: urls.reviews!, sdl: REVIEWS_SDL },
  ]);
  router = createServer({ logger: testLogger('router'), supergraphSdl, metricsToken: METRICS_TOKEN });
  url = await router.start(0);
});

// A round of readiness checks answers every /readyz within a second (the router's and each subgraph's): each
// test reads a second after the last, on a monotonic clock that is the test's to move.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['performance'] });
});
afterAll(() => {
  vi.useRealTimers();
});
beforeEach(() => {
  databaseUp.accounts = true;
  databaseUp.reviews = true;
  vi.advanceTimersByTime(1000);
});

afterAll(async () => {
  await router?.stop();
  for (const subgraph of subgraphs) await subgraph.stop();
});

/** The router's /readyz, as the metrics scraper (who is told why a check failed) or anyone else. */
const readyz = async (as: 'operator' | 'anyone' = 'operator') => {
  const headers: Record<string, string> = as === 'operator' ? { authorization: `Bearer ${METRICS_TOKEN}` } : {};
  const response = await fetch(`${url}/readyz`, { headers });
  return { status: response.status, body: await response.json() };
};

describe("the router's /readyz", () => {
  it('answers 200 and reports each subgraph ready while every subgraph is', async () => {
    expect(await readyz()).toEqual({
      status: 200,
      body: {
        status: 'ready',
        service: 'router',
        ready: true,
        checks: [
          { name: 'accounts', ok: true },
          { name: 'reviews', ok: true },
        ],
      },
    });
  });

  it('stays 200 (degraded), naming the subgraph whose /readyz is 503 with its failing check', async () => {
    databaseUp.accounts = false;
    expect(await readyz()).toEqual({
      status: 200,
      body: {
        status: 'degraded',
        service: 'router',
        ready: true,
        checks: [
          { name: 'accounts', ok: false, error: 'not ready: database (connect ECONNREFUSED 127.0.0.1:5432)' },
          { name: 'reviews', ok: true },
        ],
      },
    });
  });

  it('tells anyone without the metrics token which subgraph is not ready, not why', async () => {
    databaseUp.accounts = false;
    expect(await readyz('anyone')).toEqual({
      status: 200,
      body: {
        status: 'degraded',
        service: 'router',
        ready: true,
        checks: [
          { name: 'accounts', ok: false },
          { name: 'reviews', ok: true },
        ],
      },
    });
  });

  it('answers 503 when no subgraph is ready', async () => {
    databaseUp.accounts = false;
    databaseUp.reviews = false;
    const { status, body } = await readyz();
    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'unavailable',
      ready: false,
      checks: [
        { name: 'accounts', ok: false },
        { name: 'reviews', ok: false },
      ],
    });
  });
});

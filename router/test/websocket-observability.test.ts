// The router runs subscriptions over WebSocket on its own executor, beside Yoga's plugins, and refuses some
// operations there before they run (limits, rate limits, parse and validation errors): neither was counted in
// busline_graphql_operations_total, and the refusals left no access line, though the same over HTTP did. WebSocket is
// the main subscription transport, so an operator saw almost none of its subscriptions and none of its refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createLogger, type Service } from '@busline/shared';
import { createTestTokens, eventually, metricValue, type TestTokens } from '@busline/shared/testing';
import { composeSupergraph } from '../src/compose';
import { createServer } from '../src/server';
import {
  ACCOUNTS_SDL,
  createReviewsSubgraph,
  reviewListeners,
  REVIEWS_SDL,
  startAccountsSubgraph,
} from './fixtures/subgraphs';

const SECRET = 'router-secret-for-tests-0123456789';
const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
let tokens: TestTokens;
let accounts: Awaited<ReturnType<typeof startAccountsSubgraph>>;
let reviews: Service;
let router: ReturnType<typeof createServer>;
let url: string;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  tokens = await createTestTokens();
  accounts = await startAccountsSubgraph();
  reviews = createReviewsSubgraph(tokens, SECRET);
  const reviewsUrl = await reviews.start(0);
  const { supergraphSdl } = composeSupergraph([
    { name: 'accounts', url: `${accounts.url}/graphql`, sdl: ACCOUNTS_SDL },
    { name: 'reviews', url: `${reviewsUrl}/graphql`, sdl: REVIEWS_SDL },
  ]);
  router = createServer({
    logger: createLogger('router', {
      level: 'info',
      destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
    }),
    supergraphSdl,
    routerSecret: SECRET,
    verifier: tokens.verifier,
    metricsToken: METRICS_TOKEN,
  });
  url = await router.start(0);
});

afterAll(async () => {
  await router.stop();
  await reviews.stop();
  await accounts.stop();
});

const scrape = async () =>
  (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();

describe('router metrics for subscriptions over WebSocket', () => {
  it('counts a subscription started over WebSocket in busline_graphql_operations_total (type subscription)', async () => {
    const client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const channel = 'ws-metric';
    const stop = client.subscribe(
      {
        query: 'subscription FollowOverWs($c: String) { reviewPosted(channel: $c) { id } }',
        variables: { c: channel },
      },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    try {
      await eventually(() => reviewListeners(channel) === 1);
      // The access log has its line ...
      expect(lines.find((l) => l.msg === 'operation' && l.operationName === 'FollowOverWs')).toBeDefined();
      // ... and the operations counter (docs/operations.md: "Subscriptions are counted when they start") too.
      const text = await scrape();
      expect(
        metricValue(text, 'busline_graphql_operations_total', { operation: 'FollowOverWs', type: 'subscription' }),
      ).toBe(1);
    } finally {
      stop();
      await client.dispose();
    }
  });

  it('counts a subscription over SSE the same way', async () => {
    const controller = new AbortController();
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription FollowOverSse { reviewPosted(channel: "sse-metric") { id } }' }),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    await eventually(() => reviewListeners('sse-metric') === 1);
    const text = await scrape();
    controller.abort();
    expect(
      metricValue(text, 'busline_graphql_operations_total', { operation: 'FollowOverSse', type: 'subscription' }),
    ).toBe(1);
  });

  it('logs an operation over WebSocket refused before execution, with its error code', async () => {
    const client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const errors = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'query RefusedOverWs { noSuchField }' },
        { next: () => undefined, error: resolve, complete: () => resolve(undefined) },
      );
    });
    await client.dispose();
    expect(JSON.stringify(errors)).toContain('GRAPHQL_VALIDATION_FAILED');
    // Over HTTP the same refusal gets an access line and is counted: over WebSocket too.
    const line = lines.find((l) => l.msg === 'operation' && l.operationName === 'RefusedOverWs');
    expect(line).toMatchObject({ transport: 'websocket', ok: false, errors: ['GRAPHQL_VALIDATION_FAILED'] });
    const text = await scrape();
    expect(
      metricValue(text, 'busline_graphql_errors_total', {
        operation: 'RefusedOverWs',
        code: 'GRAPHQL_VALIDATION_FAILED',
      }),
    ).toBe(1);
  });
});

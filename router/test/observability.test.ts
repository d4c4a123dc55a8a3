import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createLogger, type Service } from '@busline/shared';
import {
  createTestTokens,
  eventually,
  graphqlRequest,
  metricValue,
  testLogger,
  type TestTokens,
} from '@busline/shared/testing';
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
let supergraphSdl: string;
let router: ReturnType<typeof createServer>;
let url: string;
/** The router's log lines, parsed. */
const lines: Record<string, unknown>[] = [];
const accessLines = () => lines.filter((line) => line.msg === 'operation');

beforeAll(async () => {
  tokens = await createTestTokens();
  accounts = await startAccountsSubgraph();
  reviews = createReviewsSubgraph(tokens, SECRET);
  const reviewsUrl = await reviews.start(0);
  ({ supergraphSdl } = composeSupergraph([
    { name: 'accounts', url: `${accounts.url}/graphql`, sdl: ACCOUNTS_SDL },
    { name: 'reviews', url: `${reviewsUrl}/graphql`, sdl: REVIEWS_SDL },
  ]));
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

const scrape = async (headers: Record<string, string> = { authorization: `Bearer ${METRICS_TOKEN}` }) =>
  fetch(`${url}/metrics`, { headers });

describe('answers to callers with credentials', () => {
  it('tells every cache, a browser or a proxy, to keep none of them; an anonymous answer is left as it was', async () => {
    const query = JSON.stringify({ query: 'query($id: ID!) { account(id: $id) { name } }', variables: { id: 'a1' } });
    const headers = { 'content-type': 'application/json' };
    const auth = await tokens.authorization({ userId: 'user-18', role: 'PASSENGER', companyId: null });
    const signedIn = await fetch(`${url}/graphql`, { method: 'POST', headers: { ...headers, ...auth }, body: query });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
    // A GET query (CSRF header sent) as well.
    const get = await fetch(`${url}/graphql?query=${encodeURIComponent('{ account(id: "a1") { name } }')}`, {
      headers: { ...auth, 'x-graphql-yoga-csrf': '1' },
    });
    expect(get.status).toBe(200);
    expect(get.headers.get('cache-control')).toBe('private, no-store');
    const anonymous = await fetch(`${url}/graphql`, { method: 'POST', headers, body: query });
    expect(anonymous.headers.get('cache-control')).toBeNull();
  });
});

describe('router access log', () => {
  it('logs one line per operation (name, duration, status, request id, user) and returns the request id', async () => {
    const auth = await tokens.authorization({ userId: 'user-17', role: 'PASSENGER', companyId: null });
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({
        query: 'query WhoAmI($id: ID!) { account(id: $id) { name } received { requestId } }',
        operationName: 'WhoAmI',
        variables: { id: 'a1' },
      }),
    });
    const body = (await response.json()) as { data: { received: { requestId: string } } };
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    // The id the client gets is the one the subgraphs logged the request under.
    expect(body.data.received.requestId).toBe(requestId);
    const line = accessLines().find((l) => l.requestId === requestId)!;
    expect(line).toMatchObject({
      operationName: 'WhoAmI',
      operationType: 'query',
      status: 200,
      ok: true,
      userId: 'user-17',
    });
    expect(line.durationMs).toEqual(expect.any(Number));
    expect(accessLines().filter((l) => l.requestId === requestId)).toHaveLength(1);
  });

  it('never logs the variables or the query', async () => {
    await graphqlRequest(`${url}/graphql`, 'query Lookup($id: ID!) { account(id: $id) { name } }', {
      id: 'secret-phone-0788123456',
    });
    const line = accessLines().find((l) => l.operationName === 'Lookup')!;
    expect(JSON.stringify(line)).not.toContain('0788123456');
    expect(JSON.stringify(line)).not.toContain('account(');
  });

  it('logs the error codes of an operation that failed, and an anonymous caller without a user id', async () => {
    const result = await graphqlRequest(`${url}/graphql`, 'query NotMine { forbidden }');
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const line = accessLines().find((l) => l.operationName === 'NotMine')!;
    expect(line).toMatchObject({ status: 200, ok: false, errors: ['FORBIDDEN'] });
    expect(line.userId).toBeUndefined();
  });

  it('lists each error code once, with how many errors there were: a short line for a short request', async () => {
    // 200 bytes that make a hundred validation errors of one code.
    const body = JSON.stringify({ query: `query Many { ${'a '.repeat(100)}}` });
    expect(body.length).toBeLessThan(250);
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(((await response.json()) as { errors: unknown[] }).errors).toHaveLength(100);
    const line = accessLines().find((l) => l.requestId === response.headers.get('x-request-id'))!;
    expect(line).toMatchObject({ ok: false, errors: ['GRAPHQL_VALIDATION_FAILED'], errorCount: 100 });
    expect(JSON.stringify(line).length).toBeLessThan(500);
  });

  it('logs a subscription over WebSocket when it starts, with the user the connection belongs to', async () => {
    const auth = await tokens.authorization({ userId: 'user-ws-3', role: 'PASSENGER', companyId: null });
    const client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: auth,
    });
    const channel = 'access-log-ws';
    const stop = client.subscribe(
      {
        query: 'subscription FollowReviews($c: String) { reviewPosted(channel: $c) { id } }',
        variables: { c: channel },
      },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    try {
      await eventually(() => reviewListeners(channel) === 1);
      const line = accessLines().find((l) => l.operationName === 'FollowReviews')!;
      expect(line).toMatchObject({
        operationType: 'subscription',
        transport: 'websocket',
        ok: true,
        userId: 'user-ws-3',
      });
      expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify(line)).not.toContain(channel);
    } finally {
      stop();
      await client.dispose();
    }
  });

  it('logs a query or mutation over WebSocket once answered: request id, duration, errors, user', async () => {
    const auth = await tokens.authorization({ userId: 'user-ws-4', role: 'PASSENGER', companyId: null });
    const client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: auth,
    });
    const run = (query: string) =>
      new Promise<unknown>((resolve, reject) => {
        let value: unknown;
        client.subscribe({ query }, { next: (v) => (value = v), error: reject, complete: () => resolve(value) });
      });
    try {
      expect(await run('query AccountOverWebSocket { account(id: "a1") { name } }')).toEqual({
        data: { account: { name: 'Aline' } },
      });
      expect(await run('query NotMineOverWebSocket { forbidden }')).toMatchObject({
        errors: [{ extensions: { code: 'FORBIDDEN' } }],
      });
    } finally {
      await client.dispose();
    }
    const line = accessLines().find((l) => l.operationName === 'AccountOverWebSocket')!;
    expect(line).toMatchObject({ operationType: 'query', transport: 'websocket', ok: true, userId: 'user-ws-4' });
    expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(line.durationMs).toEqual(expect.any(Number));
    expect(accessLines().find((l) => l.operationName === 'NotMineOverWebSocket')).toMatchObject({
      operationType: 'query',
      transport: 'websocket',
      ok: false,
      errors: ['FORBIDDEN'],
      userId: 'user-ws-4',
    });
  });

  it('cuts a client-chosen operation name to 100 characters, whether a parameter or only in the document', async () => {
    // Within the 100 KB body limit even sent twice (the document and the parameter).
    const name = `Long${'x'.repeat(45_000)}`;
    for (const operationName of [name, undefined]) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `query ${name} { account(id: "a1") { name } }`, operationName }),
      });
      expect(response.status).toBe(200);
      const line = accessLines().find((l) => l.requestId === response.headers.get('x-request-id'))!;
      expect(line.operationName).toBe(name.slice(0, 100));
    }
  });

  it('logs a request refused before execution (a parse error) with its status', async () => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Broken { account(', operationName: 'Broken' }),
    });
    const line = accessLines().find((l) => l.requestId === response.headers.get('x-request-id'))!;
    expect(line).toMatchObject({ operationName: 'Broken', status: response.status, ok: false });
  });
});

describe('router /metrics', () => {
  it('refuses a scrape without the bearer token, or with a wrong one', async () => {
    expect((await scrape({})).status).toBe(401);
    expect((await scrape({ authorization: 'Bearer not-the-metrics-token-000' })).status).toBe(401);
    // The router secret is for subgraphs, not a metrics credential on the public router.
    expect((await scrape({ 'x-router-secret': SECRET })).status).toBe(401);
  });

  it('counts operations and fetches per subgraph for a scraper with the token', async () => {
    await graphqlRequest(`${url}/graphql`, 'query Reviewer { latestReviewer { id name reviews } }');
    const response = await scrape();
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(
      metricValue(text, 'busline_graphql_operations_total', {
        service: 'router',
        operation: 'Reviewer',
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(
      metricValue(text, 'busline_subgraph_fetches_total', { subgraph: 'reviews', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      metricValue(text, 'busline_subgraph_fetches_total', { subgraph: 'accounts', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      metricValue(text, 'busline_subgraph_fetch_duration_seconds_count', { subgraph: 'reviews' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('shows open WebSocket connections and subscriptions while a client follows one', async () => {
    const client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const channel = 'metrics-gauges';
    const stop = client.subscribe(
      { query: 'subscription($c: String) { reviewPosted(channel: $c) { id } }', variables: { c: channel } },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    try {
      await eventually(() => reviewListeners(channel) === 1);
      const text = await (await scrape()).text();
      expect(metricValue(text, 'busline_websocket_connections')).toBe(1);
      expect(metricValue(text, 'busline_websocket_subscriptions')).toBe(1);
      expect(metricValue(text, 'busline_upstream_subscriptions')).toBe(1);
    } finally {
      stop();
      await client.dispose();
    }
    await eventually(async () => metricValue(await (await scrape()).text(), 'busline_websocket_connections') === 0);
  });

  it('reports a client-chosen operation name only while fewer than 200 names are known', async () => {
    for (let i = 0; i < 205; i++) await graphqlRequest(`${url}/graphql`, `query Flood${i} { __typename }`);
    const text = await (await scrape()).text();
    expect(metricValue(text, 'busline_graphql_operations_total', { operation: 'Flood0' })).toBe(1);
    expect(metricValue(text, 'busline_graphql_operations_total', { operation: 'Flood204' })).toBeUndefined();
    expect(metricValue(text, 'busline_graphql_operations_total', { operation: 'other' })).toBeGreaterThanOrEqual(5);
  });

  it('is refused on a production router that has no metrics token', async () => {
    const production = createServer({
      logger: testLogger('router'),
      supergraphSdl,
      routerSecret: SECRET,
      metricsWithoutToken: false,
    });
    const productionUrl = await production.start(0);
    try {
      const response = await fetch(`${productionUrl}/metrics`);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('METRICS_TOKEN');
    } finally {
      await production.stop();
    }
  });
});

describe('router drain', () => {
  it('answers a query in flight over WebSocket before closing the socket with 1001', async () => {
    const draining = createServer({ logger: testLogger('router'), supergraphSdl, routerSecret: SECRET });
    const base = await draining.start(0);
    const closes: number[] = [];
    let connected = false;
    const client = createClient({
      url: `${base.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      on: {
        connected: () => void (connected = true),
        closed: (event) => void closes.push((event as { code: number }).code),
      },
    });
    const answer = new Promise<{ results: unknown[]; error?: unknown }>((resolve) => {
      const results: unknown[] = [];
      client.subscribe(
        { query: '{ slow(ms: 1500) }' },
        {
          next: (value) => void results.push(value),
          error: (error) => resolve({ results, error }),
          complete: () => resolve({ results }),
        },
      );
    });
    // Connected, and the query (1.5 s upstream) has had time to reach the subgraph.
    await eventually(() => connected);
    await new Promise((resolve) => setTimeout(resolve, 300));

    await draining.stop({ graceMs: 10_000 });
    expect(await answer).toEqual({ results: [{ data: { slow: true } }] });
    expect(closes).toEqual([1001]);
    await client.dispose();
  });

  it('finishes an in-flight operation, ends SSE streams and closes WebSockets with 1001, then stops', async () => {
    const draining = createServer({ logger: testLogger('router'), supergraphSdl, routerSecret: SECRET });
    const base = await draining.start(0);
    const channel = 'drain-sse';
    const sse = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: 'subscription($c: String) { reviewPosted(channel: $c) { id } }',
        variables: { c: channel },
      }),
    });
    expect(sse.status).toBe(200);
    const closes: number[] = [];
    const client = createClient({
      url: `${base.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      on: { closed: (event) => void closes.push((event as { code: number }).code) },
    });
    client.subscribe(
      { query: 'subscription($c: String) { reviewPosted(channel: $c) { id } }', variables: { c: 'drain-ws' } },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    await eventually(() => reviewListeners(channel) === 1 && reviewListeners('drain-ws') === 1);
    const slow = graphqlRequest(`${base}/graphql`, '{ slow(ms: 300) }');
    // The SSE stream and the slow query.
    await eventually(() => draining.inFlight === 2);

    await draining.stop({ graceMs: 10_000 });
    expect((await slow).data).toEqual({ slow: true });
    // The SSE response ended (the stream is complete), so an EventSource reconnects elsewhere.
    await sse.text();
    expect(closes).toEqual([1001]);
    await client.dispose();
    await eventually(() => reviewListeners(channel) === 0 && reviewListeners('drain-ws') === 0);
  });
});

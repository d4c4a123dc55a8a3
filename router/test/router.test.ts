import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { Service } from '@busline/shared';
import { createTestTokens, eventually, graphqlRequest, testLogger, type TestTokens } from '@busline/shared/testing';
import { composeSupergraph } from '../src/compose';
import { createServer } from '../src/server';
import {
  ACCOUNTS_SDL,
  createReviewsSubgraph,
  postReview,
  reviewListeners,
  REVIEWS_SDL,
  startAccountsSubgraph,
} from './fixtures/subgraphs';

const SECRET = 'router-secret-for-tests-0123456789';
let tokens: TestTokens;
let accounts: Awaited<ReturnType<typeof startAccountsSubgraph>>;
let reviews: Service;
let router: ReturnType<typeof createServer>;
let url: string;

const post = (query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>) =>
  graphqlRequest(`${url}/graphql`, query, variables, headers);

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
    logger: testLogger('router'),
    supergraphSdl,
    routerSecret: SECRET,
    subgraphTimeoutMs: 500,
    corsOrigins: ['http://localhost:5173'],
  });
  url = await router.start(0);
});

afterAll(async () => {
  await router.stop();
  await reviews.stop();
  await accounts.stop();
});

describe('router', () => {
  it('resolves one query across two subgraphs through entity references', async () => {
    const result = await post('{ latestReviewer { id name reviews } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ latestReviewer: { id: 'a1', name: 'Aline', reviews: ['Clean bus, on time'] } });
  });

  it('answers an error, with its path, where a subgraph answered null for a field that cannot be null', async () => {
    // The accounts subgraph resolves no account "zz": Account.name (String!) cannot be completed.
    const result = await post('query($id: ID) { latestReviewer(id: $id) { id name } }', {}, { id: 'zz' });
    expect(result.data).toEqual({ latestReviewer: null });
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'Unexpected error.',
        path: ['latestReviewer', 'name'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      }),
    ]);
    expect(JSON.stringify(result)).not.toContain('valueCompletion');
  });

  it('answers a subscription event whose non-null field a subgraph answered null with an error at its path', async () => {
    const channel = randomUUID();
    const client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const results: { data?: unknown; errors?: unknown[] }[] = [];
    const stop = client.subscribe(
      { query: 'subscription($c: String) { reviewPosted(channel: $c) { id name } }', variables: { c: channel } },
      { next: (result) => void results.push(result as never), error: () => undefined, complete: () => undefined },
    );
    try {
      await eventually(() => reviewListeners(channel) === 1);
      // The accounts subgraph resolves no account "zz": the event's Account.name (String!) cannot be completed.
      await postReview('zz', channel);
      await eventually(() => results.length === 1);
      expect(results[0]).toEqual({
        data: null,
        errors: [
          expect.objectContaining({
            message: 'Unexpected error.',
            path: ['reviewPosted', 'name'],
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          }),
        ],
      });
    } finally {
      stop();
      await client.dispose();
    }
  });

  it("forwards Authorization, its own request id, client address and secret, not the client's copies", async () => {
    const result = await post('{ received { authorization routerSecret requestId clientIp } }', {
      authorization: 'Bearer abc.def.ghi',
      'x-request-id': 'FORGED-RID-12345',
      'x-client-ip': '203.0.113.9',
    });
    expect(result.data?.received).toEqual({
      authorization: 'Bearer abc.def.ghi',
      routerSecret: SECRET,
      requestId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      clientIp: '127.0.0.1',
    });
  });

  it('lets a subgraph verify the forwarded token and refuse a bad one with UNAUTHENTICATED', async () => {
    const good = await post(
      '{ whoami }',
      await tokens.authorization({ userId: 'u-1', role: 'PASSENGER', companyId: null }),
    );
    expect(good.data).toEqual({ whoami: 'u-1' });
    const bad = await post('{ whoami }', { authorization: 'Bearer not.a.token' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a depth-20 introspection query with a clear code and keeps serving', async () => {
    let deep = 'name';
    for (let i = 0; i < 18; i++) deep = `ofType { ${deep} }`;
    const refused = await post(`{ __schema { types { fields { type { ${deep} } } } } }`);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(refused.errors?.[0]?.message).toMatch(/depth limit of 15/);
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED' });
    expect((await post('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('refuses a 200-alias query (1,000 are refused by the fields limit first)', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: __typename`).join(' ');
    const refused = await post(`{ ${aliases} }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(refused.errors?.[0]?.message).toMatch(/Aliases limit/);
  });

  it('still answers the full introspection query GraphiQL and Sandbox send', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const result = await post(
      getIntrospectionQuery({
        descriptions: true,
        inputValueDeprecation: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
      }),
    );
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result.data)).toContain('"Account"');
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(200_000)}` }),
    });
    expect(response.status).toBe(413);
  });

  it('refuses a cross-site simple request (CSRF) but serves JSON requests', async () => {
    const response = await fetch(`${url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(403);
    expect((await response.json()).errors[0].extensions).toEqual({ code: 'BAD_REQUEST' });
    const json = await fetch(`${url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(json.status).toBe(200);
  });

  it('allows a CORS preflight from Apollo Sandbox and not from an unknown origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const sandbox = await preflight('https://studio.apollographql.com');
    expect(sandbox.headers.get('access-control-allow-origin')).toBe('https://studio.apollographql.com');
    expect(sandbox.headers.get('access-control-allow-headers')).toContain('authorization');
    const evil = await preflight('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves GraphiQL to a browser without loading anything from the network', async () => {
    const response = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
    const html = await response.text();
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).not.toContain('unpkg.com');
  });

  it('masks an unexpected subgraph error but keeps domain error codes', async () => {
    const broken = await post('{ broken }');
    expect(JSON.stringify(broken.errors)).not.toContain('hunter2');
    expect(broken.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const forbidden = await post('{ forbidden }');
    expect(forbidden.errors?.[0]).toMatchObject({ message: 'Not yours', extensions: { code: 'FORBIDDEN' } });
  });

  it('gives up on a slow subgraph after its timeout and answers UNAVAILABLE', async () => {
    const started = Date.now();
    const result = await post('{ slow(ms: 3000) }');
    expect(Date.now() - started).toBeLessThan(2500);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    expect(JSON.stringify(result.errors)).not.toContain('127.0.0.1');
  });

  it('answers queries over graphql-ws', async () => {
    const client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    try {
      const result = await new Promise<unknown>((resolve, reject) => {
        client.subscribe(
          { query: '{ account(id: "a2") { name } }' },
          { next: resolve, error: reject, complete: () => undefined },
        );
      });
      expect(result).toEqual({ data: { account: { name: 'Eric' } } });
    } finally {
      await client.dispose();
    }
  });

  it('stays ready (200) with one subgraph down, naming it not ready, and answers its fields UNAVAILABLE', async () => {
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    await accounts.stop();
    const down = await fetch(`${url}/readyz`);
    expect(down.status).toBe(200);
    expect(await down.json()).toMatchObject({
      checks: expect.arrayContaining([expect.objectContaining({ name: 'accounts', ok: false })]),
    });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await post('{ latestReviewer { id name } }')).errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
  });
});

import { connect } from 'node:net';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphServer, json, type Route, type Service } from '@busline/shared';
import { createTestTokens, testLogger } from '@busline/shared/testing';
import { composeSupergraph } from '../src/compose';
import { createServer } from '../src/server';
import { ACCOUNTS_SDL, REVIEWS_SDL } from './fixtures/subgraphs';

/** What a subgraph route received, echoed back. */
const echo = (path: string, method: Route['method']): Route => ({
  method,
  path,
  handler: async (request) =>
    json(
      {
        path,
        method: request.method,
        query: new URL(request.url).search,
        body: await request.text(),
        authorization: request.headers.get('authorization'),
      },
      202,
    ),
});

const subgraphs: Service[] = [];
let router: ReturnType<typeof createServer>;
let url: string;
let limited: ReturnType<typeof createServer>;
let limitedUrl: string;

beforeAll(async () => {
  const tokens = await createTestTokens();
  const routes: Record<string, Route[]> = {
    payment: [
      echo('/webhooks/momo', 'POST'),
      echo('/webhooks/momo', 'PUT'),
      echo('/webhooks/airtel', 'POST'),
      echo('/webhooks/internal', 'POST'),
    ],
    qr: [
      {
        method: 'GET',
        path: '/.well-known/qr-keys.json',
        handler: () => json({ keys: [{ kid: 'qr-1', kty: 'OKP' }] }, 200, { 'cache-control': 'public, max-age=300' }),
      },
      echo('/.well-known/jwks.json', 'GET'),
    ],
  };
  const urls: Record<string, string> = {};
  for (const [name, sdl] of [
    ['payment', ACCOUNTS_SDL],
    ['qr', REVIEWS_SDL],
  ] as const) {
    const subgraph = createSubgraphServer({
      name,
      typeDefs: parse(sdl),
      resolvers: {},
      logger: testLogger(name),
      verifier: tokens.verifier,
      buildContext: (base) => base,
      routerSecret: 'router-secret-0123456789abcdef',
      routes: routes[name],
    });
    subgraphs.push(subgraph);
    urls[name] = `${await subgraph.start(0)}/graphql`;
  }
  const { supergraphSdl } = composeSupergraph([
    { name: 'payment', url: urls.payment!, sdl: ACCOUNTS_SDL },
    { name: 'qr', url: urls.qr!, sdl: REVIEWS_SDL },
  ]);
  router = createServer({
    logger: testLogger('router'),
    supergraphSdl,
    routerSecret: 'router-secret-0123456789abcdef',
  });
  url = await router.start(0);
  limited = createServer({
    logger: testLogger('router'),
    supergraphSdl,
    routerSecret: 'router-secret-0123456789abcdef',
    rateLimit: { perAddressPerMinute: 5, prefix: `public-routes-test:${Date.now()}` },
  });
  limitedUrl = await limited.start(0);
});

afterAll(async () => {
  await limited?.stop();
  await router?.stop();
  for (const subgraph of subgraphs) await subgraph.stop();
});

describe('subgraph endpoints reachable through the router', () => {
  it.each(['POST', 'PUT'])(
    'forwards %s /webhooks/momo to payment with its query string and body, without credentials',
    async (method) => {
      const response = await fetch(`${url}/webhooks/momo?ref=abc&sig=def`, {
        method,
        headers: { 'content-type': 'application/json', authorization: 'Bearer someone' },
        body: '{"status":"SUCCESSFUL"}',
      });
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({
        path: '/webhooks/momo',
        method,
        query: '?ref=abc&sig=def',
        body: '{"status":"SUCCESSFUL"}',
        authorization: null,
      });
    },
  );

  it('forwards POST /webhooks/airtel to payment', async () => {
    const response = await fetch(`${url}/webhooks/airtel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"transaction":{}}',
    });
    expect(await response.json()).toMatchObject({ path: '/webhooks/airtel', body: '{"transaction":{}}' });
  });

  it("serves qr's pass keys at /.well-known/qr-keys.json with qr's caching", async () => {
    const response = await fetch(`${url}/.well-known/qr-keys.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await response.json()).toEqual({ keys: [{ kid: 'qr-1', kty: 'OKP' }] });
  });

  it('exposes nothing else of the subgraphs: other paths and other methods stay inside', async () => {
    for (const [method, path] of [
      ['GET', '/webhooks/momo'],
      ['POST', '/webhooks/internal'],
      ['GET', '/.well-known/jwks.json'],
      ['POST', '/webhooks/momo/../internal'],
    ] as const) {
      const response = await fetch(`${url}${path}`, {
        method,
        ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}),
      });
      const text = await response.text();
      expect({
        method,
        path,
        reached: /"path":"\/webhooks\/internal"|"path":"\/.well-known\/jwks.json"|"method":"GET","query"/.test(text),
      }).toEqual({ method, path, reached: false });
    }
  });

  it('sends a traversal path as is (raw socket) and does not reach another subgraph path', async () => {
    const { port } = new URL(url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.end(
          'POST /webhooks/momo/../internal HTTP/1.1\r\nHost: localhost\r\n' +
            'Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
        );
      });
      let received = '';
      socket.on('data', (chunk) => (received += chunk));
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 \d{3}/);
    expect(raw).not.toMatch(/"path":"\/webhooks\/internal"/);
    expect(raw).not.toMatch(/^HTTP\/1\.1 202/);
  });

  it('counts forwarded requests per address: 429 with Retry-After past the limit, health checks never', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await fetch(`${limitedUrl}/webhooks/airtel`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"transaction":{}}',
      });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429, 429]);
    expect((await fetch(`${limitedUrl}/webhooks/momo?ref=a&sig=b`, { method: 'PUT', body: '{}' })).status).toBe(429);
    expect((await fetch(`${limitedUrl}/.well-known/qr-keys.json`)).status).toBe(429);
    expect((await fetch(`${limitedUrl}/healthz`)).status).toBe(200);
  });

  it('refuses a webhook body over 16 KB before reading it', async () => {
    const response = await fetch(`${url}/webhooks/airtel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(20_000),
    });
    expect(response.status).toBe(413);
  });
});

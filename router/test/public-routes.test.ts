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
    json({ path, method: request.method, query: new URL(request.url).search, body: await request.text(), authorization: request.headers.get('authorization') }, 202),
});

const subgraphs: Service[] = [];
let router: ReturnType<typeof createServer>;
let url: string;

beforeAll(async () => {
  const tokens = await createTestTokens();
  const routes: Record<string, Route[]> = {
    payment: [echo('/webhooks/momo', 'POST'), echo('/webhooks/momo', 'PUT'), echo('/webhooks/airtel', 'POST'), echo('/webhooks/internal', 'POST')],
    qr: [{ method: 'GET', path: '/.well-known/qr-keys.json', handler: () => json({ keys: [{ kid: 'qr-1', kty: 'OKP' }] }, 200, { 'cache-control': 'public, max-age=300' }) }, echo('/.well-known/jwks.json', 'GET')],
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
  router = createServer({ logger: testLogger('router'), supergraphSdl, routerSecret: 'router-secret-0123456789abcdef' });
  url = await router.start(0);
});

afterAll(async () => {
  await router?.stop();
  for (const subgraph of subgraphs) await subgraph.stop();
});

describe('subgraph endpoints reachable through the router', () => {
  it.each(['POST', 'PUT'])('forwards %s /webhooks/momo to payment with its query string and body, without credentials', async (method) => {
    const response = await fetch(`${url}/webhooks/momo?ref=abc&sig=def`, { method, headers: { 'content-type': 'application/json', authorization: 'Bearer someone' }, body: '{"status":"SUCCESSFUL"}' });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ path: '/webhooks/momo', method, query: '?ref=abc&sig=def', body: '{"status":"SUCCESSFUL"}', authorization: null });
  });

  it('forwards POST /webhooks/airtel to payment', async () => {
    const response = await fetch(`${url}/webhooks/airtel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"transaction":{}}' });
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
      const response = await fetch(`${url}${path}`, { method, ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}) });
      const text = await response.text();
      expect({ method, path, reached: /"path":"\/webhooks\/internal"|"path":"\/.well-known\/jwks.json"|"method":"GET","query"/.test(text) }).toEqual({ method, path, reached: false });
    }
  });

  it('refuses a webhook body over 16 KB before reading it', async () => {
    const response = await fetch(`${url}/webhooks/airtel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(20_000) });
    expect(response.status).toBe(413);
  });
});

import { connect } from 'node:net';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, ROUTER_SECRET_HEADER } from '../src/server/http';
import { webSocketWithHeaders } from '../src/server/graphql-ws';
import { createSubgraphServer, type BaseContext } from '../src/server/subgraph-server';
import { createTestTokens, testLogger, upgradeStatus } from '../src/testing';

const SECRET = 'router-secret-for-tests-0123456789';
const BODY_LIMIT = 50_000;
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { ping: String }
  type Mutation { touch: Int! }
`);

let url: string;
let server: ReturnType<typeof createSubgraphServer<BaseContext>>;
/** How many times the mutation ran: an attack that got through would move it. */
let touched = 0;

beforeAll(async () => {
  const tokens = await createTestTokens();
  server = createSubgraphServer<BaseContext>({
    name: 'fixture',
    typeDefs,
    logger: testLogger(),
    verifier: tokens.verifier,
    routerSecret: SECRET,
    maxBodyBytes: BODY_LIMIT,
    buildContext: (base) => base,
    resolvers: { Query: { ping: () => 'pong' }, Mutation: { touch: () => ++touched } },
    routes: [
      {
        method: 'POST',
        path: '/webhooks/echo',
        maxBodyBytes: 1000,
        handler: async (request) => json({ echoed: await request.text() }),
      },
      { method: 'GET', path: '/.well-known/keys.json', handler: () => json({ keys: [] }) },
    ],
  });
  url = await server.start(0);
});
afterAll(() => server.stop());

const mutation = JSON.stringify({ query: 'mutation { touch }' });
const post = (path: string, headers: Record<string, string> = {}, body = mutation) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** Writes request headers and the first `sentBytes` of a body of `declaredBytes`; resolves with the raw answer. */
function partialUpload(
  path: string,
  declaredBytes: number,
  sentBytes: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; closedByServer: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () =>
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), closedByServer: true }),
    );
    const extra = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.write(
      `POST ${path} HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\ncontent-length: ${declaredBytes}\r\n${extra}\r\n`,
    );
    socket.write(Buffer.alloc(sentBytes, 0x20));
    // The rest of the body is never sent: only a server that answers without waiting for it closes this.
  });
}

describe('the router-secret gate of a subgraph', () => {
  it.each([
    '/graphql',
    '/graphql/',
    '/x?/graphql',
    '/anything/graphql',
    '/graphql?query=x',
    '//graphql',
    '/GRAPHQL',
    '/%67raphql',
    '/graphql;x',
    // Yoga's own health check answered any URL ending so, ahead of the gate.
    '/health',
    '/anything/health',
    '/graphql?x=/health',
  ])('refuses POST %s without the secret and runs nothing', async (path) => {
    const response = await post(path);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      errors: [{ message: 'This service only accepts requests through the router', extensions: { code: 'FORBIDDEN' } }],
    });
    expect(touched).toBe(0);
  });

  it.each(['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])('refuses %s on /graphql without the secret', async (method) => {
    const response = await fetch(`${url}/graphql?query=${encodeURIComponent('{ ping }')}`, { method });
    expect(response.status).toBe(403);
  });

  it('refuses a wrong secret as it refuses none', async () => {
    expect((await post('/graphql', { [ROUTER_SECRET_HEADER]: `${SECRET.slice(0, -1)}X` })).status).toBe(403);
    expect((await post('/graphql', { [ROUTER_SECRET_HEADER]: '' })).status).toBe(403);
    expect(touched).toBe(0);
  });

  it('runs operations that carry the secret, on /graphql only', async () => {
    const response = await post('/graphql', { [ROUTER_SECRET_HEADER]: SECRET });
    expect(await response.json()).toEqual({ data: { touch: 1 } });
    const elsewhere = await post('/anything/graphql', { [ROUTER_SECRET_HEADER]: SECRET });
    expect(elsewhere.status).toBe(404);
    expect(touched).toBe(1);
    touched = 0;
  });

  it('serves health, readiness and its public routes to anyone', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${url}/.well-known/keys.json`)).json()).toEqual({ keys: [] });
    expect(await (await post('/webhooks/echo', {}, 'hello')).json()).toEqual({ echoed: 'hello' });
    // A public path with another method, or an unknown well-known document, is not public.
    expect((await fetch(`${url}/webhooks/echo`)).status).toBe(403);
    expect((await fetch(`${url}/.well-known/other.json`)).status).toBe(403);
  });

  it('refuses WebSocket upgrades without the secret on every path, before any message', async () => {
    const ws = url.replace('http', 'ws');
    for (const path of ['/graphql', '/graphql?x=1', '/graphql/', '/anything/graphql']) {
      expect({ path, status: await upgradeStatus(`${ws}${path}`) }).toEqual({
        path,
        status: path.startsWith('/graphql?') || path === '/graphql' ? 403 : 400,
      });
    }
    expect(await upgradeStatus(`${ws}/graphql`, { [ROUTER_SECRET_HEADER]: 'guess-guess-guess-guess' })).toBe(403);
    expect(await upgradeStatus(`${ws}/graphql`, { [ROUTER_SECRET_HEADER]: SECRET })).toBe(101);
  });

  it('closes a WebSocket that sends a message over the size limit', async () => {
    const Authenticated = webSocketWithHeaders({ [ROUTER_SECRET_HEADER]: SECRET });
    const socket = new Authenticated(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(BODY_LIMIT + 1) } }));
    expect(await closed).toBe(1009);
  });
});

describe('body limits of a subgraph', () => {
  it('answers 413 to an oversized GraphQL body without waiting for the rest of it', async () => {
    const answer = await partialUpload('/graphql', 50_000_000, 64 * 1024, { [ROUTER_SECRET_HEADER]: SECRET });
    expect(answer).toEqual({ status: 413, closedByServer: true });
  });

  it('answers 403 to an oversized body without the secret, without waiting for it either', async () => {
    expect(await partialUpload('/anything', 50_000_000, 64 * 1024)).toEqual({ status: 403, closedByServer: true });
    expect(await partialUpload('/health', 50_000_000, 64 * 1024)).toEqual({ status: 403, closedByServer: true });
  });

  it("answers 413 to a public route's oversized body before its handler reads it", async () => {
    expect(await partialUpload('/webhooks/echo', 5_000_000, 2000)).toEqual({ status: 413, closedByServer: true });
  });

  it('answers 411 to a body of unknown length', async () => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [ROUTER_SECRET_HEADER]: SECRET },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(mutation));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(411);
    expect(touched).toBe(0);
  });
});

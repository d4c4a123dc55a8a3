import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestTokens, eventually, testEnv, uniqueName, type TestTokens } from '@busline/shared/testing';
import { startProbeRouter, type ProbeRouter } from './fixtures/probe-router';
import { startProbeSubgraph, type ProbeSubgraph } from './fixtures/subgraphs';

let probe: ProbeSubgraph;
let tokens: TestTokens;
const routers: ProbeRouter[] = [];
const sockets: WebSocket[] = [];

/** The heap in use after a full collection: garbage left by the flood's parsing is not what the limit bounds. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
function liveHeap() {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

beforeAll(async () => {
  probe = await startProbeSubgraph();
  tokens = await createTestTokens();
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const router of routers.splice(0)) await router.stop();
});
afterAll(() => probe.stop());

async function router(options: Parameters<typeof startProbeRouter>[1] = {}): Promise<ProbeRouter> {
  const started = await startProbeRouter(probe, { verifier: tokens.verifier, ...options });
  routers.push(started);
  return started;
}

const bearer = async (userId: string) => `Bearer ${await tokens.sign({ userId, role: 'PASSENGER', companyId: null })}`;

type Message = { type: string; id?: string; payload?: any };

/** A bare graphql-transport-ws socket: every message it receives is kept, in order. */
async function openSocket(
  url: string,
  options: { localAddress?: string; init?: Record<string, unknown> | false; forwardedFor?: string } = {},
) {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', {
    localAddress: options.localAddress,
    headers: options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {},
  });
  sockets.push(socket);
  const messages: Message[] = [];
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as Message));
  const opened = await new Promise<number>((resolve) => {
    socket.once('open', () => resolve(101));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => undefined);
  });
  if (opened === 101 && options.init !== false) {
    socket.send(JSON.stringify({ type: 'connection_init', payload: options.init ?? {} }));
    await eventually(
      () => messages.some((m) => m.type === 'connection_ack') || socket.readyState !== WebSocket.OPEN,
      5000,
      5,
    );
  }
  const subscribe = (id: string, query: string, variables?: Record<string, unknown>) =>
    socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
  return { socket, opened, messages, closed, subscribe };
}

/** POSTs `{ probe }` (or `query`) from `localAddress`; resolves with the status, Retry-After and first error code. */
function probeRequest(
  url: string,
  options: { localAddress?: string; authorization?: string; forwardedFor?: string; query?: string } = {},
) {
  const body = JSON.stringify({ query: options.query ?? '{ probe }' });
  const target = new URL(`${url}/graphql`);
  return new Promise<{ status: number; retryAfter: string | undefined; code: unknown }>((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        localAddress: options.localAddress,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(options.authorization ? { authorization: options.authorization } : {}),
          ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          const parsed = JSON.parse(text) as { errors?: { extensions?: { code?: unknown } }[] };
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'] as string | undefined,
            code: parsed.errors?.[0]?.extensions?.code,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('subscriptions on one connection', () => {
  it('accepts 50 of 5,000 differently aliased subscriptions, refusing the rest without their memory', async () => {
    const { url, router: running } = await router();
    const client = await openSocket(url);
    const heapBefore = liveHeap();
    for (let i = 0; i < 5000; i++) client.subscribe(`s${i}`, `subscription { tick${i}: probeTicks }`);
    await eventually(() => client.messages.filter((m) => m.type === 'error').length === 4950, 20_000, 20);
    const refusals = client.messages.filter((m) => m.type === 'error');
    expect(new Set(refusals.map((m) => m.payload[0].extensions.code))).toEqual(new Set(['SUBSCRIPTION_LIMIT_REACHED']));
    expect(refusals[0]!.payload[0].message).toBe('At most 50 subscriptions may be open on one connection');
    await eventually(() => running.subscriptions!.stats().subscribers === 50);
    expect(running.subscriptions!.stats().upstreamSubscriptions).toBe(50);
    // The unbounded flood kept ~56 KB per subscription (+280 MB for 5,000); 50 keep a few MB.
    expect(liveHeap() - heapBefore).toBeLessThan(20 * 1024 * 1024);
  });

  it('frees a place when a subscription completes', async () => {
    const { url, router: running } = await router({ connectionLimits: { subscriptionsPerConnection: 2 } });
    const client = await openSocket(url);
    client.subscribe('a', 'subscription { probeTicks }');
    client.subscribe('b', 'subscription { t: probeTicks }');
    client.subscribe('c', 'subscription { u: probeTicks }');
    await eventually(() => client.messages.some((m) => m.id === 'c' && m.type === 'error'));
    await eventually(() => running.subscriptions!.stats().subscribers === 2);
    client.socket.send(JSON.stringify({ id: 'a', type: 'complete' }));
    await eventually(() => running.subscriptions!.stats().subscribers === 1);
    client.subscribe('d', 'subscription { v: probeTicks }');
    await eventually(() => running.subscriptions!.stats().subscribers === 2);
    expect(client.messages.filter((m) => m.id === 'd' && m.type === 'error')).toEqual([]);
  });
});

describe('subscriptions over all of one client’s connections', () => {
  it('caps an address’s subscriptions across its connections, and frees a place when one ends', async () => {
    const { url, router: running } = await router({
      connectionLimits: { subscriptionsPerConnection: 3, subscriptionsPerAddress: 5 },
    });
    const first = await openSocket(url, { localAddress: '127.0.0.21' });
    const second = await openSocket(url, { localAddress: '127.0.0.21' });
    const elsewhere = await openSocket(url, { localAddress: '127.0.0.22' });
    for (const id of ['a', 'b', 'c']) first.subscribe(id, `subscription { ${id}: probeTicks }`);
    for (const id of ['d', 'e', 'f']) second.subscribe(id, `subscription { ${id}: probeTicks }`);
    await eventually(() => second.messages.some((m) => m.id === 'f' && m.type === 'error'));
    expect(second.messages.find((m) => m.id === 'f')!.payload[0]).toMatchObject({
      message: 'At most 5 subscriptions may be open at once',
      extensions: { code: 'SUBSCRIPTION_LIMIT_REACHED', max: 5 },
    });
    await eventually(() => running.subscriptions!.stats().subscribers === 5);
    // Another address is not held back by it.
    elsewhere.subscribe('g', 'subscription { g: probeTicks }');
    await eventually(() => running.subscriptions!.stats().subscribers === 6);
    // A connection that closes gives its places back.
    first.socket.close();
    await eventually(() => running.subscriptions!.stats().subscribers === 3);
    second.subscribe('h', 'subscription { h: probeTicks }');
    await eventually(() => running.subscriptions!.stats().subscribers === 4);
    expect(second.messages.filter((m) => m.id === 'h' && m.type === 'error')).toEqual([]);
  });

  it('caps a signed-in user’s subscriptions across their connections', async () => {
    const { url, router: running } = await router({
      connectionLimits: { subscriptionsPerConnection: 3, subscriptionsPerUser: 4 },
    });
    const authorization = await bearer(randomUUID());
    const one = await openSocket(url, { init: { authorization } });
    const two = await openSocket(url, { init: { authorization } });
    for (const id of ['a', 'b', 'c']) one.subscribe(id, `subscription { ${id}: probeTicks }`);
    await eventually(() => running.subscriptions!.stats().subscribers === 3);
    for (const id of ['d', 'e']) two.subscribe(id, `subscription { ${id}: probeTicks }`);
    await eventually(() => two.messages.some((m) => m.id === 'e' && m.type === 'error'));
    expect(two.messages.filter((m) => m.type === 'error').map((m) => m.id)).toEqual(['e']);
  });
});

describe('WebSocket connections', () => {
  it('closes a connection that sends no connection_init in time', async () => {
    const { url } = await router({ connectionLimits: { initTimeoutMs: 300 } });
    const client = await openSocket(url, { init: false });
    const started = Date.now();
    expect(await client.closed).toBe(4408);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a fourth connection from one address with 429, and takes it again once one closes', async () => {
    const { url } = await router({ connectionLimits: { perAddress: 3 } });
    const open = [];
    for (let i = 0; i < 3; i++) open.push(await openSocket(url, { localAddress: '127.0.0.5' }));
    expect(open.map((c) => c.opened)).toEqual([101, 101, 101]);
    expect((await openSocket(url, { localAddress: '127.0.0.5' })).opened).toBe(429);
    expect((await openSocket(url, { localAddress: '127.0.0.6' })).opened).toBe(101);
    open[0]!.socket.close();
    await open[0]!.closed;
    await eventually(async () => (await openSocket(url, { localAddress: '127.0.0.5', init: false })).opened === 101);
  });

  it('counts the addresses of one IPv6 /64 as one address (behind a trusted proxy)', async () => {
    const { url } = await router({ connectionLimits: { perAddress: 3 }, trustProxy: 1 });
    const statuses = [];
    for (let i = 1; i <= 4; i++) statuses.push((await openSocket(url, { forwardedFor: `2001:db8:1:2::${i}` })).opened);
    expect(statuses).toEqual([101, 101, 101, 429]);
    expect((await openSocket(url, { forwardedFor: '2001:db8:1:3::1' })).opened).toBe(101);
  });

  it("closes a user's third connection with 4429 while another user connects", async () => {
    const { url } = await router({ connectionLimits: { perUser: 2 } });
    const grace = await bearer('user-grace');
    for (let i = 0; i < 2; i++)
      expect((await openSocket(url, { init: { authorization: grace } })).messages[0]?.type).toBe('connection_ack');
    const third = await openSocket(url, { init: { authorization: grace } });
    expect(await third.closed).toBe(4429);
    const other = await openSocket(url, { init: { authorization: await bearer('user-eric') } });
    expect(other.messages[0]?.type).toBe('connection_ack');
  });

  it('counts a token written with spaces around it against its user, as the subgraphs read it', async () => {
    const { url } = await router({ connectionLimits: { perUser: 2 } });
    const padded = await bearer('user-padded');
    for (const authorization of [` ${padded}`, `${padded}\t `])
      expect((await openSocket(url, { init: { authorization } })).messages[0]?.type).toBe('connection_ack');
    const third = await openSocket(url, { init: { authorization: `  ${padded}` } });
    expect(await third.closed).toBe(4429);
  });

  it.each([
    ['a line break', 'Bearer abc\r\nx-router-secret: forged'],
    ['a NUL byte', 'Bearer abc\u0000def'],
    ['40 KB', `Bearer ${'a.'.repeat(20_000)}`],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
  ])('refuses every operation of a connection whose credentials hold %s with UNAUTHENTICATED', async (_what, auth) => {
    const { url } = await router();
    const connection = await openSocket(url, { init: { authorization: auth } });
    expect(connection.messages[0]?.type).toBe('connection_ack');
    connection.subscribe('q', '{ probe }');
    connection.subscribe('s', 'subscription { probeTicks }');
    await eventually(() => connection.messages.filter((m) => m.type === 'error').length === 2);
    expect(connection.messages.slice(1)).toEqual(
      ['q', 's'].map((id) => ({
        id,
        type: 'error',
        payload: [{ message: 'Authorization must be "Bearer <token>"', extensions: { code: 'UNAUTHENTICATED' } }],
      })),
    );
  });
});

describe('subscription streams over HTTP', () => {
  /** Opens an SSE subscription; resolves with the response (its body still streaming) and an abort. */
  async function sse(url: string, query: string, authorization?: string) {
    const controller = new AbortController();
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        ...(authorization ? { authorization } : {}),
      },
      body: JSON.stringify({ query }),
      signal: controller.signal,
    });
    return { response, abort: () => controller.abort() };
  }

  it('refuses a third open SSE stream from one address, and takes one again once a stream closes', async () => {
    const { url, router: running } = await router({ connectionLimits: { perAddress: 2 } });
    const first = await sse(url, 'subscription { a: probeTicks }');
    await sse(url, 'subscription { b: probeTicks }');
    await eventually(() => running.subscriptions!.stats().subscribers === 2);
    const third = await sse(url, 'subscription { c: probeTicks }');
    const refusal = await third.response.text();
    expect(refusal).toContain('"code":"SUBSCRIPTION_LIMIT_REACHED"');
    expect(refusal).toContain('At most 2 subscription streams may be open at once');
    expect(running.subscriptions!.stats().subscribers).toBe(2);
    first.abort();
    await eventually(() => running.subscriptions!.stats().subscribers === 1);
    await sse(url, 'subscription { d: probeTicks }');
    await eventually(() => running.subscriptions!.stats().subscribers === 2);
  });

  it("counts a signed-in user's streams against the user, wherever they come from", async () => {
    const { url, router: running } = await router({ connectionLimits: { perUser: 1 } });
    const authorization = await bearer('user-streams');
    await sse(url, 'subscription { probeTicks }', authorization);
    await eventually(() => running.subscriptions!.stats().subscribers === 1);
    expect(await (await sse(url, 'subscription { t: probeTicks }', authorization)).response.text()).toContain(
      'SUBSCRIPTION_LIMIT_REACHED',
    );
    await sse(url, 'subscription { u: probeTicks }', await bearer('someone-else'));
    await eventually(() => running.subscriptions!.stats().subscribers === 2);
  });

  it('counts every stream against its address too, however many accounts it signs in with', async () => {
    const { url, router: running } = await router({ connectionLimits: { perAddress: 2, perUser: 10 } });
    // Accounts are free to make: one address, one new account per stream.
    await sse(url, 'subscription { a: probeTicks }', await bearer('account-a'));
    await sse(url, 'subscription { b: probeTicks }');
    await eventually(() => running.subscriptions!.stats().subscribers === 2);
    const third = await sse(url, 'subscription { c: probeTicks }', await bearer('account-c'));
    expect(await third.response.text()).toContain('SUBSCRIPTION_LIMIT_REACHED');
    expect(running.subscriptions!.stats().subscribers).toBe(2);
  });
});

describe('shared upstream subscriptions', () => {
  it('shares one upstream between spellings of the same subscription', async () => {
    const { url, router: running } = await router();
    const token = await tokens.sign({ userId: 'user-grace', role: 'PASSENGER', companyId: null });
    const spellings = [
      { auth: `Bearer ${token}`, query: 'subscription { probeTicks }' },
      { auth: `bearer  ${token}`, query: 'subscription   Ticks {\n  # the same\n  probeTicks\n}' },
      { auth: ` BEARER ${token} `, query: 'query Other { probe } subscription Named { probeTicks }' },
    ];
    for (const [i, spelling] of spellings.entries()) {
      const client = await openSocket(url, { init: { authorization: spelling.auth } });
      client.socket.send(
        JSON.stringify({
          id: `s${i}`,
          type: 'subscribe',
          payload: { query: spelling.query, operationName: i === 2 ? 'Named' : undefined },
        }),
      );
    }
    await eventually(() => running.subscriptions!.stats().subscribers === 3);
    expect(running.subscriptions!.stats().upstreamSubscriptions).toBe(1);
  });
});

describe('request rate limits', () => {
  it('answers 429 with Retry-After past an address budget, while a signed-in user there goes on', async () => {
    const { url } = await router({
      rateLimit: { perAddressPerMinute: 5, perUserPerMinute: 100, prefix: uniqueName('rl') },
    });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await probeRequest(url, { localAddress: '127.0.0.7' }));
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers[5]).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(answers[5]!.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(answers[5]!.retryAfter)).toBeLessThanOrEqual(60);
    expect(
      (await probeRequest(url, { localAddress: '127.0.0.7', authorization: await bearer('user-nat') })).status,
    ).toBe(200);
    expect((await probeRequest(url, { localAddress: '127.0.0.8' })).status).toBe(200);
  });

  it('counts the addresses of one IPv6 /64 on one budget (behind a trusted proxy)', async () => {
    const { url } = await router({
      trustProxy: 1,
      rateLimit: { perAddressPerMinute: 5, perUserPerMinute: 100, prefix: uniqueName('rl') },
    });
    const statuses = [];
    for (let i = 1; i <= 8; i++)
      statuses.push((await probeRequest(url, { forwardedFor: `2001:db8:1:2:${i.toString(16)}::${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect((await probeRequest(url, { forwardedFor: '2001:db8:1:3::1' })).status).toBe(200);
  });

  it("counts a user's requests from every address together", async () => {
    const { url } = await router({
      rateLimit: { perUserPerMinute: 3, perAddressPerMinute: 100, prefix: uniqueName('rl') },
    });
    const authorization = await bearer('user-roaming');
    const statuses = [];
    for (const localAddress of ['127.0.0.9', '127.0.0.10', '127.0.0.11', '127.0.0.12'])
      statuses.push((await probeRequest(url, { localAddress, authorization })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it("counts a signed-in request's sign-in mutations against its address too: a token of one's own lifts nothing", async () => {
    const { url } = await router({
      rateLimit: { perUserPerMinute: 100, perAddressPerMinute: 3, prefix: uniqueName('rl') },
    });
    // A password sprayer with the token of a throwaway account of their own.
    const authorization = await bearer('user-sprayer');
    const login = 'mutation { login(email: "victim@example.com") }';
    const codes = [];
    for (let i = 0; i < 4; i++)
      codes.push((await probeRequest(url, { localAddress: '127.0.0.15', authorization, query: login })).code);
    expect(codes).toEqual([undefined, undefined, undefined, 'RATE_LIMITED']);
    // The user's other requests from there go on: they count against the user.
    expect((await probeRequest(url, { localAddress: '127.0.0.15', authorization })).status).toBe(200);
    // Each sign-in field counts, aliased or in a fragment.
    const two =
      'mutation { ...Guess } fragment Guess on Mutation { a: login(email: "a@x.rw") b: login(email: "b@x.rw") }';
    const at16 = { localAddress: '127.0.0.16', authorization, query: two };
    expect((await probeRequest(url, at16)).code).toBeUndefined();
    expect((await probeRequest(url, at16)).code).toBe('RATE_LIMITED');
  });

  it('counts sign-in mutations against the address over WebSocket too, and each aliased one of an anonymous call', async () => {
    const { url } = await router({
      rateLimit: { perUserPerMinute: 100, perAddressPerMinute: 3, prefix: uniqueName('rl') },
    });
    const client = await openSocket(url, {
      localAddress: '127.0.0.17',
      init: { authorization: await bearer('user-ws') },
    });
    for (const id of ['1', '2', '3', '4']) client.subscribe(id, `mutation { login(email: "v${id}@x.rw") }`);
    await eventually(() =>
      ['1', '2', '3', '4'].every((id) => client.messages.some((m) => m.id === id && m.type !== 'next')),
    );
    const outcome = (id: string) => {
      const next = client.messages.find((m) => m.id === id && m.type === 'next');
      const error = client.messages.find((m) => m.id === id && m.type === 'error');
      return next?.payload?.errors?.[0]?.extensions?.code ?? error?.payload?.[0]?.extensions?.code ?? 'ok';
    };
    expect(['1', '2', '3', '4'].map(outcome)).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
    // Without a token, four aliased guesses in one request cost four points, not one.
    const four = `mutation { ${['a', 'b', 'c', 'd'].map((k) => `${k}: login(email: "${k}@x.rw")`).join(' ')} }`;
    expect((await probeRequest(url, { localAddress: '127.0.0.18', query: four })).code).toBe('RATE_LIMITED');
  });

  it('counts subscriptions over WebSocket on the same budget', async () => {
    const { url } = await router({
      rateLimit: { perUserPerMinute: 100, perAddressPerMinute: 2, prefix: uniqueName('rl') },
    });
    const client = await openSocket(url, { localAddress: '127.0.0.13' });
    for (const id of ['a', 'b', 'c']) client.subscribe(id, 'subscription { probeTicks }');
    await eventually(() => client.messages.some((m) => m.id === 'c' && m.type === 'error'));
    expect(client.messages.find((m) => m.id === 'c')!.payload[0].extensions.code).toBe('RATE_LIMITED');
    expect(client.messages.filter((m) => m.type === 'error').map((m) => m.id)).toEqual(['c']);
  });

  describe.runIf(testEnv.redisUrl)('with Redis', () => {
    it('shares one budget between two routers', async () => {
      const rateLimit = {
        perAddressPerMinute: 4,
        perUserPerMinute: 100,
        redisUrl: testEnv.redisUrl,
        prefix: uniqueName('rl'),
      };
      const [a, b] = [await router({ rateLimit }), await router({ rateLimit })];
      const statuses = [];
      for (const url of [a.url, b.url, a.url, b.url, a.url])
        statuses.push((await probeRequest(url, { localAddress: '127.0.0.14' })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
    });
  });
});

describe('TCP connections per address', () => {
  const held: Socket[] = [];
  afterEach(() => {
    for (const socket of held.splice(0)) socket.destroy();
  });

  /** A connection from `localAddress` that sends half a request and then nothing (slowloris). */
  async function halfSent(url: string, localAddress: string): Promise<Socket> {
    const { hostname, port } = new URL(url);
    const socket = connect({ host: hostname, port: Number(port), localAddress });
    held.push(socket);
    await once(socket, 'connect');
    socket.write(`POST /graphql HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\n`);
    return socket;
  }

  /** A whole request on a new connection from `localAddress`: the status and the body, read until the end. */
  async function send(url: string, localAddress: string, query: string) {
    const { hostname, port } = new URL(url);
    const socket = connect({ host: hostname, port: Number(port), localAddress });
    held.push(socket);
    const body = JSON.stringify({ query });
    socket.write(
      `POST /graphql HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\nconnection: close\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    let text = '';
    socket.on('data', (chunk) => (text += String(chunk)));
    await once(socket, 'close');
    return { status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1]), body: text.slice(text.indexOf('\r\n\r\n') + 4) };
  }

  it('answers one past the limit with 429 and runs nothing it sent, while other addresses connect', async () => {
    const { url, router: running } = await router({ connectionLimits: { socketsPerAddress: 4 } });
    for (let i = 0; i < 4; i++) await halfSent(url, '127.0.0.7');
    const refused = await send(url, '127.0.0.7', 'mutation { recordVisit(label: "past-the-limit") }');
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).errors[0].extensions.code).toBe('RATE_LIMITED');
    // A client that reads the 429 and sends its request anyway, before the socket is gone.
    const { hostname, port } = new URL(url);
    const late = connect({ host: hostname, port: Number(port), localAddress: '127.0.0.7' });
    held.push(late);
    await once(late, 'data');
    const body = JSON.stringify({ query: 'mutation { recordVisit(label: "after-429") }' });
    late.write(
      `POST /graphql HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\n` +
        `content-length: ${body.length}\r\n\r\n${body}`,
    );
    await once(late, 'close');
    expect(probe.visits).not.toContain('past-the-limit');
    expect(probe.visits).not.toContain('after-429');
    const other = await send(url, '127.0.0.8', 'mutation { recordVisit(label: "other-address") }');
    expect(other.status).toBe(200);
    expect(probe.visits).toContain('other-address');
    expect(await running.metrics.metrics()).toMatch(/busline_router_connections_refused_total\{[^}]*\} 2\b/);
    // One of the four goes: the address may connect again.
    held[0]!.destroy();
    await eventually(async () => (await send(url, '127.0.0.7', '{ probe }')).status === 200);
  });

  it('counts WebSocket connections too', async () => {
    const { url } = await router({ connectionLimits: { socketsPerAddress: 2, perAddress: 10 } });
    for (let i = 0; i < 2; i++) expect((await openSocket(url, { localAddress: '127.0.0.9' })).opened).toBe(101);
    expect((await openSocket(url, { localAddress: '127.0.0.9' })).opened).toBe(429);
    expect((await send(url, '127.0.0.9', '{ probe }')).status).toBe(429);
  });

  it('leaves the count to the proxies when it trusts them (every socket comes from one)', async () => {
    const { url } = await router({ connectionLimits: { socketsPerAddress: 2 }, trustProxy: 1 });
    for (let i = 0; i < 4; i++) await halfSent(url, '127.0.0.10');
    expect((await send(url, '127.0.0.10', '{ probe }')).status).toBe(200);
  });
});

describe('schema names in error messages', () => {
  /** The error messages of a POSTed operation. */
  async function messagesOf(url: string, query: string) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return ((await response.json()) as { errors?: { message: string }[] }).errors?.map((e) => e.message) ?? [];
  }

  it('suggests no field, argument, type or enum value a misspelled one resembles, over HTTP or WebSocket', async () => {
    const { url } = await router();
    const http = [
      ...(await messagesOf(url, '{ prob }')),
      ...(await messagesOf(url, '{ probeItems(frist: 1) { id } }')),
      ...(await messagesOf(url, 'query($k: ProbeFailur) { probe }')),
      ...(await messagesOf(url, 'subscription { probeFailure(kind: UNEXPECTE) }')),
    ];
    // One suggestion hidden in each (beside other errors of the same documents).
    expect(http.filter((message) => message.endsWith('[Suggestion hidden]'))).toHaveLength(4);
    const client = await openSocket(url);
    client.subscribe('literal', 'subscription { probeFailure(kind: DOMAN) }');
    client.subscribe('variable', 'subscription($k: ProbeFailure!) { probeFailure(kind: $k) }', { k: 'DOMAN' });
    // Refused while validated, or (a variable's value, which the subgraph checks) in the stream's first event.
    const failed = () => client.messages.filter((m) => m.type === 'error' || (m.type === 'next' && m.payload.errors));
    await eventually(() => failed().length === 2);
    const ws = failed().map((m) => (m.type === 'error' ? m.payload[0] : m.payload.errors[0]).message as string);
    expect(ws.join('\n')).toMatch(/DOMAN/);
    for (const message of [...http, ...ws])
      expect(message).not.toMatch(/"(probe|probeItems|first|ProbeFailure|UNEXPECTED|DOMAIN)"\?|Did you mean/);
  });
});

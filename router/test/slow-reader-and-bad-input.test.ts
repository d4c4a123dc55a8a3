// What a client cannot make the router do: hold answers it never reads, answer its malformed GET parameters as a
// fault of the router, or show it over WebSocket what it only shows over HTTP.
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import type { ExecutionResult } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventually } from '@busline/shared/testing';
import { startProbeRouter, type ProbeRouter } from './fixtures/probe-router';
import { startProbeSubgraph, type ProbeSubgraph } from './fixtures/subgraphs';

// The page size in a variable, as a client writes it: ~1.3 MB an answer, within every query limit.
const QUERY = 'query ($n: Int!) { probeItems(first: $n) { id a: id b: id c: id } }';

let probe: ProbeSubgraph;
let router: ProbeRouter;
/** The router's side of each WebSocket connection, in the order they were upgraded. */
const serverSockets: Socket[] = [];

beforeAll(async () => {
  probe = await startProbeSubgraph();
  router = await startProbeRouter(probe, { introspection: false });
  router.router.httpServer.on('upgrade', (_req, socket: Socket) => serverSockets.push(socket));
});

afterAll(async () => {
  await router.stop();
  await probe.stop();
});

const wsUrl = () => `${router.url.replace('http', 'ws')}/graphql`;

describe('a graphql-ws client that stops reading', () => {
  it('gets no more answers held for it than a few megabytes: past them its socket is dropped', async () => {
    const socket = new WebSocket(wsUrl(), 'graphql-transport-ws');
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await once(socket, 'message');
    const server = serverSockets.at(-1)!;
    socket.send(
      JSON.stringify({ id: 'first', type: 'subscribe', payload: { query: QUERY, variables: { n: 25_000 } } }),
    );
    const [first] = await once(socket, 'message');
    expect(JSON.parse(String(first))).toMatchObject({ id: 'first', type: 'next' });
    // The client stops reading, and asks for 200 more answers (within the rate limit).
    (socket as unknown as { _socket: Socket })._socket.pause();
    for (let i = 1; i <= 200; i++)
      socket.send(
        JSON.stringify({ id: String(i), type: 'subscribe', payload: { query: QUERY, variables: { n: 25_000 } } }),
      );
    let most = 0;
    await eventually(() => {
      most = Math.max(most, server.writableLength);
      return server.destroyed;
    }, 20_000);
    // 4 MB waiting at most, and the answer being sent when it was passed.
    expect(most).toBeLessThan(8 * 1024 * 1024);
    socket.terminate();
  });
});

describe('an SSE or multipart subscriber that stops reading', () => {
  /** A subscription over a raw socket that reads the answer's head and nothing more. */
  async function stalled(query: string, accept: string): Promise<Socket> {
    const body = JSON.stringify({ query, variables: { n: 5000 } });
    const socket = connect(Number(new URL(router.url).port), '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      `POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\naccept: ${accept}\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await once(socket, 'data');
    socket.pause();
    return socket;
  }

  it('gets no more events held for it than about a megabyte: the oldest are dropped', async () => {
    // ~260 KB an event; two streams of their own groups (another alias), one per protocol.
    const sockets = [
      await stalled(
        'subscription ($n: Int!) { probeItemTicks(first: $n) { id a: id b: id c: id } }',
        'text/event-stream',
      ),
      await stalled(
        'subscription ($n: Int!) { probeItemTicks(first: $n) { id a: id b: id d: id } }',
        'multipart/mixed;subscriptionSpec="1.0",application/json',
      ),
    ];
    const stats = () => router.router.subscriptions!.stats();
    await eventually(() => stats().subscribers === 2 && probe.openTicks() === 2);
    let most = { events: 0, bytes: 0 };
    const look = () => {
      const { queuedEvents, queuedBytes } = stats();
      most = { events: Math.max(most.events, queuedEvents), bytes: Math.max(most.bytes, queuedBytes) };
      return queuedEvents;
    };
    for (let i = 0; i < 60; i++) {
      await probe.publishTick(i);
      look();
    }
    // Queued for them at last (each stream's socket full of what was written before it stopped taking more)...
    await eventually(() => look() >= 4);
    await new Promise((resolve) => setTimeout(resolve, 300));
    look();
    // ...a megabyte a stream at most (four of these events), where up to 100 events each (26 MB) were kept before.
    expect(most.bytes).toBeLessThanOrEqual(2 * (1 << 20));
    expect(most.events).toBeLessThanOrEqual(2 * 4);
    for (const socket of sockets) socket.destroy();
    await eventually(() => stats().subscribers === 0);
  });
});

/** A GET as Apollo Client or an EventSource sends it (a preflight header passes CSRF prevention). */
const get = (params: Record<string, string>, accept = 'application/json') =>
  fetch(`${router.url}/graphql?${new URLSearchParams(params)}`, {
    headers: { accept, 'apollo-require-preflight': 'true' },
  });

describe('a GET whose parameters are not JSON', () => {
  it('is answered BAD_REQUEST (400), not INTERNAL_SERVER_ERROR: variables, extensions', async () => {
    for (const params of [{ variables: '{' }, { extensions: 'x' }] as Record<string, string>[]) {
      const response = await get({ query: '{ probe }', ...params });
      expect(response.status).toBe(400);
      const body = (await response.json()) as ExecutionResult;
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    }
  });

  it('ends a subscription asked for as EventSource does with BAD_REQUEST', async () => {
    const response = await get({ query: 'subscription { probeTicks }', variables: '{"a":' }, 'text/event-stream');
    const text = await response.text();
    expect(text).toContain('BAD_REQUEST');
    expect(text).not.toContain('INTERNAL_SERVER_ERROR');
  });
});

describe('graphql-ws errors', () => {
  it('carry the extensions they carry over HTTP: the code, not the HTTP status hint', async () => {
    const client = createClient({ url: wsUrl(), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const errors = await new Promise<unknown>((resolve) =>
        client.subscribe(
          { query: 'subscription { probeTickz }' },
          { next: () => {}, error: resolve, complete: () => {} },
        ),
      );
      expect(errors).toEqual([expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })]);
    } finally {
      await client.dispose();
    }
  });
});

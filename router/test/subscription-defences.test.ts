import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionResult } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually } from '@busline/shared/testing';
import { startProbeRouter, type ProbeRouter } from './fixtures/probe-router';
import { startProbeSubgraph, type ProbeSubgraph } from './fixtures/subgraphs';

type Transport = 'graphql-ws' | 'sse' | 'multipart';

const ACCEPT = { sse: 'text/event-stream', multipart: 'multipart/mixed;subscriptionSpec="1.0"' } as const;
const MAX_BODY_BYTES = 100_000;

let probe: ProbeSubgraph;
let router: ProbeRouter;

const wsUrl = () => `${router.url.replace('http', 'ws')}/graphql`;
const stats = () => router.router.subscriptions!.stats();

beforeAll(async () => {
  probe = await startProbeSubgraph();
  router = await startProbeRouter(probe, { limits: { maxBodyBytes: MAX_BODY_BYTES } });
});

afterAll(async () => {
  await router.stop();
  await probe.stop();
});

/** Rejects when `promise` has not settled within `ms`. */
async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function subscribeOverHttp(
  transport: 'sse' | 'multipart',
  query: string,
  variables?: Record<string, unknown>,
  signal?: AbortSignal,
) {
  return fetch(`${router.url}/graphql`, {
    method: 'POST',
    headers: { accept: ACCEPT[transport], 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
    signal,
  });
}

/**
 * Every result of an HTTP subscription, read until the router ends the response, and whether it said
 * the stream is over.
 */
async function readStream(response: Response): Promise<{ results: ExecutionResult[]; ended: boolean }> {
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  if (type.startsWith('text/event-stream')) {
    const events = text
      .split('\n\n')
      .filter((block) => block.startsWith('event:'))
      .map((block) => ({ event: /^event: (.*)$/m.exec(block)?.[1], data: /^data: ?(.*)$/m.exec(block)?.[1] }));
    return {
      results: events.filter((e) => e.event === 'next').map((e) => JSON.parse(e.data!)),
      ended: events.at(-1)?.event === 'complete',
    };
  }
  if (type.startsWith('multipart/mixed')) {
    // Apollo's subscription parts hold {payload} (and {} heartbeats); Yoga's own multipart answer holds
    // the result itself.
    const boundary = /boundary="?([^";]+)"?/.exec(type)![1]!;
    const parts = text.split(`\r\n--${boundary}`).slice(1, -1);
    const bodies = parts.map(
      (part) => JSON.parse(part.slice(part.indexOf('\r\n\r\n') + 4)) as ExecutionResult & { payload?: ExecutionResult },
    );
    return {
      results: bodies.flatMap((body) => (body.payload ? [body.payload] : Object.keys(body).length > 0 ? [body] : [])),
      ended: text.endsWith(`\r\n--${boundary}--\r\n`),
    };
  }
  throw new Error(`not a stream (${response.status} ${type}): ${text.slice(0, 200)}`);
}

/** Every result a subscription delivers until the router ends it, over the given transport. */
async function resultsOf(transport: Transport, query: string, variables?: Record<string, unknown>) {
  if (transport !== 'graphql-ws') return readStream(await subscribeOverHttp(transport, query, variables));
  const client = createClient({ url: wsUrl(), webSocketImpl: WebSocket, retryAttempts: 0 });
  try {
    const results: ExecutionResult[] = [];
    await new Promise<void>((resolve) => {
      client.subscribe(
        { query, variables },
        {
          next: (result) => results.push(result as ExecutionResult),
          error: (error) => {
            results.push({ errors: error as never });
            resolve();
          },
          complete: resolve,
        },
      );
    });
    return { results, ended: true };
  } finally {
    await client.dispose();
  }
}

describe('subscription errors', () => {
  it.each(['graphql-ws', 'sse', 'multipart'] as const)(
    'masks an unexpected error of the subgraph subscription over %s',
    async (transport) => {
      const { results, ended } = await resultsOf(transport, 'subscription { probeFailure(kind: UNEXPECTED) }');
      expect(results).toEqual([
        {
          errors: [
            { message: 'Unexpected error', path: ['probeFailure'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
          ],
        },
      ]);
      expect(JSON.stringify(results)).not.toMatch(/hunter2|db\.internal|ECONNRESET/);
      expect(ended).toBe(true);
    },
  );

  it.each(['graphql-ws', 'sse', 'multipart'] as const)(
    'keeps the message and code of a domain error over %s',
    async (transport) => {
      const { results } = await resultsOf(transport, 'subscription { probeFailure(kind: DOMAIN) }');
      expect(results).toEqual([
        { errors: [{ message: 'Seat 3A is taken', path: ['probeFailure'], extensions: { code: 'SEAT_UNAVAILABLE' } }] },
      ]);
    },
  );
});

describe('refused and abandoned subscriptions', () => {
  it.each(['sse', 'multipart'] as const)(
    'ends a %s subscription refused for its variables with BAD_USER_INPUT',
    async (transport) => {
      const { results, ended } = await resultsOf(
        transport,
        'subscription ($kind: ProbeFailure!) { probeFailure(kind: $kind) }',
        { kind: 'NOPE' },
      );
      expect(results).toEqual([{ errors: [expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } })] }]);
      expect(results[0]!.errors![0]!.message).toMatch(/Variable "\$kind" got invalid value "NOPE"/);
      expect(ended).toBe(true);
    },
  );

  it.each(['graphql-ws', 'sse', 'multipart'] as const)(
    'ends a %s subscription over the token limit with QUERY_LIMIT_EXCEEDED',
    async (transport) => {
      const { results, ended } = await resultsOf(transport, `subscription { probeTicks ${'__typename '.repeat(5000)}}`);
      expect(results).toEqual([
        { errors: [{ message: 'Token limit of 5000 exceeded.', extensions: { code: 'QUERY_LIMIT_EXCEEDED' } }] },
      ]);
      expect(ended).toBe(true);
    },
  );

  it.each(['graphql-ws', 'sse', 'multipart'] as const)(
    'ends a %s subscription whose events may hold more list items than a query may with QUERY_LIMIT_EXCEEDED',
    async (transport) => {
      const before = probe.requests();
      // The page size in a variable: the cost limit does not read it (the list-items limit does).
      const query = 'subscription ($n: Int!) { probeItemTicks(first: $n) { id } }';
      const { results, ended } = await resultsOf(transport, query, { n: 25_001 });
      expect(results).toEqual([
        {
          errors: [
            {
              message: expect.stringMatching(/more than 25000 list items/),
              extensions: { code: 'QUERY_LIMIT_EXCEEDED', maxListItems: 25_000 },
            },
          ],
        },
      ]);
      expect(ended).toBe(true);
      // Refused before any upstream subscription.
      expect(probe.requests()).toBe(before);
      expect(stats()).toMatchObject({ upstreamSubscriptions: 0 });
    },
  );

  it("answers a query sent with Apollo's subscription Accept as JSON, refused or not (only subscriptions stream)", async () => {
    const post = (query: string) =>
      fetch(`${router.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: `${ACCEPT.multipart},application/json` },
        body: JSON.stringify({ query }),
      });
    for (const [query, code] of [
      ['{ probe }', undefined],
      [`{ ${'probe '.repeat(5001)}}`, 'QUERY_LIMIT_EXCEEDED'],
      ['query ($n: Int!) { probeItems(first: $n) { id } }', 'BAD_USER_INPUT'],
    ] as const) {
      const response = await post(query);
      expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
      const body = (await response.json()) as ExecutionResult;
      expect(body.errors?.[0]?.extensions?.code).toBe(code);
    }
  });

  it.each(['sse', 'multipart'] as const)(
    'closes the upstream subscription when a %s client disconnects',
    async (transport) => {
      const abort = new AbortController();
      const response = await subscribeOverHttp(transport, 'subscription { probeTicks }', undefined, abort.signal);
      expect(response.status).toBe(200);
      await eventually(() => stats().upstreamSubscriptions === 1 && probe.openTicks() === 1);
      abort.abort();
      await eventually(() => probe.openTicks() === 0);
      expect(stats()).toMatchObject({ upstreamSubscriptions: 0, subscribers: 0 });
    },
  );
});

describe('WebSocket message limit', () => {
  it('closes a socket that sends a message over the body limit with 1009, and keeps serving others', async () => {
    const socket = new WebSocket(wsUrl(), 'graphql-transport-ws');
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await once(socket, 'message');
    const closed = once(socket, 'close');
    socket.send(
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: { query: `subscription { probeTicks } # ${'x'.repeat(MAX_BODY_BYTES)}` },
      }),
    );
    const [code] = await within(5000, closed, 'the socket was not closed');
    expect(code).toBe(1009);
    const { results } = await resultsOf('graphql-ws', '{ probe }');
    expect(results).toEqual([{ data: { probe: true } }]);
  });
});

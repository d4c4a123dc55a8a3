import { parse } from 'graphql';
import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createPubSub } from '../src/pubsub';
import { webSocketWithHeaders } from '../src/server/graphql-ws';
import type { Worker } from '../src/server/service';
import { createSubgraphServer, type BaseContext } from '../src/server/subgraph-server';
import { createTestTokens, graphqlRequest, inFlight, testLogger, untilSubscribed } from '../src/testing';

const SECRET = 'router-secret-for-tests-0123456789';
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { slow: String, fast: String }
  type Subscription { ticks: Int! }
`);

/** A gate a test opens by hand: what a slow resolver or event handler waits on. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** A subgraph whose `slow` query waits for the test, and a worker whose stop waits for the event it is handling. */
async function startSubgraph(worker?: Worker) {
  const tokens = await createTestTokens();
  const pubsub = createPubSub();
  const entered = gate();
  const release = gate();
  let fastRuns = 0;
  const server = createSubgraphServer<BaseContext>({
    name: 'fixture',
    typeDefs,
    logger: testLogger(),
    verifier: tokens.verifier,
    routerSecret: SECRET,
    buildContext: (base) => base,
    workers: worker ? [worker] : [],
    resolvers: {
      Query: {
        slow: async () => {
          entered.open();
          await release.opened;
          return 'finished';
        },
        fast: () => {
          fastRuns++;
          return 'fast';
        },
      },
      Subscription: { ticks: { subscribe: () => pubsub.subscribe<{ ticks: number }>('ticks') } },
    },
  });
  const url = await server.start(0);
  const query = (q: string) =>
    graphqlRequest<{ slow?: string; fast?: string }>(`${url}/graphql`, q, undefined, { 'x-router-secret': SECRET });
  return { server, url, pubsub, entered, release, query, fastRuns: () => fastRuns };
}

describe('graceful drain', () => {
  it('finishes an in-flight request, refuses new ones and reports not ready until it stops', async () => {
    const { server, url, entered, release, query } = await startSubgraph();
    const slow = inFlight(query('{ slow }'));
    await entered.opened;

    const stopped = inFlight(server.stop({ graceMs: 30_000 }));
    expect(server.draining).toBe(true);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'draining', ready: false });
    const refused = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-router-secret': SECRET },
      body: JSON.stringify({ query: '{ fast }' }),
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('connection')).toBe('close');
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'UNAVAILABLE',
    );
    // The process is alive meanwhile.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(slow.answered).toBe(false);
    expect(stopped.answered).toBe(false);

    release.open();
    const answer = await slow.answer;
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ slow: 'finished' });
    await stopped.answer;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('lets the event handler in progress finish before the workers are stopped', async () => {
    const handling = gate();
    const handled: string[] = [];
    let current: Promise<void> | undefined;
    const worker: Worker = {
      name: 'event-consumer',
      start: () => {
        current = handling.opened.then(() => void handled.push('evt-1'));
      },
      // Like the bus consumers: stopping waits for the handler in hand.
      stop: async () => {
        await current;
      },
    };
    const { server } = await startSubgraph(worker);
    const stopped = inFlight(server.stop({ graceMs: 30_000 }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped.answered).toBe(false);
    handling.open();
    await stopped.answer;
    expect(handled).toEqual(['evt-1']);
  });

  it('stops after the grace period when a request never finishes', async () => {
    const { server, entered, query } = await startSubgraph();
    const slow = inFlight(query('{ slow }'));
    await entered.opened;
    await server.stop({ graceMs: 200 });
    // Cut, not answered: the connection closed under it.
    await expect(slow.answer).rejects.toThrow();
  });

  it('closes WebSocket subscriptions with 1001, which graphql-ws clients reconnect on', async () => {
    const { server, url, pubsub } = await startSubgraph();
    const closes: number[] = [];
    const client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: webSocketWithHeaders({ 'x-router-secret': SECRET }) as unknown as typeof WebSocket,
      retryAttempts: 0,
      on: { closed: (event) => void closes.push((event as { code: number }).code) },
    });
    const ended = new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription { ticks }' },
        { next: () => undefined, error: resolve, complete: () => resolve('complete') },
      );
    });
    await untilSubscribed(pubsub, 'ticks');
    await server.stop({ graceMs: 5000 });
    await ended;
    expect(closes).toEqual([1001]);
    await client.dispose();
  });

  /** A graphql-ws client of `url` that records its close codes, and runs one operation at a time through it. */
  function wsClient(url: string) {
    const closes: number[] = [];
    const client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: webSocketWithHeaders({ 'x-router-secret': SECRET }) as unknown as typeof WebSocket,
      retryAttempts: 0,
      on: { closed: (event) => void closes.push((event as { code: number }).code) },
    });
    const run = (query: string) =>
      new Promise<{ results: unknown[]; error?: unknown }>((resolve) => {
        const results: unknown[] = [];
        client.subscribe(
          { query },
          {
            next: (value) => void results.push(value),
            error: (error) => resolve({ results, error }),
            complete: () => resolve({ results }),
          },
        );
      });
    return { client, closes, run };
  }

  it('answers a WebSocket query in flight before closing its socket with 1001, and runs no new one', async () => {
    const { server, url, entered, release, fastRuns } = await startSubgraph();
    const { client, closes, run } = wsClient(url);
    const slow = run('{ slow }');
    await entered.opened;

    const stopped = inFlight(server.stop({ graceMs: 30_000 }));
    // Sent on the draining socket: neither run nor answered here (a client that reconnects sends it elsewhere).
    const fast = run('{ fast }');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(closes).toEqual([]);
    expect(stopped.answered).toBe(false);
    // A new connection is refused at the upgrade.
    const upgrade = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', {
      headers: { 'x-router-secret': SECRET },
    });
    const refused = await new Promise<number | undefined>((resolve) => {
      upgrade.once('unexpected-response', (_req, res) => resolve(res.statusCode));
      upgrade.once('open', () => resolve(undefined));
      upgrade.once('error', () => undefined);
    });
    expect(refused).toBe(503);

    release.open();
    expect(await slow).toEqual({ results: [{ data: { slow: 'finished' } }] });
    await stopped.answer;
    expect(closes).toEqual([1001]);
    expect((await fast).results).toEqual([]);
    expect(fastRuns()).toBe(0);
    await client.dispose();
  });

  it('closes a WebSocket with 1001 once the grace period is over, even with a query still running on it', async () => {
    const { server, url, entered, release } = await startSubgraph();
    const { client, closes, run } = wsClient(url);
    const slow = run('{ slow }');
    await entered.opened;
    await server.stop({ graceMs: 300 });
    expect(closes).toEqual([1001]);
    expect((await slow).results).toEqual([]);
    release.open();
    await client.dispose();
  });
});

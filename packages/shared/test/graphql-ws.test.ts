import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import { createSchema, createYoga } from 'graphql-yoga';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachGraphqlWs, textFrame, type DirectSink } from '../src/server/graphql-ws';

/** A stream that yields nothing and ends when told (events go through the sink). */
function endable() {
  let finish: ((r: IteratorResult<never>) => void) | undefined;
  let ended = false;
  const iterator: AsyncIterableIterator<never> & { end(): void } = {
    next: () =>
      ended ? Promise.resolve({ value: undefined, done: true }) : new Promise((resolve) => (finish = resolve)),
    return: () => {
      ended = true;
      return Promise.resolve({ value: undefined, done: true });
    },
    end: () => {
      ended = true;
      finish?.({ value: undefined as never, done: true });
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

describe('graphql-ws direct sinks', () => {
  let server: Server;
  let url: string;
  let ws: { close(): Promise<unknown> };
  /** What the test's subscribe hook hands out: the sink and the stream of the latest subscription. */
  let latest: { sink: DirectSink; stream: ReturnType<typeof endable> } | undefined;

  beforeAll(async () => {
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { ok: Boolean } type Subscription { text: String }',
        resolvers: {},
      }),
      logging: false,
    });
    server = createServer(yoga);
    ws = attachGraphqlWs(server, {
      yoga: () => yoga,
      subscribe: (_args, sink) => {
        const stream = endable();
        latest = { sink: sink!, stream };
        return stream;
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await ws.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('frames short, 16-bit and 64-bit lengths so that a standard client reads them in order, then completes', async () => {
    const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0 });
    const received: string[] = [];
    const done = new Promise<void>((resolve, reject) =>
      client.subscribe<{ text: string }>(
        { query: 'subscription { text }' },
        { next: (r) => received.push(r.data!.text), error: reject, complete: resolve },
      ),
    );
    while (!latest) await new Promise((resolve) => setTimeout(resolve, 10));
    const texts = ['short', 'é'.repeat(200), 'x'.repeat(70_000)];
    for (const text of texts) expect(latest.sink.next(Buffer.from(JSON.stringify({ data: { text } })))).toBe(true);
    latest.stream.end();
    await done;
    expect(received).toEqual(texts);
    await client.dispose();
    latest = undefined;
  });

  it('skips events for a client that stops reading instead of buffering without bound', async () => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await new Promise((resolve) => socket.once('message', resolve));
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { text }' } }));
    while (!latest) await new Promise((resolve) => setTimeout(resolve, 10));
    // The client's TCP socket stops reading: kernel buffers fill, then the server's own buffer.
    (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const payload = Buffer.from(JSON.stringify({ data: { text: 'y'.repeat(256 * 1024) } }));
    let sent = 0;
    let refused = false;
    for (let i = 0; i < 400 && !refused; i++) {
      refused = !latest.sink.next(payload);
      if (!refused) sent++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(refused).toBe(true);
    expect(sent).toBeGreaterThan(0);
    socket.terminate();
    latest = undefined;
  });

  it('textFrame writes the RFC 6455 header for each length class', () => {
    const frame = (n: number) => textFrame(Buffer.alloc(0), Buffer.alloc(n, 0x61), Buffer.alloc(0));
    expect([...frame(125).subarray(0, 2)]).toEqual([0x81, 125]);
    expect([...frame(126).subarray(0, 4)]).toEqual([0x81, 126, 0, 126]);
    expect([...frame(65_536).subarray(0, 10)]).toEqual([0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect(frame(65_536).length).toBe(65_546);
  });
});

describe('graphql-ws keep-alive', () => {
  it('disconnects a client that stops answering pings and keeps one that answers', async () => {
    const yoga = createYoga({ schema: createSchema({ typeDefs: 'type Query { ok: Boolean }' }), logging: false });
    const server = createServer(yoga);
    const ws = attachGraphqlWs(server, { yoga: () => yoga, keepAliveMs: 100 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const open = async (autoPong: boolean) => {
      const socket = new WebSocket(url, 'graphql-transport-ws', { autoPong });
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ type: 'connection_init' }));
      await new Promise((resolve) => socket.once('message', resolve));
      return socket;
    };
    try {
      const silent = await open(false);
      const alive = await open(true);
      const closed = new Promise((resolve) => silent.once('close', resolve));
      await closed;
      expect(alive.readyState).toBe(WebSocket.OPEN);
      alive.terminate();
    } finally {
      await ws.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('graphql-ws operations that name no single operation', () => {
  it('refuses them with the code Yoga gives them over HTTP (OPERATION_RESOLUTION_FAILURE)', async () => {
    const yoga = createYoga({ schema: createSchema({ typeDefs: 'type Query { ok: Boolean }' }), logging: false });
    const server = createServer(yoga);
    const ws = attachGraphqlWs(server, { yoga: () => yoga });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = createClient({
      url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const refusal = (payload: { query: string; operationName?: string }) =>
      new Promise<unknown>((resolve) =>
        client.subscribe(payload, { next: resolve, error: resolve, complete: () => resolve(undefined) }),
      );
    const expected = [
      {
        message: 'Could not determine what operation to execute.',
        extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
      },
    ];
    try {
      // Two operations and no operationName; an operationName that names none of them.
      expect(await refusal({ query: 'query A { ok } query B { ok }' })).toMatchObject(expected);
      expect(await refusal({ query: 'query A { ok }', operationName: 'Missing' })).toMatchObject(expected);
    } finally {
      await client.dispose();
      await ws.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

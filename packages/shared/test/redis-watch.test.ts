// A connection a NAT or load balancer forgot silently (nothing sent gets an answer, the socket never closes) is made
// again by watchConnection: a revocation list's or live updates' subscriber missed every message for hours before.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { watchConnection } from '../src/redis';
import { eventually, testEnv } from '../src/testing';

/**
 * A path to Redis that can go silent, as a NAT or cloud load balancer does when it forgets an idle connection
 * (Azure's 4-minute idle timeout, a conntrack table flushed, a node gone without a FIN): the Redis side is closed,
 * the process's socket stays open and nothing it sends gets an answer. New connections go through.
 */
class SilentProxy {
  private server?: Server;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private readonly silenced = new Set<Socket>();
  constructor(private readonly target: URL) {}

  async start(): Promise<number> {
    this.server = createServer((client) => {
      const upstream = connect(Number(this.target.port || 6379), this.target.hostname);
      const pair = { client, upstream };
      this.pairs.add(pair);
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('error', () => undefined);
      upstream.on('error', () => undefined);
      client.on('close', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as { port: number }).port;
  }

  /** Every open connection goes silent: Redis sees it closed, the process sees nothing at all. */
  silence(): void {
    for (const { client, upstream } of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      upstream.destroy();
      client.removeAllListeners('data');
      client.on('data', () => undefined); // swallowed, never answered
      this.silenced.add(client);
    }
    this.pairs.clear();
  }

  async stop(): Promise<void> {
    for (const client of this.silenced) client.destroy();
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

let proxy: SilentProxy | undefined;
afterAll(async () => {
  await proxy?.stop();
});

describe.runIf(testEnv.redisUrl)('a Redis connection that went silent', () => {
  it('is made again once a check gets no answer in time', async () => {
    proxy = new SilentProxy(new URL(testEnv.redisUrl!));
    const port = await proxy.start();
    const client = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: null });
    client.on('error', () => undefined);
    const stop = watchConnection(client, { everyMs: 100, timeoutMs: 300 });
    try {
      expect(await client.ping()).toBe('PONG');
      let reconnected = false;
      client.once('reconnecting', () => (reconnected = true));
      proxy.silence();
      await eventually(() => reconnected, 5_000);
      // A new connection goes through: commands are answered again.
      await expect(client.ping()).resolves.toBe('PONG');
    } finally {
      stop();
      client.disconnect();
    }
  });
});

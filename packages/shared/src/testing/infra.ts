import { randomBytes, randomInt } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { it, type TestFunction } from 'vitest';
import {
  connectPostgres,
  databaseUrl,
  dropDatabase,
  ensureDatabase,
  openPglite,
  type DatabaseHandle,
} from '../db/database';
import { MemoryEventBus } from '../events/memory-bus';
import { RedisStreamBus } from '../events/redis-bus';
import type { EventBus } from '../events/types';
import { createLogger, type Logger } from '../logger';

/** A TCP port free on 127.0.0.1 right now (for a process that must be told its port before it starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
  });
}

/** Real Postgres and Redis when CI provides them; PGlite and in-memory otherwise. */
export const testEnv = {
  postgresUrl: process.env.POSTGRES_URL,
  redisUrl: process.env.REDIS_URL,
};

export function testLogger(name = 'test'): Logger {
  return createLogger(name, { level: process.env.TEST_LOG_LEVEL ?? 'silent' });
}

/**
 * A Rwandan mobile number the provider simulator approves, another one at each call: a wallet receives at most
 * PAYMENT_PROMPTS_PER_WALLET_PER_HOUR push prompts, so a workload paying many bookings pays from many phones.
 */
export function payerPhone(): string {
  return `07882${String(randomInt(0, 10_000)).padStart(4, '0')}1`;
}

export function uniqueName(label: string): string {
  return `${label.toLowerCase().replace(/[^a-z0-9]+/g, '_')}_${randomBytes(4).toString('hex')}`;
}

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Postgres URL of the fresh database (undefined on PGlite). */
  url: string | undefined;
  cleanup(): Promise<void>;
}

/** A fresh database for one test file: a new Postgres database, or an in-memory PGlite. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  if (!testEnv.postgresUrl) {
    const handle = await openPglite();
    return { handle, url: undefined, cleanup: () => handle.close() };
  }
  const name = `test_${uniqueName(label)}`;
  await ensureDatabase(testEnv.postgresUrl, name);
  const url = databaseUrl(testEnv.postgresUrl, name);
  const handle = connectPostgres(url, { poolSize: 20 });
  return {
    handle,
    url,
    async cleanup() {
      await handle.close();
      await dropDatabase(testEnv.postgresUrl!, name);
    },
  };
}

/** An event bus isolated from other test files (own stream prefix on Redis). */
export function createTestBus(label: string, logger = testLogger(), redisUrl = testEnv.redisUrl): EventBus {
  if (!redisUrl) return new MemoryEventBus(logger, { retryDelayMs: 20 });
  return new RedisStreamBus({
    url: redisUrl,
    logger,
    prefix: `test:${uniqueName(label)}`,
    blockMs: 200,
    claimIdleMs: 1000,
    retryDelayMs: 50,
  });
}

/**
 * A TCP proxy in front of a real server that a test can cut and restore, to see what happens
 * while Redis (or Postgres) is unreachable.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = this.port): Promise<number> {
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      this.sockets.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  /** Stops accepting and cuts every open connection. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }
}

/** Polls `check` until it returns a truthy value (which it resolves with) or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T> | T,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw lastError instanceof Error ? lastError : new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

const NEEDS_POSTGRES =
  'needs real Postgres (set POSTGRES_URL): PGlite runs one query at a time, so this race cannot happen on it';
let toldWhy = false;

/**
 * `it` for a race between concurrent requests (row locks, unique constraints, SKIP LOCKED). On PGlite it
 * would pass with no race at all, so without POSTGRES_URL it is skipped, with the reason printed once per
 * file and noted on the test. CI always sets POSTGRES_URL.
 */
export function itConcurrent(name: string, fn: TestFunction, timeout?: number): void {
  if (testEnv.postgresUrl) {
    it(name, fn, timeout);
    return;
  }
  if (!toldWhy) {
    toldWhy = true;
    console.warn(`Skipping the concurrency tests of this file: ${NEEDS_POSTGRES}.`);
  }
  it(name, (context) => context.skip(NEEDS_POSTGRES));
}

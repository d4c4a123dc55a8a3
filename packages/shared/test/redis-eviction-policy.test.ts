// A Redis that evicts keys when full drops events (a payment.succeeded no service reads), dead letters, and under a
// volatile-* policy revocations and rate-limit counters before their time: production refuses to start on one.
import { createServer, type Server } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger';
import { assertRedisKeepsKeys } from '../src/redis';
import { freePort, startOwnRedis, type OwnServer } from '../src/testing';

let redis: OwnServer;
let admin: Redis;

beforeAll(async () => {
  redis = await startOwnRedis();
  admin = new Redis(redis.url);
  await admin.config('SET', 'maxmemory', '100mb');
}, 30_000);

afterAll(async () => {
  admin?.disconnect();
  await redis?.destroy();
});

/** Runs the check; what it refused with (or undefined) and the warnings it logged. */
async function check(nodeEnv: string, url: string, timeoutMs?: number) {
  const warnings: { msg: string; maxmemoryPolicy?: string }[] = [];
  const logger = createLogger('test', {
    level: 'warn',
    destination: { write: (line: string) => void warnings.push(JSON.parse(line)) },
  });
  const refusal = await assertRedisKeepsKeys('ticketing', { NODE_ENV: nodeEnv, REDIS_URL: url }, logger, {
    timeoutMs,
  }).then(
    () => undefined,
    (error: Error) => error.message,
  );
  return { refusal, warnings: warnings.map((w) => w.msg) };
}

describe("Redis's maxmemory-policy at start-up", () => {
  it.each(['allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'volatile-lru', 'volatile-ttl'])(
    'production refuses %s, development starts and warns',
    async (policy) => {
      await admin.config('SET', 'maxmemory-policy', policy);
      const production = await check('production', redis.url);
      expect(production.refusal).toContain(`REDIS_URL: Redis's maxmemory-policy is ${policy}`);
      expect(production.refusal).toContain('set maxmemory-policy noeviction');
      const development = await check('development', redis.url);
      expect(development.refusal).toBeUndefined();
      expect(development.warnings).toEqual([expect.stringContaining(`maxmemory-policy is ${policy}`)]);
    },
  );

  it('warns, and does not refuse, an evicting policy without a maxmemory (nothing is evicted until one is set)', async () => {
    await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
    await admin.config('SET', 'maxmemory', '0');
    try {
      expect(await check('production', redis.url)).toEqual({
        refusal: undefined,
        warnings: [expect.stringContaining('maxmemory-policy is allkeys-lru')],
      });
    } finally {
      await admin.config('SET', 'maxmemory', '100mb');
    }
  });

  it('starts on noeviction without a word', async () => {
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    expect(await check('production', redis.url)).toEqual({ refusal: undefined, warnings: [] });
  });

  it('warns, and does not refuse, when Redis does not answer in time', async () => {
    const nothing = `redis://127.0.0.1:${await freePort()}`;
    const started = performance.now();
    expect(await check('production', nothing, 500)).toEqual({
      refusal: undefined,
      warnings: [expect.stringContaining('maxmemory-policy could not be read: it must be noeviction')],
    });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('gives up within its time on a Redis that takes the connection and never answers (loading, stuck)', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const started = performance.now();
      const { port } = silent.address() as { port: number };
      expect(await check('production', `redis://127.0.0.1:${port}`, 500)).toEqual({
        refusal: undefined,
        warnings: [expect.stringContaining('maxmemory-policy could not be read')],
      });
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      silent.close();
    }
  });
});

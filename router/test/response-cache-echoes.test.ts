import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryEventBus } from '@busline/shared';
import { eventually, testEnv, testLogger, uniqueName } from '@busline/shared/testing';
import { REPLICA_ECHO_DELAYS_MS } from '../src/cache-invalidation';
import { createPublicResponseCache } from '../src/response-cache';

/**
 * An event of data other subgraphs copy (trip.updated) is invalidated at once, acknowledged, and invalidated again
 * after REPLICA_ECHO_DELAYS_MS (the copies may lag). The routers share one consumer group: only the router that read
 * the event makes those, so a graceful stop makes them at their time rather than dropping them.
 */
const redis = testEnv.redisUrl ? new Redis(testEnv.redisUrl) : undefined;
afterAll(() => redis?.quit());

describe.skipIf(!testEnv.redisUrl)("a router's stop after an event it read", () => {
  async function afterEvent(settleEchoes: boolean) {
    const prefix = uniqueName('echo');
    const bus = new MemoryEventBus(testLogger('bus'));
    const cache = createPublicResponseCache({ bus, redisUrl: testEnv.redisUrl, prefix }, testLogger('cache'))!;
    cache.start();
    const generation = async () => Number((await redis!.get(`${prefix}:generation`)) ?? 0);
    await bus.publish({
      id: randomUUID(),
      type: 'trip.updated',
      source: 'company',
      occurredAt: new Date().toISOString(),
      payload: { tripId: randomUUID() },
    });
    await eventually(async () => ((await generation()) === 1 ? true : undefined), 5000);
    const stopping = Date.now();
    await cache.close({ settleEchoes });
    const after = await generation();
    await redis!.del(`${prefix}:generation`);
    await bus.close?.();
    return { invalidations: after, stopMs: Date.now() - stopping };
  }

  it('makes the invalidations still due when it stops gracefully, at their time', async () => {
    const { invalidations, stopMs } = await afterEvent(true);
    expect(invalidations).toBe(1 + REPLICA_ECHO_DELAYS_MS.length);
    expect(stopMs).toBeGreaterThan(REPLICA_ECHO_DELAYS_MS.at(-1)! - 1000);
  }, 20_000);

  it('drops them on a stop at once', async () => {
    const { invalidations, stopMs } = await afterEvent(false);
    expect(invalidations).toBe(1);
    expect(stopMs).toBeLessThan(1000);
  });
});

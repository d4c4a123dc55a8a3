// A consumer stopped while it applies an event it took over from a consumer that died (claimAbandoned) reads no
// further: its loop went on to a blocking read of new events, which were left pending on it as it left, to be applied
// by another instance only once idle for claimIdleMs (30 s), and the stop waited for the read.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RedisStreamBus } from '../src/events/redis-bus';
import type { DomainEvent } from '../src/events/types';
import { testEnv, testLogger } from '../src/testing';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const event = (note: string): DomainEvent => ({
  id: randomUUID(),
  type: 'fixture.happened',
  source: 'fixture',
  occurredAt: new Date().toISOString(),
  payload: { note },
});

describe.runIf(testEnv.redisUrl)('stopping a consumer that holds a claimed event', () => {
  it('leaves an event published meanwhile to the group, not pending on the consumer that stopped', async () => {
    const url = testEnv.redisUrl!;
    const logger = testLogger();
    const prefix = `test:stop-claimed-${randomUUID().slice(0, 8)}`;
    const stream = `${prefix}:events:fixture.happened`;
    const group = 'consumer';
    const admin = new Redis(url);
    const publisher = new RedisStreamBus({ url, logger, prefix });
    const old = new RedisStreamBus({ url, logger, prefix, blockMs: 300, claimIdleMs: 1_500 });
    const replacement = new RedisStreamBus({ url, logger, prefix, blockMs: 300 });
    const applied: string[] = [];
    let inHandler: (() => void) | undefined;
    const handlerStarted = new Promise<void>((resolve) => (inHandler = resolve));
    try {
      // An instance that died holding an event (read, never acknowledged).
      await admin.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
      const abandoned = event('abandoned');
      await publisher.publish(abandoned);
      await admin.xreadgroup('GROUP', group, 'dead-instance', 'COUNT', '1', 'STREAMS', stream, '>');

      const subscription = old.subscribe({
        group,
        types: ['fixture.happened'],
        handler: async (e) => {
          if (e.id === abandoned.id) {
            inHandler?.();
            await sleep(1_000);
          }
          applied.push(e.id);
        },
      });
      // Once idle for claimIdleMs, the running consumer claims the abandoned event and applies it (slowly)...
      await handlerStarted;
      // ...while a new event is published and the instance is told to stop (a deploy).
      const later = event('published while stopping');
      await publisher.publish(later);
      await subscription.stop();
      expect(applied).toContain(abandoned.id);

      // The new instance of the service reads the group's new events at once.
      const seen: string[] = [];
      const next = replacement.subscribe({
        group,
        types: ['fixture.happened'],
        handler: async (e) => void seen.push(e.id),
      });
      const deadline = Date.now() + 4_000;
      while (!seen.includes(later.id) && Date.now() < deadline) await sleep(100);
      await next.stop();
      const pending = (await admin.xpending(stream, group, '-', '+', 10)) as [string, string, number, number][];
      expect({
        appliedByReplacement: seen.includes(later.id),
        pendingOn: pending.map(([, consumer]) => consumer),
      }).toEqual({
        appliedByReplacement: true,
        pendingOn: [],
      });
    } finally {
      await admin.del(stream, `${prefix}:replay:${group}`).catch(() => undefined);
      admin.disconnect();
      await publisher.close();
      await old.close();
      await replacement.close();
    }
  });
});

// A consumer acknowledges a read's handled events with its next read, in the same write (a system call per read
// instead of two), and before it stops: a stop right after a handler must not leave its event pending on a consumer
// that is gone, to be applied again by another instance once idle.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RedisStreamBus } from '../src/events/redis-bus';
import type { DomainEvent } from '../src/events/types';
import { eventually, testEnv, testLogger } from '../src/testing';

const event = (note: string): DomainEvent => ({
  id: randomUUID(),
  type: 'fixture.acknowledged',
  source: 'fixture',
  occurredAt: new Date().toISOString(),
  payload: { note },
});

afterEach(() => vi.restoreAllMocks());

describe.runIf(testEnv.redisUrl)('acknowledging handled events', () => {
  const url = testEnv.redisUrl!;
  const group = 'acknowledging';

  async function setUp(options: { claimIdleMs?: number } = {}) {
    const prefix = `test:acks-${randomUUID().slice(0, 8)}`;
    const admin = new Redis(url);
    const publisher = new RedisStreamBus({ url, logger: testLogger(), prefix });
    const consumer = new RedisStreamBus({ url, logger: testLogger(), prefix, blockMs: 200, ...options });
    const stream = `${prefix}:events:fixture.acknowledged`;
    const pending = async () => Number(((await admin.xpending(stream, group)) as [number])[0]);
    const close = async () => {
      await admin.del(stream, `${prefix}:replay:${group}`).catch(() => undefined);
      admin.disconnect();
      await publisher.close();
      await consumer.close();
    };
    return { publisher, consumer, pending, close };
  }

  it("sends a read's acknowledgements with the next read, never on their own, and leaves nothing pending", async () => {
    const { publisher, consumer, pending, close } = await setUp();
    // Acknowledgements on their own go through Redis#xack; with a read, through the read's pipeline.
    const alone = vi.spyOn(Redis.prototype, 'xack');
    try {
      const handled: string[] = [];
      const subscription = consumer.subscribe({
        group,
        types: ['fixture.acknowledged'],
        handler: async (e) => void handled.push(e.id),
      });
      for (let i = 0; i < 20; i++) {
        const published = event(`n${i}`);
        await publisher.publish(published);
        await eventually(() => expect(handled).toContain(published.id), 5_000);
      }
      await eventually(async () => expect(await pending()).toBe(0), 5_000);
      expect(alone).not.toHaveBeenCalled();
      await subscription.stop();
    } finally {
      await close();
    }
  });

  it('handles a read that took longer than the claim idle time once: its own events are not claimed back', async () => {
    const { publisher, consumer, pending, close } = await setUp({ claimIdleMs: 400 });
    try {
      const calls: string[] = [];
      const subscription = consumer.subscribe({
        group,
        types: ['fixture.acknowledged'],
        handler: async (e) => {
          calls.push(e.id);
          // The first takes twice the claim idle time.
          if (calls.length === 1) await new Promise((resolve) => setTimeout(resolve, 900));
        },
      });
      const slow = event('slow');
      await publisher.publish(slow);
      await eventually(() => expect(calls).toContain(slow.id), 5_000);
      // Several claim passes (every 200 ms) after it was handled.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(calls.filter((id) => id === slow.id)).toHaveLength(1);
      expect(await pending()).toBe(0);
      await subscription.stop();
    } finally {
      await close();
    }
  });

  it('acknowledges what it handled before a stop cuts the connection', async () => {
    const { publisher, consumer, pending, close } = await setUp();
    try {
      const last = event('the last before the stop');
      let stopped: Promise<void> | undefined;
      const subscription = consumer.subscribe({
        group,
        types: ['fixture.acknowledged'],
        // The deploy's stop arrives while the event is handled: the loop reads no further.
        handler: async (e) => {
          if (e.id === last.id) stopped = subscription.stop();
        },
      });
      await publisher.publish(event('first'));
      await publisher.publish(last);
      await eventually(() => expect(stopped).toBeDefined(), 5_000);
      await stopped;
      expect(await pending()).toBe(0);
    } finally {
      await close();
    }
  });
});

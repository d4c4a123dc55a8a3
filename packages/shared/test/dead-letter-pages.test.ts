import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEventsCli } from '../../../scripts/lib/dead-letters';
import { DeadLetterStore } from '../src/events/dead-letters';
import { testEnv, uniqueName } from '../src/testing';

let redis: Redis;
beforeAll(() => {
  redis = new Redis(testEnv.redisUrl!);
});
afterAll(() => redis?.disconnect());

/** `count` dead letters of `group` under a fresh prefix, written as the consumers write them. */
async function deadLetters(group: string, count: number): Promise<{ prefix: string; key: string }> {
  const prefix = `test:${uniqueName('dlpages')}`;
  const key = `${prefix}:dead-letter:${group}`;
  const pipeline = redis.pipeline();
  for (let i = 0; i < count; i++) {
    const event = {
      id: randomUUID(),
      type: 'fixture.happened',
      source: 'fixture',
      occurredAt: new Date().toISOString(),
    };
    pipeline.xadd(
      key,
      '*',
      'stream',
      `${prefix}:events:fixture.happened`,
      'id',
      `1-${i}`,
      'eventId',
      event.id,
      'type',
      event.type,
      'attempts',
      '10',
      'reason',
      'failed',
      'error',
      'boom',
      'event',
      JSON.stringify(event),
    );
  }
  await pipeline.exec();
  return { prefix, key };
}

describe.runIf(testEnv.redisUrl)('listing many dead letters', () => {
  it('reads them from Redis a page at a time, all of them, oldest first', async () => {
    const { prefix, key } = await deadLetters('many-consumer', 250);
    try {
      // The size of every reply the store asks Redis for: what Redis builds and buffers at once.
      const replies: number[] = [];
      const watched = new Proxy(redis, {
        get(target, name, receiver) {
          const value = Reflect.get(target, name, receiver) as unknown;
          if (name !== 'xrange' || typeof value !== 'function') return value;
          return async (...args: unknown[]) => {
            const reply = (await (value as (...a: unknown[]) => Promise<unknown[]>).apply(target, args)) as unknown[];
            replies.push(reply.length);
            return reply;
          };
        },
      });
      const letters = await new DeadLetterStore(watched as Redis, prefix).list('many-consumer');
      expect(letters).toHaveLength(250);
      expect(letters.map((l) => l.streamId)).toEqual(Array.from({ length: 250 }, (_, i) => `1-${i}`));
      expect(replies).toEqual([100, 100, 50]);
    } finally {
      await redis.del(key);
    }
  });

  it('prints them as they are read, at most --limit of a group', async () => {
    const { prefix, key } = await deadLetters('many-consumer', 150);
    try {
      const printed: string[] = [];
      const io = { out: (text: string) => void printed.push(text), err: () => undefined };
      const args = ['dead-letters', 'list', '--group', 'many-consumer', '--prefix', prefix];
      expect(await runEventsCli(args, { REDIS_URL: testEnv.redisUrl }, io)).toBe(0);
      // A page at a time: 100 lines, then 50.
      expect(printed.map((text) => text.split('\n').length)).toEqual([100, 50]);
      printed.length = 0;
      expect(await runEventsCli([...args, '--limit', '5'], { REDIS_URL: testEnv.redisUrl }, io)).toBe(0);
      expect(printed.join('\n').split('\n')).toHaveLength(5);
      expect(await runEventsCli([...args, '--limit', '0'], { REDIS_URL: testEnv.redisUrl }, io)).toBe(2);
    } finally {
      await redis.del(key);
    }
  });
});

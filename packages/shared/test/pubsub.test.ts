import type { Writable } from 'node:stream';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createPubSub } from '../src/pubsub';
import { testEnv, uniqueName, untilSubscribed } from '../src/testing';

describe('live updates', () => {
  it('reach a subscriber of the same instance in memory', async () => {
    const pubsub = createPubSub();
    const iterator = pubsub.subscribe<{ n: number }>('topic');
    const next = iterator.next();
    await pubsub.publish('topic', { n: 1 });
    expect((await next).value).toEqual({ n: 1 });
    await iterator.return?.();
    await pubsub.close();
  });

  it.runIf(testEnv.redisUrl)('reach subscribers of another instance through Redis', async () => {
    const publisher = createPubSub(testEnv.redisUrl);
    const subscriber = createPubSub(testEnv.redisUrl);
    const topic = uniqueName('seats');
    const iterator = subscriber.subscribe<{ n: number }>(topic);
    const next = iterator.next();
    // The Redis SUBSCRIBE is asynchronous: a publish before it is in place would reach nobody.
    await untilSubscribed(publisher, topic);
    await publisher.publish(topic, { n: 7 });
    expect((await next).value).toEqual({ n: 7 });
    await iterator.return?.();
    await publisher.close();
    await subscriber.close();
  });

  it.runIf(testEnv.redisUrl)(
    'go to Redis in one write for what one turn publishes, in the order published',
    async () => {
      const publisher = createPubSub(testEnv.redisUrl);
      const subscriber = createPubSub(testEnv.redisUrl);
      const topics = [uniqueName('booking'), uniqueName('seats'), uniqueName('booking')];
      const iterators = topics.map((topic) => subscriber.subscribe<{ n: number }>(topic));
      const received: number[] = [];
      const delivered = Promise.all(
        iterators.map(async (iterator) => received.push((await iterator.next()).value.n as number)),
      );
      for (const topic of topics) await untilSubscribed(publisher, topic);
      const redis = (publisher.engine as RedisPubSub).getPublisher() as Redis & { stream: Writable };
      const writes: string[] = [];
      const write = redis.stream.write.bind(redis.stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
      redis.stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        writes.push(String(chunk));
        return write(chunk, ...rest);
      }) as typeof redis.stream.write;
      await Promise.all(topics.map((topic, n) => publisher.publish(topic, { n })));
      await delivered;
      expect(writes.filter((chunk) => chunk.includes('publish'))).toHaveLength(1);
      expect(received).toEqual([0, 1, 2]);
      for (const iterator of iterators) await iterator.return?.();
      await publisher.close();
      await subscriber.close();
    },
  );
});

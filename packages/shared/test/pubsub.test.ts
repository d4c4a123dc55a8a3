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
});

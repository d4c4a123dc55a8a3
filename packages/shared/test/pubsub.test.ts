import { describe, expect, it } from 'vitest';
import { createPubSub } from '../src/pubsub';
import { testEnv, uniqueName } from '../src/testing';

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
    // The Redis SUBSCRIBE is asynchronous; publish until it is in place.
    let received: IteratorResult<{ n: number }> | undefined;
    void next.then((value) => (received = value));
    for (let i = 0; i < 50 && !received; i++) {
      await publisher.publish(topic, { n: 7 });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(received?.value).toEqual({ n: 7 });
    await iterator.return?.();
    await publisher.close();
    await subscriber.close();
  });
});

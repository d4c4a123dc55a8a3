import { afterEach, describe, expect, it } from 'vitest';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import type { Redis } from 'ioredis';
import { createPubSub, type LivePubSub } from '../src/pubsub';
import { redisReady } from '../src/redis';
import { inFlight, testEnv, uniqueName, untilSubscribed, untilWaiting } from '../src/testing';

const opened: LivePubSub[] = [];
const open = (redisUrl?: string) => {
  const pubsub = createPubSub(redisUrl);
  opened.push(pubsub);
  return pubsub;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((pubsub) => pubsub.close()));
});

/** Starts a subscription (an iterator subscribes on its first `next`) and keeps its first payload. */
function start(pubsub: LivePubSub, topic: string) {
  const iterator = pubsub.subscribe<{ n: number }>(topic);
  const first = iterator.next();
  return { first, stop: () => iterator.return?.() };
}

describe.each([
  { mode: 'memory', redisUrl: undefined },
  { mode: 'Redis', redisUrl: testEnv.redisUrl },
])('untilSubscribed ($mode)', ({ mode, redisUrl }) => {
  it.skipIf(mode === 'Redis' && !redisUrl)(
    'returns once a subscription to the topic has started, so a publish right after reaches it',
    async () => {
      // With Redis the subscriber is another instance: the count spans every instance.
      const publisher = open(redisUrl);
      const subscriber = mode === 'Redis' ? open(redisUrl) : publisher;
      const topic = uniqueName('seats');
      const subscription = start(subscriber, topic);
      await untilSubscribed(publisher, topic);
      await publisher.publish(topic, { n: 7 });
      expect((await subscription.first).value).toEqual({ n: 7 });
      await subscription.stop();
    },
  );

  it.skipIf(mode !== 'Redis' || !redisUrl)(
    'a publish right after still reaches it when the subscription is confirmed in the same read as the message',
    async () => {
      // Redis has counted the subscription (and untilSubscribed returned) before the subscribing
      // instance has read Redis's confirmation; the confirmation and the message then arrive in one
      // read of its socket, here forced by pausing that socket until both are sent.
      const publisher = open(redisUrl);
      const subscriber = open(redisUrl);
      const connection = (subscriber.engine as RedisPubSub).getSubscriber() as Redis;
      await redisReady(connection);
      connection.stream.pause();
      const topic = uniqueName('seats');
      const subscription = start(subscriber, topic);
      await untilSubscribed(publisher, topic);
      await publisher.publish(topic, { n: 7 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      connection.stream.resume();
      const delivered = await Promise.race([
        subscription.first.then((result) => result.value),
        new Promise((resolve) => setTimeout(() => resolve('not delivered within 2 s'), 2_000)),
      ]);
      expect(delivered).toEqual({ n: 7 });
      await subscription.stop();
    },
  );

  it.skipIf(mode === 'Redis' && !redisUrl)('is not satisfied by a subscription to another topic', async () => {
    const pubsub = open(redisUrl);
    const earlier = uniqueName('earlier-test');
    const leftover = start(pubsub, earlier);
    await untilSubscribed(pubsub, earlier);
    const topic = uniqueName('this-test');
    await expect(untilSubscribed(pubsub, topic, { timeoutMs: 200 })).rejects.toThrow(
      `0 of 1 subscriber(s) on ${topic} after 200 ms`,
    );
    await leftover.stop();
  });

  it.skipIf(mode === 'Redis' && !redisUrl)('waits for as many subscribers as asked for', async () => {
    // In memory one instance counts its own subscriptions; with Redis a second instance counts too.
    const counting = open(redisUrl);
    const other = mode === 'Redis' ? open(redisUrl) : counting;
    const topic = uniqueName('seats');
    const subscriptions = [start(counting, topic)];
    await untilSubscribed(counting, topic);
    await expect(untilSubscribed(counting, topic, { count: 2, timeoutMs: 200 })).rejects.toThrow(
      `1 of 2 subscriber(s) on ${topic}`,
    );
    subscriptions.push(start(other, topic));
    await untilSubscribed(counting, topic, { count: 2 });
    await Promise.all(subscriptions.map((s) => s.stop()));
  });
});

describe('untilWaiting', () => {
  it('returns while the request is unanswered and seen waiting', async () => {
    let answer!: (value: string) => void;
    const request = inFlight(new Promise<string>((resolve) => (answer = resolve)));
    let polls = 0;
    await untilWaiting(request, () => ++polls === 3);
    expect(request.answered).toBe(false);
    answer('pass issued');
    expect(await request.answer).toBe('pass issued');
    expect(request.answered).toBe(true);
  });

  it('fails when the request answers before it is seen waiting', async () => {
    const request = inFlight(Promise.resolve({ qr: null }));
    await expect(untilWaiting(request, () => false)).rejects.toThrow(
      'the request answered before it was seen waiting: {"qr":null}',
    );
  });

  it('fails when the request is never seen waiting', async () => {
    const request = inFlight(new Promise<never>(() => undefined));
    await expect(untilWaiting(request, () => false, 100)).rejects.toThrow(
      'the request was not seen waiting within 100 ms',
    );
  });
});

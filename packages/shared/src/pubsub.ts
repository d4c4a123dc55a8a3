import { EventEmitter } from 'node:events';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis } from 'ioredis';
import { withLiveTraceparent } from './observability/live-tracing';
import { reconnectOnReadOnly, redisReady, watchConnection } from './redis';

export type { PubSubEngine } from 'graphql-subscriptions';

export interface LivePubSub {
  readonly engine: PubSubEngine;
  readonly kind: 'redis' | 'memory';
  publish(topic: string, payload: unknown): Promise<void>;
  /** An async iterator of the topic's payloads; `return()` unsubscribes. */
  subscribe<T>(topic: string): AsyncIterableIterator<T>;
  /**
   * How many subscribers a publish to `topic` would reach right now. In memory: the listeners of
   * this instance (one per started subscription). With Redis: the connections subscribed to the
   * channel across every instance (one per instance, however many subscriptions it serves).
   * A subscription counts once it has started, not when its iterator is created.
   */
  subscriberCount(topic: string): Promise<number>;
  close(): Promise<void>;
}

/** The subscriber connection's event RedisPubSub reads messages from (see createPubSub). */
const DELIVER = 'busline:deliver';

/**
 * Live updates for GraphQL subscriptions. With Redis every instance reaches subscribers on
 * every other instance; in embedded mode it stays in memory. Updates may be lost: clients
 * re-query the state they need. An update published in a trace carries its traceparent
 * (observability/live-tracing.ts), so its delivery continues that trace.
 */
export function createPubSub(redisUrl?: string): LivePubSub {
  if (!redisUrl) {
    const emitter = new EventEmitter();
    const engine = new PubSub({ eventEmitter: emitter });
    return {
      engine,
      kind: 'memory',
      publish: (topic, payload) => engine.publish(topic, withLiveTraceparent(payload)),
      subscribe: <T>(topic: string) => engine.asyncIterableIterator<T>(topic),
      subscriberCount: async (topic) => emitter.listenerCount(topic),
      close: async () => undefined,
    };
  }
  const retryStrategy = (times: number) => Math.min(times * 200, 2000);
  // Publishing fails fast while Redis is away (a lost live update is acceptable; a stuck request is not).
  const reconnectOnError = reconnectOnReadOnly;
  // Auto-pipelined: what one turn of the event loop publishes (a hold's booking and seat updates, and every other
  // request's of that turn) goes to Redis in one write, in the order published.
  const publisher = new Redis(redisUrl, {
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy,
    reconnectOnError,
  });
  const subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null, retryStrategy, reconnectOnError });
  publisher.on('error', () => undefined);
  subscriber.on('error', () => undefined);
  // A replica takes PUBLISH (no READONLY to reconnect on): the publisher checks it is on the primary.
  const unwatch = [watchConnection(publisher, { primary: true }), watchConnection(subscriber)];
  // RedisPubSub drops a message for a channel whose SUBSCRIBE it has not yet seen confirmed, and it sees the
  // confirmation a microtask after ioredis parses it. When the confirmation and the channel's first message
  // arrive in one read (Redis had already counted the subscriber, so a publisher could reach it), ioredis
  // emits the message before that microtask: lost. Each message is handed on a turn of the event loop later,
  // in the order received, once every confirmation parsed with it has been seen.
  subscriber.on('message', (channel: string, message: string) => {
    setImmediate(() => subscriber.emit(DELIVER, channel, message));
  });
  const engine = new RedisPubSub({ publisher, subscriber, messageEventName: DELIVER });
  return {
    engine,
    kind: 'redis',
    publish: async (topic, payload) => {
      await redisReady(publisher);
      await engine.publish(topic, withLiveTraceparent(payload));
    },
    subscribe: <T>(topic: string) => engine.asyncIterableIterator<T>(topic) as AsyncIterableIterator<T>,
    subscriberCount: async (topic) => {
      await redisReady(publisher);
      const [, count] = (await publisher.pubsub('NUMSUB', topic)) as [string, number];
      return Number(count);
    },
    close: async () => {
      for (const stop of unwatch) stop();
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}

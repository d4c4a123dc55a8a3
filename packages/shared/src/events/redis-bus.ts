import { Redis } from 'ioredis';
import { reconnectOnReadOnly, redisReady, watchConnection } from '../redis';
import type { Logger } from '../logger';
import { readConsumerStats, type ConsumerStats } from './consumer-stats';
import { eventKeys } from './dead-letters';
import { RedisStreamSubscription } from './redis-subscription';
import { retryPolicyFromEnv, type RetryPolicy } from './retry-policy';
import { EVENT_CONSUMERS } from './consumers';
import { ensureGroups, trimStream } from './stream-trim';
import type { DomainEvent, EventBus, EventSubscription, OutboxPosition, SubscribeOptions } from './types';

/**
 * XADD and the producer's highest outbox position in one script: Redis persists (and loses) both
 * together, so after a restart the position says which events of that producer survived. Returns the
 * entry's id and the position as it was (-1: none).
 */
const XADD_WITH_POSITION = `
local id = redis.call('XADD', KEYS[1], '*', 'event', ARGV[1])
local current = tonumber(redis.call('GET', KEYS[2]) or '-1')
if tonumber(ARGV[2]) > current then redis.call('SET', KEYS[2], ARGV[2]) end
return {id, tostring(current)}`;

type PositionedPublisher = Redis & {
  xaddWithPosition(stream: string, positionKey: string, event: string, seq: number): Promise<[string, string]>;
};

export interface RedisStreamBusOptions {
  url: string;
  logger: Logger;
  /** Key prefix; streams are `<prefix>:events:<type>`. */
  prefix?: string;
  /** Entries a stream keeps once every consumer group has read and acknowledged them. */
  maxLen?: number;
  /** How often a publisher trims the stream it writes to. */
  trimIntervalMs?: number;
  /** A message pending this long on a consumer that stopped answering is claimed by another. */
  claimIdleMs?: number;
  /**
   * A consumer of a group idle this long with no pending event is a process gone without stopping (killed): a
   * subscription deletes such consumers of its group when it starts (default an hour).
   */
  staleConsumerMs?: number;
  blockMs?: number;
  /** Attempts before an event whose handler fails for a non-transient reason goes to the dead letters. */
  maxDeliveries?: number;
  /** First retry delay; it doubles per attempt up to the policy's maximum. */
  retryDelayMs?: number;
  /** Overrides EVENT_RETRY_FOR_MS / EVENT_RETRY_MAX_DELAY_MS. */
  retry?: Partial<RetryPolicy>;
  /** The consumer groups each event type must keep its events for, running or not (default EVENT_CONSUMERS). */
  consumers?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Domain events over Redis Streams: one stream per event type, one consumer group per
 * consuming service. At-least-once: a message is acknowledged only after its handler
 * succeeded; what a crashed consumer left pending is claimed by a live one.
 */
export class RedisStreamBus implements EventBus {
  readonly kind = 'redis' as const;
  readonly prefix: string;
  private readonly publisher: PositionedPublisher;
  private readonly subscriptions = new Set<RedisStreamSubscription>();
  private readonly keys: ReturnType<typeof eventKeys>;
  private readonly retryPolicy: RetryPolicy;
  private readonly lastTrim = new Map<string, number>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly unwatch: () => void;
  /** The highest outbox position this bus has written, per producer (since the last reconnection or loss). */
  private readonly positions = new Map<string, number>();
  /** Per producer, the position Redis was found to have fallen back to, until the relay has read it. */
  private readonly lostPositions = new Map<string, number>();

  constructor(private readonly options: RedisStreamBusOptions) {
    this.prefix = options.prefix ?? 'busline';
    this.keys = eventKeys(this.prefix);
    this.retryPolicy = {
      ...retryPolicyFromEnv({ baseDelayMs: options.retryDelayMs ?? 250, maxAttempts: options.maxDeliveries ?? 10 }),
      ...options.retry,
    };
    // Fail fast while Redis is away: the outbox keeps the event and the relay retries.
    this.publisher = new Redis(options.url, {
      reconnectOnError: reconnectOnReadOnly,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: false,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    }) as PositionedPublisher;
    this.publisher.defineCommand('xaddWithPosition', { numberOfKeys: 2, lua: XADD_WITH_POSITION });
    this.publisher.on('error', () => undefined);
    this.unwatch = watchConnection(this.publisher, { primary: true });
    // The first 'ready' is the connection itself; every later one follows a loss.
    this.publisher.once('ready', () =>
      this.publisher.on('ready', () => {
        // A reconnection has the relay compare positions anyway: what this bus wrote before is no yardstick now.
        this.positions.clear();
        this.reconnectListeners.forEach((listener) => listener());
      }),
    );
  }

  streamKey(type: string): string {
    return this.keys.stream(type);
  }

  deadLetterKey(group: string): string {
    return this.keys.deadLetters(group);
  }

  async publish(event: DomainEvent, position?: OutboxPosition): Promise<void> {
    await redisReady(this.publisher);
    const stream = this.streamKey(event.type);
    if (position) {
      const [, was] = await this.publisher.xaddWithPosition(
        stream,
        this.keys.outboxPosition(position.source),
        JSON.stringify(event),
        position.seq,
      );
      this.notePosition(position, Number(was));
    } else {
      await this.publisher.xadd(stream, '*', 'event', JSON.stringify(event));
    }
    await this.trimIfDue(stream, event.type);
  }

  /**
   * The producer's position only ever grows: found lower than one this bus wrote or one the outbox holds as published,
   * Redis lost data with its connection open (a FLUSHALL, a replica's full resync, an evicting memory policy). The
   * reconnect listeners (the outbox relay) then compare the outbox with what Redis holds and publish the lost events
   * again, as after a reconnect.
   */
  private notePosition(position: OutboxPosition, was: number): void {
    // What this bus wrote, and what every instance of the producer had Redis take (another's loss shows here too).
    const known = Math.max(this.positions.get(position.source) ?? -1, position.published ?? -1);
    if (was >= known) {
      this.positions.set(position.source, Math.max(known, position.seq));
      return;
    }
    this.options.logger.warn(
      { source: position.source, position: was, published: known },
      'the event bus lost its outbox position with its connection open: checking what it still holds',
    );
    // The position as Redis had it before this publication raised it again: what the relay compares its outbox with
    // next (publishedPosition). From here on, what Redis holds now is the yardstick (a republication in seq order
    // raises it step by step, and must not be taken for another loss).
    this.lostPositions.set(position.source, Math.min(was, this.lostPositions.get(position.source) ?? was));
    this.positions.set(position.source, Math.max(was, position.seq));
    for (const listener of this.reconnectListeners) listener();
  }

  async publishedPosition(source: string): Promise<number | null> {
    await redisReady(this.publisher);
    const value = await this.publisher.get(this.keys.outboxPosition(source));
    const stored = value === null ? null : Number(value);
    const lost = this.lostPositions.get(source);
    if (lost === undefined) return stored;
    return lost < 0 ? null : Math.min(lost, stored ?? lost);
  }

  /** The relay has compared its outbox with the position read last (publishedPosition): a loss noted is dealt with. */
  positionCompared(source: string, position: number | null): void {
    const lost = this.lostPositions.get(source);
    if (lost !== undefined && (lost < 0 ? position === null : position !== null && position <= lost))
      this.lostPositions.delete(source);
  }

  subscribe(options: SubscribeOptions): EventSubscription {
    const subscription = new RedisStreamSubscription({
      url: this.options.url,
      prefix: this.prefix,
      logger: this.options.logger,
      claimIdleMs: this.options.claimIdleMs ?? 30_000,
      staleConsumerMs: this.options.staleConsumerMs ?? 3_600_000,
      blockMs: this.options.blockMs ?? 2000,
      retry: this.retryPolicy,
      subscribe: options,
    });
    this.subscriptions.add(subscription);
    subscription.start();
    return {
      stop: async () => {
        this.subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  }

  async ping(): Promise<void> {
    await redisReady(this.publisher);
    await this.publisher.ping();
  }

  /** Lag, pending and dead letters of a consumer group, for /metrics. */
  consumerStats(group: string, types: readonly string[]): Promise<ConsumerStats> {
    return readConsumerStats(this.publisher, this.prefix, group, types);
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.subscriptions.clear();
    this.unwatch();
    this.publisher.disconnect();
  }

  /**
   * Trimming is housekeeping: a failure is logged and the event stays published. The type's consumer groups are made
   * first (at the start of the stream, when missing), so that the cut stays below what one not running has not read.
   */
  private async trimIfDue(stream: string, type: string): Promise<void> {
    const now = Date.now();
    if (now - (this.lastTrim.get(stream) ?? 0) < (this.options.trimIntervalMs ?? 60_000)) return;
    this.lastTrim.set(stream, now);
    try {
      await ensureGroups(this.publisher, stream, (this.options.consumers ?? EVENT_CONSUMERS)[type] ?? []);
      await trimStream(this.publisher, stream, this.options.maxLen ?? 100_000);
    } catch (error) {
      this.options.logger.warn({ err: error, stream }, 'event stream could not be trimmed');
    }
  }
}

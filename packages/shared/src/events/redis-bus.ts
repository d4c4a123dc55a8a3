import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisReady } from '../redis';
import type { Logger } from '../logger';
import type { DomainEvent, EventBus, EventSubscription, SubscribeOptions } from './types';

export interface RedisStreamBusOptions {
  url: string;
  logger: Logger;
  /** Key prefix; streams are `<prefix>:events:<type>`. */
  prefix?: string;
  /** Approximate number of entries a stream keeps. */
  maxLen?: number;
  /** A message pending this long on a consumer that stopped answering is claimed by another. */
  claimIdleMs?: number;
  blockMs?: number;
  /** After this many failed deliveries to one consumer a message goes to the dead-letter stream. */
  maxDeliveries?: number;
  retryDelayMs?: number;
}

type StreamEntry = [id: string, fields: string[]];
type ReadReply = [stream: string, entries: StreamEntry[]][] | null;

/**
 * Domain events over Redis Streams: one stream per event type, one consumer group per
 * consuming service. At-least-once: a message is acknowledged only after its handler
 * succeeded; what a crashed consumer left pending is claimed by a live one.
 */
export class RedisStreamBus implements EventBus {
  readonly kind = 'redis' as const;
  private readonly publisher: Redis;
  private readonly prefix: string;
  private readonly subscriptions = new Set<RedisStreamSubscription>();

  constructor(private readonly options: RedisStreamBusOptions) {
    this.prefix = options.prefix ?? 'busline';
    // Fail fast while Redis is away: the outbox keeps the event and the relay retries.
    this.publisher = new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: false,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.publisher.on('error', () => undefined);
  }

  streamKey(type: string): string {
    return `${this.prefix}:events:${type}`;
  }

  deadLetterKey(group: string): string {
    return `${this.prefix}:dead-letter:${group}`;
  }

  async publish(event: DomainEvent): Promise<void> {
    await redisReady(this.publisher);
    await this.publisher.xadd(
      this.streamKey(event.type),
      'MAXLEN',
      '~',
      String(this.options.maxLen ?? 100_000),
      '*',
      'event',
      JSON.stringify(event),
    );
  }

  subscribe(options: SubscribeOptions): EventSubscription {
    const subscription = new RedisStreamSubscription(this, this.options, options);
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

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.subscriptions.clear();
    this.publisher.disconnect();
  }
}

class RedisStreamSubscription {
  private readonly redis: Redis;
  private readonly consumer: string;
  private readonly streams: string[];
  private readonly logger: Logger;
  private running = false;
  private loop: Promise<void> | undefined;
  private readPending = true;
  private lastClaim = 0;
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly bus: RedisStreamBus,
    private readonly busOptions: RedisStreamBusOptions,
    private readonly options: SubscribeOptions,
  ) {
    this.redis = new Redis(busOptions.url, {
      maxRetriesPerRequest: null,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.redis.on('error', () => undefined);
    this.consumer = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.streams = options.types.map((type) => bus.streamKey(type));
    this.logger = busOptions.logger.child({ group: options.group, consumer: this.consumer });
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    // Ends a blocking XREADGROUP at once.
    this.redis.disconnect();
    await this.loop;
  }

  private async ensureGroups(): Promise<void> {
    for (const stream of this.streams) {
      try {
        // From the start of the stream: a group created after events were published still gets them.
        await this.redis.xgroup('CREATE', stream, this.options.group, '0', 'MKSTREAM');
      } catch (error) {
        if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
      }
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    let groupsReady = false;
    while (this.running) {
      try {
        if (!groupsReady) {
          await this.ensureGroups();
          groupsReady = true;
        }
        await this.claimAbandoned();
        const reply = (await this.read()) as ReadReply;
        failures = 0;
        if (!reply) continue;
        let delivered = 0;
        for (const [stream, entries] of reply) {
          for (const [id, fields] of entries) {
            delivered++;
            await this.deliver(stream, id, fields);
          }
        }
        if (this.readPending && delivered === 0) this.readPending = false;
      } catch (error) {
        if (!this.running) break;
        const message = String((error as Error).message);
        if (message.includes('NOGROUP')) {
          // Redis lost the group (restart without persistence): create it again.
          groupsReady = false;
          continue;
        }
        failures++;
        if (failures === 1 || failures % 20 === 0) {
          this.logger.warn({ err: error, failures }, 'event consumer cannot read; will retry');
        }
        await delay(Math.min(200 * 2 ** Math.min(failures, 6), 5000));
      }
    }
  }

  private read(): Promise<unknown> {
    const count = '50';
    if (this.readPending) {
      // Our own pending messages first: delivered before but not acknowledged.
      return this.redis.xreadgroup(
        'GROUP', this.options.group, this.consumer, 'COUNT', count,
        'STREAMS', ...this.streams, ...this.streams.map(() => '0'),
      );
    }
    return this.redis.xreadgroup(
      'GROUP', this.options.group, this.consumer, 'COUNT', count,
      'BLOCK', String(this.busOptions.blockMs ?? 2000),
      'STREAMS', ...this.streams, ...this.streams.map(() => '>'),
    );
  }

  /** Takes over messages that another consumer of the group received but never acknowledged. */
  private async claimAbandoned(): Promise<void> {
    const idle = this.busOptions.claimIdleMs ?? 30_000;
    const now = Date.now();
    if (now - this.lastClaim < Math.min(idle / 2, 10_000)) return;
    this.lastClaim = now;
    for (const stream of this.streams) {
      const [, entries] = (await this.redis.xautoclaim(
        stream, this.options.group, this.consumer, idle, '0-0', 'COUNT', '100',
      )) as [string, (StreamEntry | null)[], string[]?];
      for (const entry of entries) {
        if (!entry) continue;
        this.logger.info({ stream, id: entry[0] }, 'claimed an event abandoned by another consumer');
        await this.deliver(stream, entry[0], entry[1]);
      }
    }
  }

  private async deliver(stream: string, id: string, fields: string[] | null): Promise<void> {
    if (!fields) {
      // Trimmed away before it could be processed.
      await this.redis.xack(stream, this.options.group, id);
      return;
    }
    let event: DomainEvent;
    try {
      event = JSON.parse(fields[fields.indexOf('event') + 1] ?? '') as DomainEvent;
    } catch {
      this.logger.error({ stream, id }, 'unreadable event moved to dead letters');
      await this.deadLetter(stream, id, fields, 'unreadable');
      return;
    }
    try {
      await this.options.handler(event);
      await this.redis.xack(stream, this.options.group, id);
      this.failures.delete(id);
    } catch (error) {
      const attempts = (this.failures.get(id) ?? 0) + 1;
      this.failures.set(id, attempts);
      const maxDeliveries = this.busOptions.maxDeliveries ?? 10;
      if (attempts >= maxDeliveries) {
        this.logger.error({ err: error, eventId: event.id, type: event.type, attempts }, 'event handler keeps failing; moved to dead letters');
        await this.deadLetter(stream, id, fields, String((error as Error).message));
        this.failures.delete(id);
        return;
      }
      this.logger.warn({ err: error, eventId: event.id, type: event.type, attempts }, 'event handler failed; will retry');
      this.readPending = true;
      await delay((this.busOptions.retryDelayMs ?? 250) * attempts);
    }
  }

  private async deadLetter(stream: string, id: string, fields: string[], reason: string): Promise<void> {
    await this.redis.xadd(this.bus.deadLetterKey(this.options.group), '*', 'stream', stream, 'id', id, 'reason', reason, ...fields);
    await this.redis.xack(stream, this.options.group, id);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

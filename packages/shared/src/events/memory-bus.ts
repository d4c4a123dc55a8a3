import type { Logger } from '../logger';
import { classifyFailure } from './failures';
import { decideRetry, retryPolicyFromEnv, type RetryPolicy } from './retry-policy';
import type { DomainEvent, EventBus, EventSubscription, SubscribeOptions } from './types';

interface Group {
  options: SubscribeOptions;
  queue: Promise<void>;
  stopped: boolean;
  /** Ends a retry's wait when the group stops. */
  wake?: () => void;
}

export interface MemoryEventBusOptions {
  /** Attempts before an event whose handler fails for a non-transient reason is dropped. */
  maxDeliveries?: number;
  /** First retry delay; it doubles per attempt up to the policy's maximum. */
  retryDelayMs?: number;
  /** Overrides EVENT_RETRY_FOR_MS / EVENT_RETRY_MAX_DELAY_MS. */
  retry?: Partial<RetryPolicy>;
}

/** Events kept per type for consumer groups that subscribe later (a Redis stream's role). */
const RETAINED_PER_TYPE = 10_000;

/**
 * The event bus of embedded mode: one process, no Redis. Like a Redis stream it keeps what was
 * published, so a consumer group that subscribes later (a subgraph starting after its producer's
 * relay) still receives it; groups are known by name and get the retained history once.
 * `publish` resolves once every subscribed group has handled the event (or given up on it), and
 * rejects when the bus is closed or a group stops during delivery, so the outbox keeps the row
 * and relays it again: nothing is lost at start-up or shut-down. Failures are retried by cause
 * as on Redis; an event given up on (dead-lettered there) is logged and dropped.
 */
export class MemoryEventBus implements EventBus {
  readonly kind = 'memory' as const;
  private readonly groups = new Set<Group>();
  private readonly seenGroups = new Set<string>();
  private readonly retained = new Map<string, DomainEvent[]>();
  private closed = false;
  private readonly retryPolicy: RetryPolicy;

  constructor(
    private readonly logger: Logger,
    options: MemoryEventBusOptions = {},
  ) {
    this.retryPolicy = {
      ...retryPolicyFromEnv({ baseDelayMs: options.retryDelayMs ?? 100, maxAttempts: options.maxDeliveries ?? 5 }),
      ...options.retry,
    };
  }

  async publish(event: DomainEvent): Promise<void> {
    if (this.closed) throw new Error('event bus is closed');
    const kept = this.retained.get(event.type) ?? [];
    kept.push(event);
    if (kept.length > RETAINED_PER_TYPE) kept.shift();
    this.retained.set(event.type, kept);
    const deliveries: Promise<void>[] = [];
    for (const group of this.groups) {
      if (group.stopped || !group.options.types.includes(event.type)) continue;
      deliveries.push(this.enqueue(group, event));
    }
    await Promise.all(deliveries);
  }

  subscribe(options: SubscribeOptions): EventSubscription {
    const group: Group = { options, queue: Promise.resolve(), stopped: false };
    this.groups.add(group);
    if (!this.seenGroups.has(options.group)) {
      this.seenGroups.add(options.group);
      const history = options.types
        .flatMap((type) => this.retained.get(type) ?? [])
        .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
      for (const event of history) this.enqueue(group, event).catch(() => undefined);
    }
    return {
      stop: async () => {
        group.stopped = true;
        group.wake?.();
        this.groups.delete(group);
        await group.queue;
      },
    };
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('event bus is closed');
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      [...this.groups].map(async (group) => {
        group.stopped = true;
        group.wake?.();
        await group.queue;
      }),
    );
    this.groups.clear();
  }

  private enqueue(group: Group, event: DomainEvent): Promise<void> {
    const copy = structuredClone(event);
    const delivery = group.queue.then(() => this.deliver(group, copy));
    group.queue = delivery.catch(() => undefined);
    return delivery;
  }

  private async deliver(group: Group, event: DomainEvent): Promise<void> {
    let firstFailedAt: number | undefined;
    for (let attempt = 1; ; attempt++) {
      if (group.stopped) throw new Error(`consumer group ${group.options.group} stopped before handling ${event.type}`);
      try {
        await group.options.handler(event);
        return;
      } catch (error) {
        const now = Date.now();
        firstFailedAt ??= now;
        // Events of a group are delivered one after another here: one waiting for an earlier event may have it
        // behind itself, so it gets a bug's few attempts (and the events behind it their turn) instead of hours.
        const classified = classifyFailure(error);
        const kind = classified === 'waiting' ? 'failed' : classified;
        const decision = decideRetry(this.retryPolicy, kind, attempt, firstFailedAt, now);
        const log = {
          err: error,
          group: group.options.group,
          eventId: event.id,
          type: event.type,
          kind,
          attempts: attempt,
        };
        if (decision.deadLetter) {
          this.logger.error(log, 'event dead-lettered (dropped: the in-memory bus keeps no dead letters)');
          return;
        }
        this.logger.warn({ ...log, retryInMs: decision.delayMs }, 'event handler failed; will retry');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, decision.delayMs);
          group.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}

import type { Logger } from '../logger';
import type { DomainEvent, EventBus, EventSubscription, SubscribeOptions } from './types';

interface Group {
  options: SubscribeOptions;
  queue: Promise<void>;
  stopped: boolean;
}

/** Events kept per type for consumer groups that subscribe later (a Redis stream's role). */
const RETAINED_PER_TYPE = 10_000;

/**
 * The event bus of embedded mode: one process, no Redis. Like a Redis stream it keeps what was
 * published, so a consumer group that subscribes later (a subgraph starting after its producer's
 * relay) still receives it; groups are known by name and get the retained history once.
 * `publish` resolves once every subscribed group has handled the event (or given up on it), and
 * rejects when the bus is closed or a group stops during delivery, so the outbox keeps the row
 * and relays it again: nothing is lost at start-up or shut-down.
 */
export class MemoryEventBus implements EventBus {
  readonly kind = 'memory' as const;
  private readonly groups = new Set<Group>();
  private readonly seenGroups = new Set<string>();
  private readonly retained = new Map<string, DomainEvent[]>();
  private closed = false;

  constructor(
    private readonly logger: Logger,
    private readonly options: { maxDeliveries?: number; retryDelayMs?: number } = {},
  ) {}

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
    const maxDeliveries = this.options.maxDeliveries ?? 5;
    for (let attempt = 1; ; attempt++) {
      if (group.stopped) throw new Error(`consumer group ${group.options.group} stopped before handling ${event.type}`);
      try {
        await group.options.handler(event);
        return;
      } catch (error) {
        const log = { err: error, group: group.options.group, eventId: event.id, type: event.type, attempt };
        if (attempt >= maxDeliveries) {
          this.logger.error(log, 'event handler keeps failing; event dropped');
          return;
        }
        this.logger.warn(log, 'event handler failed; will retry');
        await new Promise((resolve) => setTimeout(resolve, (this.options.retryDelayMs ?? 100) * attempt));
      }
    }
  }
}

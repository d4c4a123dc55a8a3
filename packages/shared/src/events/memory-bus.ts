import type { Logger } from '../logger';
import type { DomainEvent, EventBus, EventSubscription, SubscribeOptions } from './types';

interface Group {
  options: SubscribeOptions;
  queue: Promise<void>;
  stopped: boolean;
}

/**
 * The event bus of embedded mode: one process, no Redis. `publish` resolves once every
 * subscribed group has handled the event (or given up on it), so the outbox row is marked
 * published only after delivery; a crash before that redelivers from the outbox.
 */
export class MemoryEventBus implements EventBus {
  readonly kind = 'memory' as const;
  private readonly groups = new Set<Group>();

  constructor(
    private readonly logger: Logger,
    private readonly options: { maxDeliveries?: number; retryDelayMs?: number } = {},
  ) {}

  async publish(event: DomainEvent): Promise<void> {
    const deliveries: Promise<void>[] = [];
    for (const group of this.groups) {
      if (group.stopped || !group.options.types.includes(event.type)) continue;
      const copy = structuredClone(event);
      const delivery = group.queue.then(() => this.deliver(group, copy));
      group.queue = delivery.catch(() => undefined);
      deliveries.push(delivery);
    }
    await Promise.all(deliveries);
  }

  subscribe(options: SubscribeOptions): EventSubscription {
    const group: Group = { options, queue: Promise.resolve(), stopped: false };
    this.groups.add(group);
    return {
      stop: async () => {
        group.stopped = true;
        this.groups.delete(group);
        await group.queue;
      },
    };
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    await Promise.all([...this.groups].map(async (group) => {
      group.stopped = true;
      await group.queue;
    }));
    this.groups.clear();
  }

  private async deliver(group: Group, event: DomainEvent): Promise<void> {
    const maxDeliveries = this.options.maxDeliveries ?? 5;
    for (let attempt = 1; !group.stopped; attempt++) {
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

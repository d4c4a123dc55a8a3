import type { Logger } from '../logger';
import type { ProcessedEventsTable } from './tables';
import type { DomainEvent, EventBus, EventSubscription } from './types';
import type { TransactionRunner, UnitOfWork } from './unit-of-work';

export interface EventContext extends UnitOfWork {
  logger: Logger;
}

export type DomainEventHandler = (event: DomainEvent, context: EventContext) => Promise<void>;

export interface ConsumerOptions {
  /** Consumer name, usually the subgraph; also its consumer group on the bus. */
  name: string;
  runner: TransactionRunner;
  processedEvents: ProcessedEventsTable;
  handlers: Record<string, DomainEventHandler>;
  logger: Logger;
}

/**
 * Wraps domain handlers so each event is applied exactly once: the event id is recorded in
 * the same transaction as the handler's writes (and the events it emits), and a redelivered
 * event is skipped.
 */
export function createIdempotentHandler(options: ConsumerOptions) {
  const { name, runner, processedEvents, handlers, logger } = options;
  return async (event: DomainEvent): Promise<void> => {
    const handler = handlers[event.type];
    if (!handler) return;
    const log = logger.child({ eventId: event.id, eventType: event.type, source: event.source });
    const started = performance.now();
    const applied = await runner.run(async (uow) => {
      const recorded = await uow.tx
        .insert(processedEvents)
        .values({ consumer: name, eventId: event.id, type: event.type })
        .onConflictDoNothing()
        .returning({ eventId: processedEvents.eventId });
      if (recorded.length === 0) return false;
      await handler(event, { ...uow, logger: log });
      return true;
    });
    if (applied) log.info({ durationMs: Math.round(performance.now() - started) }, 'event processed');
    else log.debug('event already processed; skipped');
  };
}

/** Subscribes a service's idempotent handlers to the bus under its consumer group. */
export function startConsumer(bus: EventBus, options: ConsumerOptions): EventSubscription {
  return bus.subscribe({
    group: options.name,
    types: Object.keys(options.handlers),
    handler: createIdempotentHandler(options),
  });
}

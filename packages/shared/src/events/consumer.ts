import type { Db, Tx } from '../db/database';
import type { Logger } from '../logger';
import type { ProcessedEventsTable } from './tables';
import type { DomainEvent, EventBus, EventSubscription } from './types';

export interface EventContext {
  /** The transaction that also records the event as processed. */
  tx: Tx;
  logger: Logger;
  /** Runs after the transaction committed (live updates, relay kicks). */
  afterCommit(fn: () => unknown): void;
}

export type DomainEventHandler = (event: DomainEvent, context: EventContext) => Promise<void>;

export interface ConsumerOptions {
  /** Consumer name, usually the subgraph; also the consumer group on the bus. */
  name: string;
  db: Db;
  processedEvents: ProcessedEventsTable;
  handlers: Record<string, DomainEventHandler>;
  logger: Logger;
}

/**
 * Wraps domain handlers so each event is applied exactly once: the event id is recorded in
 * the same transaction as the handler's writes, and a redelivered event is skipped.
 */
export function createIdempotentHandler(options: ConsumerOptions) {
  const { name, db, processedEvents, handlers, logger } = options;
  return async (event: DomainEvent): Promise<void> => {
    const handler = handlers[event.type];
    if (!handler) return;
    const log = logger.child({ eventId: event.id, eventType: event.type, source: event.source });
    const after: (() => unknown)[] = [];
    const applied = await db.transaction(async (tx) => {
      const recorded = await tx
        .insert(processedEvents)
        .values({ consumer: name, eventId: event.id, type: event.type })
        .onConflictDoNothing()
        .returning({ eventId: processedEvents.eventId });
      if (recorded.length === 0) return false;
      await handler(event, { tx: tx as unknown as Tx, logger: log, afterCommit: (fn) => after.push(fn) });
      return true;
    });
    if (!applied) {
      log.debug('event already processed; skipped');
      return;
    }
    log.info('event processed');
    for (const fn of after) {
      try {
        await fn();
      } catch (error) {
        log.warn({ err: error }, 'after-commit step failed');
      }
    }
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

import { sql } from 'drizzle-orm';
import { queryRows } from '../db/database';
import type { Logger } from '../logger';
import { classifyFailure } from './failures';
import type { ProcessedEventsTable } from './tables';
import type { DomainEvent, EventBus, EventSubscription } from './types';
import type { TransactionRunner, UnitOfWork } from './unit-of-work';

export interface EventContext extends UnitOfWork {
  logger: Logger;
}

export type DomainEventHandler = ((event: DomainEvent, context: EventContext) => Promise<void>) & {
  /** Applies several events of its type at once (one statement for all, say), as one by one in order. */
  many?: (events: DomainEvent[], context: EventContext) => Promise<void>;
};

export interface ConsumerOptions {
  /** Consumer name, usually the subgraph; also its consumer group on the bus. */
  name: string;
  runner: TransactionRunner;
  processedEvents: ProcessedEventsTable;
  handlers: Record<string, DomainEventHandler>;
  logger: Logger;
}

/** An event waiting, with its handler, for the transaction it will be applied in. */
interface Queued {
  event: DomainEvent;
  handler: DomainEventHandler;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** An event id as Postgres writes a uuid back: lower case, hex digits only compared (braces and hyphens dropped). */
const canonicalId = (id: string) => id.toLowerCase().replace(/[^0-9a-f]/g, '');

/**
 * Wraps domain handlers so each event is applied exactly once: the event id is recorded in
 * the same transaction as the handler's writes (and the events it emits), and a redelivered
 * event is skipped.
 *
 * Events handed over in the same tick (the bus hands over a whole read at once) are applied in one
 * transaction, in the order given, their ids recorded by one statement: one commit for the lot
 * instead of one each. Should that transaction fail, each event is applied again in a transaction of
 * its own, in order, so only the event that fails is refused (and retried or dead-lettered alone);
 * after a transient failure (the database away) the rest are refused with it without being tried.
 */
export function createIdempotentHandler(options: ConsumerOptions) {
  const { name, runner, processedEvents, handlers, logger } = options;
  const context = (uow: UnitOfWork, event: DomainEvent): EventContext => ({
    ...uow,
    // The events of a batch share one transaction: none of them may end it.
    commitWith: () => Promise.reject(new Error('An event handler cannot end its transaction (commitWith)')),
    logger: logger.child({ eventId: event.id, eventType: event.type, source: event.source }),
  });
  const processed = (events: DomainEvent[], started: number) => {
    const durationMs = Math.round(performance.now() - started);
    for (const event of events)
      logger.info({ eventId: event.id, eventType: event.type, source: event.source, durationMs }, 'event processed');
  };

  /** Applies the events in one transaction; what it applied (a redelivered event is skipped). */
  const applyAll = async (batch: Queued[]): Promise<DomainEvent[]> => {
    const started = performance.now();
    const applied = await runner.run(async (uow) => {
      // The batch as two array parameters: one statement text whatever the batch's size (one prepared statement).
      const recorded = await queryRows<{ eventId: string }>(
        uow.tx,
        sql`insert into ${processedEvents} (consumer, event_id, type)
          select ${name}, e.id, e.type from unnest(${sql.param(batch.map(({ event }) => event.id))}::uuid[],
            ${sql.param(batch.map(({ event }) => event.type))}::text[]) as e(id, type)
          on conflict do nothing returning event_id as "eventId"`,
      );
      // An id delivered twice in one batch is recorded once, and applied once. Postgres hands a uuid back in
      // its canonical form (lower case, hyphens): ids are compared in that form, or an id written otherwise
      // would be recorded as processed and never applied.
      const fresh = new Set(recorded.map((row) => canonicalId(row.eventId)));
      const done = batch.filter(({ event }) => fresh.delete(canonicalId(event.id)));
      // Runs of events with one handler that takes many at once go to it together.
      for (let i = 0; i < done.length;) {
        const { event, handler } = done[i]!;
        let end = i + 1;
        if (handler.many) while (end < done.length && done[end]!.handler === handler) end++;
        if (end - i > 1)
          await handler.many!(
            done.slice(i, end).map((item) => item.event),
            context(uow, event),
          );
        else await handler(event, context(uow, event));
        i = end;
      }
      return done.map((item) => item.event);
    });
    processed(applied, started);
    if (applied.length < batch.length)
      logger.debug({ skipped: batch.length - applied.length }, 'events already processed');
    return applied;
  };

  const settle = async (batch: Queued[]): Promise<void> => {
    if (batch.length > 1) {
      try {
        await applyAll(batch);
        for (const item of batch) item.resolve();
        return;
      } catch {
        // One event spoilt the batch, or the database is away: each on its own below.
      }
    }
    for (let i = 0; i < batch.length; i++) {
      try {
        await applyAll([batch[i]!]);
        batch[i]!.resolve();
      } catch (error) {
        batch[i]!.reject(error);
        if (classifyFailure(error) !== 'transient') continue;
        for (const rest of batch.slice(i + 1)) rest.reject(error);
        return;
      }
    }
  };

  let queue: Queued[] = [];
  return async (event: DomainEvent): Promise<void> => {
    const handler = handlers[event.type];
    if (!handler) return;
    return new Promise<void>((resolve, reject) => {
      queue.push({ event, handler, resolve, reject });
      if (queue.length > 1) return;
      queueMicrotask(() => {
        const batch = queue;
        queue = [];
        void settle(batch);
      });
    });
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

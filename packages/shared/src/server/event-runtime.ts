import { createRetentionWorker, type RetentionRule } from '../db/retention';
import { createIdempotentHandler, type DomainEventHandler } from '../events/consumer';
import { Outbox, OutboxRelay } from '../events/outbox';
import type { EventTables } from '../events/tables';
import type { EventSubscription } from '../events/types';
import { TransactionRunner, type UnitOfWork } from '../events/unit-of-work';
import { DomainCounters, registerConsumerMetrics, registerOutboxMetrics } from '../observability/event-metrics';
import { traceEventHandler } from '../observability/request-tracing';
import type { SubgraphDeps } from '../runtime';
import type { ReadinessCheck } from './http';
import type { Worker } from './service';

/**
 * How long a consumer remembers the ids of the events it applied, to skip them when they come again: well past
 * the outbox's seven days, within which events a Redis lost are published again (only those that occurred in
 * them: outbox.ts). An event that comes again later (from a Redis restored from an older backup, a consumer group
 * created again at the start of its streams, a dead letter replayed with --force) would be applied again.
 */
export const PROCESSED_EVENTS_RETENTION_MS = 30 * 24 * 3600_000;

export interface EventRuntime {
  outbox: Outbox;
  relay: OutboxRelay;
  /** Runs units of work whose events commit with them. */
  runner: TransactionRunner;
  /** Outbox relay, (when there are handlers) the event consumer, and the retention worker of their tables. */
  workers: Worker[];
  /** Committed domain events by type, and the bookings/payments/refunds/boardings they stand for. */
  counters: DomainCounters;
  /** What the retention worker deletes: published outbox rows, processed event ids, the subgraph's own rules. */
  retention: readonly RetentionRule[];
}

export interface EventRuntimeOptions {
  /** The subgraph's own rows to delete past their time, by the same worker. */
  retention?: readonly RetentionRule[];
  /** Time between the retention worker's passes (hourly). */
  retentionIntervalMs?: number;
}

/** A runner that counts the events of each unit of work once it has committed. */
class CountingRunner extends TransactionRunner {
  constructor(
    private readonly counters: DomainCounters,
    ...args: ConstructorParameters<typeof TransactionRunner>
  ) {
    super(...args);
  }

  override async run<T>(fn: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    const emitted: string[] = [];
    const result = await super.run((uow) =>
      fn({
        ...uow,
        emit: (type, payload) => {
          emitted.push(type);
          return uow.emit(type, payload);
        },
        emitWith: async (type, payload, write) => {
          const result = await uow.emitWith(type, payload, write);
          emitted.push(type);
          return result;
        },
        commitWith: async (type, payload, write, deadline) => {
          const result = await uow.commitWith(type, payload, write, deadline);
          emitted.push(type);
          return result;
        },
      }),
    );
    for (const type of emitted) this.counters.committed(type);
    return result;
  }
}

/**
 * The event plumbing of one subgraph: its outbox, the relay that publishes it, the
 * transaction runner its services use, its idempotent consumer, and the worker that deletes
 * published outbox rows, processed event ids and the subgraph's own `retention` rows past their time.
 */
export function createEventRuntime(
  name: string,
  deps: Pick<SubgraphDeps, 'db' | 'bus' | 'logger'>,
  tables: EventTables,
  handlers: Record<string, DomainEventHandler> = {},
  options: EventRuntimeOptions = {},
): EventRuntime {
  const logger = deps.logger.child({ component: 'events' });
  const outbox = new Outbox(tables.outbox, name);
  const relay = new OutboxRelay({ db: deps.db.db, table: tables.outbox, bus: deps.bus, source: name, logger });
  const counters = new DomainCounters();
  const runner = new CountingRunner(counters, deps.db.db, outbox, relay, logger);
  const workers: Worker[] = [
    {
      name: 'outbox-relay',
      start: () => relay.start(),
      stop: () => relay.stop(),
      metrics: (registry) => {
        counters.register(registry);
        registerOutboxMetrics(registry, deps.db.db, tables.outbox, logger);
      },
    },
  ];
  const retention: RetentionRule[] = [relay.retentionRule(), ...(options.retention ?? [])];
  if (Object.keys(handlers).length > 0) {
    const processed = tables.processedEvents;
    retention.push({ table: processed, column: processed.processedAt, keepMs: PROCESSED_EVENTS_RETENTION_MS });
    let subscription: EventSubscription | undefined;
    workers.push({
      name: 'event-consumer',
      start: () => {
        // Each delivery runs in a span that continues the trace of the change that emitted the event.
        const handler = createIdempotentHandler({
          name,
          runner,
          processedEvents: tables.processedEvents,
          handlers,
          logger,
        });
        subscription = deps.bus.subscribe({
          group: name,
          types: Object.keys(handlers),
          handler: traceEventHandler(name, handler),
        });
      },
      stop: async () => {
        await subscription?.stop();
      },
      metrics: (registry) => registerConsumerMetrics(registry, deps.bus, name, Object.keys(handlers), logger),
    });
  }
  const retentionLogger = deps.logger.child({ component: 'retention' });
  const intervalMs = options.retentionIntervalMs;
  workers.push(createRetentionWorker({ db: deps.db.db, rules: retention, logger: retentionLogger, intervalMs }).worker);
  return { outbox, relay, runner, workers, counters, retention };
}

/** Readiness of a subgraph: its database and its event transport answer. */
export function standardReadiness(deps: Pick<SubgraphDeps, 'db' | 'bus'>): ReadinessCheck[] {
  return [
    { name: 'database', check: () => deps.db.ping() },
    { name: 'events', check: () => deps.bus.ping() },
  ];
}

import { startConsumer, type DomainEventHandler } from '../events/consumer';
import { Outbox, OutboxRelay } from '../events/outbox';
import type { EventTables } from '../events/tables';
import type { EventSubscription } from '../events/types';
import { TransactionRunner } from '../events/unit-of-work';
import type { SubgraphDeps } from '../runtime';
import type { ReadinessCheck } from './http';
import type { Worker } from './service';

export interface EventRuntime {
  outbox: Outbox;
  relay: OutboxRelay;
  /** Runs units of work whose events commit with them. */
  runner: TransactionRunner;
  /** Outbox relay and (when there are handlers) the event consumer. */
  workers: Worker[];
}

/**
 * The event plumbing of one subgraph: its outbox, the relay that publishes it, the
 * transaction runner its services use, and its idempotent consumer.
 */
export function createEventRuntime(
  name: string,
  deps: Pick<SubgraphDeps, 'db' | 'bus' | 'logger'>,
  tables: EventTables,
  handlers: Record<string, DomainEventHandler> = {},
): EventRuntime {
  const logger = deps.logger.child({ component: 'events' });
  const outbox = new Outbox(tables.outbox, name);
  const relay = new OutboxRelay({ db: deps.db.db, table: tables.outbox, bus: deps.bus, source: name, logger });
  const runner = new TransactionRunner(deps.db.db, outbox, relay, logger);
  const workers: Worker[] = [{ name: 'outbox-relay', start: () => relay.start(), stop: () => relay.stop() }];
  if (Object.keys(handlers).length > 0) {
    let subscription: EventSubscription | undefined;
    workers.push({
      name: 'event-consumer',
      start: () => {
        subscription = startConsumer(deps.bus, { name, runner, processedEvents: tables.processedEvents, handlers, logger });
      },
      stop: async () => {
        await subscription?.stop();
      },
    });
  }
  return { outbox, relay, runner, workers };
}

/** Readiness of a subgraph: its database and its event transport answer. */
export function standardReadiness(deps: Pick<SubgraphDeps, 'db' | 'bus'>): ReadinessCheck[] {
  return [
    { name: 'database', check: () => deps.db.ping() },
    { name: 'events', check: () => deps.bus.ping() },
  ];
}

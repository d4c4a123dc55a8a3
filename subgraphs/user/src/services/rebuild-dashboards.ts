// Rebuilding the dashboards from a replay of the event streams (scripts and tests).
import {
  createIdempotentHandler,
  Outbox,
  TransactionRunner,
  type DomainEvent,
  type SubgraphDeps,
} from '@busline/shared';
import { outbox, processedEvents } from '../db/schema';
import { DashboardProjectionRepository } from '../repositories/dashboard-projection-repository';
import { dashboardHandlers } from './project-dashboards';

const CONSUMER = 'user';

/**
 * Empties the dashboard read models and forgets which dashboard events were applied, so the
 * same events can be applied again. Profiles and their events are untouched.
 */
export async function resetDashboards(deps: Pick<SubgraphDeps, 'db'>): Promise<void> {
  await deps.db.db.transaction((tx) =>
    new DashboardProjectionRepository(tx).reset(CONSUMER, Object.keys(dashboardHandlers)),
  );
}

/** Applies events to the dashboards exactly as the consumer does (idempotently), in the order given. */
export async function applyDashboardEvents(
  deps: Pick<SubgraphDeps, 'db' | 'logger'>,
  events: Iterable<DomainEvent>,
): Promise<void> {
  const logger = deps.logger.child({ component: 'dashboard-replay' });
  const runner = new TransactionRunner(deps.db.db, new Outbox(outbox, CONSUMER), undefined, logger);
  const apply = createIdempotentHandler({
    name: CONSUMER,
    runner,
    processedEvents,
    handlers: dashboardHandlers,
    logger,
  });
  for (const event of events) await apply(event);
}

/**
 * Rebuilds the dashboards from a replay of the event streams (every dashboard event type, in
 * any order: the projections merge facts order-independently). The read models hold nothing
 * that did not come from an event, so the result equals what live consumption built.
 */
export async function rebuildDashboards(
  deps: Pick<SubgraphDeps, 'db' | 'logger'>,
  events: Iterable<DomainEvent>,
): Promise<void> {
  await resetDashboards(deps);
  await applyDashboardEvents(deps, events);
}

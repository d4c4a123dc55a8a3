import { createEventRuntime, serveSubgraph, type SubgraphDeps } from '@busline/shared';
import { buildContext } from './context';
import { retentionRules } from './db/retention';
import { outbox, processedEvents } from './db/schema';
import { createHandlers } from './events';
import { resolveOptions, type TicketingOptions } from './options';
import { resolvers } from './resolvers';
import { AdvanceBookingsService, createServices, ReplicateTripsService } from './services';
import { LiveUpdates } from './services/live';

export const SUBGRAPH = 'ticketing';

/** Builds the ticketing subgraph (not started: call `start(port)`); omitted options take the defaults. */
export function createServer(deps: SubgraphDeps, options: Partial<TicketingOptions> = {}) {
  const resolved = resolveOptions(options);
  const live = new LiveUpdates(deps.pubsub);
  const handlers = createHandlers(
    new ReplicateTripsService(live, resolved.pendingPaymentGraceMs),
    new AdvanceBookingsService(live, resolved.pendingPaymentGraceMs),
  );
  const events = createEventRuntime(SUBGRAPH, deps, { outbox, processedEvents }, handlers, {
    retention: retentionRules,
  });
  const services = createServices(events.runner, live, resolved, deps.logger, deps.db.db);
  const workers = [...events.workers];
  if (resolved.sweepIntervalMs > 0) workers.push(services.sweeper.worker(resolved.sweepIntervalMs));
  const server = serveSubgraph(deps, {
    name: SUBGRAPH,
    schema: new URL('./schema.graphql', import.meta.url),
    resolvers,
    buildContext: (base) => buildContext(base, deps.db.db, services),
    workers,
  });
  return Object.assign(server, { services, events, handlers });
}

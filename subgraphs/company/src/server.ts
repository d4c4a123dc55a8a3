import { createEventRuntime, serveSubgraph, type SubgraphDeps } from '@busline/shared';
import { buildContext } from './context';
import { outbox, processedEvents, tripResends } from './db/schema';
import { handlers } from './events';
import type { CompanyServerOptions } from './options';
import { resolvers } from './resolvers';
import { createServices } from './services';
import { DEFAULT_QUOTAS } from './services/quotas';
import { DEFAULT_TRIP_RESENDS_PER_HOUR } from './services/trip-snapshot';

export const SUBGRAPH = 'company';

/** Builds the company subgraph (not started: call `start(port)`). */
export function createServer(deps: SubgraphDeps, options: CompanyServerOptions = {}) {
  const events = createEventRuntime(SUBGRAPH, deps, { outbox, processedEvents }, handlers, {
    // A day of the hourly counts of re-sent trips is more than any check reads.
    retention: [{ table: tripResends, column: tripResends.hour, keepMs: 86_400_000 }],
  });
  const services = createServices({
    db: deps.db.db,
    runner: events.runner,
    now: options.now ?? (() => new Date()),
    tripResendsPerHour: options.tripResendsPerHour ?? DEFAULT_TRIP_RESENDS_PER_HOUR,
    quotas: options.quotas ?? DEFAULT_QUOTAS,
  });
  return serveSubgraph(deps, {
    name: SUBGRAPH,
    schema: new URL('./schema.graphql', import.meta.url),
    resolvers,
    buildContext: (base) => buildContext(base, deps.db.db, services),
    workers: events.workers,
  });
}

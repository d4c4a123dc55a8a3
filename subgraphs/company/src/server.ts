import { createEventRuntime, serveSubgraph, type SubgraphDeps } from '@busline/shared';
import { buildContext } from './context';
import { outbox, processedEvents } from './db/schema';
import { handlers } from './events';
import type { CompanyServerOptions } from './options';
import { resolvers } from './resolvers';
import { createServices } from './services';

export const SUBGRAPH = 'company';

/** Builds the company subgraph (not started: call `start(port)`). */
export function createServer(deps: SubgraphDeps, options: CompanyServerOptions = {}) {
  const events = createEventRuntime(SUBGRAPH, deps, { outbox, processedEvents }, handlers);
  const services = createServices({ db: deps.db.db, runner: events.runner, now: options.now ?? (() => new Date()) });
  return serveSubgraph(deps, {
    name: SUBGRAPH,
    schema: new URL('./schema.graphql', import.meta.url),
    resolvers,
    buildContext: (base) => buildContext(base, deps.db.db, services),
    workers: events.workers,
  });
}

import { createEventRuntime, serveSubgraph, type SubgraphDeps } from '@busline/shared';
import { buildContext } from './context';
import { outbox, processedEvents } from './db/schema';
import { handlers } from './events';
import type { UserServerOptions } from './options';
import { resolvers } from './resolvers';
import { DashboardService } from './services/dashboards';
import { UserService } from './services/user-admin';

export const SUBGRAPH = 'user';

/** Builds the user subgraph (not started: call `start(port)`). */
export function createServer(deps: SubgraphDeps, _options: UserServerOptions = {}) {
  const events = createEventRuntime(SUBGRAPH, deps, { outbox, processedEvents }, handlers);
  const users = new UserService(deps.db.db, events.runner);
  const dashboards = new DashboardService(deps.db.db);
  return serveSubgraph(deps, {
    name: SUBGRAPH,
    schema: new URL('./schema.graphql', import.meta.url),
    resolvers,
    buildContext: (base) => buildContext(base, deps.db.db, users, dashboards),
    workers: events.workers,
  });
}

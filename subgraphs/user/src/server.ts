import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { createEventRuntime, createSubgraphServer, readSchemaFile, standardReadiness, type SubgraphDeps } from '@busline/shared';
import { buildContext, type UserContext } from './context';
import { outbox, processedEvents } from './db/schema';
import { handlers } from './events';
import { resolvers } from './resolvers';
import { DashboardService } from './services/dashboards';
import { UserService } from './services/user-admin';

export const SUBGRAPH = 'user';

/** Builds the user subgraph (not started: call `start(port)`). */
export function createServer(deps: SubgraphDeps) {
  const events = createEventRuntime(SUBGRAPH, deps, { outbox, processedEvents }, handlers);
  const users = new UserService(deps.db.db, events.runner);
  const dashboards = new DashboardService(deps.db.db);
  return createSubgraphServer({
    name: SUBGRAPH,
    typeDefs: readSchemaFile(new URL('./schema.graphql', import.meta.url)),
    // The generated types model __resolveReference, which Apollo's resolver map type cannot express.
    resolvers: resolvers as GraphQLResolverMap<UserContext>,
    logger: deps.logger,
    verifier: deps.verifier,
    routerSecret: deps.routerSecret,
    metricsToken: deps.metricsToken,
    buildContext: (base) => buildContext(base, deps.db.db, users, dashboards),
    readiness: standardReadiness(deps),
    workers: events.workers,
  });
}

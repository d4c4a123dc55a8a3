import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { createEventRuntime, createSubgraphServer, readSchemaFile, standardReadiness, type SubgraphDeps } from '@busline/shared';
import { buildContext, type CompanyContext } from './context';
import { outbox, processedEvents } from './db/schema';
import { handlers } from './events';
import { resolvers } from './resolvers';
import { createServices } from './services';

export const SUBGRAPH = 'company';

export interface CompanyServerOptions {
  /** Clock for the domain rules ("departure in the future"); tests pin it. */
  now?: () => Date;
}

/** Builds the company subgraph (not started: call `start(port)`). */
export function createServer(deps: SubgraphDeps, options: CompanyServerOptions = {}) {
  const events = createEventRuntime(SUBGRAPH, deps, { outbox, processedEvents }, handlers);
  const services = createServices({ db: deps.db.db, runner: events.runner, now: options.now ?? (() => new Date()) });
  return createSubgraphServer({
    name: SUBGRAPH,
    typeDefs: readSchemaFile(new URL('./schema.graphql', import.meta.url)),
    // The generated types model __resolveReference, which Apollo's resolver map type cannot express.
    resolvers: resolvers as GraphQLResolverMap<CompanyContext>,
    logger: deps.logger,
    verifier: deps.verifier,
    routerSecret: deps.routerSecret,
    metricsToken: deps.metricsToken,
    buildContext: (base) => buildContext(base, deps.db.db, services),
    readiness: standardReadiness(deps),
    workers: events.workers,
  });
}

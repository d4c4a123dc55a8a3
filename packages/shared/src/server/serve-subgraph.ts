// The one way a subgraph's server.ts builds its server: schema file, generated resolvers, context, and the deps'
// plumbing.
import type { TokenVerifier } from '../auth/token-verifier';
import { readSchemaFile } from '../graphql/schema-file';
import type { SubgraphDeps } from '../runtime';
import { standardReadiness } from './event-runtime';
import type { ReadinessCheck, Route } from './http';
import type { Worker } from './service';
import { createSubgraphServer, type ApolloResolverMap, type BaseContext } from './subgraph-server';

/**
 * A subgraph's resolvers as codegen types them (`Resolvers` in its generated/resolvers.ts, which checks
 * them against schema.graphql). Their `__resolveReference` signature differs from the one Apollo's
 * resolver map declares, so they are taken as they are and handed to Apollo here, once.
 */
export type GeneratedResolvers = { readonly [typeName: string]: unknown };

export interface SubgraphSpec<TContext extends BaseContext> {
  /** The subgraph's name: logs, metrics and traces carry it. */
  name: string;
  /** Its schema.graphql, next to server.ts: `new URL('./schema.graphql', import.meta.url)`. */
  schema: URL;
  resolvers: GeneratedResolvers;
  /** Extends the base context with the subgraph's own per-request state (loaders, `services`). */
  buildContext: (base: BaseContext) => TContext;
  /** Checks /readyz runs besides the database and the event bus. */
  readiness?: ReadinessCheck[];
  /** The event runtime's workers and the subgraph's own (sweepers, reconcilers). */
  workers?: Worker[];
  routes?: Route[];
  /** Replaces the deps' verifier (auth verifies its own tokens with its own keys). */
  verifier?: TokenVerifier;
  onStop?: () => Promise<void>;
}

/** Builds a subgraph server (not started: call `start(port)`) from its deps and its own parts. */
export function serveSubgraph<TContext extends BaseContext>(deps: SubgraphDeps, spec: SubgraphSpec<TContext>) {
  return createSubgraphServer<TContext>({
    name: spec.name,
    typeDefs: readSchemaFile(spec.schema),
    resolvers: spec.resolvers as ApolloResolverMap,
    logger: deps.logger,
    verifier: spec.verifier ?? deps.verifier,
    routerSecret: deps.routerSecret,
    metricsToken: deps.metricsToken,
    buildContext: spec.buildContext,
    readiness: [...standardReadiness(deps), ...(spec.readiness ?? [])],
    workers: spec.workers,
    routes: spec.routes,
    onStop: spec.onStop,
  });
}

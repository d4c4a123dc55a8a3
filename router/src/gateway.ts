// Gateway loading: @apollo/gateway over a static supergraph, its data sources, and masked execution.
import { ApolloGateway } from '@apollo/gateway';
import {
  getOperationAST,
  GraphQLError,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { traceFetch, type Logger } from '@busline/shared';
import type { RouterContext } from './context';
import { SubgraphDataSource } from './data-source';
import { sourceOf } from './documents';
import { sanitizeError } from './error-masking';
import { dedupeInflight } from './inflight-dedupe';
import type { FetchObserver } from './metrics';

export interface GatewayOptions {
  supergraphSdl: string;
  logger: Logger;
  timeoutMs: number;
  connections: number;
  routerSecret?: string;
  /** Routing URL per subgraph; defaults to the URLs in the supergraph SDL. */
  urls?: Record<string, string>;
  /** Told of every fetch to a subgraph: how long it took and how it ended (metrics). */
  onFetch?: FetchObserver;
  /** Identical queries to a subgraph in flight at once (same caller) go out once (default on). */
  dedupeInflight?: boolean;
}

/**
 * Times every fetch of `source` (the query planner's and the subscription executor's alike) and,
 * when tracing, runs it in a client span whose context goes to the subgraph in `traceparent`.
 */
function observeFetches(name: string, source: SubgraphDataSource, onFetch: FetchObserver | undefined): void {
  const process = source.process.bind(source);
  const timed: typeof process = async (request) => {
    const started = performance.now();
    try {
      const response = await process(request);
      onFetch?.(name, (performance.now() - started) / 1000, response.errors?.length ? 'error' : 'ok');
      return response;
    } catch (error) {
      onFetch?.(name, (performance.now() - started) / 1000, 'failed');
      throw error;
    }
  };
  source.process = (request) => {
    // The query plan sends no headers of its own: process() copies these into the subgraph request.
    const outgoing = request.request as { http?: { headers: { set(key: string, value: string): void } } };
    const headers = {
      set: (key: string, value: string) => (outgoing.http ??= { headers: new Headers() }).headers.set(key, value),
    };
    return traceFetch('router', name, headers, () => timed(request));
  };
}

export interface LoadedGateway {
  schema: GraphQLSchema;
  execute(args: ExecutionArgs): Promise<ExecutionResult>;
  dataSources: Map<string, SubgraphDataSource>;
  /** Subgraph name → base URL (without /graphql), for readiness checks. */
  subgraphUrls: Map<string, string>;
  /** Subgraph name → GraphQL endpoint URL. */
  graphqlUrls: Map<string, string>;
  /** Fetches answered by an identical one already in flight since start, per subgraph (deduplication on). */
  sharedFetches(): Map<string, number>;
  stop(): Promise<void>;
}

function gatewayLogger(logger: Logger) {
  const log = logger.child({ component: 'gateway' });
  return {
    debug: (message: unknown) => log.debug(String(message)),
    info: (message: unknown) => log.info(String(message)),
    warn: (message: unknown) => log.warn(String(message)),
    error: (message: unknown) => log.error(String(message)),
  };
}

type GatewayExecutor = (
  requestContext: unknown,
) => Promise<{ data?: unknown; errors?: readonly GraphQLFormattedError[]; extensions?: unknown }>;

/** The gateway's data source for each subgraph, and where each one is reached. */
class SubgraphSources {
  readonly dataSources = new Map<string, SubgraphDataSource>();
  /** Subgraph name → base URL (without /graphql). */
  readonly subgraphUrls = new Map<string, string>();
  readonly graphqlUrls = new Map<string, string>();
  readonly sharedCounts = new Map<string, () => number>();

  constructor(private readonly options: GatewayOptions) {}

  /** A keep-alive data source to `name` (at its overridden URL if any), deduplicated and observed. */
  build(name: string, url: string): SubgraphDataSource {
    const target = this.options.urls?.[name] ?? url;
    this.subgraphUrls.set(name, target.replace(/\/graphql\/?$/, ''));
    this.graphqlUrls.set(name, target);
    const source = new SubgraphDataSource({
      name,
      url: target,
      timeoutMs: this.options.timeoutMs,
      connections: this.options.connections,
      routerSecret: this.options.routerSecret,
    });
    if (this.options.dedupeInflight !== false) {
      const dedupe = dedupeInflight(source.fetcher as never);
      source.fetcher = dedupe.fetcher as never;
      this.sharedCounts.set(name, dedupe.shared);
    }
    observeFetches(name, source, this.options.onFetch);
    this.dataSources.set(name, source);
    return source;
  }
}

/**
 * Loads @apollo/gateway with a static supergraph and keep-alive data sources, and exposes an
 * `execute` that Yoga calls instead of graphql-js for queries and mutations.
 */
export async function loadGateway(options: GatewayOptions): Promise<LoadedGateway> {
  const sources = new SubgraphSources(options);
  // Left on, @apollo/gateway probes cloud metadata endpoints (AWS, Azure, GCP, Alibaba) when it is
  // created and reports usage to Apollo every hour. A Busline router talks to its subgraphs only,
  // unless the operator opts in with APOLLO_TELEMETRY_DISABLED=false.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger: gatewayLogger(options.logger),
    buildService: ({ name, url }) => sources.build(name, url!),
  });
  const { schema, executor } = (await gateway.load()) as unknown as {
    schema: GraphQLSchema;
    executor: GatewayExecutor;
  };
  const { dataSources, subgraphUrls, graphqlUrls, sharedCounts } = sources;

  async function execute(args: ExecutionArgs): Promise<ExecutionResult> {
    const context = args.contextValue as RouterContext;
    const operation = getOperationAST(args.document, args.operationName ?? undefined);
    if (!operation)
      return { errors: [new GraphQLError('Unknown operation', { extensions: { code: 'BAD_USER_INPUT' } })] };
    const { source, hash } = sourceOf(args.document);
    const result = await executor({
      request: { query: source, operationName: args.operationName ?? undefined, variables: args.variableValues ?? {} },
      document: args.document,
      source,
      queryHash: hash,
      operationName: args.operationName ?? operation.name?.value ?? null,
      operation,
      schema: args.schema,
      context,
      logger: gatewayLogger(context.logger),
      metrics: {},
      cache: undefined as never,
      overallCachePolicy: undefined as never,
    });
    if (!result.errors?.length) return result as ExecutionResult;
    return { ...result, errors: result.errors.map((e) => sanitizeError(e, context.logger)) } as ExecutionResult;
  }

  return {
    schema,
    execute,
    dataSources,
    subgraphUrls,
    graphqlUrls,
    sharedFetches: () => new Map([...sharedCounts].map(([name, count]) => [name, count()])),
    async stop() {
      await gateway.stop();
      await Promise.all([...dataSources.values()].map((s) => s.close()));
    },
  };
}

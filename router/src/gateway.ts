// Gateway loading: @apollo/gateway over a static supergraph, its data sources, and masked execution.
import { AsyncLocalStorage } from 'node:async_hooks';
import { ApolloGateway } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import {
  getOperationAST,
  GraphQLError,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { traceFetch, tracingActive, type Logger } from '@busline/shared';
import type { RouterContext } from './context';
import { SubgraphDataSource } from './data-source';
import { coercedVariables } from './variables';
import { sourceOf } from './documents';
import { completionErrors, sanitizeError } from './error-masking';
import { dedupeInflight } from './inflight-dedupe';
import type { FetchObserver } from './metrics';
import { planningRefusal, PlanBudget, PlanningRefused } from './plan-budget';
import { enumsWithHiddenValues, fetchVariables, singleFetchOf, type SingleFetch } from './single-fetch';

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
  /** Told of each request answered by a fetch already in flight for another one (their request ids). */
  onSharedFetch?: (requestId: string, leaderRequestId: string | undefined) => void;
  /** Operations one subgraph answers in the client's shape skip the gateway's planning and shaping (default on). */
  singleFetches?: boolean;
  /** Milliseconds of planning one client address may cost in a minute (plan-budget.ts; 0 or absent: no limit). */
  planningMsPerMinute?: number;
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
  /** The planning budget per address the gateway's planner is held to; subscriptions' planning is charged to it too. */
  planBudget: PlanBudget;
  /** Operations sent as their single fetch without the gateway's executor since start. */
  singleFetchCount(): number;
  /** Of those, the answers that fit the client's selection and were written without the gateway's shaping. */
  singleFetchesPassedOn(): number;
  stop(): Promise<void>;
}

/** The gateway's logger over `logger`, whose child is made on first use (most requests never log). */
function gatewayLogger(logger: Logger | (() => Logger)) {
  let log: Logger | undefined;
  const child = () => (log ??= (typeof logger === 'function' ? logger() : logger).child({ component: 'gateway' }));
  return {
    debug: (message: unknown) => child().debug(String(message)),
    info: (message: unknown) => child().info(String(message)),
    warn: (message: unknown) => child().warn(String(message)),
    error: (message: unknown) => child().error(String(message)),
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
      const dedupe = dedupeInflight(source.fetcher as never, (init, leader) => {
        const requestId = init.headers['x-request-id'];
        if (requestId) this.options.onSharedFetch?.(requestId, leader.headers['x-request-id']);
      });
      source.fetcher = dedupe.fetcher as never;
      this.sharedCounts.set(name, dedupe.shared);
    }
    observeFetches(name, source, this.options.onFetch);
    const observed = source.process.bind(source);
    source.process = (request) => {
      const received = this.received.get(request.context as object);
      if (received?.serviceName !== name) return observed(request);
      this.received.delete(request.context as object);
      return received.answer();
    };
    this.dataSources.set(name, source);
    return source;
  }

  /**
   * Answers of single fetches already made for a request (by its context), which the gateway must shape
   * itself: its fetch gets that answer instead of asking the subgraph again (a mutation is sent once).
   */
  readonly received = new WeakMap<object, { serviceName: string; answer: () => Promise<SubgraphAnswer> }>();
}

type SubgraphAnswer = Awaited<ReturnType<SubgraphDataSource['process']>>;

/** Per parsed document and operation name: its single fetch, or null when the gateway must shape the answer. */
class SingleFetches {
  private readonly known = new WeakMap<DocumentNode, Map<string, SingleFetch | null>>();
  private schema?: GraphQLSchema;
  private hiddenEnums?: Set<string>;

  constructor(private readonly supergraphSdl: string) {}

  load(schema: GraphQLSchema): void {
    this.schema = schema;
    this.hiddenEnums = enumsWithHiddenValues(this.supergraphSdl, schema);
  }

  get(document: DocumentNode, operationName: string | null): SingleFetch | null | undefined {
    return this.known.get(document)?.get(operationName ?? '');
  }

  /** Told of the plan of each operation the gateway runs (once per document and name is enough). */
  learn(plan: QueryPlan, document: DocumentNode, operationName: string | null): void {
    if (!this.schema || this.get(document, operationName) !== undefined) return;
    let byName = this.known.get(document);
    if (!byName) this.known.set(document, (byName = new Map()));
    const operation = getOperationAST(document, operationName ?? undefined);
    byName.set(
      operationName ?? '',
      operation ? (singleFetchOf(plan, document, operation, this.schema, this.hiddenEnums!) ?? null) : null,
    );
  }
}

/**
 * Loads @apollo/gateway with a static supergraph and keep-alive data sources, and exposes an
 * `execute` that Yoga calls instead of graphql-js for queries and mutations.
 */
export async function loadGateway(options: GatewayOptions): Promise<LoadedGateway> {
  const sources = new SubgraphSources(options);
  const singleFetches = new SingleFetches(options.supergraphSdl);
  const planBudget = new PlanBudget(options.planningMsPerMinute ?? 0);
  /** The operation the gateway is working for: its planning (a plan not kept) is charged to its address. */
  const planningFor = new AsyncLocalStorage<RouterContext>();
  // Left on, @apollo/gateway probes cloud metadata endpoints (AWS, Azure, GCP, Alibaba) when it is
  // created and reports usage to Apollo every hour. A Busline router talks to its subgraphs only,
  // unless the operator opts in with APOLLO_TELEMETRY_DISABLED=false.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger: gatewayLogger(options.logger),
    buildService: ({ name, url }) => sources.build(name, url!),
    experimental_didResolveQueryPlan: ({ queryPlan, requestContext }) =>
      singleFetches.learn(queryPlan, requestContext.document!, requestContext.operationName ?? null),
  });
  const { schema, executor } = (await gateway.load()) as unknown as {
    schema: GraphQLSchema;
    executor: GatewayExecutor;
  };
  const { dataSources, subgraphUrls, graphqlUrls, sharedCounts } = sources;
  planBudget.guard(gateway, () => planningFor.getStore());
  if (options.singleFetches !== false) singleFetches.load(schema);
  let singleFetchCount = 0;
  let singleFetchesPassedOn = 0;

  /**
   * The answer of an operation one subgraph answers whole, as the gateway would give it; undefined when
   * the gateway must shape it (errors, no answer), which it then does from the answer received.
   */
  async function fetchSingle(
    fetch: SingleFetch,
    requestContext: { context: RouterContext; request: { variables: Record<string, unknown> } },
  ): Promise<ExecutionResult | undefined> {
    const { context } = requestContext;
    let answer: SubgraphAnswer;
    try {
      answer = await dataSources.get(fetch.serviceName)!.process({
        // GraphQLDataSourceRequestKind.INCOMING_OPERATION (not exported by @apollo/gateway's index).
        kind: 'incoming operation' as never,
        request: {
          query: fetch.operation,
          variables: fetchVariables(fetch, requestContext.request.variables),
          operationName: fetch.operationName,
        },
        incomingRequestContext: requestContext as never,
        context,
        document: fetch.document,
        pathInIncomingRequest: [],
      });
    } catch (error) {
      sources.received.set(context, { serviceName: fetch.serviceName, answer: () => Promise.reject(error) });
      return undefined;
    }
    const { data, errors } = answer;
    // Yoga serializes this result anew: the subgraph's own bytes (padding, duplicate keys) never reach clients.
    if (!errors && fetch.fits(data)) {
      singleFetchesPassedOn++;
      return { data: data as Record<string, unknown> };
    }
    sources.received.set(context, { serviceName: fetch.serviceName, answer: async () => answer });
    return undefined;
  }

  async function execute(args: ExecutionArgs): Promise<ExecutionResult> {
    const context = args.contextValue as RouterContext;
    const operation = getOperationAST(args.document, args.operationName ?? undefined);
    if (!operation)
      return { errors: [new GraphQLError('Unknown operation', { extensions: { code: 'BAD_USER_INPUT' } })] };
    // Variables that do not fit their types are the client's error, answered before any subgraph is asked
    // (the gateway would send them on, and the subgraphs' refusals would reach the client masked).
    if (operation.variableDefinitions?.length) {
      const { errors } = coercedVariables(schema, operation, args.variableValues);
      if (errors)
        return {
          errors: errors.map(
            (e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT' } }),
          ),
        };
    }
    const { source, hash } = sourceOf(args.document);
    const operationName = args.operationName ?? operation.name?.value ?? null;
    const variables = args.variableValues ?? {};
    const requestContext = {
      request: { query: source, operationName: args.operationName ?? undefined, variables },
      document: args.document,
      source,
      queryHash: hash,
      operationName,
      operation,
      schema: args.schema,
      context,
      logger: gatewayLogger(() => context.logger),
      metrics: {},
      cache: undefined as never,
      overallCachePolicy: undefined as never,
    };
    // With tracing on, the gateway's own spans (plan, fetch) are part of the trace: always its path then.
    const single = tracingActive() ? undefined : singleFetches.get(args.document, operationName);
    if (single) {
      singleFetchCount++;
      const answer = await fetchSingle(single, requestContext);
      if (answer) return answer;
    }
    let result: Awaited<ReturnType<GatewayExecutor>>;
    try {
      result = await planningFor.run(context, () => executor(requestContext));
    } catch (error) {
      if (error instanceof PlanningRefused) return { errors: [planningRefusal(planBudget.msPerMinute)] };
      throw error;
    }
    if (!result.errors?.length) {
      const completion = completionErrors(result, context.logger);
      if (!completion) return result as ExecutionResult;
      const { valueCompletion: _dropped, ...extensions } = result.extensions as Record<string, unknown>;
      return {
        data: result.data as ExecutionResult['data'],
        errors: completion,
        ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
      };
    }
    return { ...result, errors: result.errors.map((e) => sanitizeError(e, context.logger)) } as ExecutionResult;
  }

  return {
    schema,
    execute,
    dataSources,
    subgraphUrls,
    graphqlUrls,
    planBudget,
    sharedFetches: () => new Map([...sharedCounts].map(([name, count]) => [name, count()])),
    singleFetchCount: () => singleFetchCount,
    singleFetchesPassedOn: () => singleFetchesPassedOn,
    async stop() {
      await gateway.stop();
      await Promise.all([...dataSources.values()].map((s) => s.close()));
    },
  };
}

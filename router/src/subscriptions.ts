// Federated subscriptions: identical subscribers share one subgraph subscription; each event joined by its query plan.
import { buildOperationContext, executeQueryPlan, type GraphQLDataSource } from '@apollo/gateway';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import {
  getOperationAST,
  GraphQLError,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { Sink } from 'graphql-ws';
import { shortOperationName, traceLiveDelivery, type DirectSink, type Logger } from '@busline/shared';
import type { RouterContext } from './context';
import { sourceOf } from './documents';
import { completionErrors, sanitizeError } from './error-masking';
import { PushIterator } from './push-iterator';
import { planningRefusal, PlanningRefused, type PlanBudget } from './plan-budget';
import { SubscriptionGroup } from './subscription-group';
import { listItemsRefusal } from './limits';
import { groupKey } from './subscription-keys';
import { UpstreamClients } from './upstream-clients';

export interface SubscriptionOptions {
  supergraphSdl: string;
  logger: Logger;
  /** Data sources of the gateway, by subgraph name (entity fetches for each event). */
  dataSources: Map<string, GraphQLDataSource<RouterContext>>;
  /** Subgraph name → GraphQL URL (http); graphql-ws uses the same path. */
  subgraphUrls: Map<string, string>;
  routerSecret?: string;
  /** Events kept per slow subscriber. */
  maxQueuedEvents?: number;
  /** Reconnection attempts to a subgraph that went away before its streams end (default 5). */
  upstreamRetryAttempts?: number;
  /** Delay before reconnection attempt `n` (default exponential from 500 ms, at most 8 s). */
  upstreamRetryDelayMs?: (attempt: number) => number;
  /** Most list items one event's payload may hold (listItems); a subscription that may hold more is refused. */
  maxListItems?: number;
  /** Planning per client address (the gateway's budget): a subscription not planned lately is charged to it. */
  planBudget?: PlanBudget;
}

interface Plan {
  subscription: { primary: FetchNode; rest?: PlanNode };
  /** Sequence[primary, rest]: executed per event with the primary answered by the event itself. */
  perEvent: QueryPlan;
  /** The operation's fragments and definition for executeQueryPlan: built once, shared by every group. */
  operationContext?: ReturnType<typeof buildOperationContext>;
}

/** What a group keeps of the operation its first subscriber sent (not the whole ExecutionArgs), and how it runs. */
interface GroupRun {
  plan: Plan;
  document: DocumentNode;
  schema: GraphQLSchema;
  operationName?: string;
  variables: Record<string, unknown>;
  /** The first subscriber's context: its credentials and request id go to the subgraphs. */
  context: RouterContext;
  operationContext: ReturnType<typeof buildOperationContext>;
  /** Created on first use: most groups never log. */
  log: () => Logger;
}

/**
 * Federated subscriptions on top of @apollo/gateway's planner: the plan's primary fetch runs as a
 * graphql-ws subscription on the owning subgraph, and every event runs the rest of the plan
 * (entity fetches elsewhere) to build the full payload.
 */
export class SubscriptionExecutor {
  private readonly supergraph: Supergraph;
  private readonly apiSchema: ReturnType<Supergraph['apiSchema']>;
  private readonly supergraphSchema: GraphQLSchema;
  private readonly planner: QueryPlanner;
  private readonly plans = new Map<string, Plan>();
  private readonly groups = new Map<string, SubscriptionGroup>();
  private readonly upstream: UpstreamClients;

  constructor(private readonly options: SubscriptionOptions) {
    this.supergraph = Supergraph.build(options.supergraphSdl);
    this.apiSchema = this.supergraph.apiSchema();
    this.supergraphSchema = this.supergraph.schema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(this.supergraph);
    this.upstream = new UpstreamClients({
      subgraphUrls: options.subgraphUrls,
      routerSecret: options.routerSecret,
      retryAttempts: options.upstreamRetryAttempts,
      retryDelayMs: options.upstreamRetryDelayMs,
    });
  }

  /**
   * Open upstream subscriptions, groups and subscribers (tests count them for leaks), and the events (and their
   * bytes) queued for subscribers that read slower than events come.
   */
  stats() {
    let subscribers = 0;
    let queuedEvents = 0;
    let queuedBytes = 0;
    for (const group of this.groups.values()) {
      subscribers += group.subscribers.size;
      for (const iterator of group.subscribers.keys()) {
        queuedEvents += iterator.queued;
        queuedBytes += iterator.queuedBytes;
      }
    }
    return {
      upstreamSubscriptions: this.groups.size,
      subscribers,
      upstreamConnections: this.upstream.size,
      queuedEvents,
      queuedBytes,
    };
  }

  /**
   * With a `sink` (graphql-ws), events are written through it, serialized once per event for the
   * whole group; the returned iterator then only ends the stream. Without one (SSE, multipart) the
   * iterator yields the events.
   */
  subscribe(args: ExecutionArgs, sink?: DirectSink): AsyncIterableIterator<ExecutionResult> | ExecutionResult {
    const context = args.contextValue as RouterContext;
    const operationName = args.operationName ?? undefined;
    // Every event is an answer of its own: the operation is held to the list limit of queries.
    const tooMany =
      this.options.maxListItems === undefined ? undefined : listItemsRefusal(this.options.maxListItems, args);
    if (tooMany) return { errors: [tooMany] };
    const { source } = sourceOf(args.document);
    let plan: Plan;
    try {
      plan = this.planFor(source, args.document, operationName, context.clientIp);
    } catch (error) {
      if (error instanceof PlanningRefused && this.options.planBudget)
        return { errors: [planningRefusal(this.options.planBudget.msPerMinute)] };
      context.logger.warn({ err: error }, 'subscription could not be planned');
      return {
        errors: [
          new GraphQLError('This subscription cannot be planned', {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          }),
        ],
      };
    }
    const variables = (args.variableValues ?? {}) as Record<string, unknown>;
    const key = groupKey(args.document, operationName, variables, context.authorization);
    let group = this.groups.get(key);
    if (!group) {
      group = this.openGroup(key, plan, args, variables, context);
      this.groups.set(key, group);
    }
    const joined = group;
    const iterator: PushIterator<ExecutionResult> = new PushIterator(
      () => this.leave(joined, iterator),
      this.options.maxQueuedEvents,
    );
    joined.subscribers.set(iterator, sink);
    return iterator;
  }

  async close(): Promise<void> {
    for (const group of [...this.groups.values()]) {
      for (const subscriber of group.subscribers.keys()) subscriber.end();
      group.dispose();
    }
    this.groups.clear();
    await this.upstream.close();
  }

  private planFor(
    source: string,
    document: DocumentNode,
    operationName: string | undefined,
    clientIp: string | undefined,
  ): Plan {
    const cacheKey = `${operationName ?? ''}\0${source}`;
    const cached = this.plans.get(cacheKey);
    if (cached) return cached;
    const operation = operationFromDocument(this.apiSchema, document, { operationName });
    const build = () => this.planner.buildQueryPlan(operation);
    const queryPlan = this.options.planBudget ? this.options.planBudget.charge(clientIp, build) : build();
    const node = queryPlan.node;
    if (!node || node.kind !== 'Subscription') throw new Error('not a subscription plan');
    const perEvent: QueryPlan = {
      kind: 'QueryPlan',
      node: node.rest ? { kind: 'Sequence', nodes: [node.primary, node.rest] } : node.primary,
    };
    const plan = { subscription: node, perEvent };
    if (this.plans.size > 1000) this.plans.delete(this.plans.keys().next().value!);
    this.plans.set(cacheKey, plan);
    return plan;
  }

  /** A new group: the plan's primary fetch subscribed to on its subgraph, with the first subscriber's credentials. */
  private openGroup(
    key: string,
    plan: Plan,
    args: ExecutionArgs,
    variables: Record<string, unknown>,
    context: RouterContext,
  ): SubscriptionGroup {
    const { primary } = plan.subscription;
    const operationName = args.operationName ?? undefined;
    // Created on first use: most groups never log, and thousands of idle groups should not each hold a logger.
    let groupLogger: Logger | undefined;
    const log = () =>
      (groupLogger ??= context.logger.child({
        subscription: shortOperationName(operationName) ?? primary.serviceName,
      }));
    const upstreamVariables = Object.fromEntries(
      (primary.variableUsages ?? []).filter((name) => name in variables).map((name) => [name, variables[name]]),
    );
    const { client, release } = this.upstream.acquire(primary.serviceName, context);
    const operationContext = (plan.operationContext ??= buildOperationContext({
      schema: args.schema,
      operationDocument: args.document,
      operationName,
    }));
    const run: GroupRun = {
      plan,
      document: args.document,
      schema: args.schema,
      operationName,
      variables,
      context,
      operationContext,
      log,
    };
    const group = new SubscriptionGroup(key, log, release, (ended) => this.forget(ended));
    group.unsubscribe = client.subscribe<Record<string, unknown>>(
      { query: primary.operation, variables: upstreamVariables, operationName: primary.operationName },
      this.relay(group, run),
    );
    return group;
  }

  /** What the upstream subscription's events, errors and end do to the group. */
  private relay(group: SubscriptionGroup, run: GroupRun): Sink<ExecutionResult<Record<string, unknown>>> {
    const { primary } = run.plan.subscription;
    const { log } = run;
    /** Names the span of each event's delivery: `deliver <operation name>`. */
    const deliveryName =
      shortOperationName(run.operationName ?? getOperationAST(run.document)?.name?.value) ?? primary.serviceName;
    return {
      next: (event) =>
        group.step(() =>
          // In a span continuing the trace of the change behind the event (the subgraph's delivery span).
          traceLiveDelivery(
            'router',
            deliveryName,
            event.extensions as Record<string, unknown> | undefined,
            async () => {
              if (!event.data) {
                group.broadcast({ errors: (event.errors ?? []).map((e) => sanitizeError(e, log())) });
                return;
              }
              group.broadcast(await this.joinEvent(run, event as ExecutionResult));
            },
          ),
        ),
      error: (error) => {
        const errors = Array.isArray(error)
          ? (error as GraphQLError[]).map((e) => sanitizeError(e, log()))
          : [
              new GraphQLError(`The ${primary.serviceName} service ended the subscription`, {
                extensions: { code: 'UNAVAILABLE', serviceName: primary.serviceName },
              }),
            ];
        if (!Array.isArray(error)) log().warn({ err: error }, 'upstream subscription failed');
        group.step(() => {
          group.broadcast({ errors });
          group.finish();
        });
      },
      complete: () => group.step(() => group.finish()),
    };
  }

  /** Runs Sequence[primary, rest] with the primary answered by the event: the full payload. */
  private async joinEvent(run: GroupRun, event: ExecutionResult): Promise<ExecutionResult> {
    const { plan, log } = run;
    const { primary } = plan.subscription;
    if (!plan.subscription.rest) {
      return {
        data: event.data,
        ...(event.errors ? { errors: event.errors.map((e) => sanitizeError(e, log())) } : {}),
      };
    }
    const result = await executeQueryPlan(
      plan.perEvent,
      this.eventServiceMap(primary, event) as never,
      this.eventRequestContext(run) as never,
      run.operationContext,
      this.supergraphSchema,
      this.apiSchema,
    );
    const completion = result.errors?.length ? undefined : completionErrors(result, log());
    return {
      data: result.data,
      ...(result.errors?.length ? { errors: result.errors.map((e) => sanitizeError(e, log())) } : {}),
      ...(completion ? { errors: completion } : {}),
    } as ExecutionResult;
  }

  /** The gateway's data sources, with the primary fetch answered by the event instead of its subgraph. */
  private eventServiceMap(primary: FetchNode, event: ExecutionResult) {
    const eventData = structuredClone(event.data);
    const owner = this.options.dataSources.get(primary.serviceName)!;
    const serviceMap: Record<string, GraphQLDataSource<RouterContext>> = Object.fromEntries(this.options.dataSources);
    serviceMap[primary.serviceName] = {
      process: (request) =>
        request.request.query === primary.operation
          ? Promise.resolve({ data: eventData, errors: event.errors })
          : owner.process(request),
    } as GraphQLDataSource<RouterContext>;
    return serviceMap;
  }

  /** The request context executeQueryPlan expects, for one event of the group's operation. */
  private eventRequestContext(run: GroupRun) {
    const { source } = sourceOf(run.document);
    const { log } = run;
    return {
      request: { query: source, operationName: run.operationName, variables: run.variables },
      document: run.document,
      source,
      queryHash: '',
      operationName: run.operationName ?? null,
      operation: run.operationContext.operation,
      schema: run.schema,
      context: run.context,
      logger: {
        debug() {},
        info() {},
        warn: (m: unknown) => log().warn(String(m)),
        error: (m: unknown) => log().error(String(m)),
      },
      metrics: {},
      cache: undefined,
      overallCachePolicy: undefined,
    };
  }

  private leave(group: SubscriptionGroup, iterator: PushIterator<ExecutionResult>): void {
    group.subscribers.delete(iterator);
    if (group.subscribers.size > 0) return;
    this.forget(group);
    group.dispose();
  }

  /** Only this group: a new one under the same key (the same client subscribing again) lives on. */
  private forget(group: SubscriptionGroup): void {
    if (this.groups.get(group.key) === group) this.groups.delete(group.key);
  }
}

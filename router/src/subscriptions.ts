// The federated subscription executor: subscribers of the same operation, variables and credentials share one subgraph subscription, each event resolved through a query plan.
import { createHash } from 'node:crypto';
import { buildOperationContext, executeQueryPlan, type GraphQLDataSource } from '@apollo/gateway';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import {
  getOperationAST,
  GraphQLError,
  Kind,
  print,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import {
  ROUTER_SECRET_HEADER,
  traceLiveDelivery,
  webSocketWithHeaders,
  type DirectSink,
  type Logger,
} from '@busline/shared';
import type { RouterContext } from './context';
import { sourceOf } from './documents';
import { sanitizeError } from './error-masking';
import { PushIterator } from './push-iterator';

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
}

interface Plan {
  subscription: { primary: FetchNode; rest?: PlanNode };
  /** Sequence[primary, rest]: executed per event with the primary answered by the event itself. */
  perEvent: QueryPlan;
  /** The operation's fragments and definition for executeQueryPlan: built once, shared by every group. */
  operationContext?: ReturnType<typeof buildOperationContext>;
}

/** What a group keeps of the operation its first subscriber sent (not the whole ExecutionArgs). */
interface GroupOperation {
  document: DocumentNode;
  schema: GraphQLSchema;
  operationName?: string;
}

/**
 * Subscribers that asked for the same operation with the same variables and credentials: they
 * share one upstream subscription and one plan execution per event.
 */
interface Group {
  key: string;
  /** Each subscriber's stream, and the sink its events are written to directly (graphql-ws) if any. */
  subscribers: Map<PushIterator<ExecutionResult>, DirectSink | undefined>;
  dispose: () => void;
}

const shapes = new WeakMap<DocumentNode, Map<string, string>>();

/**
 * The operation a subscriber runs, in a form that ignores what cannot change its result: whitespace
 * and comments (printed from the parsed document), the operation's name and any other operation in
 * the document. Aliases stay: they change the result's keys.
 */
function operationShape(document: DocumentNode, operationName: string | undefined): string {
  let byName = shapes.get(document);
  if (!byName) shapes.set(document, (byName = new Map()));
  let shape = byName.get(operationName ?? '');
  if (shape === undefined) {
    const operation = getOperationAST(document, operationName);
    const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
    shape = print({
      kind: Kind.DOCUMENT,
      definitions: [...(operation ? [{ ...operation, name: undefined }] : []), ...fragments],
    });
    byName.set(operationName ?? '', shape);
  }
  return shape;
}

/** JSON with object keys sorted: `{a, b}` and `{b, a}` are the same variables. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : item,
  );
}

/** `Bearer x`, `bearer  x` and ` BEARER x ` are one credential. */
function normalizedAuthorization(authorization: string | undefined): string {
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match ? `Bearer ${match[1]}` : (authorization ?? '').trim();
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
  private readonly groups = new Map<string, Group>();
  private readonly clients = new Map<string, { client: Client; users: number }>();

  constructor(private readonly options: SubscriptionOptions) {
    this.supergraph = Supergraph.build(options.supergraphSdl);
    this.apiSchema = this.supergraph.apiSchema();
    this.supergraphSchema = this.supergraph.schema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(this.supergraph);
  }

  /** Open upstream subscriptions, groups and subscribers (tests count them for leaks). */
  stats() {
    let subscribers = 0;
    for (const group of this.groups.values()) subscribers += group.subscribers.size;
    return { upstreamSubscriptions: this.groups.size, subscribers, upstreamConnections: this.clients.size };
  }

  /**
   * With a `sink` (graphql-ws), events are written through it, serialized once per event for the
   * whole group; the returned iterator then only ends the stream. Without one (SSE, multipart) the
   * iterator yields the events.
   */
  subscribe(args: ExecutionArgs, sink?: DirectSink): AsyncIterableIterator<ExecutionResult> | ExecutionResult {
    const context = args.contextValue as RouterContext;
    const { source } = sourceOf(args.document);
    let plan: Plan;
    try {
      plan = this.planFor(source, args.document, args.operationName ?? undefined);
    } catch (error) {
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
    const key = createHash('sha256')
      .update(operationShape(args.document, args.operationName ?? undefined))
      .update('\0')
      .update(canonicalJson(variables))
      .update('\0')
      .update(normalizedAuthorization(context.authorization))
      .digest('base64url');

    let group = this.groups.get(key);
    if (!group) {
      group = this.openGroup(
        key,
        plan,
        { document: args.document, schema: args.schema, operationName: args.operationName ?? undefined },
        variables,
        context,
      );
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
    await Promise.all([...this.clients.values()].map(({ client }) => client.dispose()));
    this.clients.clear();
  }

  private planFor(source: string, document: DocumentNode, operationName: string | undefined): Plan {
    const cacheKey = `${operationName ?? ''}\0${source}`;
    const cached = this.plans.get(cacheKey);
    if (cached) return cached;
    const operation = operationFromDocument(this.apiSchema, document, { operationName });
    const queryPlan = this.planner.buildQueryPlan(operation);
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

  private upstreamClient(serviceName: string, context: RouterContext): { client: Client; release: () => void } {
    const authorization = context.authorization ?? '';
    const key = `${serviceName}\0${normalizedAuthorization(authorization)}`;
    let entry = this.clients.get(key);
    if (!entry) {
      const httpUrl = this.options.subgraphUrls.get(serviceName);
      if (!httpUrl) throw new Error(`unknown subgraph ${serviceName}`);
      const client = createClient({
        url: httpUrl.replace(/^http/, 'ws'),
        // The subgraph checks the router secret on the upgrade request, before any message.
        webSocketImpl: this.options.routerSecret
          ? webSocketWithHeaders({ [ROUTER_SECRET_HEADER]: this.options.routerSecret })
          : WebSocket,
        lazy: true,
        lazyCloseTimeout: 1000,
        // A restarted subgraph gets the open subscriptions again; one that stays away ends them.
        retryAttempts: this.options.upstreamRetryAttempts ?? 5,
        retryWait: (attempt) =>
          new Promise((resolve) =>
            setTimeout(resolve, this.options.upstreamRetryDelayMs?.(attempt) ?? Math.min(500 * 2 ** attempt, 8000)),
          ),
        shouldRetry: () => true,
        connectionParams: {
          ...(authorization ? { authorization } : {}),
          requestId: context.requestId,
        },
      });
      entry = { client, users: 0 };
      this.clients.set(key, entry);
    }
    entry.users++;
    const held = entry;
    return {
      client: held.client,
      release: () => {
        held.users--;
        if (held.users === 0 && this.clients.get(key) === held) {
          this.clients.delete(key);
          void held.client.dispose();
        }
      },
    };
  }

  private openGroup(
    key: string,
    plan: Plan,
    operation: GroupOperation,
    variables: Record<string, unknown>,
    context: RouterContext,
  ): Group {
    const { primary } = plan.subscription;
    // Created on first use: most groups never log, and thousands of idle groups should not each hold a logger.
    let groupLogger: Logger | undefined;
    const log = () =>
      (groupLogger ??= context.logger.child({ subscription: operation.operationName ?? primary.serviceName }));
    const upstreamVariables = Object.fromEntries(
      (primary.variableUsages ?? []).filter((name) => name in variables).map((name) => [name, variables[name]]),
    );
    const { client, release } = this.upstreamClient(primary.serviceName, context);
    const operationContext = (plan.operationContext ??= buildOperationContext({
      schema: operation.schema,
      operationDocument: operation.document,
      operationName: operation.operationName,
    }));
    const subscribers: Group['subscribers'] = new Map();
    /** Names the span of each event's delivery: `deliver <operation name>`. */
    const deliveryName =
      operation.operationName ?? getOperationAST(operation.document)?.name?.value ?? primary.serviceName;
    let chain = Promise.resolve();
    let disposed = false;
    let unsubscribe = () => {};
    const group: Group = {
      key,
      subscribers,
      dispose: () => {
        if (disposed) return;
        disposed = true;
        unsubscribe();
        release();
      },
    };

    const broadcast = (result: ExecutionResult) => {
      let json: Buffer | undefined;
      let skipped = 0;
      for (const [iterator, sink] of subscribers) {
        if (!sink) {
          iterator.push(result);
          continue;
        }
        json ??= Buffer.from(JSON.stringify(result));
        if (!sink.next(json)) skipped++;
      }
      if (skipped > 0) log().warn({ skipped }, 'live update skipped for subscribers too far behind');
    };
    const finish = () => {
      for (const subscriber of subscribers.keys()) subscriber.end();
      // Only this group: a new one under the same key (the same client subscribing again) lives on.
      if (this.groups.get(key) === group) this.groups.delete(key);
      group.dispose();
    };
    /** Events of one stream are handled in order; a step that fails tells the subscribers, and the next runs. */
    const step = (work: () => void | Promise<void>) => {
      chain = chain.then(async () => {
        if (disposed) return;
        try {
          await work();
        } catch (error) {
          log().error({ err: error }, 'subscription event could not be delivered');
          broadcast({
            errors: [new GraphQLError('Unexpected error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })],
          });
        }
      });
    };

    unsubscribe = client.subscribe<Record<string, unknown>>(
      { query: primary.operation, variables: upstreamVariables, operationName: primary.operationName },
      {
        next: (event) =>
          step(() =>
            // In a span continuing the trace of the change behind the event (the subgraph's delivery span).
            traceLiveDelivery(
              'router',
              deliveryName,
              event.extensions as Record<string, unknown> | undefined,
              async () => {
                if (!event.data) {
                  broadcast({ errors: (event.errors ?? []).map((e) => sanitizeError(e, log())) });
                  return;
                }
                broadcast(
                  await this.joinEvent(
                    plan,
                    event as ExecutionResult,
                    operation,
                    variables,
                    context,
                    operationContext,
                    log,
                  ),
                );
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
          step(() => {
            broadcast({ errors });
            finish();
          });
        },
        complete: () => step(finish),
      },
    );
    return group;
  }

  /** Runs Sequence[primary, rest] with the primary answered by the event: the full payload. */
  private async joinEvent(
    plan: Plan,
    event: ExecutionResult,
    operation: GroupOperation,
    variables: Record<string, unknown>,
    context: RouterContext,
    operationContext: ReturnType<typeof buildOperationContext>,
    log: () => Logger,
  ): Promise<ExecutionResult> {
    const { primary } = plan.subscription;
    if (!plan.subscription.rest) {
      return {
        data: event.data,
        ...(event.errors ? { errors: event.errors.map((e) => sanitizeError(e, log())) } : {}),
      };
    }
    const eventData = structuredClone(event.data);
    const owner = this.options.dataSources.get(primary.serviceName)!;
    const serviceMap: Record<string, GraphQLDataSource<RouterContext>> = Object.fromEntries(this.options.dataSources);
    serviceMap[primary.serviceName] = {
      process: (request) =>
        request.request.query === primary.operation
          ? Promise.resolve({ data: eventData, errors: event.errors })
          : owner.process(request),
    } as GraphQLDataSource<RouterContext>;
    const { source } = sourceOf(operation.document);
    const result = await executeQueryPlan(
      plan.perEvent,
      serviceMap as never,
      {
        request: { query: source, operationName: operation.operationName, variables },
        document: operation.document,
        source,
        queryHash: '',
        operationName: operation.operationName ?? null,
        operation: operationContext.operation,
        schema: operation.schema,
        context,
        logger: {
          debug() {},
          info() {},
          warn: (m: unknown) => log().warn(String(m)),
          error: (m: unknown) => log().error(String(m)),
        },
        metrics: {},
        cache: undefined,
        overallCachePolicy: undefined,
      } as never,
      operationContext,
      this.supergraphSchema,
      this.apiSchema,
    );
    return {
      data: result.data,
      ...(result.errors?.length ? { errors: result.errors.map((e) => sanitizeError(e, log())) } : {}),
    } as ExecutionResult;
  }

  private leave(group: Group, iterator: PushIterator<ExecutionResult>): void {
    group.subscribers.delete(iterator);
    if (group.subscribers.size > 0) return;
    if (this.groups.get(group.key) === group) this.groups.delete(group.key);
    group.dispose();
  }
}

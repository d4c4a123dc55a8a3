import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, type DocumentNode } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { viewerFromAuthorization, type TokenVerifier } from '../auth/token-verifier';
import type { Viewer } from '../auth/viewer';
import { AppError, answeredCodes, createErrorMasker } from '../errors';
import type { Logger } from '../logger';
import { addressBucket } from './client-address';
import {
  DEFAULT_MAX_BODY_BYTES,
  NO_YOGA_HEALTH_CHECK,
  ROUTER_SECRET_HEADER,
  secretsEqual,
  useServiceHttp,
  type ReadinessCheck,
  type Route,
} from './http';
import { attachGraphqlWs, type AttachedGraphqlWs } from './graphql-ws';
import { registerInFlightMetric, registerWebSocketMetrics } from '../observability/connection-metrics';
import { createMetricsRegistry, type Registry } from '../observability/metrics';
import { useOperationMetrics } from '../observability/operation-metrics';
import { traceSubscriptionDeliveries } from '../observability/live-tracing';
import { shortOperationName, useOperationTracing } from '../observability/request-tracing';
import { CREDENTIALS, watchCredentials } from './revoked-subscriptions';
import { createService, type Service, type Worker } from './service';

type SchemaModule = Extract<
  Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number],
  { typeDefs: unknown }
>;
/** Apollo's resolver map, reached through buildSubgraphSchema's signature instead of a `dist/` import. */
export type ApolloResolverMap = NonNullable<SchemaModule['resolvers']>;

/** What every subgraph's request context starts from. */
export interface BaseContext {
  requestId: string;
  logger: Logger;
  /** The verified caller, or null for an anonymous request. */
  viewer: Viewer | null;
  /**
   * When the router stops waiting for the answer (epoch ms, from `x-request-deadline`), or null:
   * work that would finish later should give up rather than complete unseen.
   */
  deadline: number | null;
  /**
   * The client's address (an IPv6 /64 as one), for limits per address: the router's `x-client-ip`
   * (trusted because only the router gets past the secret), else the socket's.
   */
  clientAddress: string | null;
}

/** Header in which the router sends its deadline for a subgraph request (absolute epoch ms). */
export const REQUEST_DEADLINE_HEADER = 'x-request-deadline';

function deadlineFrom(value: string | null | undefined): number | null {
  const ms = Number(value);
  return value && Number.isSafeInteger(ms) && ms > 0 ? ms : null;
}

export interface SubgraphServerOptions<TContext extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: ApolloResolverMap;
  logger: Logger;
  verifier: TokenVerifier;
  /** Extends the base context with the subgraph's own per-request state (DataLoaders, services). */
  buildContext: (base: BaseContext) => TContext;
  routerSecret?: string;
  /**
   * Bearer token a Prometheus scraper sends to GET /metrics (METRICS_TOKEN). A caller with the
   * router secret is let in too; with neither set, /metrics is as open as the GraphQL endpoint.
   */
  metricsToken?: string;
  /** Largest HTTP body and WebSocket message accepted (bytes; default 1 MB). */
  maxBodyBytes?: number;
  routes?: Route[];
  readiness?: ReadinessCheck[];
  workers?: Worker[];
  onStop?: () => Promise<void>;
}

interface InitialContext {
  request?: Request;
  /** Node's request, which Yoga merges into the context of an HTTP request. */
  req?: IncomingMessage;
  connectionParams?: Record<string, unknown>;
  upgradeRequest?: IncomingMessage;
}

const headerValue = (value: string | string[] | undefined) => (typeof value === 'string' ? value : null);

/** Logs one line per operation: name, duration and error codes. */
function useOperationLog(): Plugin<BaseContext> {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const context = args.contextValue as BaseContext;
      return {
        onExecuteDone({ result }) {
          if (!context?.logger || Symbol.asyncIterator in (result as object)) return;
          const errors = (result as { errors?: readonly unknown[] }).errors;
          context.logger.info(
            {
              operationName: shortOperationName(args.operationName),
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              errors: errors && answeredCodes(errors),
              errorCount: errors?.length,
            },
            'operation',
          );
        },
      };
    },
  };
}

/** The `max` entries used last: Yoga's default cache of parsed documents starts a timer on every read (its TTL). */
class BoundedCache<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly max: number) {}

  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: T): void {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }
}

/**
 * Validation once per parsed document (the document cache hands out the same object for the same text).
 * Yoga's own validation cache joins the names of every validation rule on every request to key its cache;
 * a subgraph's rules never change, so the document alone is the key.
 */
function useValidationCache(): Plugin {
  const validated = new WeakMap<DocumentNode, readonly GraphQLError[]>();
  return {
    onValidate({ params: { documentAST }, setResult }) {
      const known = validated.get(documentAST);
      if (known) {
        setResult(known);
        return undefined;
      }
      return ({ result }) => {
        validated.set(documentAST, result as readonly GraphQLError[]);
      };
    },
  };
}

/**
 * A federated subgraph: Yoga over `buildSubgraphSchema`, GraphQL over HTTP and graphql-ws on
 * /graphql, health and readiness, extra routes, router-secret check, masked errors.
 */
export function createSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): Service & { yoga: YogaServerInstance<InitialContext, TContext>; metrics: Registry } {
  const { logger, verifier, routerSecret } = options;
  const metrics = createMetricsRegistry(options.name);
  for (const worker of options.workers ?? []) worker.metrics?.(metrics);
  let ws: AttachedGraphqlWs | undefined;
  registerWebSocketMetrics(metrics, () => ws?.stats());
  let service: Service | undefined;
  registerInFlightMetric(metrics, () => service?.inFlight ?? 0);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // Each subscription payload is resolved in a span continuing the trace of the change that published it.
  const resolvers = traceSubscriptionDeliveries(options.name, options.resolvers);
  const schema = buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers }]);
  const maskError = createErrorMasker({
    service: options.name,
    onMasked: (error) =>
      logger.error({ err: (error as { originalError?: unknown }).originalError ?? error }, 'unexpected error (masked)'),
    // An error, not a warning: either a check is missing, or the value was the service's own (a bug).
    onRefusedValue: (error) =>
      logger.error(
        { err: (error as { originalError?: unknown }).originalError ?? error },
        'value refused by the database, answered BAD_USER_INPUT',
      ),
  });

  const yoga = createYoga<InitialContext, TContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: false,
    landingPage: false,
    healthCheckEndpoint: NO_YOGA_HEALTH_CHECK,
    // Only the router calls a subgraph: no browser preflight is answered (nor let past the gate).
    cors: false,
    logging: false,
    // useServiceHttp refuses a body over maxBodyBytes, or of unknown length, from its headers before reading
    // it: Yoga's own limit would only pipe every body through a counting stream, a tenth of a small request.
    maxRequestBodySize: false,
    parserAndValidationCache: {
      documentCache: new BoundedCache<DocumentNode>(1024),
      errorCache: new BoundedCache<unknown>(1024),
      validationCache: false,
    },
    maskedErrors: { maskError },
    plugins: [
      useServiceHttp({
        service: options.name,
        routes: options.routes,
        readiness: options.readiness,
        routerSecret,
        maxBodyBytes,
        metrics: { registry: metrics, token: options.metricsToken, routerSecret, openWithoutCredentials: true },
        draining: () => service?.draining ?? false,
      }),
      useValidationCache(),
      useOperationMetrics(metrics),
      useOperationTracing(),
      useOperationLog(),
    ],
    context: async (initial) => {
      const headerAuth = initial.request?.headers.get('authorization');
      const paramAuth = initial.connectionParams?.authorization ?? initial.connectionParams?.Authorization;
      const authorization = headerAuth ?? (typeof paramAuth === 'string' ? paramAuth : null);
      const requestId =
        initial.request?.headers.get('x-request-id') ??
        (typeof initial.connectionParams?.requestId === 'string' ? initial.connectionParams.requestId : randomUUID());
      let viewer: Viewer | null;
      try {
        viewer = await viewerFromAuthorization(authorization, verifier);
      } catch (error) {
        // A request whose credentials fail never executes: answer 401 (503 when keys are
        // unreachable) with the code in the body, instead of a generic 500.
        if (!(error instanceof AppError)) throw error;
        const status = error.code === 'UNAVAILABLE' ? 503 : 401;
        throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status } } });
      }
      const base: BaseContext = {
        requestId,
        viewer,
        deadline: deadlineFrom(initial.request?.headers.get(REQUEST_DEADLINE_HEADER)),
        clientAddress: addressBucket(
          initial.request?.headers.get('x-client-ip')?.trim() ||
            headerValue(initial.upgradeRequest?.headers['x-client-ip']) ||
            (initial.req ?? initial.upgradeRequest)?.socket?.remoteAddress,
        ),
        // Made at once: every operation is logged (useOperationLog).
        logger: logger.child({ requestId, userId: viewer?.userId }),
      };
      // Kept (under a symbol, out of resolvers' sight) so a revocation can check an open subscription's token again.
      return Object.assign(options.buildContext(base), { [CREDENTIALS]: viewer ? authorization : null });
    },
  });

  service = createService({
    name: options.name,
    logger,
    handler: yoga,
    tracedPaths: options.routes?.map((route) => route.path),
    workers: options.workers,
    onStop: options.onStop,
    attach: (httpServer) =>
      (ws = attachGraphqlWs(httpServer, {
        yoga: () => yoga,
        maxPayload: maxBodyBytes,
        // Like every other request, the upgrade itself must come from the router.
        verifyUpgrade: routerSecret
          ? (request) => secretsEqual(headerValue(request.headers[ROUTER_SECRET_HEADER]), routerSecret)
          : undefined,
        initialContext: (extra) => ({ upgradeRequest: extra.request }),
        watch: watchCredentials(verifier),
      })),
  });

  return Object.assign(service, { yoga, metrics });
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import {
  attachGraphqlWs,
  createMetricsRegistry,
  createService,
  createErrorMasker,
  ErrorCode,
  registerInFlightMetric,
  registerWebSocketMetrics,
  useOperationMetrics,
  useOperationTracing,
  useServiceHttp,
  type AttachedGraphqlWs,
  type Logger,
  type Registry,
  type Service,
  type TokenVerifier,
} from '@busline/shared';
import { AccessLog } from './access-log';
import { registerRouterSubscriptionMetrics, subgraphFetchMetrics } from './metrics';
import type { RouterContext } from './context';
import { useGatewayExecutor } from './executor';
import { useApolloMultipartSubscriptions } from './multipart';
import { SubscriptionExecutor } from './subscriptions';
import { loadGateway, type LoadedGateway } from './gateway';
import { registerSharedFetchMetric } from './inflight-dedupe';
import { forwardedRoutes } from './public-routes';
import { subgraphReadiness } from './readiness';
import {
  createRateLimiter,
  identify,
  rateLimitedError,
  useRateLimit,
  type Identity,
  type RateLimitSettings,
} from './rate-limits';
import { describeParseError } from './error-masking';
import { useLimits, useNoIntrospection, type Limits } from './limits';
import { createPublicResponseCache, type ResponseCacheSettings } from './response-cache';

export const APOLLO_SANDBOX_ORIGIN = 'https://studio.apollographql.com';

export interface RouterDeps {
  logger: Logger;
  /** Composed supergraph SDL (from supergraph.yaml, or a file composed ahead of time). */
  supergraphSdl: string;
  /** Routing URL per subgraph name, overriding the supergraph's. */
  urls?: Record<string, string>;
  routerSecret?: string;
  corsOrigins?: string[];
  introspection?: boolean;
  subgraphTimeoutMs?: number;
  subgraphConnections?: number;
  /** Identical subgraph queries in flight at once, for the same caller, go out once (default on). */
  dedupeInflightFetches?: boolean;
  /** Proxies in front of the router that append to X-Forwarded-For (0: the header is ignored). */
  trustProxy?: number;
  limits?: Partial<Limits>;
  /** graphql-ws ping interval (default 30 s). */
  wsKeepAliveMs?: number;
  /** Reconnection to a subgraph that dropped its subscriptions (see SubscriptionOptions). */
  subscriptionRetry?: { attempts?: number; delayMs?: (attempt: number) => number };
  /**
   * Verifies access tokens to count operations and connections per user (the subgraphs verify
   * them again for access). Without it everything is counted per address.
   */
  verifier?: TokenVerifier;
  rateLimit?: Partial<RateLimitSettings>;
  connectionLimits?: Partial<ConnectionLimits>;
  /** Bearer token a Prometheus scraper must send to GET /metrics (METRICS_TOKEN). */
  metricsToken?: string;
  /**
   * Whether /metrics answers anyone when no token is set (default false: the router is public, so
   * without METRICS_TOKEN its /metrics is refused). Development sets it true.
   */
  metricsWithoutToken?: boolean;
  /** What /metrics answers with instead of this process's registry (a worker: every worker's metrics, router/src/cluster.ts). */
  metricsExposition?: () => Promise<string>;
  /** Cache of answers to visitors without credentials, invalidated by domain events (see ResponseCacheSettings). */
  responseCache?: ResponseCacheSettings;
}

export interface ConnectionLimits {
  /** Open WebSocket connections from one address (past it: 429 at the upgrade). */
  perAddress: number;
  /** Open WebSocket connections of one signed-in user (past it: closed with 4429). */
  perUser: number;
  /** Subscriptions open at once on one connection. */
  subscriptionsPerConnection: number;
  /** Time a connection may stay open without `connection_init`. */
  initTimeoutMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  perAddress: 200,
  perUser: 10,
  subscriptionsPerConnection: 50,
  initTimeoutMs: 3000,
};
export const DEFAULT_RATE_LIMITS = { perUserPerMinute: 600, perAddressPerMinute: 1200 };

export const DEFAULT_LIMITS: Limits = {
  maxDepth: 15,
  maxAliases: 30,
  maxTokens: 5000,
  maxCost: 20_000,
  maxBodyBytes: 100_000,
};

interface ServerContext {
  req?: IncomingMessage;
  /** Client address of a graphql-ws connection, taken when it opened. */
  clientIp?: string;
  /** Authorization header of a graphql-ws upgrade request (connection params take precedence). */
  upgradeAuthorization?: string;
  request?: Request;
  connectionParams?: Record<string, unknown>;
}

/**
 * The client's address. Each of the `trustedProxies` proxies in front appends the address it was
 * reached from to X-Forwarded-For, so the entry that many places from the right was written by the
 * outermost one; entries further left were written by the client and prove nothing. A header with
 * fewer entries did not come through every configured proxy (or the client wrote it all, reaching
 * the router directly): none of it can be trusted, and the socket address is used.
 */
function clientAddress(req: IncomingMessage | undefined, trustedProxies: number): string | undefined {
  if (!req) return undefined;
  if (trustedProxies > 0) {
    const header = req.headers['x-forwarded-for'];
    const entries = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((entry) => entry.trim());
    const forwarded = entries.length >= trustedProxies ? entries[entries.length - trustedProxies] : undefined;
    if (forwarded) return forwarded;
  }
  return req.socket.remoteAddress ?? undefined;
}

/** `plugin`'s onRequest for requests to one of `paths` only (exact path). */
function limitPaths(paths: ReadonlySet<string>, plugin: Plugin): Plugin {
  return {
    onRequest(payload) {
      if (paths.has(new URL(payload.request.url).pathname)) return plugin.onRequest?.(payload);
    },
  };
}

/** Builds the router (not started). `start()` loads the gateway, then listens. */
export function createServer(deps: RouterDeps): Service & {
  readonly gateway: LoadedGateway | undefined;
  readonly subscriptions: SubscriptionExecutor | undefined;
  readonly metrics: Registry;
} {
  const { logger } = deps;
  const metrics = createMetricsRegistry('router');
  const accessLog = new AccessLog(logger);
  /** Open SSE and multipart subscription streams, ended when the router drains (clients reconnect elsewhere). */
  const openHttpStreams = new Set<() => void>();
  let ws: AttachedGraphqlWs | undefined;
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const introspection = deps.introspection ?? true;
  const corsOrigins = new Set([APOLLO_SANDBOX_ORIGIN, ...(deps.corsOrigins ?? [])]);
  const connectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...deps.connectionLimits };
  const rateLimiter = createRateLimiter({ ...DEFAULT_RATE_LIMITS, ...deps.rateLimit });
  const addressOf = (req: IncomingMessage | undefined) => clientAddress(req, deps.trustProxy ?? 0);
  const responseCache = createPublicResponseCache(deps.responseCache ?? {}, logger);
  /** Open WebSocket connections per signed-in user. */
  const userConnections = new Map<string, number>();
  /** Open SSE and multipart subscription streams per user or address: each is held open like a connection. */
  const httpStreams = new Map<string, number>();

  async function limitHttpStream(args: ExecutionArgs, live: SubscriptionExecutor) {
    const context = args.contextValue as RouterContext;
    const identity = await identify(context.authorization, context.clientIp, deps.verifier);
    const [key, max] =
      'userId' in identity
        ? [`user:${identity.userId}`, connectionLimits.perUser]
        : [`address:${identity.address}`, connectionLimits.perAddress];
    const open = httpStreams.get(key) ?? 0;
    if (open >= max) {
      return {
        errors: [
          new GraphQLError(`At most ${max} subscription streams may be open at once`, {
            extensions: { code: ErrorCode.SUBSCRIPTION_LIMIT_REACHED, max },
          }),
        ],
      };
    }
    const stream = live.subscribe(args);
    if (!(Symbol.asyncIterator in stream)) return stream;
    httpStreams.set(key, open + 1);
    let released = false;
    const end = () => void stream.return?.();
    openHttpStreams.add(end);
    const release = () => {
      if (released) return;
      released = true;
      openHttpStreams.delete(end);
      const left = (httpStreams.get(key) ?? 1) - 1;
      if (left > 0) httpStreams.set(key, left);
      else httpStreams.delete(key);
    };
    return {
      async next() {
        const result = await stream.next();
        if (result.done) release();
        return result;
      },
      async return() {
        release();
        return stream.return!();
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    } satisfies AsyncIterableIterator<ExecutionResult>;
  }
  let gateway: LoadedGateway | undefined;
  let subscriptions: SubscriptionExecutor | undefined;
  let yoga: YogaServerInstance<ServerContext, RouterContext> | undefined;

  const maskError = createErrorMasker({
    onMasked: (error) =>
      logger.error(
        { err: (error as { originalError?: unknown }).originalError ?? error },
        'unexpected router error (masked)',
      ),
  });

  function buildYoga(loaded: LoadedGateway, live: SubscriptionExecutor) {
    // Provider callbacks and the QR keys: the subgraph paths the outside may reach, by exact path.
    const publicRoutes = forwardedRoutes(loaded.subgraphUrls, logger);
    return createYoga<ServerContext, RouterContext>({
      schema: loaded.schema,
      graphqlEndpoint: '/graphql',
      landingPage: false,
      logging: false,
      maskedErrors: { maskError },
      graphiql: introspection ? { title: 'Busline', defaultQuery: '{ __typename }' } : false,
      renderGraphiQL,
      // Only a listed origin gets CORS headers. Given the list itself, Yoga answers any other origin
      // with `Access-Control-Allow-Origin: null` and credentials allowed, which a sandboxed page (whose
      // origin is "null") would match.
      cors: (request) => {
        const origin = request.headers.get('origin');
        if (!origin || !corsOrigins.has(origin)) return false;
        return {
          origin,
          credentials: true,
          methods: ['GET', 'POST', 'OPTIONS'],
          // Request headers are mirrored: Sandbox and Apollo Client add their own (client name, version).
          maxAge: 600,
        };
      },
      plugins: [
        accessLog.plugin(),
        // The forwarded paths are answered by useServiceHttp, before useRateLimit runs: counted here per address.
        limitPaths(new Set(publicRoutes.map((route) => route.path)), useRateLimit(rateLimiter, { address: addressOf })),
        useServiceHttp({
          service: 'router',
          maxBodyBytes: limits.maxBodyBytes,
          ...subgraphReadiness(loaded.subgraphUrls),
          routes: publicRoutes,
          metrics: {
            registry: metrics,
            token: deps.metricsToken,
            openWithoutCredentials: deps.metricsWithoutToken ?? false,
            exposition: deps.metricsExposition,
          },
          draining: () => service.draining,
        }),
        useOperationMetrics(metrics),
        useOperationTracing(),
        useRateLimit(rateLimiter, {
          verifier: deps.verifier,
          address: addressOf,
          identified: (request, identity) =>
            accessLog.identified(request, 'userId' in identity ? identity.userId : undefined),
        }),
        useCSRFPrevention({
          requestHeaders: ['x-graphql-yoga-csrf', 'apollo-require-preflight', 'x-apollo-operation-name'],
        }),
        ...useLimits(limits),
        ...(introspection ? [] : [useNoIntrospection()]),
        useGatewayExecutor(loaded.execute, (args) => limitHttpStream(args, live)),
        useApolloMultipartSubscriptions(),
        // After the gateway executor: the cache wraps its execute.
        ...(responseCache?.plugins(loaded.schema) ?? []),
      ],
      context: ({ req, request, connectionParams, clientIp, upgradeAuthorization }) => {
        const paramAuth = connectionParams?.authorization ?? connectionParams?.Authorization;
        const authorization =
          request?.headers.get('authorization') ?? (typeof paramAuth === 'string' ? paramAuth : upgradeAuthorization);
        // Always the router's own: a client's id would reach every subgraph's logs as if the router had set it.
        const requestId = request ? accessLog.requestId(request) : randomUUID();
        let child: Logger | undefined;
        return {
          requestId,
          authorization,
          clientIp: clientIp ?? addressOf(req),
          // Created on first use: most requests (and every idle subscription) never log.
          get logger() {
            child ??= logger.child({ requestId });
            return child;
          },
        };
      },
    });
  }

  const service = createService({
    name: 'router',
    logger,
    handler: (req, res) => {
      if (!yoga) {
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'starting' }));
        return;
      }
      void yoga(req, res);
    },
    attach: (httpServer) =>
      (ws = attachGraphqlWs(httpServer, {
        yoga: () => yoga,
        // Same size limit for a WebSocket message as for an HTTP body.
        maxPayload: limits.maxBodyBytes,
        keepAliveMs: deps.wsKeepAliveMs,
        connectionsPerKey: { key: (request) => addressOf(request), max: connectionLimits.perAddress },
        maxSubscriptionsPerConnection: connectionLimits.subscriptionsPerConnection,
        connectionInitTimeoutMs: connectionLimits.initTimeoutMs,
        onConnect: async (params, extra) => {
          // Keep the address and credentials, not the upgrade request: a long-lived connection should not pin it.
          extra.clientIp = addressOf(extra.request);
          extra.authorization = extra.request?.headers.authorization;
          extra.request = undefined;
          const paramAuth = params?.authorization ?? params?.Authorization;
          const identity = await identify(
            typeof paramAuth === 'string' ? paramAuth : (extra.authorization as string | undefined),
            extra.clientIp as string,
            deps.verifier,
          );
          extra.identity = identity;
          if (!('userId' in identity)) return true;
          const open = userConnections.get(identity.userId) ?? 0;
          if (open >= connectionLimits.perUser) {
            extra.socket?.close(4429, `At most ${connectionLimits.perUser} connections per user`);
            return false;
          }
          userConnections.set(identity.userId, open + 1);
          extra.socket?.once('close', () => {
            const left = (userConnections.get(identity.userId) ?? 1) - 1;
            if (left > 0) userConnections.set(identity.userId, left);
            else userConnections.delete(identity.userId);
          });
          return true;
        },
        admitSubscribe: async (extra) => {
          const retryAfter = await rateLimiter.consume(extra.identity as Identity);
          return retryAfter === undefined ? undefined : rateLimitedError(retryAfter);
        },
        initialContext: (extra) => ({ clientIp: extra.clientIp, upgradeAuthorization: extra.authorization }),
        parseError: describeParseError,
        // Straight to the federated executor (it sanitizes errors per event): no per-event plugin
        // wrappers on the hot path of a fan-out to thousands of sockets.
        subscribe: (args, sink, extra) => {
          const result = subscriptions!.subscribe(args, sink);
          const identity = extra.identity as Identity | undefined;
          accessLog.subscribed(args, result, identity && 'userId' in identity ? identity.userId : undefined);
          return result;
        },
      })),
    onDrain: () => {
      for (const end of [...openHttpStreams]) end();
    },
    onStop: async () => {
      await subscriptions?.close();
      await gateway?.stop();
      await rateLimiter.close();
      await responseCache?.close();
    },
  });

  const start = service.start.bind(service);
  const onFetch = subgraphFetchMetrics(metrics);
  // Getters must stay getters (Object.assign would copy their values at this point: undefined).
  registerWebSocketMetrics(metrics, () => ws?.stats());
  registerInFlightMetric(metrics, () => service.inFlight);
  registerSharedFetchMetric(metrics, () => gateway?.sharedFetches());
  registerRouterSubscriptionMetrics(metrics, () => ({
    httpStreams: openHttpStreams.size,
    ...(subscriptions?.stats() ?? { upstreamSubscriptions: 0, subscribers: 0, upstreamConnections: 0 }),
  }));
  return Object.defineProperties(service, {
    metrics: { value: metrics },
    gateway: { get: () => gateway },
    subscriptions: { get: () => subscriptions },
    start: {
      value: async (port?: number, host?: string) => {
        gateway = await loadGateway({
          supergraphSdl: deps.supergraphSdl,
          logger,
          urls: deps.urls,
          routerSecret: deps.routerSecret,
          timeoutMs: deps.subgraphTimeoutMs ?? 10_000,
          connections: deps.subgraphConnections ?? 128,
          dedupeInflight: deps.dedupeInflightFetches ?? true,
          onFetch,
        });
        subscriptions = new SubscriptionExecutor({
          supergraphSdl: deps.supergraphSdl,
          logger,
          dataSources: gateway.dataSources,
          subgraphUrls: gateway.graphqlUrls,
          routerSecret: deps.routerSecret,
          upstreamRetryAttempts: deps.subscriptionRetry?.attempts,
          upstreamRetryDelayMs: deps.subscriptionRetry?.delayMs,
        });
        yoga = buildYoga(gateway, subscriptions);
        responseCache?.start();
        await rateLimiter.ready();
        return start(port, host);
      },
    },
  }) as Service & {
    readonly gateway: LoadedGateway | undefined;
    readonly subscriptions: SubscriptionExecutor | undefined;
    readonly metrics: Registry;
  };
}

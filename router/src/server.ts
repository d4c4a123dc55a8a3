// The router's server: createServer(deps) composes the gateway, Yoga, the transports and metrics (index.ts starts it).
import type { IncomingMessage } from 'node:http';
import {
  createMetricsRegistry,
  createService,
  registerInFlightMetric,
  registerWebSocketMetrics,
  type AttachedGraphqlWs,
  type Logger,
  type Registry,
  type Service,
  type TokenVerifier,
} from '@busline/shared';
import { AccessLog } from './access-log';
import { clientAddress } from './client-address';
import { loadGateway, type LoadedGateway } from './gateway';
import { registerSharedFetchMetric } from './inflight-dedupe';
import { DEFAULT_LIMITS, type Limits } from './limits';
import { registerRouterSubscriptionMetrics, subgraphFetchMetrics, type FetchObserver } from './metrics';
import { createRateLimiter, DEFAULT_RATE_LIMITS, type RateLimitSettings } from './rate-limits';
import { createPublicResponseCache, type ResponseCacheSettings } from './response-cache';
import { SubscriptionExecutor } from './subscriptions';
import {
  attachWebSocketTransport,
  createHttpStreams,
  DEFAULT_CONNECTION_LIMITS,
  type ConnectionLimits,
} from './transports';
import { buildYoga, type RouterYoga, type YogaParts } from './yoga';

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
  /**
   * What /metrics answers with instead of this process's registry (a worker: every worker's metrics,
   * router/src/cluster-metrics.ts).
   */
  metricsExposition?: () => Promise<string>;
  /** Cache of answers to visitors without credentials, invalidated by domain events (see ResponseCacheSettings). */
  responseCache?: ResponseCacheSettings;
}

export type Router = Service & {
  readonly gateway: LoadedGateway | undefined;
  readonly subscriptions: SubscriptionExecutor | undefined;
  readonly metrics: Registry;
};

/** Builds the router (not started). `start()` loads the gateway, then listens. */
export function createServer(deps: RouterDeps): Router {
  const { logger } = deps;
  const metrics = createMetricsRegistry('router');
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const connectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...deps.connectionLimits };
  const addressOf = (req: IncomingMessage | undefined) => clientAddress(req, deps.trustProxy ?? 0);
  const parts: YogaParts = {
    logger,
    metrics,
    accessLog: new AccessLog(logger),
    limits,
    introspection: deps.introspection ?? true,
    corsOrigins: deps.corsOrigins ?? [],
    rateLimiter: createRateLimiter({ ...DEFAULT_RATE_LIMITS, ...deps.rateLimit }),
    addressOf,
    verifier: deps.verifier,
    metricsToken: deps.metricsToken,
    metricsWithoutToken: deps.metricsWithoutToken ?? false,
    metricsExposition: deps.metricsExposition,
    draining: () => service.draining,
    // Open SSE and multipart subscription streams, ended when the router drains (clients reconnect elsewhere).
    httpStreams: createHttpStreams(connectionLimits, deps.verifier),
    responseCache: createPublicResponseCache(deps.responseCache ?? {}, logger),
  };
  let ws: AttachedGraphqlWs | undefined;
  let gateway: LoadedGateway | undefined;
  let subscriptions: SubscriptionExecutor | undefined;
  let yoga: RouterYoga | undefined;

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
      (ws = attachWebSocketTransport(httpServer, {
        yoga: () => yoga,
        live: () => subscriptions,
        limits: connectionLimits,
        // Same size limit for a WebSocket message as for an HTTP body.
        maxPayload: limits.maxBodyBytes,
        keepAliveMs: deps.wsKeepAliveMs,
        addressOf,
        verifier: deps.verifier,
        rateLimiter: parts.rateLimiter,
        accessLog: parts.accessLog,
      })),
    onDrain: () => parts.httpStreams.endAll(),
    onStop: async () => {
      await subscriptions?.close();
      await gateway?.stop();
      await parts.rateLimiter.close();
      await parts.responseCache?.close();
    },
  });

  const start = service.start.bind(service);
  const onFetch = subgraphFetchMetrics(metrics);
  registerMetrics(metrics, {
    service,
    ws: () => ws,
    gateway: () => gateway,
    subscriptions: () => subscriptions,
    httpStreams: parts.httpStreams,
  });
  // Getters must stay getters (Object.assign would copy their values at this point: undefined).
  return Object.defineProperties(service, {
    metrics: { value: metrics },
    gateway: { get: () => gateway },
    subscriptions: { get: () => subscriptions },
    start: {
      value: async (port?: number, host?: string) => {
        gateway = await loadGateway(gatewayOptions(deps, onFetch));
        subscriptions = new SubscriptionExecutor({
          supergraphSdl: deps.supergraphSdl,
          logger,
          dataSources: gateway.dataSources,
          subgraphUrls: gateway.graphqlUrls,
          routerSecret: deps.routerSecret,
          upstreamRetryAttempts: deps.subscriptionRetry?.attempts,
          upstreamRetryDelayMs: deps.subscriptionRetry?.delayMs,
        });
        yoga = buildYoga(gateway, subscriptions, parts);
        parts.responseCache?.start();
        await parts.rateLimiter.ready();
        return start(port, host);
      },
    },
  }) as Router;
}

function gatewayOptions(deps: RouterDeps, onFetch: FetchObserver): Parameters<typeof loadGateway>[0] {
  return {
    supergraphSdl: deps.supergraphSdl,
    logger: deps.logger,
    urls: deps.urls,
    routerSecret: deps.routerSecret,
    timeoutMs: deps.subgraphTimeoutMs ?? 10_000,
    connections: deps.subgraphConnections ?? 128,
    dedupeInflight: deps.dedupeInflightFetches ?? true,
    onFetch,
  };
}

/** Gauges read at scrape time from the pieces that exist by then (the gateway and executor once started). */
function registerMetrics(
  metrics: Registry,
  read: {
    service: Service;
    ws: () => AttachedGraphqlWs | undefined;
    gateway: () => LoadedGateway | undefined;
    subscriptions: () => SubscriptionExecutor | undefined;
    httpStreams: { readonly size: number };
  },
): void {
  registerWebSocketMetrics(metrics, () => read.ws()?.stats());
  registerInFlightMetric(metrics, () => read.service.inFlight);
  registerSharedFetchMetric(metrics, () => read.gateway()?.sharedFetches());
  registerRouterSubscriptionMetrics(metrics, () => ({
    httpStreams: read.httpStreams.size,
    ...(read.subscriptions()?.stats() ?? { upstreamSubscriptions: 0, subscribers: 0, upstreamConnections: 0 }),
  }));
}

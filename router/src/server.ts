// The router's server: createServer(deps) composes the gateway, Yoga, the transports and metrics (index.ts starts it).
import type { IncomingMessage } from 'node:http';
import {
  createMetricsRegistry,
  operationMetrics,
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
import {
  registerRefusedConnectionsMetric,
  registerRouterSubscriptionMetrics,
  subgraphFetchMetrics,
  type FetchObserver,
} from './metrics';
import { createRateLimiter, DEFAULT_RATE_LIMITS, type RateLimitSettings } from './rate-limits';
import { FORWARDED } from './public-routes';
import { createPublicResponseCache, type ResponseCacheSettings } from './response-cache';
import { limitSocketsPerAddress, type SocketLimits } from './socket-limits';
import { SubscriptionExecutor } from './subscriptions';
import {
  attachWebSocketTransport,
  createHttpStreams,
  DEFAULT_CONNECTION_LIMITS,
  type ConnectionLimits,
  type HttpStreams,
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
  /**
   * An operation one subgraph answers in the shape the client asked for is sent as that fetch, its
   * answer passed on without the gateway's shaping (default on; off only to compare the two paths).
   */
  singleFetches?: boolean;
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

/** What exists once the router has started (the gateway, its executors) or listens (graphql-ws). */
interface Running {
  gateway?: LoadedGateway;
  subscriptions?: SubscriptionExecutor;
  yoga?: RouterYoga;
  ws?: AttachedGraphqlWs;
}

/** Builds the router (not started). `start()` loads the gateway, then listens. */
export function createServer(deps: RouterDeps): Router {
  const connectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...deps.connectionLimits };
  const parts = yogaParts(deps, connectionLimits, () => service.draining);
  const running: Running = {};
  let sockets: SocketLimits | undefined;
  const service = createService({
    name: 'router',
    logger: deps.logger,
    tracedPaths: FORWARDED.map((route) => route.path),
    clientsCall: true,
    handler: (req, res) => {
      // Answered 429 when it connected; whatever it sent before reading that is not run.
      if (sockets?.refused(req.socket)) return void req.socket.destroy();
      if (!running.yoga) {
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'starting' }));
        return;
      }
      void running.yoga(req, res);
    },
    attach: (httpServer) => {
      // Behind trusted proxies every socket comes from a proxy: they cap their clients' connections.
      if (connectionLimits.socketsPerAddress > 0 && (deps.trustProxy ?? 0) === 0) {
        sockets = limitSocketsPerAddress(httpServer, connectionLimits.socketsPerAddress, deps.logger);
      }
      return (running.ws = attachWebSocketTransport(httpServer, {
        yoga: () => running.yoga,
        live: () => running.subscriptions,
        limits: connectionLimits,
        // Same size limit for a WebSocket message as for an HTTP body.
        maxPayload: parts.limits.maxBodyBytes,
        keepAliveMs: deps.wsKeepAliveMs,
        addressOf: parts.addressOf,
        verifier: deps.verifier,
        rateLimiter: parts.rateLimiter,
        accessLog: parts.accessLog,
        operationMetrics: parts.operationMetrics,
      }));
    },
    onDrain: () => parts.httpStreams.endAll(),
    onStop: async () => {
      await running.subscriptions?.close();
      await running.gateway?.stop();
      await parts.rateLimiter.close();
      // A graceful stop still makes the invalidations due after the events it acknowledged.
      await parts.responseCache?.close({ settleEchoes: service.draining });
    },
  });

  const listen = service.start.bind(service);
  const onFetch = subgraphFetchMetrics(parts.metrics);
  registerMetrics(parts.metrics, service, running, parts.httpStreams, () => sockets?.refusedTotal ?? 0);
  // Getters must stay getters (Object.assign would copy their values at this point: undefined).
  return Object.defineProperties(service, {
    metrics: { value: parts.metrics },
    gateway: { get: () => running.gateway },
    subscriptions: { get: () => running.subscriptions },
    start: {
      value: async (port?: number, host?: string) => {
        await load(deps, parts, running, onFetch);
        return listen(port, host);
      },
    },
  }) as Router;
}

/** The pieces Yoga is built from, with the defaults of every limit. */
function yogaParts(deps: RouterDeps, connectionLimits: ConnectionLimits, draining: () => boolean): YogaParts {
  const { logger } = deps;
  const metrics = createMetricsRegistry('router');
  return {
    logger,
    metrics,
    operationMetrics: operationMetrics(metrics),
    accessLog: new AccessLog(logger),
    limits: { ...DEFAULT_LIMITS, ...deps.limits },
    introspection: deps.introspection ?? true,
    corsOrigins: deps.corsOrigins ?? [],
    rateLimiter: createRateLimiter({ ...DEFAULT_RATE_LIMITS, ...deps.rateLimit }),
    addressOf: (req: IncomingMessage | undefined) => clientAddress(req, deps.trustProxy ?? 0),
    verifier: deps.verifier,
    metricsToken: deps.metricsToken,
    metricsWithoutToken: deps.metricsWithoutToken ?? false,
    metricsExposition: deps.metricsExposition,
    routerSecret: deps.routerSecret,
    draining,
    // Open SSE and multipart subscription streams, ended when the router drains (clients reconnect elsewhere).
    httpStreams: createHttpStreams(connectionLimits, deps.verifier),
    responseCache: createPublicResponseCache(deps.responseCache ?? {}, logger),
  };
}

/** Loads the gateway, then the subscription executor and Yoga over it; starts the response cache. */
async function load(deps: RouterDeps, parts: YogaParts, running: Running, onFetch: FetchObserver): Promise<void> {
  const gateway = (running.gateway = await loadGateway({
    supergraphSdl: deps.supergraphSdl,
    logger: deps.logger,
    urls: deps.urls,
    routerSecret: deps.routerSecret,
    timeoutMs: deps.subgraphTimeoutMs ?? 10_000,
    connections: deps.subgraphConnections ?? 128,
    dedupeInflight: deps.dedupeInflightFetches ?? true,
    onSharedFetch: (requestId, leader) => parts.responseCache?.answeredBySharedFetch(requestId, leader),
    singleFetches: deps.singleFetches ?? true,
    planningMsPerMinute: parts.limits.maxPlanningMsPerMinute,
    onFetch,
  }));
  running.subscriptions = new SubscriptionExecutor({
    supergraphSdl: deps.supergraphSdl,
    logger: deps.logger,
    dataSources: gateway.dataSources,
    subgraphUrls: gateway.graphqlUrls,
    routerSecret: deps.routerSecret,
    upstreamRetryAttempts: deps.subscriptionRetry?.attempts,
    upstreamRetryDelayMs: deps.subscriptionRetry?.delayMs,
    maxListItems: parts.limits.maxListItems,
    planBudget: gateway.planBudget,
  });
  running.yoga = buildYoga(gateway, running.subscriptions, parts);
  parts.responseCache?.start();
  await parts.rateLimiter.ready();
}

/** Gauges read at scrape time from the pieces that exist by then (the gateway and executor once started). */
function registerMetrics(
  metrics: Registry,
  service: Service,
  running: Running,
  httpStreams: HttpStreams,
  refusedConnections: () => number,
): void {
  registerWebSocketMetrics(metrics, () => running.ws?.stats());
  registerRefusedConnectionsMetric(metrics, refusedConnections);
  registerInFlightMetric(metrics, () => service.inFlight);
  registerSharedFetchMetric(metrics, () => running.gateway?.sharedFetches());
  registerRouterSubscriptionMetrics(metrics, () => ({
    httpStreams: httpStreams.size,
    ...(running.subscriptions?.stats() ?? { upstreamSubscriptions: 0, subscribers: 0, upstreamConnections: 0 }),
  }));
}

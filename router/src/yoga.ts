// Yoga assembly: the router's plugins in order, CORS, GraphiQL, error masking and the per-request context.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type Plugin, type YogaInitialContext, type YogaServerInstance } from 'graphql-yoga';
import {
  NO_YOGA_HEALTH_CHECK,
  type OperationMetrics,
  useOperationTracing,
  useServiceHttp,
  lazyChild,
  type Logger,
  type Registry,
  type TokenVerifier,
} from '@busline/shared';
import type { AccessLog } from './access-log';
import type { RouterContext } from './context';
import { useErrorCodes } from './error-codes';
import { routerErrorMasker } from './error-masking';
import { useGatewayExecutor } from './executor';
import type { LoadedGateway } from './gateway';
import {
  useFieldLimit,
  useHiddenSuggestions,
  useLimits,
  useListItemsLimit,
  useNoIntrospection,
  type Limits,
} from './limits';
import { useApolloMultipartSubscriptions } from './multipart';
import { forwardedRoutes } from './public-routes';
import { useRateLimit, type RateLimiter } from './rate-limits';
import { subgraphReadiness } from './readiness';
import type { PublicResponseCache } from './response-cache';
import type { SubscriptionExecutor } from './subscriptions';
import type { HttpStreams } from './transports';

export const APOLLO_SANDBOX_ORIGIN = 'https://studio.apollographql.com';

/** What the HTTP server and graphql-ws hand Yoga with each request. */
export interface ServerContext {
  req?: IncomingMessage;
  /** Client address of a graphql-ws connection, taken when it opened. */
  clientIp?: string;
  /** Authorization header of a graphql-ws upgrade request (connection params take precedence). */
  upgradeAuthorization?: string;
  request?: Request;
  connectionParams?: Record<string, unknown>;
}

export type RouterYoga = YogaServerInstance<ServerContext, RouterContext>;

/** What the Yoga instance is built from, besides the loaded gateway. */
export interface YogaParts {
  logger: Logger;
  metrics: Registry;
  /** The operation metrics of `metrics`: Yoga's plugin, and the count the WebSocket transport keeps beside it. */
  operationMetrics: OperationMetrics;
  accessLog: AccessLog;
  limits: Limits;
  introspection: boolean;
  /** Origins given CORS headers (Apollo Sandbox's besides). */
  corsOrigins: string[];
  rateLimiter: RateLimiter;
  addressOf: (req: IncomingMessage | undefined) => string | undefined;
  verifier?: TokenVerifier;
  /** /metrics: see RouterDeps. */
  metricsToken?: string;
  metricsWithoutToken: boolean;
  metricsExposition?: () => Promise<string>;
  /** Sent with the router's readiness probes, so subgraphs say why they are not ready. */
  routerSecret?: string;
  /** Whether the router is draining (/readyz says no, new requests are refused). */
  draining: () => boolean;
  httpStreams: HttpStreams;
  responseCache?: PublicResponseCache;
}

/** The router's Yoga over a loaded gateway: queries and mutations to it, subscriptions to `live`. */
export function buildYoga(loaded: LoadedGateway, live: SubscriptionExecutor, parts: YogaParts): RouterYoga {
  const introspection = parts.introspection;
  return createYoga<ServerContext, RouterContext>({
    schema: loaded.schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    healthCheckEndpoint: NO_YOGA_HEALTH_CHECK,
    logging: false,
    maskedErrors: { maskError: routerErrorMasker(parts.logger) },
    // useServiceHttp refuses a body over the limit, or of unknown length, from its headers, before Yoga
    // reads it; Yoga's own limit would count the same bytes again through a stream per request.
    maxRequestBodySize: false,
    graphiql: introspection ? { title: 'Busline', defaultQuery: '{ __typename }' } : false,
    renderGraphiQL,
    cors: corsPolicy(new Set([APOLLO_SANDBOX_ORIGIN, ...parts.corsOrigins])),
    plugins: routerPlugins(loaded, live, parts),
    context: (server) => routerContext(server, parts),
  });
}

/**
 * Only a listed origin gets CORS headers. Given the list itself, Yoga answers any other origin with
 * `Access-Control-Allow-Origin: null` and credentials allowed, which a sandboxed page (whose origin
 * is "null") would match.
 */
function corsPolicy(origins: ReadonlySet<string>) {
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || !origins.has(origin)) return false;
    return {
      origin,
      credentials: true,
      methods: ['GET', 'POST', 'OPTIONS'],
      // Request headers are mirrored: Sandbox and Apollo Client add their own (client name, version).
      maxAge: 600,
    };
  };
}

/** The plugins, in the order they must run. */
function routerPlugins(loaded: LoadedGateway, live: SubscriptionExecutor, parts: YogaParts): Plugin[] {
  const { accessLog, rateLimiter, addressOf, limits } = parts;
  // Provider callbacks and the QR keys: the subgraph paths the outside may reach, by exact path.
  const publicRoutes = forwardedRoutes(loaded.subgraphUrls, parts.logger);
  return [
    accessLog.plugin(),
    // The forwarded paths are answered by useServiceHttp, before useRateLimit runs: counted here per address.
    limitPaths(new Set(publicRoutes.map((route) => route.path)), useRateLimit(rateLimiter, { address: addressOf })),
    useServiceHttp({
      service: 'router',
      maxBodyBytes: limits.maxBodyBytes,
      ...subgraphReadiness(loaded.subgraphUrls, parts.routerSecret),
      routes: publicRoutes,
      metrics: {
        registry: parts.metrics,
        token: parts.metricsToken,
        openWithoutCredentials: parts.metricsWithoutToken,
        exposition: parts.metricsExposition,
      },
      draining: parts.draining,
    }),
    parts.operationMetrics.plugin,
    useOperationTracing(),
    useRateLimit(rateLimiter, {
      verifier: parts.verifier,
      address: addressOf,
      identified: (request, identity) =>
        accessLog.identified(request, 'userId' in identity ? identity.userId : undefined),
    }),
    useCSRFPrevention({
      requestHeaders: ['x-graphql-yoga-csrf', 'apollo-require-preflight', 'x-apollo-operation-name'],
    }),
    // Before the other limits: refuses before validation starts.
    useFieldLimit(limits.maxFields),
    useLimits(limits),
    useHiddenSuggestions(),
    useListItemsLimit(limits.maxListItems),
    useErrorCodes(),
    ...(parts.introspection ? [] : [useNoIntrospection()]),
    useGatewayExecutor(loaded.execute, (args) => parts.httpStreams.subscribe(args, live)),
    useApolloMultipartSubscriptions(),
    // After the gateway executor: the cache wraps its execute.
    ...(parts.responseCache?.plugins(loaded.schema, limits) ?? []),
    // Last: sees whether any plugin before it took the result.
    useEndUnsentStreams(),
    useNoStoreWithCredentials(),
  ];
}

/**
 * An answer to a caller who sent credentials (their e-mail, bookings, passes) is kept by no cache, a browser's or a
 * proxy's: GET queries are accepted too, and nothing else would tell a cache not to keep them.
 */
function useNoStoreWithCredentials(): Plugin {
  return {
    onResponse({ request, response }) {
      if (request.headers.has('authorization') && new URL(request.url).pathname === '/graphql')
        response.headers.set('cache-control', 'private, no-store');
    },
  };
}

/**
 * A subscription over HTTP runs before Yoga looks for a way to send it: asked with an Accept it cannot stream in
 * (`application/json`, plain `multipart/mixed`), it is answered 406 and its stream never read — so never ended,
 * keeping its upstream subscription and its place in the stream limits for good (200 such requests locked an address
 * out). A stream no result processor took is ended here.
 */
function useEndUnsentStreams(): Plugin {
  return {
    onResultProcess({ result, resultProcessor }) {
      if (resultProcessor || typeof result !== 'object' || result === null || !(Symbol.asyncIterator in result)) return;
      void (result as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
    },
  };
}

/** `plugin`'s onRequest for requests to one of `paths` only (exact path). */
function limitPaths(paths: ReadonlySet<string>, plugin: Plugin): Plugin {
  return {
    onRequest(payload) {
      if (paths.has(payload.url.pathname)) return plugin.onRequest?.(payload);
    },
  };
}

/** The per-request context: the router's own request id, the caller's credentials and address, a logger. */
function routerContext(
  { req, request, connectionParams, clientIp, upgradeAuthorization }: ServerContext & Partial<YogaInitialContext>,
  parts: Pick<YogaParts, 'accessLog' | 'addressOf' | 'logger'>,
): RouterContext {
  const paramAuth = connectionParams?.authorization ?? connectionParams?.Authorization;
  const authorization =
    request?.headers.get('authorization') ?? (typeof paramAuth === 'string' ? paramAuth : upgradeAuthorization);
  // Always the router's own: a client's id would reach every subgraph's logs as if the router had set it.
  const requestId = request ? parts.accessLog.requestId(request) : randomUUID();
  return {
    requestId,
    authorization,
    clientIp: clientIp ?? parts.addressOf(req),
    // Made on first use: most requests (and every idle subscription) never log.
    logger: lazyChild(parts.logger, { requestId }),
  };
}

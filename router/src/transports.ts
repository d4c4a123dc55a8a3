// Transports on the HTTP server: graphql-ws connections (operations of every type) and SSE/multipart subscription
// streams, each within its limits.
import type { IncomingMessage, Server } from 'node:http';
import { getOperationAST, GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import {
  addressBucket,
  attachGraphqlWs,
  bearerToken,
  endableStream,
  ErrorCode,
  type AttachedGraphqlWs,
  type GraphqlWsOptions,
  type OperationMetrics,
  stillOpen,
  type TokenVerifier,
  whenCredentialsExpire,
} from '@busline/shared';
import type { AccessLog } from './access-log';
import type { RouterContext } from './context';
import { describeParseError } from './error-codes';
import { identify, rateLimitedError, type Identity, type RateLimiter } from './rate-limits';
import type { SubscriptionExecutor } from './subscriptions';
import type { RouterYoga } from './yoga';

export interface ConnectionLimits {
  /** Open WebSocket connections from one address (past it: 429 at the upgrade). */
  perAddress: number;
  /** Open WebSocket connections of one signed-in user (past it: closed with 4429). */
  perUser: number;
  /** Subscriptions open at once on one connection. */
  subscriptionsPerConnection: number;
  /** Subscriptions open at once over all the WebSocket connections of one address (anonymous clients). */
  subscriptionsPerAddress: number;
  /** Subscriptions open at once over all the WebSocket connections of one signed-in user. */
  subscriptionsPerUser: number;
  /** Time a connection may stay open without `connection_init`. */
  initTimeoutMs: number;
  /**
   * Open TCP connections from one address, WebSocket ones included (past it: 429 at once, nothing the
   * connection sends run, closed a second later); 0 for none. Applied only when no proxy is trusted.
   */
  socketsPerAddress: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  perAddress: 200,
  perUser: 10,
  subscriptionsPerConnection: 50,
  // Each distinct subscription is its own upstream subscription and work per event: 200 connections of 50 each
  // (aliases make them distinct) were 10,000 executions per seat change for one address.
  subscriptionsPerAddress: 1000,
  subscriptionsPerUser: 100,
  initTimeoutMs: 3000,
  socketsPerAddress: 256,
};

/** Subscriptions over SSE and Apollo's multipart protocol: each stream is held open like a connection. */
export interface HttpStreams {
  /** Runs `args` on `live`, unless its user (or address) has as many streams open as a connection limit allows. */
  subscribe(
    args: ExecutionArgs,
    live: SubscriptionExecutor,
  ): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;
  /** Ends every open stream: the router drains, clients reconnect elsewhere. */
  endAll(): void;
  /** Streams open now. */
  readonly size: number;
}

/** What a subscription over HTTP answers when its client aborted the request (nobody reads it). */
const clientGone = (): ExecutionResult => ({
  errors: [new GraphQLError('The request was aborted', { extensions: { code: 'BAD_REQUEST' } })],
});

/** Close reason of a WebSocket connection whose access token expired (code 4403). */
export const TOKEN_EXPIRED = 'Access token expired; reconnect with a new one';

/** SSE and multipart subscription streams, counted per address, and a signed-in user's per user too. */
export function createHttpStreams(limits: ConnectionLimits, verifier: TokenVerifier | undefined): HttpStreams {
  /** What ends each open stream. */
  const open = new Set<() => void>();
  /** Open streams per user or address. */
  const perKey = new Map<string, number>();

  async function subscribe(args: ExecutionArgs, live: SubscriptionExecutor) {
    const context = args.contextValue as RouterContext & { request?: Request };
    const signal = context.request?.signal;
    const identity = await identify(context.authorization, context.clientIp, verifier);
    // The client left while its credentials were checked: no subscription is opened for it.
    if (signal?.aborted) return clientGone();
    // Every stream counts against its address (as a WebSocket connection does at its upgrade, whoever signs in on
    // it: one address with many free accounts holds no more), a signed-in one against its user too.
    const address = `address:${addressBucket(context.clientIp) ?? 'unknown'}`;
    const counted: [string, number][] =
      'userId' in identity
        ? [
            [`user:${identity.userId}`, limits.perUser],
            [address, limits.perAddress],
          ]
        : [[address, limits.perAddress]];
    const full = counted.find(([key, max]) => (perKey.get(key) ?? 0) >= max);
    if (full) {
      const max = full[1];
      return {
        errors: [
          new GraphQLError(`At most ${max} subscription streams may be open at once`, {
            extensions: { code: ErrorCode.SUBSCRIPTION_LIMIT_REACHED, max },
          }),
        ],
      };
    }
    const subscribed = live.subscribe(args);
    if (!(Symbol.asyncIterator in subscribed)) return subscribed;
    // A signed-in user's stream ends when the token expires (the client subscribes again with a new one).
    const stream =
      'userId' in identity
        ? endableStream(subscribed, (end) =>
            whenCredentialsExpire(context.authorization, () =>
              end({
                errors: [new GraphQLError('Access token expired', { extensions: { code: ErrorCode.UNAUTHENTICATED } })],
              }),
            ),
          )
        : subscribed;
    for (const [key] of counted) perKey.set(key, (perKey.get(key) ?? 0) + 1);
    const released = releasedOnEnd(stream, () => {
      open.delete(end);
      signal?.removeEventListener('abort', end);
      for (const [key] of counted) {
        const left = (perKey.get(key) ?? 1) - 1;
        if (left > 0) perKey.set(key, left);
        else perKey.delete(key);
      }
    });
    // Ending the released stream, not the inner one: a stream nobody reads is released by its return alone.
    const end = () => void released.return?.();
    open.add(end);
    // A request aborted before its response began is dropped without its stream being read or cancelled: the
    // stream ends with the request, or its subscriptions upstream and its place in the limits would stay for good.
    signal?.addEventListener('abort', end, { once: true });
    return released;
  }

  return {
    subscribe,
    endAll: () => {
      for (const end of [...open]) end();
    },
    get size() {
      return open.size;
    },
  };
}

/** `stream`, running `release` once when it ends or its consumer leaves. */
function releasedOnEnd(
  stream: AsyncIterableIterator<ExecutionResult>,
  release: () => void,
): AsyncIterableIterator<ExecutionResult> {
  let released = false;
  const releaseOnce = () => {
    if (released) return;
    released = true;
    release();
  };
  return {
    async next() {
      const result = await stream.next();
      if (result.done) releaseOnce();
      return result;
    },
    async return() {
      releaseOnce();
      return stream.return!();
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

export interface WebSocketOptions {
  /** The Yoga instance (undefined while the router starts). */
  yoga: () => RouterYoga | undefined;
  /** The federated executor (set once the router has started). */
  live: () => SubscriptionExecutor | undefined;
  limits: ConnectionLimits;
  /** Largest message accepted: the same as an HTTP body. */
  maxPayload: number;
  keepAliveMs?: number;
  addressOf: (request: IncomingMessage | undefined) => string | undefined;
  verifier?: TokenVerifier;
  rateLimiter: RateLimiter;
  accessLog: AccessLog;
  /** Counts what runs beside Yoga's plugins: subscriptions on the federated executor, refusals before running. */
  operationMetrics: OperationMetrics;
}

type WsExtra = Parameters<NonNullable<GraphqlWsOptions['onConnect']>>[1];

/**
 * Longest credentials a graphql-ws connection may carry. They go to the subgraphs as an Authorization header, and an
 * HTTP server refuses headers past 16 KiB in all (Node's default, 431); an access token is well under 1 KB.
 */
export const MAX_CONNECTION_AUTHORIZATION_LENGTH = 4096;

/**
 * Whether `connection_init` credentials can be forwarded as an Authorization header and read as a token. Unlike an
 * HTTP header, they are whatever a client wrote: line breaks, NUL or 40 KB would fail every subgraph fetch.
 */
function wellFormedCredentials(authorization: string): boolean {
  return (
    authorization.length <= MAX_CONNECTION_AUTHORIZATION_LENGTH &&
    !/[^\t\x20-\x7e]/.test(authorization) &&
    bearerToken(authorization) !== undefined
  );
}

/** What each operation of a connection with malformed credentials is refused with (as a subgraph refuses them). */
const malformedCredentialsError = () =>
  new GraphQLError('Authorization must be "Bearer <token>"', { extensions: { code: ErrorCode.UNAUTHENTICATED } });

/** graphql-ws on /graphql: connections counted per address and per user, each subscription rate limited. */
export function attachWebSocketTransport(httpServer: Server, options: WebSocketOptions): AttachedGraphqlWs {
  const { limits, addressOf } = options;
  /** Open WebSocket connections per signed-in user. */
  const userConnections = new Map<string, number>();

  /** Past the user's limit the socket is closed with 4429; otherwise it is counted until it closes. */
  function admitUser(userId: string, extra: WsExtra): boolean {
    const open = userConnections.get(userId) ?? 0;
    if (open >= limits.perUser) {
      extra.socket?.close(4429, `At most ${limits.perUser} connections per user`);
      return false;
    }
    userConnections.set(userId, open + 1);
    extra.socket?.once('close', () => {
      const left = (userConnections.get(userId) ?? 1) - 1;
      if (left > 0) userConnections.set(userId, left);
      else userConnections.delete(userId);
    });
    return true;
  }

  return attachGraphqlWs(httpServer, {
    yoga: options.yoga,
    maxPayload: options.maxPayload,
    keepAliveMs: options.keepAliveMs,
    // An IPv6 /64 is one client's network: counted as one address (addressBucket).
    connectionsPerKey: { key: (request) => addressBucket(addressOf(request)) ?? undefined, max: limits.perAddress },
    maxSubscriptionsPerConnection: limits.subscriptionsPerConnection,
    subscriptionsPerKey: {
      key: (extra) => {
        const identity = extra.identity as Identity | undefined;
        if (!identity) return undefined;
        if ('userId' in identity) return `user:${identity.userId}`;
        // An IPv6 /64 is one client's network (as for its connections).
        const bucket = addressBucket(identity.address);
        return bucket ? `address:${bucket}` : undefined;
      },
      max: (key) => (key.startsWith('user:') ? limits.subscriptionsPerUser : limits.subscriptionsPerAddress),
    },
    connectionInitTimeoutMs: limits.initTimeoutMs,
    onUnreadDropped: (bytes) => options.accessLog.droppedUnread(bytes),
    onConnect: async (params, extra) => {
      // Keep the address and credentials, not the upgrade request: a long-lived connection should not pin it.
      extra.clientIp = addressOf(extra.request);
      extra.authorization = extra.request?.headers.authorization;
      extra.request = undefined;
      const paramAuth = params?.authorization ?? params?.Authorization;
      const authorization = typeof paramAuth === 'string' ? paramAuth : (extra.authorization as string | undefined);
      // Anonymous for the limits; each of its operations is then refused (admitSubscribe).
      if (authorization && !wellFormedCredentials(authorization)) extra.malformedCredentials = true;
      const identity = await identify(
        extra.malformedCredentials ? undefined : authorization,
        extra.clientIp as string,
        options.verifier,
      );
      extra.identity = identity;
      if (!('userId' in identity)) return true;
      // Closed while its token was checked: its 'close' has come and gone, and would never uncount it.
      if (!stillOpen(extra)) return false;
      if (!admitUser(identity.userId, extra)) return false;
      // Its token's authority ends at its expiry: the connection is closed then. graphql-ws clients reconnect
      // after 4403, with their current token, and subscribe again.
      const socket = extra.socket;
      const cancel = whenCredentialsExpire(authorization, () => socket?.close(4403, TOKEN_EXPIRED));
      socket?.once('close', cancel);
      return true;
    },
    admitSubscribe: async (extra) => {
      if (extra.malformedCredentials) return malformedCredentialsError();
      const retryAfter = await options.rateLimiter.consume(extra.identity as Identity);
      return retryAfter === undefined ? undefined : rateLimitedError(retryAfter);
    },
    initialContext: (extra) => ({ clientIp: extra.clientIp, upgradeAuthorization: extra.authorization }),
    parseError: describeParseError,
    // Straight to the federated executor (it sanitizes errors per event): no per-event plugin
    // wrappers on the hot path of a fan-out to thousands of sockets.
    subscribe: (args, sink, extra) => {
      const result = options.live()!.subscribe(args, sink);
      const identity = extra.identity as Identity | undefined;
      options.accessLog.subscribed(args, result, identity && 'userId' in identity ? identity.userId : undefined);
      const name = args.operationName ?? getOperationAST(args.document, args.operationName ?? undefined)?.name?.value;
      options.operationMetrics.count(name, 'subscription', result);
      return result;
    },
    // Refused before running (limits, rate limit, credentials, parse, validation): logged and counted as over HTTP.
    onRefused: (operationName, errors, extra) => {
      const identity = extra.identity as Identity | undefined;
      options.accessLog.refused(operationName, errors, identity && 'userId' in identity ? identity.userId : undefined);
      options.operationMetrics.count(operationName, 'unknown', { errors });
    },
    // Queries and mutations run through Yoga's execute (its plugins) and get an access line once answered.
    execute: async (args, run, extra) => {
      const started = performance.now();
      const identity = extra.identity as Identity | undefined;
      const userId = identity && 'userId' in identity ? identity.userId : undefined;
      let result: unknown;
      try {
        result = await run(args);
      } catch (error) {
        result = { errors: [{ extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
        throw error;
      } finally {
        options.accessLog.executed(args, result, userId, performance.now() - started);
      }
      return result;
    },
  });
}

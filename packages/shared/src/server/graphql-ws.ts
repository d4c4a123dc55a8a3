import type { IncomingMessage, Server } from 'node:http';
import { getOperationAST, GraphQLError, type DocumentNode, type ExecutionArgs } from 'graphql';
import type { YogaServerInstance } from 'graphql-yoga';
import { useServer } from 'graphql-ws/use/ws';
import type { ConnectionInitMessage } from 'graphql-ws';
import { WebSocket, WebSocketServer } from 'ws';
import { AppError, ErrorCode } from '../errors';
import { resultWithDeliveryTrace } from '../observability/live-tracing';
import { endableStream } from './endable-stream';

type WsExtra = { request?: IncomingMessage; socket?: WebSocket } & Record<string, unknown>;

/**
 * Whether a connection's socket is still open. An `onConnect` that awaited must check it before it counts or
 * registers the connection: graphql-ws runs `onClose` as soon as the socket closes, even while `onConnect` waits.
 */
export const stillOpen = (extra: WsExtra): boolean => !extra.socket || extra.socket.readyState === WebSocket.OPEN;

/**
 * A WebSocket class for graphql-ws clients that sends `headers` with the upgrade request (the
 * browser API has no way to; servers that check credentials at the upgrade need them there).
 */
export function webSocketWithHeaders(
  headers: Record<string, string>,
): new (address: string | URL, protocols?: string | string[]) => WebSocket {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

/**
 * Writes the `next` messages of one subscription straight to its socket: a payload serialized once
 * for thousands of subscribers costs one frame write each, without a promise per message.
 */
export interface DirectSink {
  /**
   * Sends a `next` message with this payload (serialized JSON). False when the client is too far
   * behind (this event is skipped for it); a closed socket is ignored (its subscription is ending).
   */
  next(payloadJson: Buffer): boolean;
}

/**
 * Bytes a socket may have waiting in its buffer before live updates to it are skipped and new operations on it are
 * refused (RATE_LIMITED, reason UNREAD_ANSWERS: asked again once it has read).
 */
const MAX_BUFFERED_BYTES = 1 << 20;
/**
 * Bytes waiting past which the socket is dropped rather than sent more: the answers of operations already running
 * when the client stopped reading (graphql-ws queues each whole) would otherwise pile up in this process without end.
 */
const MAX_UNREAD_BYTES = 4 << 20;
const SUFFIX = Buffer.from('}');

/** An error as a client sees it over HTTP: Yoga's `extensions.http` (a status for the HTTP answer) left out. */
function withoutHttpHint(error: GraphQLError): GraphQLError {
  if (!error.extensions || !('http' in error.extensions)) return error;
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions,
  });
}

/** One unmasked, final text frame (RFC 6455 §5.2) holding prefix + payload + suffix. */
export function textFrame(prefix: Buffer, payload: Buffer, suffix: Buffer): Buffer {
  const length = prefix.length + payload.length + suffix.length;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81;
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  prefix.copy(frame, header);
  payload.copy(frame, header + prefix.length);
  suffix.copy(frame, header + prefix.length + payload.length);
  return frame;
}

function directSink(socket: WebSocket, id: string): DirectSink {
  const prefix = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
  // The frame goes to the TCP socket in one write: ws would write header and body separately
  // (a writev), which costs twice the system time per socket. Safe because this server has no
  // compression, so ws itself writes every frame whole and at once, never queued.
  const tcp = (socket as unknown as { _socket?: { write(chunk: Buffer): boolean } })._socket;
  return {
    next(payloadJson) {
      if (socket.readyState !== WebSocket.OPEN) return true;
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) return false;
      if (tcp) tcp.write(textFrame(prefix, payloadJson, SUFFIX));
      else socket.send(Buffer.concat([prefix, payloadJson, SUFFIX]), { binary: false });
      return true;
    },
  };
}

export interface GraphqlWsOptions {
  /**
   * The Yoga instance whose parse, validate (limits included) and context the socket shares; undefined while starting.
   */
  yoga: () => YogaServerInstance<any, any> | undefined;
  /** Largest message accepted (bytes). */
  maxPayload?: number;
  /**
   * Ping interval; a client that has not answered by the next ping is disconnected (default 30 s).
   * Every ping is a frame to each socket and a pong back: with thousands of subscribers, a short
   * interval costs the server as much as the live updates themselves.
   */
  keepAliveMs?: number;
  /**
   * Accepts or refuses the WebSocket upgrade itself (refused: 403, before any graphql-ws message is
   * read), for credentials that belong to the HTTP request rather than to `connection_init`.
   */
  verifyUpgrade?: (request: IncomingMessage) => boolean;
  /** Open sockets allowed per key (e.g. the client's address); past it the upgrade gets 429. */
  connectionsPerKey?: { key: (request: IncomingMessage) => string | undefined; max: number };
  /** Told when a socket is dropped for not reading its answers (MAX_UNREAD_BYTES), with how many bytes waited. */
  onUnreadDropped?: (bufferedBytes: number) => void;
  /** Subscriptions one connection may have open at once (default: no limit). */
  maxSubscriptionsPerConnection?: number;
  /**
   * Subscriptions one key (a signed-in user, an address) may have open at once over all its connections, the key
   * read from a connection's `extra` once `onConnect` accepted it (default: no limit).
   */
  subscriptionsPerKey?: { key: (extra: WsExtra) => string | undefined; max: (key: string) => number };
  /** How long a socket may stay open without `connection_init` (default 3 s; then closed with 4408). */
  connectionInitTimeoutMs?: number;
  /** Accepts or refuses a connection; may copy what it needs from the upgrade request into `extra`. */
  onConnect?: (
    connectionParams: Readonly<Record<string, unknown>> | undefined,
    extra: WsExtra,
  ) => boolean | Promise<boolean>;
  /** Runs before each subscribe message is parsed: an error refuses that subscription (e.g. a rate limit). */
  admitSubscribe?: (extra: WsExtra) => Promise<GraphQLError | undefined>;
  /** Server context handed to Yoga for each subscribe message (besides connectionParams and params). */
  initialContext?: (extra: WsExtra) => Record<string, unknown>;
  /** What a client sees of a parse error (default: the message, code GRAPHQL_PARSE_FAILED). */
  parseError?: (message: string) => { message: string; code: string };
  /**
   * Runs subscriptions itself instead of Yoga's subscribe (the router's federated executor). It may
   * send events through `sink` instead of yielding them (the returned iterator then only ends the stream).
   */
  subscribe?: (args: ExecutionArgs, sink: DirectSink | undefined, extra: WsExtra) => unknown;
  /**
   * Told of each operation refused before it ran (a subscription limit, admitSubscribe, a parse or validation error,
   * a context refused): what an HTTP request refused alike would log and count.
   */
  onRefused?: (operationName: string | null | undefined, errors: readonly GraphQLError[], extra: WsExtra) => void;
  /** Runs each query and mutation through `run` (Yoga's execute), e.g. to log it; default: `run` alone. */
  execute?: (args: ExecutionArgs, run: (args: ExecutionArgs) => unknown, extra: WsExtra) => unknown;
  /**
   * Watches each started subscription (by its context) for the moment it must stop, e.g. its
   * credentials were revoked: `end(error)` sends the error as its last event, then completes it.
   * Returns what stops watching; called when the subscription ends, however it ends.
   */
  watch?: (contextValue: unknown, end: (error: GraphQLError) => void) => () => void;
}

/** The message and code a client sees for an error that ends one subscription. */
function refusal(error: unknown, fallbackCode: string): GraphQLError {
  if (error instanceof AppError) return error.toGraphQLError();
  const message = error instanceof Error ? error.message : 'Invalid operation';
  // Checked by name: the error may come from another copy of graphql-js.
  const code =
    error instanceof Error && error.name === 'GraphQLError' ? (error as GraphQLError).extensions?.code : undefined;
  return new GraphQLError(message, { extensions: { code: code ?? fallbackCode } });
}

/**
 * graphql-ws on the same path as Yoga's HTTP endpoint. An operation that fails to parse, validate
 * or authenticate ends that subscription with its code; the client's other subscriptions live on.
 */
export interface AttachedGraphqlWs {
  /**
   * Closes every socket and ends their subscriptions. `goingAway` closes them with 1001 (Going
   * Away), which graphql-ws clients (and the router's upstream connections) retry: they reconnect
   * to another instance instead of giving up. From the first call on, upgrades are refused (503) and
   * operations sent on open sockets are neither run nor answered (a client resends them after
   * reconnecting). With `graceMs`, a socket with queries or mutations running is closed once they are
   * answered, or when `graceMs` has passed; resolves with how many were cut then.
   */
  close(options?: GoingAwayOptions): Promise<{ cutOperations: number }>;
  /** Open sockets and the subscriptions running on them. */
  stats(): { connections: number; subscriptions: number };
}

export interface GoingAwayOptions {
  /** Closes sockets with 1001 rather than cutting them. */
  goingAway?: boolean;
  /** How long queries and mutations running on a socket may take to be answered before it is closed. */
  graceMs?: number;
}

/** Close code and reason sent to clients when the server shuts down: reconnect elsewhere. */
export const GOING_AWAY = { code: 1001, reason: 'Server is shutting down; reconnect' } as const;

export function attachGraphqlWs(httpServer: Server, options: GraphqlWsOptions): AttachedGraphqlWs {
  // No per-message compression: direct sinks write whole frames to the TCP socket (see directSink).
  const { verifyUpgrade, connectionsPerKey, maxSubscriptionsPerConnection, subscriptionsPerKey } = options;
  const open = new Map<string, number>();
  /** Acknowledged connections, whose `subscriptions` graphql-ws keeps up to date. */
  const connected = new Set<{ subscriptions: Record<string, unknown> }>();
  /**
   * Acknowledged connections per subscriptionsPerKey key: what a key has open is counted from the connections'
   * own `subscriptions` when it subscribes, so no count can drift from what is really open.
   */
  const byKey = new Map<string, Set<{ subscriptions: Record<string, unknown> }>>();
  const keyOf = new WeakMap<object, string>();
  /** Set once close begins: no upgrade, no new operation. */
  let closing = false;
  /**
   * Queries and mutations per socket, from their accepted subscribe message until answered (`complete` sent);
   * `answered` is called each time one is.
   */
  const running = new Map<WebSocket, { ids: Set<string>; answered?: () => void }>();
  const finished = (socket: WebSocket | undefined, id: string) => {
    const entry = socket && running.get(socket);
    if (!entry?.ids.delete(id)) return;
    if (entry.ids.size === 0) running.delete(socket!);
    entry.answered?.();
  };
  /**
   * Neither runs nor answers an operation (graphql-ws sends nothing for an id no longer listed): the socket is
   * about to close with 1001, and the client sends it again once reconnected elsewhere.
   */
  const notAnswered = (ctx: { subscriptions: Record<string, unknown> }, id: string) => {
    delete ctx.subscriptions[id];
    return [new GraphQLError('The service is shutting down', { extensions: { code: 'UNAVAILABLE' } })];
  };
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: options.maxPayload,
    perMessageDeflate: false,
    verifyClient: (info: { req: IncomingMessage }, done: (ok: boolean, code?: number, message?: string) => void) => {
      if (closing) return done(false, 503, 'Service Unavailable');
      if (verifyUpgrade && !verifyUpgrade(info.req)) return done(false, 403, 'Forbidden');
      const key = connectionsPerKey?.key(info.req);
      if (key === undefined) return done(true);
      const count = open.get(key) ?? 0;
      if (count >= connectionsPerKey!.max) return done(false, 429, 'Too Many Connections');
      open.set(key, count + 1);
      // Counted until the TCP connection closes, whether or not the handshake then completes.
      info.req.socket.once('close', () => {
        const left = (open.get(key) ?? 1) - 1;
        if (left > 0) open.set(key, left);
        else open.delete(key);
      });
      return done(true);
    },
  });
  /** Tells onRefused of an operation answered with errors before it ran (not one left unanswered as it closes). */
  const refusalsTold = async <T>(
    ctx: { subscriptions: Record<string, unknown>; extra: WsExtra },
    id: string,
    payload: { operationName?: string | null },
    admit: (seen: { operationName?: string }) => Promise<T>,
  ): Promise<T> => {
    // The name the client gave, or its document's once parsed (`admit` fills it in).
    const seen = { operationName: payload.operationName ?? undefined };
    const answer = await admit(seen);
    if (Array.isArray(answer) && id in ctx.subscriptions)
      options.onRefused?.(seen.operationName, answer as readonly GraphQLError[], ctx.extra);
    return answer;
  };
  // Before graphql-ws's own listener: every message it sends passes here.
  wsServer.on('connection', (socket: WebSocket) => {
    const send = socket.send.bind(socket) as (data: unknown, callback?: (error?: Error) => void) => void;
    socket.send = ((data: unknown, ...rest: unknown[]) => {
      const callback = rest.find((arg): arg is (error?: Error) => void => typeof arg === 'function');
      // Dropped already (below): nothing more goes out, and graphql-ws is not told of an error.
      if (socket.readyState !== WebSocket.OPEN) return callback?.();
      // A send the socket's end cut short (dropped here, or the client gone) is no error of graphql-ws's handling
      // (which would print one per answer still queued).
      if (socket.bufferedAmount <= MAX_UNREAD_BYTES)
        return send(data, (error) =>
          callback?.((error as { code?: string } | undefined)?.code === 'ERR_STREAM_DESTROYED' ? undefined : error),
        );
      // Its close ends its operations (graphql-ws's onClose); the send is done, as far as graphql-ws waits for it.
      options.onUnreadDropped?.(socket.bufferedAmount);
      socket.terminate();
      callback?.();
    }) as WebSocket['send'];
  });
  const disposable = useServer<ConnectionInitMessage['payload'], WsExtra>(
    {
      connectionInitWaitTimeout: options.connectionInitTimeoutMs ?? 3000,
      onConnect: async (ctx) => {
        const accepted = (await options.onConnect?.(ctx.connectionParams, ctx.extra)) ?? true;
        // Closed while onConnect waited (a token's keys being fetched): graphql-ws has run onClose already, so
        // nothing registered now would ever be removed.
        if (accepted !== false && !stillOpen(ctx.extra)) return false;
        if (accepted !== false) {
          connected.add(ctx);
          const key = subscriptionsPerKey?.key(ctx.extra);
          if (key !== undefined) {
            keyOf.set(ctx, key);
            byKey.set(key, (byKey.get(key) ?? new Set()).add(ctx));
          }
        }
        return accepted;
      },
      onClose: (ctx) => {
        connected.delete(ctx);
        const socket = ctx.extra.socket;
        const entry = socket && running.get(socket);
        if (entry) {
          running.delete(socket!);
          entry.answered?.();
        }
        const key = keyOf.get(ctx);
        const same = key === undefined ? undefined : byKey.get(key);
        if (same && same.delete(ctx) && same.size === 0) byKey.delete(key!);
      },
      onSubscribe: (ctx, id, payload) =>
        refusalsTold(ctx, id, payload, async (seen) => {
          if (closing) return notAnswered(ctx, id);
          // A client this far behind reading its answers gets no more work done for it until it catches up.
          if ((ctx.extra.socket?.bufferedAmount ?? 0) > MAX_BUFFERED_BYTES)
            return [
              new GraphQLError('Earlier answers are still waiting to be read: read them, then ask again', {
                extensions: { code: ErrorCode.RATE_LIMITED, reason: 'UNREAD_ANSWERS' },
              }),
            ];
          // graphql-ws lists a subscription from its subscribe message until it ends, this one included.
          if (
            maxSubscriptionsPerConnection !== undefined &&
            Object.keys(ctx.subscriptions).length > maxSubscriptionsPerConnection
          ) {
            return [
              new GraphQLError(`At most ${maxSubscriptionsPerConnection} subscriptions may be open on one connection`, {
                extensions: { code: ErrorCode.SUBSCRIPTION_LIMIT_REACHED, max: maxSubscriptionsPerConnection },
              }),
            ];
          }
          const key = keyOf.get(ctx);
          if (key !== undefined && subscriptionsPerKey) {
            // Its other connections' subscriptions and this connection's, this one included.
            let open = 0;
            for (const other of byKey.get(key) ?? []) open += Object.keys(other.subscriptions).length;
            const max = subscriptionsPerKey.max(key);
            if (open > max)
              return [
                new GraphQLError(`At most ${max} subscriptions may be open at once`, {
                  extensions: { code: ErrorCode.SUBSCRIPTION_LIMIT_REACHED, max },
                }),
              ];
          }
          const refused = await options.admitSubscribe?.(ctx.extra);
          if (refused) return [refused];
          const yoga = options.yoga();
          if (!yoga) return [new GraphQLError('The service is starting', { extensions: { code: 'UNAVAILABLE' } })];
          const enveloped = yoga.getEnveloped({
            ...options.initialContext?.(ctx.extra),
            connectionParams: ctx.connectionParams,
            params: payload,
          });
          let document: DocumentNode;
          try {
            document = enveloped.parse(payload.query);
          } catch (error) {
            const raw = error instanceof Error ? error.message : 'Invalid operation';
            const { message, code } = options.parseError?.(raw) ?? { message: raw, code: 'GRAPHQL_PARSE_FAILED' };
            return [new GraphQLError(message, { extensions: { code } })];
          }
          seen.operationName ??= getOperationAST(document, payload.operationName)?.name?.value;
          const errors = enveloped.validate(enveloped.schema, document);
          // Without Yoga's `http` hint, which it reads (and drops) over HTTP: the same extensions on both.
          if (errors.length > 0) return errors.map(withoutHttpHint);
          // graphql-ws would refuse it itself, without a code: answered as Yoga answers it over HTTP.
          const operation = getOperationAST(document, payload.operationName);
          if (!operation)
            return [
              new GraphQLError('Could not determine what operation to execute.', {
                extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
              }),
            ];
          let contextValue: unknown;
          try {
            contextValue = await enveloped.contextFactory();
          } catch (error) {
            if (error instanceof AppError || (error instanceof Error && error.name === 'GraphQLError'))
              return [refusal(error, 'UNAUTHENTICATED')];
            throw error;
          }
          // Closing began while this one was being checked: it is not run here.
          if (closing) return notAnswered(ctx, id);
          const socket = ctx.extra.socket;
          if (socket && operation.operation !== 'subscription') {
            const entry = running.get(socket) ?? { ids: new Set<string>() };
            entry.ids.add(id);
            running.set(socket, entry);
          }
          return {
            schema: enveloped.schema,
            document,
            operationName: payload.operationName,
            variableValues: payload.variables,
            contextValue,
            rootValue: {
              execute: enveloped.execute,
              subscribe: enveloped.subscribe,
              sink: options.subscribe && ctx.extra.socket ? directSink(ctx.extra.socket, id) : undefined,
              extra: ctx.extra,
            },
          } satisfies ExecutionArgs;
        }),
      // Called before `complete` is sent (if the client still waits for it): the operation counts as answered
      // once it is written, which happens in the microtasks that follow.
      onComplete: (ctx, id) => void setImmediate(() => finished(ctx.extra.socket, id)),
      onOperation: (_ctx, _id, _payload, args, result) => {
        const { watch } = options;
        if (!watch || !result || typeof result !== 'object' || !(Symbol.asyncIterator in result)) return undefined;
        return endableStream(result as AsyncIterable<unknown>, (end) =>
          watch(args.contextValue, (error) => end({ errors: [error] })),
        ) as never;
      },
      // A payload delivered in a traced span tells the router its trace (observability/live-tracing.ts).
      onNext: (_ctx, _id, _payload, args, result) => resultWithDeliveryTrace(args.contextValue, result) as never,
      execute: (args) => {
        const root = args.rootValue as { execute: (a: ExecutionArgs) => unknown; extra: WsExtra };
        return (options.execute ? options.execute(args, root.execute, root.extra) : root.execute(args)) as never;
      },
      subscribe: (args) => {
        const root = args.rootValue as { subscribe: (a: ExecutionArgs) => unknown; sink?: DirectSink; extra: WsExtra };
        return (options.subscribe ? options.subscribe(args, root.sink, root.extra) : root.subscribe(args)) as never;
      },
    },
    wsServer,
    options.keepAliveMs ?? 30_000,
  );
  /** Resolves once no query or mutation runs on `socket`, or with false at `deadline`. */
  const answered = (socket: WebSocket, deadline: number) =>
    new Promise<boolean>((resolve) => {
      const entry = running.get(socket);
      if (!entry) return resolve(true);
      const timer = setTimeout(() => resolve(false), Math.max(deadline - Date.now(), 0));
      entry.answered = () => {
        if (entry.ids.size > 0 && running.has(socket)) return;
        clearTimeout(timer);
        resolve(true);
      };
    });

  /** Closes `socket` with 1001 once what runs on it is answered (or at `deadline`); true if something was cut. */
  const goAway = async (socket: WebSocket, deadline: number) => {
    const cut = !(await answered(socket, deadline));
    const cutOperations = cut ? (running.get(socket)?.ids.size ?? 0) : 0;
    if (socket.readyState === WebSocket.CLOSED) return cutOperations;
    await new Promise<void>((resolve) => {
      // A client that does not answer the close handshake is cut after a second.
      const timer = setTimeout(resolve, 1000).unref();
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.close(GOING_AWAY.code, GOING_AWAY.reason);
    });
    return cutOperations;
  };

  let disposed: Promise<void> | undefined;
  return {
    async close({ goingAway = false, graceMs = 0 } = {}) {
      closing = true;
      let cutOperations = 0;
      if (goingAway && wsServer.clients.size > 0) {
        const deadline = Date.now() + graceMs;
        for (const cut of await Promise.all([...wsServer.clients].map((socket) => goAway(socket, deadline))))
          cutOperations += cut;
      } else for (const entry of running.values()) cutOperations += entry.ids.size;
      for (const client of wsServer.clients) client.terminate();
      // A drain closes it before the stop that follows does: dispose once.
      await (disposed ??= Promise.resolve(disposable.dispose()));
      return { cutOperations };
    },
    stats() {
      let subscriptions = 0;
      for (const ctx of connected) subscriptions += Object.keys(ctx.subscriptions).length;
      return { connections: wsServer.clients.size, subscriptions };
    },
  };
}

import { createServer as createHttpServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger';
import type { Registry } from '../observability/metrics';
import { traceRequest } from '../observability/request-tracing';
import type { GoingAwayOptions } from './graphql-ws';

/** A background loop owned by a service (outbox relay, event consumer, sweeper). */
export interface Worker {
  name: string;
  start(): void | Promise<void>;
  stop(): Promise<void>;
  /** Registers the metrics this worker reports in its service's registry (outbox backlog, consumer lag). */
  metrics?: (registry: Registry) => void;
}

/** What `createServer(deps)` returns: started by index.ts (or a test) and stopped cleanly. */
export interface Service {
  readonly name: string;
  readonly httpServer: Server;
  /** Base URL once started (http://127.0.0.1:<port>). */
  readonly url: string | undefined;
  /** True from the moment a graceful stop begins: /readyz answers 503, new requests are refused. */
  readonly draining: boolean;
  /** HTTP requests being answered (open SSE streams included); not operations over WebSocket. */
  readonly inFlight: number;
  /** Listens (port 0 picks a free port) and starts the workers; resolves with the base URL. */
  start(port?: number, host?: string): Promise<string>;
  /**
   * Stops the service. With `graceMs`, drains first (see `drain`): in-flight requests and event
   * handlers get up to that long to finish before anything is cut.
   */
  stop(options?: StopOptions): Promise<void>;
}

export interface StopOptions {
  /** How long in-flight requests and event handlers may take to finish (0: stop at once). */
  graceMs?: number;
}

export interface ServiceOptions {
  name: string;
  logger: Logger;
  handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
  workers?: Worker[];
  /**
   * Runs after the HTTP server is created, e.g. to attach a WebSocket server. Its `close` is called with
   * `goingAway` and `graceMs` when a drain begins (see AttachedGraphqlWs), then plainly on stop.
   */
  attach?: (server: Server) => { close(options?: GoingAwayOptions): Promise<{ cutOperations: number } | void> } | void;
  /**
   * Paths a request's trace span is named by (`POST /graphql`), besides /graphql: the service's own routes. Any other
   * path's span is named by its method alone: a client choosing paths must not choose span names.
   */
  tracedPaths?: readonly string[];
  /** Its callers are clients (the router), whose trace context is not trusted: see TraceRequestOptions.clientsCall. */
  clientsCall?: boolean;
  /** Runs when a drain begins: ends what would otherwise never finish (HTTP subscription streams). */
  onDrain?: () => void | Promise<void>;
  /** Runs last on stop (closing clients the service owns). */
  onStop?: () => Promise<void>;
  /** How long a request's headers, and the whole request, may take to arrive (REQUEST_TIMEOUTS unless given). */
  requestTimeouts?: { headersMs: number; requestMs: number; checkEveryMs: number };
}

/**
 * A client that sends its headers or its body a byte at a time (slowloris) keeps a connection no longer than this:
 * 20 s for the headers, 30 s for the whole request (Node's defaults: 60 s and 5 minutes), checked every 5 s. A GraphQL
 * request is a few kilobytes; an idle keep-alive connection is not a request (keepAliveTimeout bounds it), nor is a
 * WebSocket once upgraded, nor an answer being streamed.
 */
export const REQUEST_TIMEOUTS = { headersMs: 20_000, requestMs: 30_000, checkEveryMs: 5_000 };

/** Paths still answered while draining: the orchestrator's probes and the metrics scraper. */
const ANSWERED_WHILE_DRAINING = new Set(['/healthz', '/readyz', '/metrics']);

function refuseWhileDraining(res: ServerResponse): void {
  res
    .writeHead(503, { 'content-type': 'application/json; charset=utf-8', connection: 'close', 'retry-after': '1' })
    .end(
      JSON.stringify({
        errors: [
          {
            message: 'This instance is shutting down; retry',
            extensions: { code: 'UNAVAILABLE', retryAfterSeconds: 1 },
          },
        ],
      }),
    );
}

export function createService(options: ServiceOptions): Service {
  const tracedPaths = new Set(['/graphql', ...(options.tracedPaths ?? [])]);
  let draining = false;
  let inFlight = 0;
  let onIdle: (() => void) | undefined;
  const timeouts = options.requestTimeouts ?? REQUEST_TIMEOUTS;
  const httpServer = createHttpServer({ connectionsCheckingInterval: timeouts.checkEveryMs }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (draining && !ANSWERED_WHILE_DRAINING.has(path)) return refuseWhileDraining(res);
    inFlight++;
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) onIdle?.();
    });
    traceRequest(options.name, req, res, () => options.handler(req, res), {
      paths: tracedPaths,
      clientsCall: options.clientsCall,
    });
  });
  // Longer than the router's keep-alive agents so they never reuse a socket we just closed.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = timeouts.headersMs;
  httpServer.requestTimeout = timeouts.requestMs;
  const attached = options.attach?.(httpServer) ?? undefined;
  const workers = options.workers ?? [];
  let url: string | undefined;
  let started = false;
  const log = options.logger;

  /** Resolves when no request is in flight, or with false once `ms` has passed. */
  const idle = (ms: number) =>
    new Promise<boolean>((resolve) => {
      if (inFlight === 0) return resolve(true);
      const timer = setTimeout(() => resolve(false), Math.max(ms, 0));
      onIdle = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });

  /**
   * Takes the service out of rotation and lets what it is doing finish: /readyz answers 503, new
   * requests get 503 UNAVAILABLE (retryable) with `connection: close`, WebSocket clients are closed
   * with 1001 so they reconnect elsewhere (once the queries and mutations running on their socket are
   * answered; new operations on it are not run), and in-flight requests, then the workers (event
   * handlers, relay), get what is left of `graceMs` to finish.
   */
  async function drain(graceMs: number): Promise<void> {
    const deadline = Date.now() + graceMs;
    draining = true;
    log.info({ graceMs, inFlight }, `${options.name} draining`);
    await options.onDrain?.();
    const [idled, ws] = await Promise.all([
      idle(deadline - Date.now()),
      attached?.close({ goingAway: true, graceMs: deadline - Date.now() }),
    ]);
    if (!idled) log.warn({ inFlight }, 'grace period over: cutting in-flight requests');
    if (ws?.cutOperations)
      log.warn({ operations: ws.cutOperations }, 'grace period over: cutting operations running over WebSocket');
    if (!started) return;
    let timer: NodeJS.Timeout | undefined;
    const workersDone = stopWorkers().then(() => true);
    const finished = await Promise.race([
      workersDone,
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(deadline - Date.now(), 0)))),
    ]);
    clearTimeout(timer);
    if (!finished) log.warn('grace period over: workers still running are stopped without waiting');
  }

  let workersStopped: Promise<void> | undefined;
  const stopWorkers = () =>
    (workersStopped ??= (async () => {
      for (const worker of [...workers].reverse()) {
        try {
          await worker.stop();
        } catch (error) {
          log.warn({ err: error, worker: worker.name }, 'worker did not stop cleanly');
        }
      }
    })());

  return {
    name: options.name,
    httpServer,
    get url() {
      return url;
    },
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    async start(port = 0, host = '127.0.0.1') {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      const address = httpServer.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      url = `http://${shownHost}:${address.port}`;
      draining = false;
      workersStopped = undefined;
      for (const worker of workers) await worker.start();
      started = true;
      options.logger.info({ url, workers: workers.map((w) => w.name) }, `${options.name} listening`);
      return url;
    },
    async stop(stopOptions = {}) {
      if (stopOptions.graceMs && stopOptions.graceMs > 0 && httpServer.listening) await drain(stopOptions.graceMs);
      // Workers still stopping after the grace period are not waited for again.
      if (started && !draining) await stopWorkers();
      await attached?.close();
      await new Promise<void>((resolve) => {
        if (!httpServer.listening) return resolve();
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await options.onStop?.();
      started = false;
      options.logger.info(`${options.name} stopped`);
    },
  };
}

import type { ChildProcess } from 'node:child_process';
import cluster, { type Worker } from 'node:cluster';
import { getHeapSpaceStatistics } from 'node:v8';
import { AggregatorRegistry, Gauge, type Logger, type Registry } from '@busline/shared';

/**
 * Router workers: `ROUTER_WORKERS=n` runs n router processes behind one port (node:cluster; the
 * primary accepts connections and hands them to the workers in turn). A subscription's fan-out
 * writes one frame per socket, so spreading sockets over processes spreads that work over cores.
 * Each worker is a whole router: its own gateway, its own upstream subscriptions. Its metrics are
 * its own too; /metrics answers, whichever worker takes the scrape, with every worker's summed
 * (prom-client's AggregatorRegistry in the primary).
 */

/** IPC messages between the primary and its workers. */
const SHUTDOWN = 'busline:router-shutdown';
const STATS = 'busline:router-stats';
const METRICS = 'busline:router-metrics';

export interface WorkerStats {
  pid: number;
  upstreamSubscriptions: number;
  subscribers: number;
  upstreamConnections: number;
  /** After a garbage collection when the process runs with --expose-gc. */
  heapUsed: number;
  /** Of heapUsed, compiled code (V8's code spaces: grows as hot functions are optimized). */
  codeBytes: number;
  rss: number;
  /** CPU time used since the worker started (user + system, µs). */
  cpuMicros: number;
}

export interface RouterWorkers {
  /** Resolves when every worker listens; rejects if one fails to start (the others are stopped). */
  ready: Promise<void>;
  /** Asks every worker for its subscription counts and memory. */
  stats(): Promise<WorkerStats[]>;
  /** Stops every worker (each closes its connections and upstream subscriptions) and waits for them. */
  stop(): Promise<void>;
}

export interface WorkerOptions {
  count: number;
  logger: Logger;
  /** Module the workers run (default: this process's main module). */
  exec?: string;
  /** Node flags of the workers (default: this process's). */
  execArgv?: string[];
  /** Added to the workers' environment. */
  env?: Record<string, string>;
  /** A worker that dies after start-up is replaced; more than this many deaths in a minute stop the router. */
  maxRestartsPerMinute?: number;
  /** How long a worker gets to stop before it is killed (default 10 s). */
  stopTimeoutMs?: number;
}

/** Runs in the primary: forks the workers, replaces one that dies, stops them all on demand. */
export function startRouterWorkers(options: WorkerOptions): RouterWorkers {
  const { logger } = options;
  const maxRestarts = options.maxRestartsPerMinute ?? 5;
  cluster.setupPrimary({
    ...(options.exec ? { exec: options.exec } : {}),
    ...(options.execArgv ? { execArgv: options.execArgv } : {}),
  });
  const workers = new Set<Worker>();
  const listening = new Set<Worker>();
  // Asks every worker for its registry and sums them (counters and histograms add up; gauges too).
  const aggregator = new AggregatorRegistry();
  const deaths: number[] = [];
  let stopping = false;
  let started = false;
  let nextRequest = 0;
  let settleReady: { resolve: () => void; reject: (error: Error) => void };
  const ready = new Promise<void>((resolve, reject) => {
    settleReady = { resolve, reject };
  });

  const fork = () => {
    const worker = cluster.fork(options.env);
    workers.add(worker);
    // A worker scraped on /metrics asks here for every worker's metrics.
    worker.on('message', (message: { kind?: string; id?: number }) => {
      if (message?.kind !== METRICS) return;
      const reply = (answer: { text: string } | { error: string }) => {
        if (worker.isConnected()) worker.send({ kind: METRICS, id: message.id, ...answer });
      };
      aggregator.clusterMetrics().then(
        (text) => reply({ text }),
        (error: Error) => reply({ error: error.message }),
      );
    });
    worker.once('listening', (address) => {
      listening.add(worker);
      logger.info({ worker: worker.id, workerPid: worker.process.pid, port: address.port }, 'router worker listening');
      if (!started && listening.size === options.count) {
        started = true;
        settleReady.resolve();
      }
    });
    worker.once('exit', (code, signal) => {
      workers.delete(worker);
      listening.delete(worker);
      if (stopping) return;
      logger.error({ worker: worker.id, workerPid: worker.process.pid, code, signal }, 'router worker died');
      if (!started) {
        // A worker that cannot start (bad config, subgraphs unreachable) will not do better on retry.
        void stop().then(() =>
          settleReady.reject(new Error(`router worker exited during start-up (code ${code ?? signal})`)),
        );
        return;
      }
      const now = Date.now();
      deaths.push(now);
      while (deaths[0]! < now - 60_000) deaths.shift();
      if (deaths.length > maxRestarts) {
        logger.fatal({ deaths: deaths.length }, 'router workers keep dying; stopping');
        void stop().then(() => process.exit(1));
        return;
      }
      fork();
    });
  };

  const stop = async () => {
    stopping = true;
    const timeout = options.stopTimeoutMs ?? 10_000;
    await Promise.all(
      [...workers].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            const kill = setTimeout(() => {
              logger.warn({ worker: worker.id }, 'router worker did not stop in time; killing it');
              worker.process.kill('SIGKILL');
            }, timeout);
            worker.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            if (worker.isConnected()) worker.send({ kind: SHUTDOWN });
            else worker.process.kill('SIGTERM');
          }),
      ),
    );
  };

  const stats = () =>
    Promise.all(
      [...listening].map(
        (worker) =>
          new Promise<WorkerStats>((resolve, reject) => {
            const id = ++nextRequest;
            const timer = setTimeout(() => {
              worker.off('message', onMessage);
              reject(new Error(`router worker ${worker.id} did not answer`));
            }, 5000);
            const onMessage = (message: { kind?: string; id?: number; stats?: WorkerStats }) => {
              if (message?.kind !== STATS || message.id !== id || !message.stats) return;
              clearTimeout(timer);
              worker.off('message', onMessage);
              resolve(message.stats);
            };
            worker.on('message', onMessage);
            try {
              worker.send({ kind: STATS, id });
            } catch (error) {
              // The worker is going away (its exit replaces it).
              clearTimeout(timer);
              worker.off('message', onMessage);
              reject(error as Error);
            }
          }),
      ),
    );

  for (let i = 0; i < options.count; i++) fork();
  return { ready, stats, stop };
}

/**
 * Runs in a worker: stops the router when the primary says so or goes away (SIGINT from a terminal
 * reaches every process of the group; the primary decides), and answers stats requests.
 */
export function serveAsWorker(router: StatsSource & { stop(): Promise<void> }, logger: Logger): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    router.stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'router worker failed to stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  process.on('message', (message: { kind?: string; id?: number }) => {
    if (message?.kind === SHUTDOWN) stop();
    if (message?.kind === STATS) process.send?.({ kind: STATS, id: message.id, stats: processStats(router) });
  });
}

/**
 * Runs in a worker: `include(registry)` adds the worker's registry to the primary's sum, and
 * `exposition` (for /metrics) asks the primary for that sum, so a scrape sees every worker.
 * `busline_router_workers_reporting` (1 per worker) tells how many workers a scrape covers.
 */
export function clusterMetrics(timeoutMs = 10_000): {
  include(registry: Registry): void;
  exposition: () => Promise<string>;
} {
  let next = 0;
  return {
    include(registry) {
      // Constructing it makes prom-client answer the primary's requests in this worker.
      void new AggregatorRegistry();
      AggregatorRegistry.setRegistries([registry]);
      new Gauge({
        name: 'busline_router_workers_reporting',
        help: 'Router worker processes whose metrics this scrape sums (ROUTER_WORKERS)',
        registers: [registry],
        collect() {
          this.set(1);
        },
      });
    },
    exposition: () =>
      new Promise<string>((resolve, reject) => {
        const id = ++next;
        const timer = setTimeout(() => {
          process.off('message', onMessage);
          reject(new Error('the router primary did not answer the metrics request'));
        }, timeoutMs);
        const onMessage = (message: { kind?: string; id?: number; text?: string; error?: string }) => {
          if (message?.kind !== METRICS || message.id !== id) return;
          clearTimeout(timer);
          process.off('message', onMessage);
          if (message.text !== undefined) resolve(message.text);
          else reject(new Error(`router metrics could not be summed: ${message.error}`));
        };
        process.on('message', onMessage);
        process.send!({ kind: METRICS, id });
      }),
  };
}

type StatsSource = {
  readonly subscriptions?: {
    stats(): { upstreamSubscriptions: number; subscribers: number; upstreamConnections: number };
  };
};

/** This process's figures (after a full collection when run with --expose-gc). */
export function processStats(router: StatsSource): WorkerStats {
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  const counts = router.subscriptions?.stats() ?? { upstreamSubscriptions: 0, subscribers: 0, upstreamConnections: 0 };
  const codeBytes = getHeapSpaceStatistics()
    .filter((space) => space.space_name.startsWith('code_'))
    .reduce((sum, space) => sum + space.space_used_size, 0);
  return {
    pid: process.pid,
    ...counts,
    heapUsed: memory.heapUsed,
    codeBytes,
    rss: memory.rss,
    cpuMicros: cpu.user + cpu.system,
  };
}

export const isRouterWorker = () => cluster.isWorker;

/**
 * Runs in the primary (or a router without workers) when a parent process started it with an IPC
 * channel (a benchmark, a test, a supervisor): answers its stats requests with every worker's figures.
 */
export function answerStatsRequests(collect: () => Promise<WorkerStats[]>, logger: Logger): void {
  process.on('message', (message: { kind?: string; id?: number }) => {
    if (message?.kind !== STATS) return;
    collect().then(
      (all) => process.send?.({ kind: STATS, id: message.id, workers: all }),
      (error) => logger.warn({ err: error }, 'router stats request failed'),
    );
  });
}

/** Asks a router primary started with an IPC channel (child_process.fork) for its workers' stats. */
export function requestRouterStats(router: ChildProcess, timeoutMs = 10_000): Promise<WorkerStats[]> {
  const id = Math.floor(Math.random() * 2 ** 31);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      router.off('message', onMessage);
      reject(new Error('the router did not answer the stats request'));
    }, timeoutMs);
    const onMessage = (message: { kind?: string; id?: number; workers?: WorkerStats[] }) => {
      if (message?.kind !== STATS || message.id !== id || !message.workers) return;
      clearTimeout(timer);
      router.off('message', onMessage);
      resolve(message.workers);
    };
    router.on('message', onMessage);
    router.send({ kind: STATS, id });
  });
}

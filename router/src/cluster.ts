// Router workers: ROUTER_WORKERS processes behind one port; the primary forks, replaces and stops them.
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '@busline/shared';
import { metricsAggregator } from './cluster-metrics';
import { answerPrimary, askWorkers, type StatsSource, type WorkerStats } from './cluster-stats';

/**
 * Router workers: `ROUTER_WORKERS=n` runs n router processes behind one port (node:cluster; the
 * primary accepts connections and hands them to the workers in turn). A subscription's fan-out
 * writes one frame per socket, so spreading sockets over processes spreads that work over cores.
 * Each worker is a whole router: its own gateway, its own upstream subscriptions. Its metrics are
 * its own too; /metrics answers, whichever worker takes the scrape, with every worker's summed
 * (cluster-metrics.ts). The primary and its workers also exchange stats (cluster-stats.ts).
 */

/** IPC message of the primary telling a worker to stop. */
const SHUTDOWN = 'busline:router-shutdown';

export interface RouterWorkers {
  /** Resolves with the port when every worker listens; rejects if one fails to start (the others are stopped). */
  ready: Promise<number>;
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
  // A worker scraped on /metrics asks here for every worker's metrics.
  const answerMetrics = metricsAggregator();
  const deaths: number[] = [];
  let stopping = false;
  let started = false;
  let settleReady: { resolve: (port: number) => void; reject: (error: Error) => void };
  const ready = new Promise<number>((resolve, reject) => {
    settleReady = { resolve, reject };
  });

  const fork = () => {
    const worker = cluster.fork(options.env);
    workers.add(worker);
    answerMetrics(worker);
    worker.once('listening', (address) => {
      listening.add(worker);
      logger.info({ worker: worker.id, workerPid: worker.process.pid, port: address.port }, 'router worker listening');
      if (!started && listening.size === options.count) {
        started = true;
        // Workers share the primary's socket: one port, the one asked for (or, asked for 0, the one each got).
        settleReady.resolve(address.port);
      }
    });
    worker.once('exit', (code, signal) => {
      workers.delete(worker);
      listening.delete(worker);
      if (!stopping) replace(worker, code, signal);
    });
  };

  /** A worker died: during start-up the router gives up; after it, the worker is replaced unless deaths pile up. */
  const replace = (worker: Worker, code: number | null, signal: string | null) => {
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
  };

  const stop = async () => {
    stopping = true;
    const timeout = options.stopTimeoutMs ?? 10_000;
    await Promise.all([...workers].map((worker) => stopWorker(worker, timeout, logger)));
  };

  for (let i = 0; i < options.count; i++) fork();
  return { ready, stats: () => askWorkers(listening), stop };
}

/** Asks a worker to stop (SIGTERM if it is not connected), kills it after `timeoutMs`, resolves when it exits. */
function stopWorker(worker: Worker, timeoutMs: number, logger: Logger): Promise<void> {
  return new Promise<void>((resolve) => {
    if (worker.isDead()) return resolve();
    const kill = setTimeout(() => {
      logger.warn({ worker: worker.id }, 'router worker did not stop in time; killing it');
      worker.process.kill('SIGKILL');
    }, timeoutMs);
    worker.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    if (worker.isConnected()) worker.send({ kind: SHUTDOWN });
    else worker.process.kill('SIGTERM');
  });
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
  process.on('message', (message: { kind?: string }) => {
    if (message?.kind === SHUTDOWN) stop();
  });
  answerPrimary(router);
}

export const isRouterWorker = () => cluster.isWorker;

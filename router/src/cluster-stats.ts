// Worker stats messaging: the primary asks each worker for its figures, and answers a parent process with them all.
import type { ChildProcess } from 'node:child_process';
import type { Worker } from 'node:cluster';
import { getHeapSpaceStatistics } from 'node:v8';
import type { Logger } from '@busline/shared';

/** IPC message kind of a stats request and its answer (primary ↔ worker, parent ↔ primary). */
const STATS = 'busline:router-stats';

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

/** What a process's figures are read from: the router's subscription executor, once started. */
export type StatsSource = {
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

/** Runs in the primary: asks each worker for its figures (a worker that does not answer in 5 s fails the lot). */
export function askWorkers(workers: Iterable<Worker>): Promise<WorkerStats[]> {
  return Promise.all([...workers].map((worker) => askWorker(worker)));
}

let nextRequest = 0;

function askWorker(worker: Worker): Promise<WorkerStats> {
  return new Promise<WorkerStats>((resolve, reject) => {
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
  });
}

/** Runs in a worker: answers the primary's stats requests with this process's figures. */
export function answerPrimary(router: StatsSource): void {
  process.on('message', (message: { kind?: string; id?: number }) => {
    if (message?.kind === STATS) process.send?.({ kind: STATS, id: message.id, stats: processStats(router) });
  });
}

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

/** IPC message kind of a router telling the parent that forked it the port it listens on. */
const LISTENING = 'busline:router-listening';

/**
 * Runs in the primary (or a router without workers) once every process listens, when a parent started it with an IPC
 * channel: tells it the port, so a parent can start it on port 0 and never race another process for a port it chose.
 */
export function announceListening(port: number): void {
  process.send?.({ kind: LISTENING, port });
}

/**
 * The port a router started with an IPC channel (child_process.fork) listens on, once every process of it listens;
 * rejects if it exits first (a port taken, a bad setting) or says nothing within `timeoutMs`.
 */
export function routerListening(router: ChildProcess, timeoutMs = 60_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      router.off('message', onMessage);
      router.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`the router did not listen within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: { kind?: string; port?: number }) => {
      if (message?.kind !== LISTENING || typeof message.port !== 'number') return;
      done();
      resolve(message.port);
    };
    const onExit = (code: number | null, signal: string | null) => {
      done();
      reject(new Error(`the router exited before it listened (${code ?? signal})`));
    };
    router.on('message', onMessage);
    router.once('exit', onExit);
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

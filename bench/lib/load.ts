/** Runs bench/lib/http-load.ts in a child process of its own and resolves with what it measured. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadJob {
  body: string;
  /** One body per request (request i sends bodies[i]). */
  bodies?: string[];
  headers?: Record<string, string>;
  /** Headers of each client (connection) on top of `headers`: client c sends clientHeaders[c % length]. */
  clientHeaders?: Record<string, string>[];
  total: number;
  concurrency: number;
}

export interface LoadResult {
  latencies: number[];
  failures: number;
  /** Error codes of the failed answers, counted. */
  codes: Record<string, number>;
  elapsedMs: number;
  /** CPU time the load generator itself spent sending and checking (user and system), in ms. */
  cpuMs: number;
}

/** A load generator started and ready: `run` sends it its one job (it exits after it); `stop` ends it unused. */
export interface LoadGenerator {
  run(url: string, job: LoadJob): Promise<LoadResult>;
  stop(): void;
}

/**
 * Forks a load generator and waits until it has loaded, so that a bench reading the machine's CPU around `run`
 * does not count the generator's start-up (~0.6 s of CPU for Node and tsx: ~2 ms a request over 300 requests).
 */
export async function startLoadGenerator(): Promise<LoadGenerator> {
  const child = fork(fileURLToPath(new URL('./http-load.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the load generator exited (${code})`)));
  });
  const next = () => Promise.race([new Promise<unknown>((resolve) => child.once('message', resolve)), exited]);
  await next();
  return {
    run: (url, job) => {
      const answer = next() as Promise<LoadResult>;
      child.send({ url, ...job });
      return answer;
    },
    stop: () => {
      if (child.exitCode === null) child.kill();
    },
  };
}

export async function runLoad(url: string, job: LoadJob): Promise<LoadResult> {
  return (await startLoadGenerator()).run(url, job);
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

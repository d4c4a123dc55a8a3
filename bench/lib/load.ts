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

export function runLoad(url: string, job: LoadJob): Promise<LoadResult> {
  const child = fork(fileURLToPath(new URL('./http-load.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('message', resolve as never);
    child.once('error', reject);
    child.once('exit', (code) => (code ? reject(new Error(`the load generator exited (${code})`)) : undefined));
    child.send({ url, ...job });
  });
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

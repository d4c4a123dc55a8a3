/**
 * Parent side of bench/lib/subscriber-clients.ts: starts the client process, opens `count`
 * graphql-ws subscriptions and drives the measurement over IPC (mark → wait → collect → close).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Delivery {
  /** The value of `keyField` in the event (which event it was), -1 without a keyField. */
  key: number;
  /** Index of the client (and of its variables) that received it. */
  client: number;
  /** Wall-clock ms (performance.timeOrigin + performance.now()) when the client read it. */
  at: number;
}

export interface SubscribersOptions {
  url: string;
  count: number;
  query: string;
  /** The same variables for every client, or client i's at index i. */
  variables: Record<string, unknown> | Record<string, unknown>[];
  /** graphql-ws connection_init payload, e.g. `{ authorization: 'Bearer …' }`. */
  connectionParams?: Record<string, unknown>;
  /** A numeric field of the event that tells which event it was (e.g. `availableSeats`). */
  keyField?: string;
}

export interface Subscribers {
  /** Ms from the client process starting to every client's subscribe message sent. */
  connectMs: number;
  /** Starts measuring: what arrived so far and the CPU spent so far are dropped. */
  mark(): Promise<void>;
  /** Resolves true once `total` deliveries arrived since the mark, false after `timeoutMs`. */
  waitFor(total: number, timeoutMs: number): Promise<boolean>;
  /**
   * What arrived since the mark, how many of those carried errors (or refused a subscription), and the client process's
   * CPU since then.
   */
  collect(): Promise<{ received: Delivery[]; errors: number; cpu: NodeJS.CpuUsage }>;
  /** Closes every connection and ends the client process. */
  close(): Promise<void>;
}

export async function startSubscribers(options: SubscribersOptions): Promise<Subscribers> {
  const child = fork(fileURLToPath(new URL('./subscriber-clients.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  const ask = <T>(kind: string, answerKind: string, extra: object = {}) =>
    new Promise<T>((resolve) => {
      const listener = (m: { kind: string }) => {
        if (m.kind !== answerKind) return;
        child.off('message', listener);
        resolve(m as T);
      };
      child.on('message', listener);
      child.send({ kind, ...extra });
    });
  const started = performance.now();
  await ask('start', 'ready', options);
  return {
    connectMs: performance.now() - started,
    mark: () => ask<void>('mark', 'marked'),
    waitFor: (total, timeoutMs) => {
      let timer: NodeJS.Timeout | undefined;
      return Promise.race([
        ask('wait', 'reached', { total }).then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
      ]).finally(() => clearTimeout(timer));
    },
    collect: () => ask('collect', 'received'),
    close: () => ask<void>('close', 'closed'),
  };
}

/** The p-th percentile of ascending `sorted` (NaN when empty). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

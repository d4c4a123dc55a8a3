/**
 * Parent side of bench/lib/subscriber-clients.ts: starts the client process, opens `count`
 * graphql-ws subscriptions and drives the measurement over IPC (mark → collect → close).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Delivery {
  /** The `availableSeats` the event carried: which event it was. */
  key: number;
  /** Wall-clock ms (performance.timeOrigin + performance.now()) when the client read it. */
  at: number;
}

export interface Subscribers {
  /** Ms from the client process starting to every client's subscribe message sent. */
  connectMs: number;
  /** Starts measuring: what arrived so far and the CPU spent so far are dropped. */
  mark(): Promise<void>;
  /** What arrived since the mark, and the client process's CPU since then. */
  collect(): Promise<{ received: Delivery[]; cpu: NodeJS.CpuUsage }>;
  /** Closes every connection and ends the client process. */
  close(): Promise<void>;
}

export async function startSubscribers(options: { url: string; count: number; query: string; variables: Record<string, unknown> }): Promise<Subscribers> {
  const child = fork(fileURLToPath(new URL('./subscriber-clients.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  const reply = <T>(kind: string) => new Promise<T>((resolve) => child.on('message', (m: { kind: string }) => m.kind === kind && resolve(m as T)));
  const ask = async <T>(kind: string, answerKind: string, extra: object = {}) => {
    const answer = reply<T>(answerKind);
    child.send({ kind, ...extra });
    return answer;
  };
  const started = performance.now();
  await ask('start', 'ready', options);
  return {
    connectMs: performance.now() - started,
    mark: () => ask<void>('mark', 'marked'),
    collect: () => ask('collect', 'received'),
    close: () => ask<void>('close', 'closed'),
  };
}

/** The p-th percentile of ascending `sorted` (NaN when empty). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

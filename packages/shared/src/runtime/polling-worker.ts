// A worker that runs a pass every interval, at once when kicked, and again right after a pass that was kicked
// while it ran; stopping waits for the pass under way. Payment's reconciler and notification's sender use it.
import type { Logger } from '../logger';
import type { Registry } from '../observability/metrics';
import type { Worker } from '../server/service';

export interface PollingWorkerOptions {
  /** The worker's name (in logs and in the service's worker list). */
  name: string;
  /** The delay between the end of one pass and the start of the next, unless kicked. */
  intervalMs: number;
  /** The delay before the first pass after start (default: `intervalMs`). */
  firstDelayMs?: number;
  /**
   * One pass. Returning `true` asks for the next pass at once (more work is due, e.g. a full batch);
   * anything else waits the interval. A pass that throws is logged and the next one keeps its schedule.
   */
  pass: () => Promise<boolean | void>;
  logger: Logger;
  /** The log message of a failed pass. */
  failureMessage?: string;
  /** Run after the last pass has finished on stop (closing connections the passes used). */
  onStop?: () => Promise<unknown>;
  /** Metrics the worker reports in its service's registry. */
  metrics?: (registry: Registry) => void;
}

export interface PollingWorker {
  /** What the server starts and stops. */
  readonly worker: Worker;
  /** Runs a pass now, or right after the one under way; nothing once stopped (or before start). */
  kick(): void;
  /** The pass under way, if any (tests wait for it). */
  readonly running: Promise<void> | undefined;
}

/** One polling loop for every worker that runs passes: scheduled, kicked, rerun, stopped. */
export function createPollingWorker(options: PollingWorkerOptions): PollingWorker {
  const { name, intervalMs, pass, logger } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;
  let rerun = false;

  const schedule = (delayMs = intervalMs) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(runPass, delayMs);
  };

  const runPass = () => {
    running = pass()
      .then((more) => {
        if (more === true) rerun = true;
      })
      .catch((error: unknown) =>
        logger.warn({ err: error, worker: name }, options.failureMessage ?? `${name} pass failed`),
      )
      .finally(() => {
        running = undefined;
        if (rerun && !stopped) {
          rerun = false;
          runPass();
        } else {
          rerun = false;
          schedule();
        }
      });
  };

  const kick = () => {
    if (stopped) return;
    if (running) {
      // The pass under way may have read before the news that kicked us: one more pass right after it.
      rerun = true;
      return;
    }
    clearTimeout(timer);
    runPass();
  };

  return {
    kick,
    get running() {
      return running;
    },
    worker: {
      name,
      start: () => {
        stopped = false;
        schedule(options.firstDelayMs);
      },
      stop: async () => {
        stopped = true;
        clearTimeout(timer);
        // A pass that finishes now schedules nothing (stopped), so one wait is enough.
        await running;
        await options.onStop?.();
      },
      ...(options.metrics ? { metrics: options.metrics } : {}),
    },
  };
}

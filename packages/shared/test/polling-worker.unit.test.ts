// The kit's polling worker (src/runtime/polling-worker.ts): passes on the interval, kicks, a rerun after a
// kick during a pass, more at once when a pass asks, stop waiting for the pass under way, failures logged.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPollingWorker } from '../src/runtime/polling-worker';
import type { Logger } from '../src/logger';

const logger = () =>
  ({ warn: vi.fn(), info: vi.fn(), debug: vi.fn(), error: vi.fn() }) as unknown as Logger & {
    warn: ReturnType<typeof vi.fn>;
  };

/** A pass that stays open until released, counting its starts. */
function gatedPass() {
  const starts: number[] = [];
  let release: (() => void) | undefined;
  const pass = vi.fn(
    () =>
      new Promise<void>((resolve) => {
        starts.push(Date.now());
        release = resolve;
      }),
  );
  return { pass, starts, release: () => release?.() };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createPollingWorker', () => {
  afterEach(() => vi.useRealTimers());

  it('runs a pass each interval after start, and none before start', async () => {
    vi.useFakeTimers();
    const pass = vi.fn(async () => undefined);
    const polling = createPollingWorker({ name: 'test', intervalMs: 1000, pass, logger: logger() });
    polling.kick();
    await vi.advanceTimersByTimeAsync(5000);
    expect(pass).not.toHaveBeenCalled();
    await polling.worker.start();
    await vi.advanceTimersByTimeAsync(999);
    expect(pass).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(pass).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(pass).toHaveBeenCalledTimes(3);
    await polling.worker.stop();
  });

  it('runs its first pass after firstDelayMs when given, then each interval', async () => {
    vi.useFakeTimers();
    const pass = vi.fn(async () => undefined);
    const polling = createPollingWorker({
      name: 'test',
      intervalMs: 3_600_000,
      firstDelayMs: 30_000,
      pass,
      logger: logger(),
    });
    await polling.worker.start();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(pass).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(pass).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3_599_999);
    expect(pass).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(pass).toHaveBeenCalledTimes(2);
    await polling.worker.stop();
  });

  it('runs at once when kicked, and once more right after a pass that was kicked while it ran', async () => {
    const gate = gatedPass();
    const polling = createPollingWorker({ name: 'test', intervalMs: 60_000, pass: gate.pass, logger: logger() });
    await polling.worker.start();
    polling.kick();
    await tick();
    expect(gate.pass).toHaveBeenCalledTimes(1);
    // Three kicks during one pass make one more pass, not three.
    polling.kick();
    polling.kick();
    polling.kick();
    expect(gate.pass).toHaveBeenCalledTimes(1);
    gate.release();
    await tick();
    expect(gate.pass).toHaveBeenCalledTimes(2);
    gate.release();
    await tick();
    await tick();
    expect(gate.pass).toHaveBeenCalledTimes(2);
    await polling.worker.stop();
  });

  it('goes on at once while a pass says more is due', async () => {
    let left = 3;
    const pass = vi.fn(async () => --left > 0);
    const polling = createPollingWorker({ name: 'test', intervalMs: 60_000, pass, logger: logger() });
    await polling.worker.start();
    polling.kick();
    await vi.waitFor(() => expect(pass).toHaveBeenCalledTimes(3));
    await tick();
    expect(pass).toHaveBeenCalledTimes(3);
    await polling.worker.stop();
  });

  it('stop waits for the pass under way, then runs onStop, and nothing runs after it', async () => {
    vi.useFakeTimers();
    const gate = gatedPass();
    const onStop = vi.fn(async () => undefined);
    const polling = createPollingWorker({ name: 'test', intervalMs: 1000, pass: gate.pass, logger: logger(), onStop });
    await polling.worker.start();
    polling.kick();
    polling.kick(); // asks for a rerun that stop must cancel
    let stopped = false;
    const stopping = polling.worker.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    expect(onStop).not.toHaveBeenCalled();
    gate.release();
    await stopping;
    expect(onStop).toHaveBeenCalledTimes(1);
    polling.kick();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(gate.pass).toHaveBeenCalledTimes(1);
  });

  it('logs a failed pass with its message and keeps the schedule', async () => {
    vi.useFakeTimers();
    const log = logger();
    const pass = vi.fn(async () => {
      throw new Error('database away');
    });
    const polling = createPollingWorker({
      name: 'test',
      intervalMs: 1000,
      pass,
      logger: log,
      failureMessage: 'test pass failed',
    });
    await polling.worker.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(log.warn).toHaveBeenCalledWith(
      expect.objectContaining({ err: expect.objectContaining({ message: 'database away' }) }),
      'test pass failed',
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(pass).toHaveBeenCalledTimes(2);
    await polling.worker.stop();
  });

  it('hands its metrics to the service only when it has some', () => {
    const metrics = vi.fn();
    const pass = async () => undefined;
    expect(createPollingWorker({ name: 'a', intervalMs: 1, pass, logger: logger() }).worker.metrics).toBeUndefined();
    expect(createPollingWorker({ name: 'b', intervalMs: 1, pass, logger: logger(), metrics }).worker.metrics).toBe(
      metrics,
    );
  });
});

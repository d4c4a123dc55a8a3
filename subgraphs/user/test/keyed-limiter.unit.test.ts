import { describe, expect, it } from 'vitest';
import { KeyedLimiter } from '../src/services/keyed-limiter';

/** A task that runs until released, counting how many of its key run at once. */
function gate() {
  const running = new Map<string, number>();
  const most = new Map<string, number>();
  const releases: (() => void)[] = [];
  const task = (key: string) => async () => {
    running.set(key, (running.get(key) ?? 0) + 1);
    most.set(key, Math.max(most.get(key) ?? 0, running.get(key)!));
    await new Promise<void>((resolve) => releases.push(resolve));
    running.set(key, running.get(key)! - 1);
    return key;
  };
  return { task, most, releases, running };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedLimiter', () => {
  it("runs at most `max` tasks of one key at once, in order, and other keys' beside them", async () => {
    const limiter = new KeyedLimiter(2);
    const { task, most, releases, running } = gate();
    const done = [
      ...Array.from({ length: 6 }, () => limiter.run('volcano', task('volcano'))),
      limiter.run('horizon', task('horizon')),
    ];
    await settle();
    expect(running.get('volcano')).toBe(2);
    expect(running.get('horizon')).toBe(1);
    while (releases.length > 0) {
      releases.shift()!();
      await settle();
    }
    await Promise.all(done);
    expect(most.get('volcano')).toBe(2);
    expect(limiter.size).toBe(0);
  });

  it('passes the turn on when a task fails', async () => {
    const limiter = new KeyedLimiter(1);
    await expect(limiter.run('k', () => Promise.reject(new Error('statement failed')))).rejects.toThrow();
    await expect(limiter.run('k', async () => 'next')).resolves.toBe('next');
    expect(limiter.size).toBe(0);
  });
});

describe('KeyedLimiter waiting room', () => {
  it('refuses a task past `maxWaiting` waiting for its key, runs none of it, and takes tasks again once there is room', async () => {
    const limiter = new KeyedLimiter(1, 2, () => new Error('full'));
    const { task, releases, running } = gate();
    const accepted = [1, 2, 3].map(() => limiter.run('volcano', task('volcano')));
    await expect(limiter.run('volcano', task('volcano'))).rejects.toThrow('full');
    // Another key has a room of its own.
    const other = limiter.run('horizon', task('horizon'));
    await settle();
    expect(running.get('volcano')).toBe(1);
    releases.shift()!();
    await settle();
    const later = limiter.run('volcano', task('volcano'));
    while (releases.length > 0) {
      releases.shift()!();
      await settle();
    }
    await Promise.all([...accepted, other, later]);
    expect(limiter.size).toBe(0);
  });
});

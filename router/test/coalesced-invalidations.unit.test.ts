import { describe, expect, it } from 'vitest';
import { coalesced } from '../src/response-cache-store';

/** A write that records what it was given and settles when the test says. */
function recordingWrite() {
  const writes: { keys: string[]; resolve: () => void; reject: (error: Error) => void }[] = [];
  const write = (keys: string[]) =>
    new Promise<void>((resolve, reject) => {
      writes.push({ keys, resolve, reject });
    });
  return { writes, write };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Which of `promises` have settled, and how. */
function outcomes(promises: Promise<void>[]) {
  const seen: string[] = promises.map(() => 'pending');
  promises.forEach((promise, i) =>
    promise.then(
      () => (seen[i] = 'resolved'),
      (error: Error) => (seen[i] = `rejected: ${error.message}`),
    ),
  );
  return seen;
}

describe('invalidations gathered into one write', () => {
  it('writes the keys asked for in one turn once, and answers none of the callers before Redis took them', async () => {
    const { writes, write } = recordingWrite();
    const invalidate = coalesced(write);
    const calls = Array.from({ length: 20 }, (_, i) => invalidate([`Trip:t${i}`, 'Query.searchTrips']));
    const seen = outcomes(calls);
    await turn();
    expect(writes).toHaveLength(1);
    expect(writes[0]!.keys.sort()).toEqual(
      [...Array.from({ length: 20 }, (_, i) => `Trip:t${i}`), 'Query.searchTrips'].sort(),
    );
    await turn();
    expect(seen.every((outcome) => outcome === 'pending')).toBe(true);
    writes[0]!.resolve();
    await Promise.all(calls);
    expect(seen.every((outcome) => outcome === 'resolved')).toBe(true);
  });

  it('sends what is asked for during a write in the next one, after it, and settles each caller with its own write', async () => {
    const { writes, write } = recordingWrite();
    const invalidate = coalesced(write);
    const first = invalidate(['Trip:a']);
    await turn();
    const during = [invalidate(['Trip:b']), invalidate(['Trip:c'])];
    const seen = outcomes([first, ...during]);
    await turn();
    // One write at a time: the second waits for the first.
    expect(writes.map((w) => w.keys)).toEqual([['Trip:a']]);
    writes[0]!.resolve();
    await first;
    await turn();
    expect(writes.map((w) => w.keys)).toEqual([['Trip:a'], ['Trip:b', 'Trip:c']]);
    expect(seen).toEqual(['resolved', 'pending', 'pending']);
    writes[1]!.resolve();
    await Promise.all(during);
    expect(seen).toEqual(['resolved', 'resolved', 'resolved']);
  });

  it('rejects the callers of a write Redis refused, and writes the next batch anyway', async () => {
    const { writes, write } = recordingWrite();
    const invalidate = coalesced(write);
    const failing = [invalidate(['Trip:a']), invalidate(['Trip:b'])];
    const seen = outcomes(failing);
    await turn();
    const later = invalidate(['Trip:c']);
    writes[0]!.reject(new Error('Redis away'));
    await Promise.allSettled(failing);
    expect(seen).toEqual(['rejected: Redis away', 'rejected: Redis away']);
    await turn();
    expect(writes.map((w) => w.keys)).toEqual([['Trip:a', 'Trip:b'], ['Trip:c']]);
    writes[1]!.resolve();
    await expect(later).resolves.toBeUndefined();
  });

  it('bounds the keys of one write: a flood is split into several, one after another', async () => {
    const { writes, write } = recordingWrite();
    const invalidate = coalesced(write);
    const calls = Array.from({ length: 1_200 }, (_, i) => invalidate([`Trip:t${i}`]));
    await turn();
    for (let i = 0; i < 3; i++) {
      expect(writes).toHaveLength(i + 1);
      writes[i]!.resolve();
      await turn();
      await turn();
    }
    expect(writes.map((w) => w.keys.length)).toEqual([500, 500, 200]);
    await Promise.all(calls);
    expect(new Set(writes.flatMap((w) => w.keys)).size).toBe(1_200);
  });

  it('tells when every write asked for so far has settled, failed ones included', async () => {
    const { writes, write } = recordingWrite();
    const invalidate = coalesced(write);
    const asked = [invalidate(['Trip:a']), invalidate(['Trip:b'])];
    await turn();
    const later = invalidate(['Trip:c']);
    let drained = false;
    void invalidate.drained().then(() => (drained = true));
    writes[0]!.reject(new Error('Redis away'));
    await Promise.allSettled(asked);
    await turn();
    expect(drained).toBe(false);
    writes[1]!.resolve();
    await later;
    await turn();
    expect(drained).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { groupLoader, rowLoader } from '../src/graphql/loaders';

const rows = [
  { id: 'b', trip: 't1' },
  { id: 'a', trip: 't2' },
  { id: 'c', trip: 't1' },
];

describe('loaders', () => {
  it('rowLoader batches the keys of one tick into one fetch and answers in the asked order, null when missing', async () => {
    const calls: (readonly string[])[] = [];
    const loader = rowLoader(
      async (ids: readonly string[]) => (calls.push(ids), rows.filter((r) => ids.includes(r.id))),
      (r) => r.id,
    );
    expect(await Promise.all([loader.load('c'), loader.load('x'), loader.load('a')])).toEqual([rows[2], null, rows[1]]);
    expect(calls).toEqual([['c', 'x', 'a']]);
  });

  it('groupLoader gives every key its rows in fetch order, and none for a key without rows', async () => {
    const calls: (readonly string[])[] = [];
    const loader = groupLoader(
      async (trips: readonly string[]) => (calls.push(trips), rows.filter((r) => trips.includes(r.trip))),
      (r) => r.trip,
    );
    expect(await Promise.all([loader.load('t1'), loader.load('t3'), loader.load('t2')])).toEqual([
      [rows[0], rows[2]],
      [],
      [rows[1]],
    ]);
    expect(calls).toHaveLength(1);
  });
});

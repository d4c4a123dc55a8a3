import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../src/response-cache-store';

/**
 * The store's promise (response-cache-store.ts): "a lookup that misses notes the invalidation count; the answer
 * computed next is stored only if none of its entities was invalidated since". The MissLedger keeps, per cache key,
 * the count of the OLDEST miss whose answer is still under way, and forgets it 120 s after that miss: the next miss
 * then starts a fresh entry at the CURRENT count, although answers read before the last invalidation are still under
 * way. A lookup that is never followed by a store (an answer with an error: shouldCacheResult says no) leaves
 * `pending` above 0 for good, so the entry lives until such a reset.
 */
describe('miss ledger of the response cache store', () => {
  afterEach(() => vi.useRealTimers());

  it('never stores an answer read before an invalidation, even when the key was first missed over 120 s ago', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T08:00:00Z'));
    const store = createMemoryStore({ maxTtlMs: 600_000, maxEntries: 100, maxEntryBytes: 1e6, maxBytes: 1e8 });
    const trip = { typename: 'Trip', id: 't1' };
    const KEY = 'search-kigali-huye';

    // A visitor's search whose answer had an error (a subgraph timed out): looked up, never stored.
    expect(store.get(KEY)).toBeUndefined();

    // Two minutes later another visitor's identical search misses and reads seat 1A as free...
    vi.setSystemTime(new Date('2026-03-01T08:01:59.900Z'));
    expect(store.get(KEY)).toBeUndefined();
    const readBeforeHold = { data: { searchTrips: [{ id: 't1', seatMap: [{ label: '1A', state: 'AVAILABLE' }] }] } };

    // ... a passenger holds 1A (booking.held / the hold mutation invalidates the trip) ...
    vi.setSystemTime(new Date('2026-03-01T08:02:00.000Z'));
    store.invalidate([trip]);

    // ... a third visitor's identical search misses after the hold (120.1 s after the first miss) ...
    vi.setSystemTime(new Date('2026-03-01T08:02:00.100Z'));
    expect(store.get(KEY)).toBeUndefined();

    // ... and the second visitor's answer, read before the hold, arrives and is offered to the store.
    vi.setSystemTime(new Date('2026-03-01T08:02:00.150Z'));
    store.set(KEY, readBeforeHold as never, [trip], 60_000);

    // It must not be kept: it is older than the invalidation of the trip it holds.
    expect(store.get(KEY)).toBeUndefined();
  });

  it('stores no answer read before an invalidation that arrives after one read since, then caches the key again', () => {
    const store = createMemoryStore({ maxTtlMs: 600_000, maxEntries: 100, maxEntryBytes: 1e6, maxBytes: 1e8 });
    const trip = { typename: 'Trip', id: 't2' };
    const KEY = 'search-kigali-musanze';
    const answer = (state: string) => ({ data: { searchTrips: [{ id: 't2', seatMap: [{ label: '1A', state }] }] } });
    // A slow search misses and reads 1A free; the seat is held; a fast search misses and reads it held.
    expect(store.get(KEY)).toBeUndefined();
    store.invalidate([trip]);
    expect(store.get(KEY)).toBeUndefined();
    // The fast one's answer arrives first, then the slow one's: which lookup each is of, the store cannot tell.
    store.set(KEY, answer('HELD') as never, [trip], 60_000);
    store.set(KEY, answer('AVAILABLE') as never, [trip], 60_000);
    expect(store.get(KEY)).toBeUndefined();
    // Both are in: the next search's answer is kept.
    store.set(KEY, answer('HELD') as never, [trip], 60_000);
    expect(store.get(KEY)).toEqual(answer('HELD'));
  });
});

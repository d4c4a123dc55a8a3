import { buildSchema, parse } from 'graphql';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { testEnv, testLogger, uniqueName } from '@busline/shared/testing';
import { mutationEntities } from '../src/cache-invalidation';
import { isAnonymous } from '../src/response-cache';
import { createMemoryStore, createRedisStore, type ResponseStore } from '../src/response-cache-store';

const limits = { maxTtlMs: 60_000, maxEntries: 100, maxEntryBytes: 10_000, maxBytes: 1_000_000 };
const answer = (seats: number) => ({ data: { searchTrips: [{ id: 't1', availableSeats: seats }] } });
const trip = [{ typename: 'Trip', id: 't1' }, { typename: 'Query' }];

/** The same behaviour from both stores. */
function storeContract(name: string, create: () => ResponseStore) {
  const make = async () => {
    const store = create();
    await store.ready();
    return store;
  };
  describe(name, () => {
    it('keeps an answer until an entity it holds is invalidated, by id or by type', async () => {
      const store = await make();
      await store.get('a');
      await store.set('a', answer(5), trip, 60_000);
      expect(await store.get('a')).toEqual(answer(5));
      await store.invalidateOrThrow([{ typename: 'Trip', id: 't2' }]);
      expect(await store.get('a')).toEqual(answer(5));
      await store.invalidateOrThrow([{ typename: 'Trip', id: 't1' }]);
      expect(await store.get('a')).toBeFalsy();

      await store.set('a', answer(4), trip, 60_000);
      expect(await store.get('a')).toEqual(answer(4));
      await store.invalidateOrThrow([{ typename: 'Trip' }]);
      expect(await store.get('a')).toBeFalsy();
      await store.close();
    });

    it('drops the answers of every entity named by invalidations asked for at once, and stores none read before', async () => {
      const store = await make();
      const ids = Array.from({ length: 12 }, (_, i) => `c${i}`);
      for (const id of ids) {
        await store.get(`one-${id}`);
        await store.set(`one-${id}`, answer(5), [{ typename: 'Trip', id }], 60_000);
      }
      await store.get('late');
      await Promise.all(ids.slice(0, 10).map((id) => store.invalidateOrThrow([{ typename: 'Trip', id }])));
      for (const id of ids.slice(0, 10)) expect(await store.get(`one-${id}`)).toBeFalsy();
      for (const id of ids.slice(10)) expect(await store.get(`one-${id}`)).toEqual(answer(5));
      // Read before those invalidations (its lookup missed before them): not stored.
      await store.set('late', answer(5), [{ typename: 'Trip', id: 'c3' }], 60_000);
      expect(await store.get('late')).toBeFalsy();
      await store.close();
    });

    it('does not store an answer computed across its invalidation (read before a hold, finished after)', async () => {
      const store = await make();
      expect(await store.get('b')).toBeFalsy();
      // The seats were read here; then the hold's invalidation arrives; then the answer is complete.
      await store.invalidateOrThrow([{ typename: 'Trip', id: 't1' }]);
      await store.set('b', answer(5), trip, 60_000);
      expect(await store.get('b')).toBeFalsy();
      // An invalidation of something else does not stop the next one.
      await store.invalidateOrThrow([{ typename: 'Trip', id: 't9' }]);
      await store.set('b', answer(4), trip, 60_000);
      expect(await store.get('b')).toEqual(answer(4));
      await store.close();
    });

    it('never stores an answer read before an invalidation because another request of its key stored in between', async () => {
      const store = await make();
      // A and B, two visitors with the same search, both miss; B reads the seats (5 free).
      expect(await store.get('k')).toBeFalsy();
      expect(await store.get('k')).toBeFalsy();
      // A finishes first and is stored; then a hold invalidates the trip (A's answer goes).
      await store.set('k', answer(5), trip, 60_000);
      await store.invalidateOrThrow([{ typename: 'Trip', id: 't1' }]);
      // C asks after the hold and misses; B, read before the hold, completes: not stored, whatever C noted.
      expect(await store.get('k')).toBeFalsy();
      await store.set('k', answer(5), trip, 60_000);
      expect(await store.get('k')).toBeFalsy();
      await store.close();
    });

    it('never stores an answer read before an invalidation however many other lookups miss meanwhile', async () => {
      const store = await make();
      expect(await store.get('victim')).toBeFalsy();
      await store.invalidateOrThrow([{ typename: 'Trip', id: 't1' }]);
      // Lookups of keys never stored (errors, private answers) as many as the misses noted at most.
      for (let i = 0; i < limits.maxEntries; i++) await store.get(`junk-${i}`);
      expect(await store.get('victim')).toBeFalsy();
      await store.set('victim', answer(5), trip, 60_000);
      expect(await store.get('victim')).toBeFalsy();
      await store.close();
    });

    it('stores only answers it was asked for and missed, and none larger than the limit', async () => {
      const store = await make();
      await store.set('c', answer(5), trip, 60_000);
      expect(await store.get('c')).toBeFalsy();
      const big = {
        data: { searchTrips: Array.from({ length: 1000 }, (_, i) => ({ id: `t${i}`, name: 'x'.repeat(20) })) },
      };
      await store.set('c', big, trip, 60_000);
      expect(await store.get('c')).toBeFalsy();
      await store.close();
    });

    it('stores no answer under way once its misses are forgotten, not even one that misses meanwhile', async () => {
      const store = await make();
      await store.get('joined');
      store.forgetMisses('joined');
      // Another request of the same key misses now, while the first is still under way.
      await store.get('joined');
      await store.set('joined', answer(5), trip, 60_000);
      await store.set('joined', answer(5), trip, 60_000);
      expect(await store.get('joined')).toBeFalsy();
      // A lookup after that starts afresh.
      await store.set('joined', answer(4), trip, 60_000);
      expect(await store.get('joined')).toEqual(answer(4));
      await store.close();
    });

    it('keeps at most maxEntries answers and maxBytes in all, answers that name no entity included', async () => {
      const store = await make();
      const fill = async (count: number, size: number) => {
        for (let i = 0; i < count; i++) {
          const key = `fill-${size}-${i}`;
          await store.get(key);
          await store.set(key, { data: { ok: 'x'.repeat(size) } }, [], 60_000);
        }
        let kept = 0;
        for (let i = 0; i < count; i++) if (await store.get(`fill-${size}-${i}`)) kept += 1;
        return kept;
      };
      // 9 KB answers: the byte budget (1 MB) holds about 110 of them, the count cap (100) less.
      expect(await fill(150, 9_000)).toBeLessThanOrEqual(100);
      await store.close();
    });
  });
}

storeContract('memory', () => createMemoryStore(limits));

describe('memory store under a flood of large answers', () => {
  it('keeps at most maxBytes of answers', async () => {
    const store = createMemoryStore({ ...limits, maxBytes: 100_000 });
    for (let i = 0; i < 50; i++) {
      await store.get(`b${i}`);
      await store.set(`b${i}`, { data: { ok: 'x'.repeat(9_000) } }, [], 60_000);
    }
    let kept = 0;
    for (let i = 0; i < 50; i++) if (await store.get(`b${i}`)) kept += 1;
    expect(kept).toBeGreaterThan(5);
    expect(kept).toBeLessThanOrEqual(11);
  });
});

describe('memory store under a flood of distinct operations', () => {
  it('keeps at most maxEntries answers', async () => {
    const store = createMemoryStore(limits);
    for (let i = 0; i < 1000; i++) {
      await store.get(`k${i}`);
      await store.set(`k${i}`, answer(i), [{ typename: 'Trip', id: `t${i}` }], 60_000);
    }
    let kept = 0;
    for (let i = 0; i < 1000; i++) if (await store.get(`k${i}`)) kept += 1;
    expect(kept).toBe(100);
  });
});

describe.skipIf(!testEnv.redisUrl)('redis store', () => {
  const prefix = `test:${uniqueName('rc')}`;
  const redis = new Redis(testEnv.redisUrl!);
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(keys);
    redis.disconnect();
  });
  storeContract('redis', () =>
    createRedisStore({ url: testEnv.redisUrl!, prefix, logger: testLogger('rc'), ...limits }),
  );

  it('writes the invalidations asked for before it closes', async () => {
    const store = createRedisStore({
      url: testEnv.redisUrl!,
      prefix: `${prefix}:close`,
      logger: testLogger('rc'),
      ...limits,
    });
    await store.ready();
    void store.invalidateOrThrow([{ typename: 'Trip', id: 't1' }]);
    await store.close();
    expect(await redis.get(`${prefix}:close:generation`)).toBe('1');
  });

  it('gives every key it writes an expiry: a flood of distinct operations cannot fill Redis for good', async () => {
    const store = createRedisStore({
      url: testEnv.redisUrl!,
      prefix: `${prefix}:ttl`,
      logger: testLogger('rc'),
      ...limits,
    });
    await store.ready();
    for (let i = 0; i < 50; i++) {
      await store.get(`k${i}`);
      await store.set(
        `k${i}`,
        answer(i),
        [
          { typename: 'Trip', id: `t${i}` },
          { typename: 'Station', id: 's1' },
        ],
        5_000,
      );
    }
    await store.invalidateOrThrow([{ typename: 'Trip', id: 't0' }]);
    const keys = (await redis.keys(`${prefix}:ttl:*`)).filter((key) => !key.endsWith(':generation'));
    expect(keys.length).toBeGreaterThan(50);
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
    await store.close();
  });
});

describe.skipIf(!testEnv.redisUrl)('redis store indexes', () => {
  const prefix = `test:${uniqueName('rc-index')}`;
  const redis = new Redis(testEnv.redisUrl!);
  const stores: ResponseStore[] = [];
  afterAll(async () => {
    for (const store of stores) await store.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(keys);
    redis.disconnect();
  });
  /** A store of its own (its own keys: the type-wide index `Station` counts every station's answers). */
  const storeWith = async (maxEntries: number, own: string) => {
    const store = createRedisStore({
      url: testEnv.redisUrl!,
      prefix: `${prefix}:${own}`,
      logger: testLogger('rc'),
      ...limits,
      maxEntries,
    });
    stores.push(store);
    await store.ready();
    return store;
  };
  const put = async (store: ResponseStore, key: string, station: string, ttl: number) => {
    await store.get(key);
    await store.set(key, answer(1), [{ typename: 'Station', id: station }], ttl);
  };

  it('holds live answers only: an expired one leaves an entity’s index at the next store', async () => {
    const store = await storeWith(1000, 'live');
    // A busy station's index used to keep every answer ever stored under it, its expiry pushed on each store.
    for (let i = 0; i < 20; i++) await put(store, `short-${i}`, 's1', 50);
    expect(await redis.zcard(`${prefix}:live:entity:Station:s1`)).toBe(20);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await put(store, 'long', 's1', 5_000);
    expect(await redis.zrange(`${prefix}:live:entity:Station:s1`, 0, -1)).toEqual([`${prefix}:live:answer:long`]);
    expect(await redis.zcard(`${prefix}:live:entity:Station`)).toBe(1);
  });

  it('evicts the answer nearest its expiry when one of its entities has maxEntries, and invalidation still drops them', async () => {
    const store = await storeWith(3, 'capped');
    for (let i = 0; i < 5; i++) await put(store, `capped-${i}`, 's2', 5_000 + i * 1_000);
    expect(await redis.zcard(`${prefix}:capped:entity:Station:s2`)).toBe(3);
    expect(await store.get('capped-0')).toBeUndefined();
    expect(await store.get('capped-1')).toBeUndefined();
    expect(await store.get('capped-4')).toEqual(answer(1));
    expect(await store.get('capped-2')).toEqual(answer(1));
    await store.invalidateOrThrow([{ typename: 'Station', id: 's2' }]);
    expect(await store.get('capped-2')).toBeUndefined();
    expect(await store.get('capped-4')).toBeUndefined();
    expect(await redis.exists(`${prefix}:capped:entity:Station:s2`)).toBe(0);
  });

  it('keeps taking answers past maxBytes in all by evicting those nearest their expiry, and counts their bytes', async () => {
    const store = createRedisStore({
      url: testEnv.redisUrl!,
      prefix: `${prefix}:bytes`,
      logger: testLogger('rc'),
      ...limits,
      maxBytes: 50_000,
    });
    stores.push(store);
    await store.ready();
    const keys: string[] = [];
    for (let i = 0; i < 20; i++) {
      keys.push(`fill-${i}`);
      await store.get(`fill-${i}`);
      await store.set(`fill-${i}`, { data: { ok: 'x'.repeat(9_000) } }, [], 5_000 + i * 100);
      // Each newest answer is stored, however full the budget.
      expect(await store.get(`fill-${i}`)).toBeTruthy();
    }
    let kept = 0;
    for (const key of keys) if (await store.get(key)) kept += 1;
    expect(kept).toBe(5);
    const sizes = Object.values(await redis.hgetall(`${prefix}:bytes:sizes`)).map(Number);
    expect(sizes).toHaveLength(5);
    expect(Number(await redis.get(`${prefix}:bytes:bytes`))).toBe(sizes.reduce((a, b) => a + b, 0));
    expect(Number(await redis.get(`${prefix}:bytes:bytes`))).toBeLessThanOrEqual(50_000);
  });

  it('keeps the answers of real traffic once a flood of distinct operations has filled the cache', async () => {
    const store = await storeWith(100, 'flood');
    // Somebody asks 300 distinct searches, each stored for the longest TTL.
    for (let i = 0; i < 300; i++) await put(store, `junk-${i}`, `junk-${i}`, 60_000);
    expect(await redis.zcard(`${prefix}:flood:all`)).toBe(100);
    // A passenger's search after it is still stored, and served from the cache.
    await put(store, 'kigali-musanze', 's9', 60_000);
    expect(await store.get('kigali-musanze')).toEqual(answer(1));
    expect(await redis.zcard(`${prefix}:flood:all`)).toBe(100);
  });

  it('invalidates the answers of an index an earlier version wrote as a plain set, and adds none to it', async () => {
    const store = await storeWith(1000, 'legacy');
    await redis.set(`${prefix}:legacy:answer:legacy`, JSON.stringify(answer(7)), 'PX', 60_000);
    await redis.sadd(`${prefix}:legacy:entity:Station:s3`, `${prefix}:legacy:answer:legacy`);
    await redis.pexpire(`${prefix}:legacy:entity:Station:s3`, 60_000);
    await put(store, 'after-upgrade', 's3', 5_000);
    expect(await store.get('after-upgrade')).toBeUndefined();
    expect(await store.get('legacy')).toEqual(answer(7));
    await store.invalidateOrThrow([{ typename: 'Station', id: 's3' }]);
    expect(await store.get('legacy')).toBeUndefined();
  });
});

describe('what a mutation makes stale', () => {
  const schema = buildSchema(`
    type Trip { id: ID! }
    type Station { id: ID! name: String! }
    type Booking { id: ID! }
    input HoldSeatsInput { tripId: ID! seats: [String!]! }
    type Query { trip(id: ID!): Trip }
    type Mutation {
      holdSeats(input: HoldSeatsInput!): Booking!
      updateStation(id: ID!, name: String!): Station!
      createStation(name: String!): Station!
      scheduleTimetable(routeId: ID!): [Trip!]!
      cancelBooking(bookingId: ID!): Booking!
    }
  `);
  const entities = (query: string, variables?: Record<string, unknown>) =>
    mutationEntities({ schema, document: parse(query), variableValues: variables }, schema);

  it('names the trip of a hold, whatever the client selected', () => {
    expect(
      entities('mutation($i: HoldSeatsInput!) { holdSeats(input: $i) { id } }', { i: { tripId: 't7', seats: ['1A'] } }),
    ).toEqual([{ typename: 'Trip', id: 't7' }]);
  });
  it('names the updated entity, and every answer holding a created type', () => {
    expect(entities('mutation { updateStation(id: "s1", name: "Nyabugogo") { name } }')).toEqual([
      { typename: 'Station', id: 's1' },
    ]);
    expect(entities('mutation { createStation(name: "Musanze") { id } }')).toEqual([{ typename: 'Station' }]);
    expect(entities('mutation { scheduleTimetable(routeId: "r1") { id } }')).toEqual([
      { typename: 'Route', id: 'r1' },
      { typename: 'Trip' },
    ]);
  });
  it('names no entity by an id longer than any id (a visitor cannot name keys of its own choosing)', () => {
    const long = 'x'.repeat(65);
    expect(entities('mutation($i: HoldSeatsInput!) { holdSeats(input: $i) { id } }', { i: { tripId: long } })).toEqual(
      [],
    );
  });
  it('names nothing for private entities and for queries', () => {
    expect(entities('mutation { cancelBooking(bookingId: "b1") { id } }')).toEqual([]);
    expect(entities('query { trip(id: "t1") { id } }')).toEqual([]);
  });
});

describe('who may use the cache', () => {
  const request = (headers: Record<string, string> = {}) => new Request('http://router/graphql', { headers });
  it('a plain HTTP request without credentials only', () => {
    expect(isAnonymous(request(), {})).toBe(true);
    expect(isAnonymous(request({ authorization: 'Bearer x' }), {})).toBe(false);
    expect(isAnonymous(request(), { authorization: 'Bearer x' })).toBe(false);
    // WebSocket operations: no request, or credentials in connection params or the upgrade.
    expect(isAnonymous(undefined, {})).toBe(false);
    expect(isAnonymous(request(), { connectionParams: {} })).toBe(false);
    expect(isAnonymous(request(), { upgradeAuthorization: 'Bearer x' })).toBe(false);
  });
});

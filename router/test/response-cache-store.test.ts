import { buildSchema, parse } from 'graphql';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { testEnv, testLogger, uniqueName } from '@busline/shared/testing';
import { mutationEntities } from '../src/cache-invalidation';
import { isAnonymous } from '../src/response-cache';
import { createMemoryStore, createRedisStore, type ResponseStore } from '../src/response-cache-store';

const limits = { maxTtlMs: 60_000, maxEntries: 100, maxEntryBytes: 10_000 };
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

    it('stores only answers it was asked for and missed, and none larger than the limit', async () => {
      const store = await make();
      await store.set('c', answer(5), trip, 60_000);
      expect(await store.get('c')).toBeFalsy();
      const big = {
        data: { searchTrips: Array.from({ length: 1000 }, (_, i) => ({ id: `t${i}`, name: 'x'.repeat(20) })) },
      };
      await store.set('c', big, trip, 60_000);
      if (name === 'redis') expect(await store.get('c')).toBeFalsy();
      await store.close();
    });
  });
}

storeContract('memory', () => createMemoryStore(limits));

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

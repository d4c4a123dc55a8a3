// Stores for the public response cache: in memory (one router) or in Redis (shared by every router).
import type { Cache } from '@graphql-yoga/plugin-response-cache';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { ExecutionResult } from 'graphql';
import { reconnectOnReadOnly, redisReady, watchConnection, type Logger } from '@busline/shared';

/** An entity an answer holds (`Trip:<id>`), or with no id every entity of the type. */
export interface CacheEntityRecord {
  typename: string;
  id?: string | number;
}

/**
 * A response cache store that never keeps an answer older than an invalidation of what it contains.
 * A lookup that misses notes the invalidation count; the answer computed next is stored only if none
 * of its entities was invalidated since (a search that read the seats before a hold and finished
 * after the hold's invalidation is not stored).
 */
export interface ResponseStore extends Cache {
  /** Invalidates and throws when the store cannot (the event consumer retries). */
  invalidateOrThrow(entities: Iterable<CacheEntityRecord>): Promise<void>;
  /**
   * Stores none of the answers under way for `key`: neither those whose lookup missed before now, nor one
   * that misses meanwhile (its miss would be the one noted when an answer under way is stored); the next
   * lookup after such a store attempt notes a miss anew.
   */
  forgetMisses(key: string): void;
  /** Resolves once the store answers (Redis connected); rejects after a short wait otherwise. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreLimits {
  /** Longest an answer is kept, whatever its TTL. */
  maxTtlMs: number;
  /** Live answers kept at most, all together and holding any one entity or type. */
  maxEntries: number;
  /** Larger answers (serialized) are not stored. */
  maxEntryBytes: number;
  /** Bytes of live answers (serialized) kept at most, all together. */
  maxBytes: number;
}

/** `Trip` and `Trip:<id>` for each entity: invalidating a type drops every answer holding one. */
function entityKeys(entities: Iterable<CacheEntityRecord>): string[] {
  const keys = new Set<string>();
  for (const { typename, id } of entities) {
    keys.add(typename);
    if (id != null) keys.add(`${typename}:${id}`);
  }
  return [...keys];
}

/** What an invalidation names: `Trip:<id>` for one entity, `Trip` for every entity of the type. */
function invalidatedKeys(entities: Iterable<CacheEntityRecord>): string[] {
  return [...new Set([...entities].map(({ typename, id }) => (id == null ? typename : `${typename}:${id}`)))];
}

/** How long an invalidation is remembered against answers under way: longer than any request. */
const INVALIDATION_MEMORY_MS = 120_000;

/**
 * The lookups of each cache key that missed and whose answers are under way, grouped by the invalidation count they
 * missed at: for each group the count, how many there are and when the last of them missed. An answer stored for the
 * key is checked against the oldest group still under way, so an answer read before an invalidation is never stored
 * under a count a later lookup noted after it. The key's groups end when as many answers were stored as they count,
 * and a group 120 s after its last miss (no request runs longer): a lookup whose answer is never stored (it had an
 * error) keeps its group only that long, and a group of later misses does not replace an older one. Bounded: when full
 * (lookups whose answers are never stored, a flood of distinct operations), a new key's miss is not noted and its
 * answer not stored, rather than forgetting the misses of answers under way.
 */
class MissLedger {
  private readonly misses = new Map<string, { groups: MissGroup[]; poisoned: boolean }>();

  constructor(private readonly max: number) {}

  /** A lookup of `key` missed at invalidation count `generation`. */
  missed(key: string, generation: number): void {
    const now = Date.now();
    const noted = this.live(key, now);
    if (noted) {
      const last = noted.groups.at(-1)!;
      if (last.generation === generation) {
        last.pending += 1;
        last.at = now;
      } else noted.groups.push({ generation, pending: 1, at: now });
      return;
    }
    if (this.misses.size >= this.max) {
      for (const other of [...this.misses.keys()]) this.live(other, now);
      if (this.misses.size >= this.max) return;
    }
    this.misses.set(key, { groups: [{ generation, pending: 1, at: now }], poisoned: false });
  }

  /** No answer under way for `key` is stored (nor one whose lookup misses while they are). */
  poison(key: string): void {
    const noted = this.live(key, Date.now());
    if (noted) noted.poisoned = true;
  }

  /**
   * An answer for `key` is being stored: the count to check it against (the oldest group's: which lookup the answer
   * is of is unknown), or undefined when it must not be. Once every answer counted is in, the key's misses are done.
   */
  storing(key: string): number | undefined {
    const noted = this.live(key, Date.now());
    if (!noted) return undefined;
    const oldest = noted.groups[0]!.generation;
    const counted = noted.groups.find((group) => group.pending > 0);
    if (counted) counted.pending -= 1;
    if (noted.groups.every((group) => group.pending <= 0)) this.misses.delete(key);
    return noted.poisoned ? undefined : oldest;
  }

  /** The key's groups still under way (those 120 s past their last miss dropped), or undefined when none is. */
  private live(key: string, now: number) {
    const noted = this.misses.get(key);
    if (!noted) return undefined;
    noted.groups = noted.groups.filter((group) => now - group.at <= INVALIDATION_MEMORY_MS);
    if (noted.groups.length > 0) return noted;
    this.misses.delete(key);
    return undefined;
  }
}

/** Misses of one cache key at one invalidation count (MissLedger). */
interface MissGroup {
  generation: number;
  pending: number;
  /** When the last of them missed. */
  at: number;
}

export function createMemoryStore(limits: StoreLimits): ResponseStore {
  const entitiesOf = new Map<string, string[]>();
  const responsesOf = new Map<string, Set<string>>();
  const responses = new LRUCache<string, ExecutionResult>({
    max: limits.maxEntries,
    maxSize: limits.maxBytes,
    ttl: limits.maxTtlMs,
    dispose: (_value, key) => {
      for (const entity of entitiesOf.get(key) ?? []) {
        const set = responsesOf.get(entity);
        set?.delete(key);
        if (set?.size === 0) responsesOf.delete(entity);
      }
      entitiesOf.delete(key);
    },
  });
  let generation = 0;
  /** Entity → generation and time of its last invalidation. */
  const invalidated = new Map<string, { generation: number; at: number }>();
  const misses = new MissLedger(limits.maxEntries);

  function invalidate(entities: Iterable<CacheEntityRecord>) {
    generation += 1;
    const now = Date.now();
    for (const entity of invalidatedKeys(entities)) {
      invalidated.set(entity, { generation, at: now });
      for (const key of [...(responsesOf.get(entity) ?? [])]) responses.delete(key);
    }
    if (invalidated.size > 10_000) {
      for (const [entity, entry] of invalidated)
        if (now - entry.at > INVALIDATION_MEMORY_MS) invalidated.delete(entity);
    }
  }

  return {
    get(key) {
      const hit = responses.get(key);
      if (!hit) misses.missed(key, generation);
      return hit;
    },
    set(key, result, entities, ttl) {
      const since = misses.storing(key);
      if (since === undefined) return;
      const keys = entityKeys(entities);
      if (keys.some((entity) => (invalidated.get(entity)?.generation ?? 0) > since)) return;
      const size = Buffer.byteLength(JSON.stringify(result));
      if (size > limits.maxEntryBytes) return;
      responses.set(key, result, { ttl: Math.min(ttl, limits.maxTtlMs), size });
      entitiesOf.set(key, keys);
      for (const entity of keys) {
        let set = responsesOf.get(entity);
        if (!set) responsesOf.set(entity, (set = new Set()));
        set.add(key);
      }
    },
    invalidate,
    invalidateOrThrow: async (entities) => invalidate(entities),
    forgetMisses: (key) => misses.poison(key),
    ready: async () => undefined,
    close: async () => {
      responses.clear();
    },
  };
}

/**
 * SET the answer only if none of its entities was invalidated after the lookup missed (ARGV[3]), and index it
 * under each entity in a sorted set scored by the answer's expiry (Redis's clock): each store first drops the
 * expired answers of the entities it touches, so an index holds live answers only. Every answer is also in the
 * index of all answers, with its size in a hash and the sizes' sum in a counter; the three expire with the last
 * answer. Past ARGV[4] answers or ARGV[5] bytes in all, or ARGV[4] answers under one entity, the answers nearest
 * their expiry are evicted to make room (at most EVICT_AT_ONCE a store; an answer that would need more is not
 * stored): a flood of distinct operations fills no index and no memory past that, and cannot keep the answers of
 * real traffic out of a full cache. An evicted answer stays listed under its other entities until it would have
 * expired (deleting it again there is harmless). An index written by an earlier version (a plain set) takes no
 * answer until it expires.
 * KEYS: answer, all answers, their sizes, their sum, then n entity indexes, then their n invalidation marks.
 * ARGV: answer, TTL ms, generation, cap, byte budget.
 */
/** Answers one store may evict to make room. */
const EVICT_AT_ONCE = 16;

const STORE = `
local n = (#KEYS - 4) / 2
for i = n + 5, #KEYS do
  local mark = redis.call('GET', KEYS[i])
  if mark and tonumber(mark) > tonumber(ARGV[3]) then return 0 end
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local cap = tonumber(ARGV[4])
local size = string.len(ARGV[1])
local previous = tonumber(redis.call('HGET', KEYS[3], KEYS[1]) or '0')
local budget = ${EVICT_AT_ONCE}
local function forget(member)
  local stored = redis.call('HGET', KEYS[3], member)
  if stored then
    redis.call('DECRBY', KEYS[4], stored)
    redis.call('HDEL', KEYS[3], member)
  end
  redis.call('ZREM', KEYS[2], member)
  if member == KEYS[1] then previous = 0 end
end
local function evictFrom(index)
  if budget == 0 then return false end
  local soonest = redis.call('ZRANGE', index, 0, 0)
  if #soonest == 0 then return false end
  budget = budget - 1
  redis.call('DEL', soonest[1])
  redis.call('ZREM', index, soonest[1])
  forget(soonest[1])
  return true
end
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 1000)
for _, member in ipairs(expired) do forget(member) end
while redis.call('ZCARD', KEYS[2]) >= cap or tonumber(redis.call('GET', KEYS[4]) or '0') - previous + size > tonumber(ARGV[5]) do
  if not evictFrom(KEYS[2]) then return 0 end
end
for i = 5, n + 4 do
  local kind = redis.call('TYPE', KEYS[i]).ok
  if kind ~= 'zset' and kind ~= 'none' then return 0 end
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
  while redis.call('ZCARD', KEYS[i]) >= cap do
    if not evictFrom(KEYS[i]) then return 0 end
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), KEYS[1])
redis.call('HSET', KEYS[3], KEYS[1], size)
redis.call('INCRBY', KEYS[4], size - previous)
for i = 2, 4 do
  redis.call('PEXPIRE', KEYS[i], ARGV[2], 'GT')
  if redis.call('PTTL', KEYS[i]) < 0 then redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
end
for i = 5, n + 4 do
  redis.call('ZADD', KEYS[i], now + tonumber(ARGV[2]), KEYS[1])
  redis.call('PEXPIRE', KEYS[i], ARGV[2], 'GT')
  if redis.call('PTTL', KEYS[i]) < 0 then redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
end
return 1`;

/**
 * Bumps the invalidation count, marks each entity with it, and deletes the answers indexed under them (a plain
 * set of an earlier version too).
 * KEYS: the count, then n entity indexes, then their n marks. ARGV[1]: how long a mark is kept.
 */
const INVALIDATE = `
local generation = redis.call('INCR', KEYS[1])
local n = (#KEYS - 1) / 2
for i = 2, n + 1 do
  redis.call('SET', KEYS[i + n], generation, 'PX', ARGV[1])
  local kind = redis.call('TYPE', KEYS[i]).ok
  local members = {}
  if kind == 'zset' then members = redis.call('ZRANGE', KEYS[i], 0, -1)
  elseif kind == 'set' then members = redis.call('SMEMBERS', KEYS[i]) end
  for j = 1, #members, 500 do
    redis.call('DEL', unpack(members, j, math.min(j + 499, #members)))
  end
  redis.call('DEL', KEYS[i])
end
return generation`;

type ScriptedRedis = Redis & {
  storeResponse(...args: (string | number)[]): Promise<number>;
  invalidateEntities(...args: (string | number)[]): Promise<number>;
};

/**
 * Answers in Redis under `<prefix>:answer:<key>`, with an index of live answers per entity
 * (`<prefix>:entity:<Trip:id>`, a sorted set by expiry) that expires with its last answer. Redis away or slow (past
 * `timeoutMs`): lookups miss and nothing is stored, so requests are served uncached and never fail;
 * invalidations that could not be written are written again until Redis takes them.
 */
export function createRedisStore(
  options: { url: string; prefix: string; logger: Logger; timeoutMs?: number } & StoreLimits,
): ResponseStore {
  const { prefix, logger } = options;
  const redis = new Redis(options.url, {
    reconnectOnError: reconnectOnReadOnly,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.timeoutMs ?? 500,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  }) as ScriptedRedis;
  redis.on('error', () => undefined);
  const unwatch = watchConnection(redis, { primary: true });
  redis.defineCommand('storeResponse', { lua: STORE });
  redis.defineCommand('invalidateEntities', { lua: INVALIDATE });
  const answerKey = (key: string) => `${prefix}:answer:${key}`;
  const generationKey = `${prefix}:generation`;
  const allKey = `${prefix}:all`;
  const sizesKey = `${prefix}:sizes`;
  const bytesKey = `${prefix}:bytes`;
  const setKey = (entity: string) => `${prefix}:entity:${entity}`;
  const markKey = (entity: string) => `${prefix}:invalidated:${entity}`;
  const misses = new MissLedger(options.maxEntries);

  const invalidateKeys = coalesced(async (keys: string[]) => {
    await redisReady(redis);
    await redis.invalidateEntities(
      1 + keys.length * 2,
      generationKey,
      ...keys.map(setKey),
      ...keys.map(markKey),
      INVALIDATION_MEMORY_MS,
    );
  });

  async function invalidateOrThrow(entities: Iterable<CacheEntityRecord>) {
    const keys = invalidatedKeys(entities);
    if (keys.length === 0) return;
    await invalidateKeys(keys);
  }

  const debts = deferredInvalidations(invalidateOrThrow, logger);
  redis.on('ready', () => void debts.pay());

  return {
    async get(key) {
      try {
        const [[, answer], [, generation]] = (await redis.pipeline().get(answerKey(key)).get(generationKey).exec()) as [
          [unknown, string | null],
          [unknown, string | null],
        ];
        if (answer) return JSON.parse(answer) as ExecutionResult;
        misses.missed(key, Number(generation ?? 0));
      } catch {
        // Redis away or slow: served uncached.
      }
      return undefined;
    },
    async set(key, result, entities, ttl) {
      const since = misses.storing(key);
      if (since === undefined) return;
      const json = JSON.stringify(result);
      if (Buffer.byteLength(json) > options.maxEntryBytes) return;
      const keys = entityKeys(entities);
      try {
        await redis.storeResponse(
          4 + keys.length * 2,
          answerKey(key),
          allKey,
          sizesKey,
          bytesKey,
          ...keys.map(setKey),
          ...keys.map(markKey),
          json,
          Math.max(1, Math.min(ttl, options.maxTtlMs)),
          since,
          options.maxEntries,
          options.maxBytes,
        );
      } catch {
        // Not stored: the next lookup misses again.
      }
    },
    async invalidate(entities) {
      const list = [...entities];
      try {
        await invalidateOrThrow(list);
      } catch (error) {
        logger.warn({ err: error, entities: list.length }, 'response cache: invalidation deferred until Redis answers');
        debts.owe(list);
      }
    },
    invalidateOrThrow,
    forgetMisses: (key) => misses.poison(key),
    ready: () => redisReady(redis),
    async close() {
      // Invalidations gathered but not yet written go out first (each is bounded by the command timeout).
      await invalidateKeys.drained();
      debts.cancel();
      unwatch();
      redis.disconnect();
    },
  };
}

/** Keys one write names at most: a script call with a bounded argument list. */
const MAX_KEYS_PER_WRITE = 500;

/**
 * Writes of keys gathered: the keys asked for in one turn of the event loop, and those asked for while a write is
 * under way, go out together in the next write (one script call, one count bump, one round trip; at most
 * MAX_KEYS_PER_WRITE keys each), so a burst of holds and of their events costs Redis a call per round trip rather
 * than one each. Each caller settles with the write that holds its keys: resolved once Redis took them (never
 * before, so an answer still leaves after its invalidation), rejected with that write's error.
 */
export function coalesced(write: (keys: string[]) => Promise<void>): {
  (keys: string[]): Promise<void>;
  /** Resolves once every write asked for so far has settled. */
  drained(): Promise<void>;
} {
  interface Batch {
    keys: Set<string>;
    done: Promise<void>;
    settle: (error?: unknown) => void;
  }
  const waiting: Batch[] = [];
  let writing = false;
  let current: Batch | undefined;
  let scheduled = false;
  const schedule = () => {
    if (writing || scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void flush();
    });
  };
  const flush = async () => {
    const batch = waiting.shift();
    if (!batch) return;
    writing = true;
    current = batch;
    try {
      await write([...batch.keys]);
      batch.settle();
    } catch (error) {
      batch.settle(error ?? new Error('invalidation failed'));
    } finally {
      writing = false;
      current = undefined;
      if (waiting.length > 0) schedule();
    }
  };
  const open = (): Batch => {
    let settle!: (error?: unknown) => void;
    const done = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    const batch = { keys: new Set<string>(), done, settle };
    waiting.push(batch);
    return batch;
  };
  const invalidate = (keys: string[]) => {
    let batch = waiting.at(-1) ?? open();
    const unique = [...new Set(keys)];
    if (batch.keys.size > 0 && batch.keys.size + unique.length > MAX_KEYS_PER_WRITE) batch = open();
    for (const key of unique) batch.keys.add(key);
    schedule();
    return batch.done;
  };
  return Object.assign(invalidate, {
    async drained() {
      await Promise.allSettled([current, ...waiting].map((batch) => batch?.done));
    },
  });
}

/**
 * Invalidations Redis did not take (it was away), written again when it is back and every half
 * second meanwhile (a timeout keeps the connection).
 */
function deferredInvalidations(
  write: (entities: CacheEntityRecord[]) => Promise<void>,
  logger: Logger,
): { owe(entities: CacheEntityRecord[]): void; pay(): Promise<void>; cancel(): void } {
  const owed = new Map<string, CacheEntityRecord>();
  let retry: NodeJS.Timeout | undefined;
  function owe(entities: CacheEntityRecord[]) {
    for (const entity of entities) owed.set(`${entity.typename}:${entity.id ?? ''}`, entity);
    retry ??= setTimeout(() => {
      retry = undefined;
      void pay();
    }, 500).unref();
  }
  async function pay() {
    if (owed.size === 0) return;
    const entities = [...owed.values()];
    owed.clear();
    try {
      await write(entities);
      logger.info({ entities: entities.length }, 'response cache: deferred invalidations written');
    } catch {
      owe(entities);
    }
  }
  return { owe, pay, cancel: () => clearTimeout(retry) };
}

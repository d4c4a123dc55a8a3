import type { Redis } from 'ioredis';
import { fieldMap } from './dead-letters';

/** Most entries one trim removes, so a trim never reads a huge range at once. */
const MAX_TRIMMED_AT_ONCE = 10_000;

/**
 * Trims a stream to about `maxLen` entries, but never an entry some consumer group has not
 * read yet or read without acknowledging: the cut stays below every group's oldest pending
 * entry and the entry after its last-delivered id. Returns how many entries went. (A type's required consumers'
 * groups are made before, by the publisher: see RedisStreamBus.)
 */
export async function trimStream(redis: Redis, key: string, maxLen: number): Promise<number> {
  const length = await redis.xlen(key);
  if (length <= maxLen) return 0;
  const excess = Math.min(length - maxLen, MAX_TRIMMED_AT_ONCE);
  const oldest = await redis.xrange(key, '-', '+', 'COUNT', excess + 1);
  let cutoff = oldest[excess]?.[0];
  if (!cutoff) return 0;
  const floor = await unreadFloor(redis, key);
  if (floor && compareIds(floor, cutoff) < 0) cutoff = floor;
  return redis.xtrim(key, 'MINID', cutoff);
}

/** The oldest id any consumer group of the stream still needs, or undefined without groups. */
export async function unreadFloor(redis: Redis, key: string): Promise<string | undefined> {
  const groups = (await redis.xinfo('GROUPS', key)) as unknown[][];
  let floor: string | undefined;
  for (const raw of groups) {
    const info = fieldMap(raw.map(String));
    let groupFloor = nextId(info.get('last-delivered-id') ?? '0-0');
    if (Number(info.get('pending') ?? 0) > 0) {
      const [, oldestPending] = (await redis.xpending(key, info.get('name') ?? '')) as [number, string | null];
      if (oldestPending) groupFloor = oldestPending;
    }
    if (!floor || compareIds(groupFloor, floor) < 0) floor = groupFloor;
  }
  return floor;
}

function parseId(id: string): [bigint, bigint] {
  const [ms, seq] = id.split('-');
  return [BigInt(ms ?? 0), BigInt(seq ?? 0)];
}

export function compareIds(a: string, b: string): number {
  const [am, as] = parseId(a);
  const [bm, bs] = parseId(b);
  if (am !== bm) return am < bm ? -1 : 1;
  return as === bs ? 0 : as < bs ? -1 : 1;
}

function nextId(id: string): string {
  const [ms, seq] = parseId(id);
  return `${ms}-${seq + 1n}`;
}

/** Creates each of `groups` on the stream, at its start, unless it exists. */
export async function ensureGroups(redis: Redis, key: string, groups: readonly string[]): Promise<void> {
  if (groups.length === 0) return;
  const existing = new Set(
    ((await redis.xinfo('GROUPS', key)) as unknown[][]).map((raw) => fieldMap(raw.map(String)).get('name')),
  );
  for (const group of groups.filter((name) => !existing.has(name))) {
    try {
      await redis.xgroup('CREATE', key, group, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
  }
}

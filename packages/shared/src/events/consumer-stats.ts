import type { Redis } from 'ioredis';
import { eventKeys, fieldMap } from './dead-letters';

/** How far one consumer group is behind on the streams it reads, and what it gave up on. */
export interface ConsumerStats {
  streams: {
    /** Event type of the stream; `replay` for the group's replay stream (dead letters an operator handed back). */
    type: string;
    /** Entries added to the stream that the group has not read yet (null when Redis cannot tell, after a trim). */
    lag: number | null;
    /** Entries read by the group and not acknowledged yet (being handled, or waiting for a retry). */
    pending: number;
  }[];
  /** Entries in the group's dead-letter stream. */
  deadLetters: number;
}

/** Reads XINFO GROUPS of each stream and of the group's replay stream, and the dead-letter stream's length. */
export async function readConsumerStats(
  redis: Redis,
  prefix: string,
  group: string,
  types: readonly string[],
): Promise<ConsumerStats> {
  const keys = eventKeys(prefix);
  const streams: ConsumerStats['streams'] = [];
  // The replay stream too: a replayed event its consumer has not applied yet is waiting there, out of the dead letters.
  const read = [...types.map((type) => [type, keys.stream(type)] as const), ['replay', keys.replay(group)] as const];
  for (const [type, stream] of read) {
    let groups: unknown[];
    try {
      groups = (await redis.xinfo('GROUPS', stream)) as unknown[];
    } catch (error) {
      // No event of this type was ever published (nothing replayed): nothing to lag behind.
      if (/no such key/i.test((error as Error).message)) continue;
      throw error;
    }
    for (const raw of groups) {
      const fields = fieldMap((raw as unknown[]).map((value) => (value === null ? '' : String(value))));
      if (fields.get('name') !== group) continue;
      const lag = fields.get('lag');
      streams.push({ type, lag: lag ? Number(lag) : null, pending: Number(fields.get('pending') ?? 0) });
    }
  }
  return { streams, deadLetters: await redis.xlen(keys.deadLetters(group)) };
}

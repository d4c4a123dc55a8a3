// What /metrics reads of a consumer group: its streams' lag and pending entries, its replay stream's, its dead letters.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConsumerStats } from '../src/events/consumer-stats';
import { eventKeys } from '../src/events/dead-letters';
import { testEnv, uniqueName } from '../src/testing';

let redis: Redis;
beforeAll(() => {
  redis = new Redis(testEnv.redisUrl!);
});
afterAll(() => redis?.disconnect());

describe.runIf(testEnv.redisUrl)("a consumer group's stats", () => {
  it('count a replayed event its consumer has not applied yet, read or not, apart from the event streams', async () => {
    const prefix = `test:${uniqueName('stats')}`;
    const keys = eventKeys(prefix);
    const group = 'stats-consumer';
    await redis.xgroup('CREATE', keys.stream('fixture.happened'), group, '$', 'MKSTREAM');
    await redis.xadd(keys.stream('fixture.happened'), '*', 'event', '{}');
    // Nothing replayed yet: no replay stream, no series for it.
    let stats = await readConsumerStats(redis, prefix, group, ['fixture.happened', 'fixture.never']);
    expect(stats.streams).toEqual([{ type: 'fixture.happened', lag: 1, pending: 0 }]);

    // An operator replays a dead letter: it waits on the group's replay stream until the consumer reads it...
    await redis.xgroup('CREATE', keys.replay(group), group, '$', 'MKSTREAM');
    await redis.xadd(keys.replay(group), '*', 'event', '{}', 'replayOf', '1-0');
    stats = await readConsumerStats(redis, prefix, group, ['fixture.happened']);
    expect(stats.streams).toContainEqual({ type: 'replay', lag: 1, pending: 0 });
    // ...and is pending there while it is applied (or failing again).
    await redis.xreadgroup('GROUP', group, 'c1', 'COUNT', 10, 'STREAMS', keys.replay(group), '>');
    stats = await readConsumerStats(redis, prefix, group, ['fixture.happened']);
    expect(stats.streams).toContainEqual({ type: 'replay', lag: 0, pending: 1 });
    // Another group's replay stream is not this group's.
    expect((await readConsumerStats(redis, prefix, 'other', ['fixture.happened'])).streams).toEqual([]);
    await redis.del(keys.stream('fixture.happened'), keys.replay(group));
  });
});

import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisStreamBus } from '../src/events/redis-bus';
import type { DomainEvent } from '../src/events/types';
import { eventually, testEnv, testLogger, uniqueName } from '../src/testing';

/**
 * Consumers of a group: a process that stops leaves its group, and one gone without stopping (killed) is deleted
 * by the next start once idle long enough, unless it holds pending events (they would become unclaimable).
 */
describe.skipIf(!testEnv.redisUrl)('consumer groups do not collect a consumer per process start', () => {
  const redis = new Redis(testEnv.redisUrl!);
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(keys);
    }
    redis.disconnect();
  });

  const type = 'fixture.consumed';
  const event = (): DomainEvent => ({
    id: randomUUID(),
    type,
    source: 'fixture',
    occurredAt: new Date().toISOString(),
    payload: {},
  });
  const consumersOf = async (stream: string, group: string) =>
    ((await redis.xinfo('CONSUMERS', stream, group)) as unknown[][]).map((fields) => {
      const info = new Map<string, unknown>();
      for (let i = 0; i + 1 < fields.length; i += 2) info.set(String(fields[i]), fields[i + 1]);
      return { name: String(info.get('name')), pending: Number(info.get('pending')) };
    });

  it('leaves the group on stop, and deletes idle consumers with nothing pending at start, keeping those with some', async () => {
    const prefix = `test:${uniqueName('consumers')}`;
    prefixes.push(prefix);
    const group = 'fixture-group';
    const bus = new RedisStreamBus({
      url: testEnv.redisUrl!,
      logger: testLogger(),
      prefix,
      blockMs: 100,
      staleConsumerMs: 200,
    });
    const stream = bus.streamKey(type);
    const applied: string[] = [];
    const first = bus.subscribe({ group, types: [type], handler: async (e) => void applied.push(e.id) });
    const one = event();
    await bus.publish(one);
    await eventually(() => applied.includes(one.id));
    expect(await consumersOf(stream, group)).toHaveLength(1);
    await first.stop();
    expect(await consumersOf(stream, group)).toEqual([]);

    // Two processes killed: one with nothing pending, one holding an event it read and never acknowledged.
    await redis.xgroup('CREATECONSUMER', stream, group, 'killed-idle');
    const held = event();
    await bus.publish(held);
    await redis.xreadgroup('GROUP', group, 'killed-holding', 'COUNT', 10, 'STREAMS', stream, '>');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = bus.subscribe({ group, types: [type], handler: async (e) => void applied.push(e.id) });
    try {
      await eventually(async () => {
        const names = (await consumersOf(stream, group)).map((c) => c.name);
        return !names.includes('killed-idle') && names.includes('killed-holding');
      });
    } finally {
      await second.stop();
      await bus.close();
    }
  });
});

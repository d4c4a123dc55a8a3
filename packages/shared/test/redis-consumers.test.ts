import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisStreamBus } from '../src/events/redis-bus';
import type { DomainEvent } from '../src/events/types';
import { createLogger } from '../src/logger';
import { eventually, startOwnRedis, testEnv, testLogger, uniqueName } from '../src/testing';

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

  it('finishes and acknowledges the event in hand when stopped (a drain), taking no further one', async () => {
    const prefix = `test:${uniqueName('consumers')}`;
    prefixes.push(prefix);
    const bus = new RedisStreamBus({ url: testEnv.redisUrl!, logger: testLogger(), prefix, blockMs: 100 });
    let entered!: () => void;
    const handling = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const finished: string[] = [];
    const subscription = bus.subscribe({
      group: 'fixture-group',
      types: [type],
      handler: async (e) => {
        entered();
        await released;
        finished.push(e.id);
      },
    });
    try {
      const one = event();
      await bus.publish(one);
      await handling;
      const stopped = subscription.stop();
      await new Promise((resolve) => setTimeout(resolve, 50));
      release();
      await stopped;
      expect(finished).toEqual([one.id]);
      // Applied and acknowledged: not left pending for another consumer to apply again once idle.
      const [pending] = (await redis.xpending(bus.streamKey(type), 'fixture-group')) as [number];
      expect(pending).toBe(0);
    } finally {
      release();
      await bus.close();
    }
  });

  it('reads on, and logs why, where Redis refuses the clean-up (an ACL without XINFO and XGROUP DELCONSUMER)', async () => {
    const own = await startOwnRedis();
    const admin = new Redis(own.url);
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    try {
      await admin.call(
        'ACL',
        'SETUSER',
        'consumer',
        'on',
        '>secret',
        '~*',
        '&*',
        '+@all',
        '-xinfo',
        '-xgroup|delconsumer',
      );
      const bus = new RedisStreamBus({
        url: own.url.replace('redis://', 'redis://consumer:secret@'),
        logger: createLogger('consumer', { level: 'debug', destination }),
        prefix: 'test:acl',
        blockMs: 100,
        staleConsumerMs: 0,
      });
      const stream = bus.streamKey(type);
      const group = 'fixture-group';
      await admin.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
      await admin.xgroup('CREATECONSUMER', stream, group, 'killed-idle');
      const applied: string[] = [];
      const subscription = bus.subscribe({ group, types: [type], handler: async (e) => void applied.push(e.id) });
      const one = event();
      try {
        await bus.publish(one);
        await eventually(() => applied.includes(one.id));
      } finally {
        await subscription.stop();
        await bus.close();
      }
      const logged = lines.map((line) => JSON.parse(line) as { msg: string; err?: { message: string } });
      const refused = logged.find(
        (line) => line.msg === 'event consumer could not delete the stale consumers of its group',
      );
      expect(refused?.err?.message).toMatch(/NOPERM/);
      // Inside the Lua script Redis words the refusal differently.
      expect(logged.find((line) => line.msg === 'event consumer could not leave its group')?.err?.message).toMatch(
        /can't run this command/,
      );
      // Nothing was deleted: the killed consumer and the stopped one are both still in the group.
      const names = (await admin.xinfo('CONSUMERS', stream, group)) as unknown[][];
      expect(names).toHaveLength(2);
    } finally {
      admin.disconnect();
      await own.destroy();
    }
  });
});

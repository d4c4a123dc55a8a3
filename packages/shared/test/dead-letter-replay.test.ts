// A replayed event whose handler still fails goes back to the dead letters naming where it first came from.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEventsCli } from '../../../scripts/lib/dead-letters';
import { createIdempotentHandler } from '../src/events/consumer';
import { DeadLetterStore } from '../src/events/dead-letters';
import { MalformedEventError } from '../src/events/failures';
import { Outbox } from '../src/events/outbox';
import { RedisStreamBus } from '../src/events/redis-bus';
import { TransactionRunner } from '../src/events/unit-of-work';
import { eventually, testEnv, testLogger, uniqueName, type TestDatabase } from '../src/testing';
import { outbox as outboxTable, processedEvents } from './fixtures/schema';
import { createFixtureDatabase } from './fixtures/setup';

const logger = testLogger();
const type = 'fixture.happened';
let database: TestDatabase;
let redis: Redis;
beforeAll(async () => {
  database = await createFixtureDatabase('dl_history');
  redis = new Redis(testEnv.redisUrl!);
});
afterAll(async () => {
  redis?.disconnect();
  await database?.cleanup();
});

describe.runIf(testEnv.redisUrl)('a replayed dead letter whose handler still fails', () => {
  it('is dead-lettered again naming where the event was first read, its attempts there, and its replays', async () => {
    const prefix = `test:${uniqueName('dlhist')}`;
    const group = 'history-consumer';
    const bus = new RedisStreamBus({
      url: testEnv.redisUrl!,
      logger,
      prefix,
      blockMs: 100,
      claimIdleMs: 1000,
      retryDelayMs: 10,
      retry: { maxDelayMs: 50, retryForMs: 60_000 },
    });
    const apply = createIdempotentHandler({
      name: group,
      runner: new TransactionRunner(database.handle.db, new Outbox(outboxTable, 'fixture'), undefined, logger),
      processedEvents,
      logger,
      handlers: {
        [type]: async () => {
          throw new MalformedEventError('still cannot read it');
        },
      },
    });
    const subscription = bus.subscribe({ group, types: [type], handler: apply });
    const store = new DeadLetterStore(redis, prefix);
    try {
      const event = {
        id: crypto.randomUUID(),
        type,
        source: 'fixture',
        occurredAt: new Date().toISOString(),
        payload: {},
      };
      await bus.publish(event);
      const [first] = await eventually(async () => {
        const letters = await store.list(group);
        return letters.length > 0 ? letters : undefined;
      });
      expect(first!.stream).toBe(bus.streamKey(type));

      expect(await store.replay(group, first!.id)).toBeTruthy();
      const [second] = await eventually(async () => {
        const letters = await store.list(group);
        return letters.length > 0 ? letters : undefined;
      });
      expect(second!.eventId).toBe(event.id);
      // Where the event was published and read from, how often it failed there and since, and that it was replayed.
      expect(second).toMatchObject({
        stream: first!.stream,
        streamId: first!.streamId,
        attempts: first!.attempts + 1,
        replays: 1,
      });
      expect(first!.replays).toBe(0);
      let listed = '';
      const io = { out: (text: string) => void (listed += text), err: () => undefined };
      await runEventsCli(
        ['dead-letters', 'list', '--group', group, '--prefix', prefix],
        { REDIS_URL: testEnv.redisUrl },
        io,
      );
      expect(listed).toContain(`attempts ${first!.attempts + 1}  replayed 1`);
      // Replayed again and failing again: counted on.
      expect(await store.replay(group, second!.id)).toBeTruthy();
      const third = await eventually(async () => (await store.list(group)).find((l) => l.id !== second!.id));
      expect(third).toMatchObject({ stream: first!.stream, streamId: first!.streamId, replays: 2 });
    } finally {
      await subscription.stop();
      await bus.close();
    }
  });
});

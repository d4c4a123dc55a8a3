// An event whose id is not a uuid can never be applied: processed_events.event_id is a uuid column, so the
// consumer's own bookkeeping statement fails for it, whatever the handler does and however often it is retried.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdempotentHandler } from '../src/events/consumer';
import { DeadLetterStore } from '../src/events/dead-letters';
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
const prefix = uniqueName('nonuuid');
beforeAll(async () => {
  if (!testEnv.postgresUrl || !testEnv.redisUrl) return;
  database = await createFixtureDatabase('ops_nonuuid');
  redis = new Redis(testEnv.redisUrl);
});
afterAll(async () => {
  if (!redis) return;
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await database?.cleanup();
});

const describeReal = testEnv.postgresUrl && testEnv.redisUrl ? describe : describe.skip;

describeReal('an event whose id is not a uuid', () => {
  it('is dead-lettered at its first delivery (it can never apply), not retried as a bug', async () => {
    const group = 'strict-consumer';
    const bus = new RedisStreamBus({
      url: testEnv.redisUrl!,
      logger,
      prefix,
      blockMs: 100,
      claimIdleMs: 1000,
      // Slow enough that the ten attempts of a "failed" event take far longer than this test waits.
      retryDelayMs: 2000,
      retry: { maxDelayMs: 60_000, retryForMs: 60_000 },
    });
    let handled = 0;
    const apply = createIdempotentHandler({
      name: group,
      runner: new TransactionRunner(database.handle.db, new Outbox(outboxTable, 'fixture'), undefined, logger),
      processedEvents,
      logger,
      handlers: {
        [type]: async () => {
          handled++;
        },
      },
    });
    const subscription = bus.subscribe({ group, types: [type], handler: apply });
    const store = new DeadLetterStore(redis, prefix);
    try {
      await bus.publish({ id: 'evt-42', type, source: 'fixture', occurredAt: new Date().toISOString(), payload: {} });
      const [letter] = await eventually(async () => {
        const letters = await store.list(group);
        return letters.length > 0 ? letters : undefined;
      }, 15_000);
      expect(letter!.attempts).toBe(1);
      expect(['malformed', 'unreadable']).toContain(letter!.reason);
      expect(handled).toBe(0);
    } finally {
      await subscription.stop();
      await bus.close();
    }
  });
});

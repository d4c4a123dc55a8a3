import { Redis } from 'ioredis';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsumer, type DomainEventHandler } from '../src/events/consumer';
import { DeadLetterStore, eventKeys } from '../src/events/dead-letters';
import { Outbox } from '../src/events/outbox';
import { RedisStreamBus } from '../src/events/redis-bus';
import { TransactionRunner } from '../src/events/unit-of-work';
import type { DomainEvent } from '../src/events/types';
import { testEnv, testLogger, uniqueName, type TestDatabase } from '../src/testing';
import { createFixtureDatabase } from './fixtures/setup';
import { applied, outbox as outboxTable, processedEvents } from './fixtures/schema';

const logger = testLogger();
const outbox = new Outbox(outboxTable, 'fixture');
const describeReal = testEnv.postgresUrl && testEnv.redisUrl ? describe : describe.skip;

let database: TestDatabase;
let redis: Redis;
const buses: RedisStreamBus[] = [];
beforeAll(async () => {
  if (!testEnv.postgresUrl || !testEnv.redisUrl) return;
  database = await createFixtureDatabase('poison_entry');
  redis = new Redis(testEnv.redisUrl);
});
afterAll(async () => {
  for (const bus of buses) await bus.close();
  redis?.disconnect();
  await database?.cleanup();
});

function newBus(prefix: string): RedisStreamBus {
  const bus = new RedisStreamBus({
    url: testEnv.redisUrl!,
    logger,
    prefix,
    blockMs: 100,
    claimIdleMs: 1000,
    retryDelayMs: 20,
    retry: { maxDelayMs: 50, retryForMs: 60_000 },
  });
  buses.push(bus);
  return bus;
}

const event = (): DomainEvent => ({
  id: crypto.randomUUID(),
  type: 'fixture.happened',
  source: 'fixture',
  occurredAt: new Date().toISOString(),
  payload: {},
});

const recording =
  (order: string[]): DomainEventHandler =>
  async (e, { tx, afterCommit }) => {
    await tx.insert(applied).values({ eventId: e.id, note: 'poison' });
    afterCommit(() => order.push(e.id));
  };

async function waitFor(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describeReal('a stream entry whose event is JSON but not an object', () => {
  // An entry `event: "null"` (a producer's bug, an entry written by hand) before an ordinary event X whose first
  // attempt fails. JSON.parse('null') succeeded, the handler threw, and recording the failure threw too (`event.id` of
  // null): the entry was never dead-lettered nor acknowledged, X's failure never recorded, and every later claim round
  // stopped at the entry again: X was never applied. An entry that is not an event is now unreadable at once.
  it('dead-letters it and still retries and applies the event read behind it', async () => {
    const prefix = `test:${uniqueName('ops-null')}`;
    const group = uniqueName('nullgrp');
    const bus = newBus(prefix);
    const stream = eventKeys(prefix).stream('fixture.happened');
    const order: string[] = [];
    const x = event();
    let xAttempts = 0;
    const record = recording(order);
    const handlers: Record<string, DomainEventHandler> = {
      'fixture.happened': async (e, context) => {
        if (e.id === x.id && ++xAttempts === 1) throw new Error('the booking this refers to is not known yet');
        await record(e, context);
      },
    };

    await redis.xadd(stream, '*', 'event', 'null');
    await bus.publish(x);
    const subscription = startConsumer(bus, {
      name: group,
      runner: new TransactionRunner(database.handle.db, outbox, undefined, logger),
      processedEvents,
      logger,
      handlers,
    });
    // claimIdleMs is 1 s and the retry back-off at most 50 ms: ten seconds is many rounds.
    const xApplied = await waitFor(() => order.includes(x.id), 10_000);
    const b = event();
    await bus.publish(b);
    const bApplied = await waitFor(() => order.includes(b.id), 5000);
    const letters = await new DeadLetterStore(redis, prefix).list(group);
    const [pendingCount] = (await redis.xpending(stream, group)) as [number];
    await subscription.stop();

    expect(
      { xApplied, xAttempts: xAttempts > 1, deadLetters: letters.length, pending: Number(pendingCount), bApplied },
      'the event behind the poison entry must be retried and applied, the poison dead-lettered, nothing left pending',
    ).toEqual({ xApplied: true, xAttempts: true, deadLetters: 1, pending: 0, bApplied: true });
    expect((await database.handle.db.select().from(applied).where(eq(applied.eventId, x.id))).length).toBe(1);
  });
});

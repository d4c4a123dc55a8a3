// The batched consumer (one transaction per read, one XACK per stream) against real Postgres and Redis: duplicates,
// poison and transient failures inside a batch, a consumer dying between commit and XACK, and an XAUTOCLAIM race.
import { eq, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdempotentHandler, startConsumer, type DomainEventHandler } from '../src/events/consumer';
import { DeadLetterStore, eventKeys } from '../src/events/dead-letters';
import { handle } from '../src/events/handle';
import { Outbox } from '../src/events/outbox';
import { RedisStreamBus } from '../src/events/redis-bus';
import { TransactionRunner } from '../src/events/unit-of-work';
import type { DomainEvent } from '../src/events/types';
import { AppError, ErrorCode } from '../src/errors';
import { eventually, testEnv, testLogger, uniqueName, type TestDatabase } from '../src/testing';
import { createFixtureDatabase } from './fixtures/setup';
import { applied, outbox as outboxTable, processedEvents } from './fixtures/schema';

const logger = testLogger();
const outbox = new Outbox(outboxTable, 'fixture');
const redisUrl = testEnv.redisUrl;
const describeReal = testEnv.postgresUrl && redisUrl ? describe : describe.skip;

let database: TestDatabase;
let redis: Redis;
const buses: RedisStreamBus[] = [];

beforeAll(async () => {
  if (!testEnv.postgresUrl || !redisUrl) return;
  database = await createFixtureDatabase('events_batch_attack');
  redis = new Redis(redisUrl);
});
afterAll(async () => {
  for (const bus of buses) await bus.close();
  redis?.disconnect();
  await database?.cleanup();
});

const runner = () => new TransactionRunner(database.handle.db, outbox, undefined, logger);

function newBus(label: string, options: { claimIdleMs?: number; prefix?: string } = {}): RedisStreamBus {
  const bus = new RedisStreamBus({
    url: redisUrl!,
    logger,
    prefix: options.prefix ?? `test:${uniqueName(label)}`,
    blockMs: 100,
    claimIdleMs: options.claimIdleMs ?? 60_000,
    retryDelayMs: 50,
  });
  buses.push(bus);
  return bus;
}

function event(type: string, payload: unknown = {}, id: string = crypto.randomUUID()): DomainEvent {
  return { id, type, source: 'fixture', occurredAt: new Date().toISOString(), payload };
}

async function countApplied(eventId: string): Promise<number> {
  return (await database.handle.db.select().from(applied).where(eq(applied.eventId, eventId))).length;
}

async function pending(bus: RedisStreamBus, group: string, type: string): Promise<number> {
  const [count] = (await redis.xpending(eventKeys(bus.prefix).stream(type), group)) as [number];
  return Number(count);
}

/** A handler that inserts a row and records, after commit, the order events were applied in. */
function recording(order: string[], note: string): DomainEventHandler {
  return async (e, { tx, afterCommit }) => {
    await tx.insert(applied).values({ eventId: e.id, note });
    afterCommit(() => order.push(e.id));
  };
}

describeReal('batched consumer under attack', () => {
  it('applies an event delivered twice in one read once, and acknowledges both entries', async () => {
    const bus = newBus('dup');
    const order: string[] = [];
    const [a, b] = [event('fixture.happened'), event('fixture.happened')];
    for (const e of [a!, b!, a!]) await bus.publish(e);
    const subscription = startConsumer(bus, {
      name: 'dup',
      runner: runner(),
      processedEvents,
      logger,
      handlers: { 'fixture.happened': recording(order, 'dup') },
    });
    try {
      await eventually(async () => (await pending(bus, 'dup', 'fixture.happened')) === 0 && order.length >= 2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(order).toEqual([a!.id, b!.id]);
      expect(await countApplied(a!.id)).toBe(1);
      expect(await countApplied(b!.id)).toBe(1);
    } finally {
      await subscription.stop();
    }
  });

  it('dead-letters event 3 of 5 (a run that goes to applyMany) and applies the other four once, in order', async () => {
    const bus = newBus('poison');
    const order: string[] = [];
    let manyCalls = 0;
    const schema = z.object({ n: z.number() });
    const handler = handle(
      schema,
      async (p, { tx, afterCommit }, e) => {
        await tx.insert(applied).values({ eventId: e.id, note: 'poison', amount: p.n });
        afterCommit(() => order.push(e.id));
      },
      async (payloads, { tx, afterCommit }, events) => {
        manyCalls++;
        await tx
          .insert(applied)
          .values(events.map((e, i) => ({ eventId: e.id, note: 'poison', amount: payloads[i]!.n })));
        afterCommit(() => order.push(...events.map((e) => e.id)));
      },
    );
    const events = [1, 2, 'three', 4, 5].map((n) => event('fixture.happened', { n }));
    for (const e of events) await bus.publish(e);
    const subscription = startConsumer(bus, {
      name: 'poison',
      runner: runner(),
      processedEvents,
      logger,
      handlers: { 'fixture.happened': handler },
    });
    const store = new DeadLetterStore(redis, bus.prefix);
    try {
      await eventually(async () => (await store.list('poison')).length === 1 && order.length === 4);
      await eventually(async () => (await pending(bus, 'poison', 'fixture.happened')) === 0);
      const [dead] = await store.list('poison');
      expect(dead).toMatchObject({ eventId: events[2]!.id, reason: 'malformed' });
      expect(order).toEqual([events[0]!.id, events[1]!.id, events[3]!.id, events[4]!.id]);
      // The malformed payload spoilt the run before applyMany ran: the batch fell back to one transaction each.
      expect(manyCalls).toBe(0);
      for (const i of [0, 1, 3, 4]) expect(await countApplied(events[i]!.id)).toBe(1);
      expect(await countApplied(events[2]!.id)).toBe(0);
    } finally {
      await subscription.stop();
    }
  });

  it('retries a batch after a transient failure without applying anything twice, in order', async () => {
    const bus = newBus('transient');
    const order: string[] = [];
    const events = [1, 2, 3, 4, 5].map(() => event('fixture.happened'));
    let failuresLeft = 2;
    const attempts = new Map<string, number>();
    const handlers: Record<string, DomainEventHandler> = {
      'fixture.happened': async (e, { tx, afterCommit }) => {
        attempts.set(e.id, (attempts.get(e.id) ?? 0) + 1);
        await tx.insert(applied).values({ eventId: e.id, note: 'transient' });
        if (e.id === events[2]!.id && failuresLeft-- > 0) throw new AppError(ErrorCode.UNAVAILABLE, 'away a while');
        afterCommit(() => order.push(e.id));
      },
    };
    for (const e of events) await bus.publish(e);
    const subscription = startConsumer(bus, { name: 'transient', runner: runner(), processedEvents, logger, handlers });
    try {
      await eventually(async () => order.length === 5 && (await pending(bus, 'transient', 'fixture.happened')) === 0);
      expect(order).toEqual(events.map((e) => e.id));
      for (const e of events) expect(await countApplied(e.id)).toBe(1);
      // Tried in the batch, then alone; the two behind the failure waited, untried, until the pause ended.
      expect(attempts.get(events[0]!.id)).toBe(2);
      expect(attempts.get(events[3]!.id)).toBe(1);
    } finally {
      await subscription.stop();
    }
  });

  it('rolls back a whole batch whose connection is killed mid-way and applies each event once', async () => {
    const bus = newBus('killed');
    const order: string[] = [];
    const events = [1, 2, 3, 4, 5].map(() => event('fixture.happened'));
    let kill = true;
    const handlers: Record<string, DomainEventHandler> = {
      'fixture.happened': async (e, context) => {
        await recording(order, 'killed')(e, context);
        if (e.id !== events[2]!.id || !kill) return;
        kill = false;
        // Postgres goes away in the middle of the batch (this connection is cut).
        await context.tx.execute(sql`select pg_terminate_backend(pg_backend_pid())`);
      },
    };
    for (const e of events) await bus.publish(e);
    const subscription = startConsumer(bus, { name: 'killed', runner: runner(), processedEvents, logger, handlers });
    try {
      await eventually(async () => order.length === 5 && (await pending(bus, 'killed', 'fixture.happened')) === 0);
      expect(order).toEqual(events.map((e) => e.id));
      for (const e of events) expect(await countApplied(e.id)).toBe(1);
    } finally {
      await subscription.stop();
    }
  });

  it('dead-letters an entry that is not JSON in the middle of a read and applies the events around it once', async () => {
    const bus = newBus('unreadable');
    const order: string[] = [];
    const [a, b] = [event('fixture.happened'), event('fixture.happened')];
    const stream = eventKeys(bus.prefix).stream('fixture.happened');
    await bus.publish(a);
    await redis.xadd(stream, '*', 'event', '{not json');
    await bus.publish(b);
    const handlers = { 'fixture.happened': recording(order, 'unreadable') };
    const subscription = startConsumer(bus, {
      name: 'unreadable',
      runner: runner(),
      processedEvents,
      logger,
      handlers,
    });
    const store = new DeadLetterStore(redis, bus.prefix);
    try {
      await eventually(async () => (await store.list('unreadable')).length === 1 && order.length === 2);
      await eventually(async () => (await pending(bus, 'unreadable', 'fixture.happened')) === 0);
      expect(order).toEqual([a.id, b.id]);
      expect((await store.list('unreadable'))[0]).toMatchObject({ reason: 'unreadable' });
    } finally {
      await subscription.stop();
    }
  });

  it('applies a read mixing types, some with applyMany and some not, each once and in stream order', async () => {
    const bus = newBus('mixed');
    const order: string[] = [];
    const runs: number[] = [];
    const withMany = recording(order, 'mixed');
    withMany.many = async (events, context) => {
      runs.push(events.length);
      for (const e of events) await recording(order, 'mixed')(e, context);
    };
    const a = [event('fixture.many'), event('fixture.many'), event('fixture.many')];
    const b = [event('fixture.single'), event('fixture.single')];
    for (const e of [a[0]!, b[0]!, a[1]!, b[1]!, a[2]!]) await bus.publish(e);
    const subscription = startConsumer(bus, {
      name: 'mixed',
      runner: runner(),
      processedEvents,
      logger,
      handlers: { 'fixture.many': withMany, 'fixture.single': recording(order, 'mixed') },
    });
    try {
      await eventually(() => order.length === 5);
      // One stream after the other (the order of the handlers' types): a type's run goes to applyMany at once.
      expect(order).toEqual([...a, ...b].map((e) => e.id));
      expect(runs).toEqual([3]);
      for (const e of [...a, ...b]) expect(await countApplied(e.id)).toBe(1);
    } finally {
      await subscription.stop();
    }
  });

  it('applies once a read committed by a consumer that died before its XACK, once claimed', async () => {
    const bus = newBus('died', { claimIdleMs: 300 });
    const order: string[] = [];
    const events = [1, 2, 3].map(() => event('fixture.happened'));
    for (const e of events) await bus.publish(e);
    const stream = eventKeys(bus.prefix).stream('fixture.happened');
    await redis.xgroup('CREATE', stream, 'died', '0', 'MKSTREAM');
    // The dead consumer read them and committed them as one batch, then died before acknowledging.
    await redis.xreadgroup('GROUP', 'died', 'dead-one', 'COUNT', '10', 'STREAMS', stream, '>');
    const handlers = { 'fixture.happened': recording(order, 'died') };
    const dying = createIdempotentHandler({ name: 'died', runner: runner(), processedEvents, logger, handlers });
    await Promise.all(events.map((e) => dying(e)));
    expect(order).toHaveLength(3);
    expect(await pending(bus, 'died', 'fixture.happened')).toBe(3);
    const subscription = startConsumer(bus, { name: 'died', runner: runner(), processedEvents, logger, handlers });
    try {
      await eventually(async () => (await pending(bus, 'died', 'fixture.happened')) === 0);
      expect(order).toHaveLength(3);
      for (const e of events) expect(await countApplied(e.id)).toBe(1);
    } finally {
      await subscription.stop();
    }
  });

  it('applies an event whose id is not written in lower case, alone and in a batch, once', async () => {
    const order: string[] = [];
    const apply = createIdempotentHandler({
      name: uniqueName('case'),
      runner: runner(),
      processedEvents,
      logger,
      handlers: { 'fixture.happened': recording(order, 'case') },
    });
    const alone = event('fixture.happened', {}, crypto.randomUUID().toUpperCase());
    await apply(alone);
    expect(await countApplied(alone.id)).toBe(1);
    // In one batch: an upper-case id, a braced one, and the same event again in lower case.
    const upper = event('fixture.happened', {}, crypto.randomUUID().toUpperCase());
    const braced = event('fixture.happened', {}, `{${crypto.randomUUID()}}`);
    const again = { ...upper, id: upper.id.toLowerCase() };
    await Promise.all([apply(upper), apply(braced), apply(again)]);
    expect(await countApplied(upper.id)).toBe(1);
    expect(await countApplied(braced.id.slice(1, -1))).toBe(1);
    expect(order).toHaveLength(3);
  });

  it('keeps the events behind a transient failure unapplied, in order, while the pause outlasts claimIdleMs', async () => {
    const bus = newBus('pause', { claimIdleMs: 300 });
    const order: string[] = [];
    const events = [1, 2, 3, 4, 5].map(() => event('fixture.happened'));
    // Seven transient failures of the third: its back-off (50 ms, doubling) outlasts claimIdleMs after the fourth.
    let failuresLeft = 7;
    const handler: DomainEventHandler = async (e, context) => {
      if (e.id === events[2]!.id && failuresLeft-- > 0) throw new AppError(ErrorCode.UNAVAILABLE, 'upstream away');
      await recording(order, 'pause')(e, context);
    };
    for (const e of events) await bus.publish(e);
    const subscription = startConsumer(bus, {
      name: 'pause',
      runner: runner(),
      processedEvents,
      logger,
      handlers: { 'fixture.happened': handler },
    });
    try {
      await eventually(() => order.length === 5, 20_000);
      expect(failuresLeft).toBeLessThan(0);
      expect(order).toEqual(events.map((e) => e.id));
      for (const e of events) expect(await countApplied(e.id)).toBe(1);
    } finally {
      await subscription.stop();
    }
  }, 30_000);

  it('applies a batch once when another consumer of the group claims it while the first still applies it', async () => {
    const prefix = `test:${uniqueName('race')}`;
    const first = newBus('race', { claimIdleMs: 300, prefix });
    const second = newBus('race', { claimIdleMs: 300, prefix });
    const order: string[] = [];
    const events = [1, 2, 3, 4, 5].map(() => event('fixture.happened'));
    for (const e of events) await first.publish(e);
    let inside = false;
    const slow: DomainEventHandler = async (e, context) => {
      inside = true;
      // Longer than claimIdleMs: the entries look abandoned to the other consumer.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await recording(order, 'race')(e, context);
    };
    const a = startConsumer(first, {
      name: 'race',
      runner: runner(),
      processedEvents,
      logger,
      handlers: { 'fixture.happened': slow },
    });
    await eventually(() => inside);
    const apply = createIdempotentHandler({
      name: 'race',
      runner: runner(),
      processedEvents,
      logger,
      handlers: { 'fixture.happened': recording(order, 'race') },
    });
    const claimed: string[] = [];
    const b = second.subscribe({
      group: 'race',
      types: ['fixture.happened'],
      handler: async (e) => {
        claimed.push(e.id);
        await apply(e);
      },
    });
    try {
      await eventually(
        async () => (await pending(first, 'race', 'fixture.happened')) === 0 && order.length >= 5,
        20_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      // The other consumer did take them over (XAUTOCLAIM) while the first still held them.
      expect(claimed.length).toBeGreaterThan(0);
      expect([...order].sort()).toEqual(events.map((e) => e.id).sort());
      for (const e of events) expect(await countApplied(e.id)).toBe(1);
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 30_000);
});

it('skips without real Postgres and Redis', () => {
  expect(true).toBe(true);
});

import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createIdempotentHandler,
  startConsumer,
  type DomainEventHandler,
  type EventContext,
} from '../src/events/consumer';
import { createLogger } from '../src/logger';
import { MemoryEventBus } from '../src/events/memory-bus';
import { Outbox, OutboxRelay } from '../src/events/outbox';
import { TransactionRunner } from '../src/events/unit-of-work';
import { RedisStreamBus } from '../src/events/redis-bus';
import type { DomainEvent, EventBus } from '../src/events/types';
import {
  createTestBus,
  eventually,
  itConcurrent,
  TcpProxy,
  testEnv,
  testEvent,
  testLogger,
  uniqueName,
  type TestDatabase,
} from '../src/testing';
import { createFixtureDatabase } from './fixtures/setup';
import { applied, outbox as outboxTable, processedEvents } from './fixtures/schema';

const logger = testLogger();
const outbox = new Outbox(outboxTable, 'fixture');
const runner = () => new TransactionRunner(database.handle.db, outbox, undefined, logger);

let database: TestDatabase;
beforeAll(async () => {
  database = await createFixtureDatabase('events');
});
afterAll(() => database.cleanup());

async function countApplied(eventId: string): Promise<number> {
  const rows = await database.handle.db.select().from(applied).where(eq(applied.eventId, eventId));
  return rows.length;
}

async function writeEvent(note: string): Promise<DomainEvent> {
  return database.handle.db.transaction(async (tx) => {
    await tx.insert(applied).values({ eventId: '00000000-0000-4000-8000-000000000000', note: `state change ${note}` });
    return outbox.add(tx, 'fixture.happened', { note });
  });
}

function consumerOn(bus: EventBus, name = 'fixture-consumer') {
  return startConsumer(bus, {
    name,
    runner: runner(),
    processedEvents,
    logger,
    handlers: {
      'fixture.happened': async (event, { tx }) => {
        await tx.insert(applied).values({ eventId: event.id, note: name });
      },
    },
  });
}

describe('outbox, relay and consumer', () => {
  it('delivers an event committed with a state change to another service, applied once', async () => {
    const bus = createTestBus('outbox-flow');
    const subscription = consumerOn(bus);
    const relay = new OutboxRelay({
      db: database.handle.db,
      table: outboxTable,
      bus,
      source: 'fixture',
      logger,
      pollIntervalMs: 50,
    });
    relay.start();
    try {
      const event = await writeEvent('flow');
      await eventually(async () => (await countApplied(event.id)) === 1);
      // The relay marks the row published after the stream took it, so the consumer may apply it first.
      const publishedAt = async () =>
        (await database.handle.db.select().from(outboxTable).where(eq(outboxTable.id, event.id)))[0]?.publishedAt;
      await eventually(async () => (await publishedAt()) instanceof Date);
      expect(await countApplied(event.id)).toBe(1);
    } finally {
      await relay.stop();
      await subscription.stop();
      await bus.close();
    }
  });

  it('writes no event when the transaction that recorded it rolls back', async () => {
    let eventId = '';
    await expect(
      database.handle.db.transaction(async (tx) => {
        eventId = (await outbox.add(tx, 'fixture.happened', { note: 'rolled back' })).id;
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const rows = await database.handle.db.select().from(outboxTable).where(eq(outboxTable.id, eventId));
    expect(rows).toHaveLength(0);
  });

  it('records an event within the statement of the change it belongs to (emitWith), and none when it fails', async () => {
    const kicks: number[] = [];
    const kicked = new TransactionRunner(database.handle.db, outbox, { kick: () => kicks.push(1) }, logger);
    const note = `with its change ${crypto.randomUUID()}`;
    const write =
      (tx: Parameters<Parameters<typeof database.handle.db.transaction>[0]>[0], amount: number) =>
      (insert: ReturnType<typeof sql>) =>
        tx.execute(sql`with e as (${insert} returning id)
          insert into ${applied} (event_id, note, amount) select e.id, ${note}, ${amount} from e`);
    await kicked.run((uow) => uow.emitWith('fixture.happened', { note }, write(uow.tx, 1)));
    const [row] = await database.handle.db.select().from(applied).where(eq(applied.note, note));
    const [event] = await database.handle.db.select().from(outboxTable).where(eq(outboxTable.id, row!.eventId));
    expect(event).toMatchObject({ type: 'fixture.happened', payload: { note } });
    expect(kicks).toHaveLength(1);

    // The statement fails (amount is not null): neither the change nor the event, and nothing to publish.
    await expect(
      kicked.run((uow) => uow.emitWith('fixture.happened', { note: `${note} failed` }, write(uow.tx, null!))),
    ).rejects.toThrow();
    const events = await database.handle.db.select().from(outboxTable);
    expect(events.filter((e) => (e.payload as { note?: string }).note === `${note} failed`)).toEqual([]);
    expect(await database.handle.db.select().from(applied).where(eq(applied.note, note))).toHaveLength(1);
    expect(kicks).toHaveLength(1);
  });

  itConcurrent('applies a redelivered event only once', async () => {
    const handle = createIdempotentHandler({
      name: 'redelivery',
      runner: runner(),
      processedEvents,
      logger,
      handlers: {
        'fixture.happened': async (event, { tx }) => {
          await tx.insert(applied).values({ eventId: event.id, note: 'redelivery' });
        },
      },
    });
    const event = testEvent('fixture.happened', {}, 'fixture');
    await Promise.all([handle(event), handle(event), handle(structuredClone(event))]);
    await handle(event);
    expect(await countApplied(event.id)).toBe(1);
  });

  it("refuses a handler's commitWith: the events of a batch share their transaction, which none may end", async () => {
    const handle = createIdempotentHandler({
      name: 'ender',
      runner: runner(),
      processedEvents,
      logger,
      handlers: {
        'fixture.happened': async (event, uow) => {
          await uow.tx.insert(applied).values({ eventId: event.id, note: 'before its end' });
          await uow.commitWith('fixture.echoed', {}, (insert) => uow.tx.execute(sql`${insert} returning id`));
        },
      },
    });
    const event = testEvent('fixture.happened', {}, 'fixture');
    await expect(handle(event)).rejects.toThrow('An event handler cannot end its transaction (commitWith)');
    expect(await countApplied(event.id)).toBe(0);
    const echoed = await database.handle.db.select().from(outboxTable).where(eq(outboxTable.type, 'fixture.echoed'));
    expect(echoed).toEqual([]);
  });

  it('records nothing as processed when the handler fails, so a retry applies it', async () => {
    let attempts = 0;
    const handle = createIdempotentHandler({
      name: 'flaky',
      runner: runner(),
      processedEvents,
      logger,
      handlers: {
        'fixture.happened': async (event, { tx }) => {
          attempts++;
          await tx.insert(applied).values({ eventId: event.id, note: 'flaky' });
          if (attempts === 1) throw new Error('database hiccup');
        },
      },
    });
    const event = testEvent('fixture.happened', {}, 'fixture');
    await expect(handle(event)).rejects.toThrow('database hiccup');
    expect(await countApplied(event.id)).toBe(0);
    await handle(event);
    expect(await countApplied(event.id)).toBe(1);
  });

  itConcurrent('applies events handed over together in one transaction, in order, and each once', async () => {
    const seen: { id: string; txid: string }[] = [];
    let many = 0;
    const record = async (event: DomainEvent, tx: EventContext['tx']) => {
      const result = (await tx.execute(sql`select txid_current()::text as txid`)) as unknown as {
        rows: { txid: string }[];
      };
      const [row] = result.rows;
      seen.push({ id: event.id, txid: row!.txid });
      await tx.insert(applied).values({ eventId: event.id, note: 'batch' });
    };
    const handler: DomainEventHandler = async (event, { tx }) => record(event, tx);
    handler.many = async (events, { tx }) => {
      many++;
      for (const event of events) await record(event, tx);
    };
    const handle = createIdempotentHandler({
      name: 'batch',
      runner: runner(),
      processedEvents,
      logger,
      handlers: { 'fixture.happened': handler, 'fixture.other': async (event, { tx }) => record(event, tx) },
    });
    const events = ['fixture.happened', 'fixture.happened', 'fixture.other', 'fixture.happened'].map(
      (type): DomainEvent => ({
        id: crypto.randomUUID(),
        type,
        source: 'fixture',
        occurredAt: new Date().toISOString(),
        payload: {},
      }),
    );
    await Promise.all([...events, events[0]!].map((event) => handle(event)));
    expect(seen.map((s) => s.id)).toEqual(events.map((e) => e.id));
    expect(new Set(seen.map((s) => s.txid)).size).toBe(1);
    // The first two (one handler, one after the other) went to it together; the last alone.
    expect(many).toBe(1);
    for (const event of events) expect(await countApplied(event.id)).toBe(1);
    // Delivered again (the bus lost the acknowledgements): skipped.
    await Promise.all(events.map((event) => handle(event)));
    expect(seen).toHaveLength(events.length);
  });

  itConcurrent('refuses only the event that fails in a batch; the others are applied once', async () => {
    const poison = crypto.randomUUID();
    const handle = createIdempotentHandler({
      name: 'poisoned-batch',
      runner: runner(),
      processedEvents,
      logger,
      handlers: {
        'fixture.happened': async (event, { tx }) => {
          await tx.insert(applied).values({ eventId: event.id, note: 'poisoned-batch' });
          if (event.id === poison) throw new Error('cannot apply this one');
        },
      },
    });
    const events = [crypto.randomUUID(), poison, crypto.randomUUID()].map((id): DomainEvent => ({
      id,
      type: 'fixture.happened',
      source: 'fixture',
      occurredAt: new Date().toISOString(),
      payload: {},
    }));
    const outcomes = await Promise.allSettled(events.map((event) => handle(event)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await countApplied(events[0]!.id)).toBe(1);
    expect(await countApplied(poison)).toBe(0);
    expect(await countApplied(events[2]!.id)).toBe(1);
  });

  itConcurrent('lets two relays drain one outbox without publishing an event twice', async () => {
    const published: string[] = [];
    const bus: EventBus = {
      kind: 'memory',
      publish: async (event) => {
        published.push(event.id);
        await new Promise((resolve) => setTimeout(resolve, 1));
      },
      subscribe: () => ({ stop: async () => undefined }),
      ping: async () => undefined,
      close: async () => undefined,
    };
    await database.handle.db.update(outboxTable).set({ publishedAt: new Date() });
    const ids = await database.handle.db.transaction(async (tx) => {
      const events = [];
      for (let i = 0; i < 120; i++) events.push(await outbox.add(tx, 'fixture.batch', { i }));
      return events.map((e) => e.id);
    });
    const relays = [1, 2].map(
      () =>
        new OutboxRelay({ db: database.handle.db, table: outboxTable, bus, source: 'fixture', logger, batchSize: 10 }),
    );
    await Promise.all(relays.map((relay) => relay.drain()));
    expect(new Set(published).size).toBe(published.length);
    expect(published.sort()).toEqual([...ids].sort());
  });

  it('delivers through the in-memory bus of embedded mode', async () => {
    const bus = new MemoryEventBus(logger);
    const subscription = consumerOn(bus, 'memory-consumer');
    const relay = new OutboxRelay({ db: database.handle.db, table: outboxTable, bus, source: 'fixture', logger });
    const event = await writeEvent('memory');
    await relay.drain();
    expect(await countApplied(event.id)).toBe(1);
    await subscription.stop();
  });
});

describe.runIf(testEnv.redisUrl)('with Redis Streams', () => {
  const redisUrl = new URL(testEnv.redisUrl ?? 'redis://127.0.0.1:6379');

  /**
   * A relay publishing through a proxy in front of Redis (the test cuts and restores it) and a consumer
   * reading Redis directly; `close()` stops them all.
   */
  async function relayBehindProxy(
    label: string,
    relayOptions: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {},
  ) {
    const proxy = new TcpProxy(redisUrl.hostname, Number(redisUrl.port || 6379));
    const port = await proxy.start();
    const prefix = `test:${uniqueName(label)}`;
    const publishingBus = new RedisStreamBus({ url: `redis://127.0.0.1:${port}`, logger, prefix });
    const consumingBus = new RedisStreamBus({ url: testEnv.redisUrl!, logger, prefix, blockMs: 200 });
    const subscription = consumerOn(consumingBus, `${label}-consumer`);
    const relay = new OutboxRelay({
      db: database.handle.db,
      table: outboxTable,
      bus: publishingBus,
      source: 'fixture',
      logger,
      pollIntervalMs: 50,
      ...relayOptions,
    });
    return {
      proxy,
      port,
      publishingBus,
      relay,
      async close() {
        await relay.stop();
        await subscription.stop();
        await publishingBus.close();
        await consumingBus.close();
        await proxy.stop();
      },
    };
  }

  it('delivers an event written while Redis is down once Redis is back', async () => {
    const { proxy, port, relay, close } = await relayBehindProxy('redis-down');
    relay.start();
    try {
      await proxy.stop();
      const event = await writeEvent('while redis is down');
      // The relay has tried to publish it and failed: the row stays unpublished and nothing is applied.
      const pending = await eventually(async () => {
        const [row] = await database.handle.db.select().from(outboxTable).where(eq(outboxTable.id, event.id));
        return row && row.attempts > 0 ? row : undefined;
      });
      expect(pending.publishedAt).toBeNull();
      expect(await countApplied(event.id)).toBe(0);

      await proxy.start(port);
      await eventually(async () => (await countApplied(event.id)) === 1, 20_000);
    } finally {
      await close();
    }
  });

  it('publishes as soon as Redis is back instead of waiting out its back-off', async () => {
    const relayLog: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        relayLog.push(String(chunk));
        done();
      },
    });
    // After a failure this relay would wait two minutes: only the reconnect can make it publish in time.
    const { proxy, port, publishingBus, relay, close } = await relayBehindProxy('redis-back', {
      logger: createLogger('relay', { level: 'warn', destination }),
      retryDelayMs: () => 120_000,
    });
    await eventually(() => publishingBus.ping().then(() => true));
    relay.start();
    try {
      await proxy.stop();
      const event = await writeEvent('while redis is away');
      await eventually(() => relayLog.some((line) => line.includes('outbox relay could not publish')));
      await proxy.start(port);
      await eventually(async () => (await countApplied(event.id)) === 1, 15_000);
    } finally {
      await close();
    }
  });

  // A child process to start, two waits of up to 20 s: more than the default 30 s when the machine is slow.
  it(
    'redelivers to another consumer what a crashed consumer did not acknowledge, and applies it once',
    { timeout: 75_000 },
    async () => {
      const prefix = `test:${uniqueName('crash')}`;
      const bus = new RedisStreamBus({ url: testEnv.redisUrl!, logger, prefix, blockMs: 200, claimIdleMs: 1000 });
      const event = await writeEvent('crash');
      await database.handle.db.delete(outboxTable);

      const child = spawn(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL('./fixtures/crashing-consumer.ts', import.meta.url))],
        {
          env: { ...process.env, DATABASE_URL: database.url, REDIS_URL: testEnv.redisUrl, STREAM_PREFIX: prefix },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      await eventually(() => output.includes('ready'), 20_000);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await bus.publish(event);
      expect(await exited).toBe(1);
      expect(output).toContain('applied');
      expect(await countApplied(event.id)).toBe(1);

      const redis = new Redis(testEnv.redisUrl!);
      const pending = (await redis.xpending(bus.streamKey('fixture.happened'), 'fixture-consumer')) as [
        number,
        ...unknown[],
      ];
      expect(pending[0]).toBe(1);

      let deliveries = 0;
      const subscription = bus.subscribe({
        group: 'fixture-consumer',
        types: ['fixture.happened'],
        handler: async (delivered) => {
          deliveries++;
          await createIdempotentHandler({
            name: 'fixture-consumer',
            runner: runner(),
            processedEvents,
            logger,
            handlers: {
              'fixture.happened': async (e, { tx }) => {
                await tx.insert(applied).values({ eventId: e.id, note: 'second consumer' });
              },
            },
          })(delivered);
        },
      });
      try {
        await eventually(async () => {
          const [count] = (await redis.xpending(bus.streamKey('fixture.happened'), 'fixture-consumer')) as [number];
          return count === 0;
        }, 20_000);
        expect(deliveries).toBe(1);
        expect(await countApplied(event.id)).toBe(1);
      } finally {
        await subscription.stop();
        await bus.close();
        redis.disconnect();
      }
    },
  );

  it('recreates its consumer group when Redis lost it and keeps consuming', async () => {
    const prefix = `test:${uniqueName('nogroup')}`;
    const bus = new RedisStreamBus({ url: testEnv.redisUrl!, logger, prefix, blockMs: 100 });
    const seen: string[] = [];
    const subscription = bus.subscribe({
      group: 'g',
      types: ['fixture.lost'],
      handler: async (e) => void seen.push(e.id),
    });
    const redis = new Redis(testEnv.redisUrl!);
    try {
      await eventually(async () => (await redis.exists(bus.streamKey('fixture.lost'))) === 1);
      await redis.del(bus.streamKey('fixture.lost'));
      const event = testEvent('fixture.lost', {}, 'fixture');
      await eventually(
        async () => {
          if (!seen.includes(event.id)) await bus.publish(event);
          return seen.includes(event.id);
        },
        15_000,
        500,
      );
    } finally {
      await subscription.stop();
      await bus.close();
      redis.disconnect();
    }
  });
});

import { eq, isNull } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsumer } from '../src/events/consumer';
import { Outbox, OutboxRelay, type OutboxRelayOptions } from '../src/events/outbox';
import { RedisStreamBus } from '../src/events/redis-bus';
import type { DomainEvent, EventSubscription } from '../src/events/types';
import { TransactionRunner } from '../src/events/unit-of-work';
import { eventually, startOwnRedis, testEnv, testLogger, type OwnServer, type TestDatabase } from '../src/testing';
import { createFixtureDatabase } from './fixtures/setup';
import { applied, outbox as outboxTable, processedEvents } from './fixtures/schema';

/**
 * A Redis that restarts from an older state (here: its last snapshot; in production, an AOF whose
 * last second was not yet on disk, or a failover to a replica that lagged) has lost events the
 * outbox marked published. The relay notices and publishes them again; consumers apply them once.
 */
describe.runIf(testEnv.postgresUrl)('outbox relay after Redis lost events', () => {
  const logger = testLogger();
  const outbox = new Outbox(outboxTable, 'fixture');
  let database: TestDatabase;
  let redis: OwnServer;

  beforeAll(async () => {
    database = await createFixtureDatabase('redis-restart');
    redis = await startOwnRedis();
  });
  afterAll(async () => {
    await redis?.destroy();
    await database?.cleanup();
  });

  const writeEvent = (note: string): Promise<DomainEvent> =>
    database.handle.db.transaction((tx) => outbox.add(tx, 'fixture.happened', { note }));
  const appliedBy = async (consumer: string, eventId: string) =>
    (await database.handle.db.select().from(applied).where(eq(applied.eventId, eventId))).filter(
      (row) => row.note === consumer,
    ).length;

  /** The fixture producer's relay on `bus`. */
  const relayOn = (bus: RedisStreamBus, more: Partial<OutboxRelayOptions> = {}) =>
    new OutboxRelay({ db: database.handle.db, table: outboxTable, bus, source: 'fixture', logger, ...more });

  function consume(bus: RedisStreamBus, name: string): EventSubscription {
    return startConsumer(bus, {
      name,
      runner: new TransactionRunner(database.handle.db, outbox, undefined, logger),
      processedEvents,
      logger,
      handlers: {
        'fixture.happened': async (event, { tx }) => {
          await tx.insert(applied).values({ eventId: event.id, note: name });
        },
      },
    });
  }

  it(
    'publishes again what a restarted Redis lost, and each consumer applies every event once',
    { timeout: 60_000 },
    async () => {
      const prefix = 'restart';
      const publishing = new RedisStreamBus({ url: redis.url, logger, prefix });
      const consuming = new RedisStreamBus({ url: redis.url, logger, prefix, blockMs: 100 });
      const relay = relayOn(publishing, { pollIntervalMs: 50 });
      const steady = consume(consuming, 'steady');
      let late = consume(consuming, 'late');
      relay.start();
      try {
        const before = [await writeEvent('1'), await writeEvent('2')];
        for (const event of before)
          await eventually(
            async () => (await appliedBy('late', event.id)) === 1 && (await appliedBy('steady', event.id)) === 1,
          );

        // Redis snapshots here; the late consumer goes away; three more events reach Redis and the steady consumer.
        const admin = new Redis(redis.url);
        await admin.save();
        admin.disconnect();
        await late.stop();
        const after = [await writeEvent('3'), await writeEvent('4'), await writeEvent('5')];
        for (const event of after) await eventually(async () => (await appliedBy('steady', event.id)) === 1);
        // The relay marks rows published after the stream took them, so a consumer may apply one first.
        await eventually(async () =>
          (await database.handle.db.select().from(outboxTable)).every((row) => row.publishedAt !== null),
        );
        const published = await database.handle.db.select().from(outboxTable);

        // Redis dies and comes back from the snapshot: the three events are gone from its streams.
        await redis.kill();
        await redis.start();
        late = consume(consuming, 'late');

        for (const event of after) await eventually(async () => (await appliedBy('late', event.id)) === 1, 20_000);
        // Every event applied exactly once by each consumer, the republished ones included.
        for (const event of [...before, ...after]) {
          expect(await appliedBy('steady', event.id)).toBe(1);
          expect(await appliedBy('late', event.id)).toBe(1);
        }
        // Only the lost events went out again: nothing else is due, and Redis holds the outbox's position.
        expect(await publishing.publishedPosition('fixture')).toBe(Math.max(...published.map((row) => row.seq)));
      } finally {
        await relay.stop();
        await steady.stop();
        await late.stop();
        await publishing.close();
        await consuming.close();
      }
    },
  );

  it(
    'publishes again what Redis lost with its connections open (a FLUSHALL), noticed at the next publication',
    { timeout: 60_000 },
    async () => {
      const prefix = 'flush';
      const publishing = new RedisStreamBus({ url: redis.url, logger, prefix });
      const consuming = new RedisStreamBus({ url: redis.url, logger, prefix, blockMs: 100 });
      // A short lease: the events lost are older than the lease before the publication that notices the loss, so
      // only a comparison with the position Redis fell back to (none) publishes them again.
      const relay = relayOn(publishing, { pollIntervalMs: 50, leaseMs: 200 });
      let subscription = consume(consuming, 'flushed');
      relay.start();
      const admin = new Redis(redis.url);
      try {
        const first = await writeEvent('first');
        await eventually(async () => (await appliedBy('flushed', first.id)) === 1, 15_000);
        // The consumer's service is down (a deploy) while two events are published.
        await subscription.stop();
        const missed = [await writeEvent('missed 1'), await writeEvent('missed 2')];
        await eventually(async () => {
          const rows = await database.handle.db.select().from(outboxTable).where(isNull(outboxTable.publishedAt));
          return rows.length === 0;
        }, 15_000);
        await new Promise((resolve) => setTimeout(resolve, 500));
        // Redis loses its data; no connection is closed, so no reconnect tells the relay.
        await admin.flushall();
        subscription = consume(consuming, 'flushed');
        const later = await writeEvent('after the loss');
        await eventually(async () => (await appliedBy('flushed', later.id)) === 1, 15_000);
        // The publication after the loss found the producer's position gone: the relay published the rest again.
        await eventually(
          async () => (await Promise.all(missed.map((e) => appliedBy('flushed', e.id)))).every((n) => n === 1),
          15_000,
        );
      } finally {
        admin.disconnect();
        await relay.stop();
        await subscription.stop();
        await publishing.close();
        await consuming.close();
      }
    },
  );

  it('keeps the position Redis fell back to until the relay has compared its outbox with it', async () => {
    const admin = new Redis(redis.url);
    const bus = new RedisStreamBus({ url: redis.url, logger, prefix: 'compare-fails' });
    let failSelect = false;
    // The database does not answer the comparison's first query once.
    const db = new Proxy(database.handle.db, {
      get(target, property, receiver) {
        if (property === 'select' && failSelect) {
          failSelect = false;
          return () => {
            throw new Error('Connection terminated unexpectedly');
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const relay = relayOn(bus, { db, leaseMs: 200 });
    try {
      await relay.drain();
      const lost = [await writeEvent('lost 1'), await writeEvent('lost 2')];
      await relay.drain();
      await new Promise((resolve) => setTimeout(resolve, 400));
      // Redis loses everything with its connection open; the next publication notices.
      await admin.flushall();
      await writeEvent('after the loss');
      await relay.drain();
      failSelect = true;
      await expect(relay.republishLost()).rejects.toThrow();
      // The next round compares with the position Redis fell back to (none), not the one raised since.
      await relay.republishLost();
      const due = await database.handle.db.select().from(outboxTable).where(isNull(outboxTable.publishedAt));
      expect(due.map((row) => row.id)).toEqual(expect.arrayContaining(lost.map((e) => e.id)));
    } finally {
      admin.disconnect();
      await bus.close();
    }
  });

  it('notices a loss at another instance of the producer publishing first, by what the outbox holds as published', async () => {
    const admin = new Redis(redis.url);
    const prefix = 'two-instances';
    const [busA, busB] = [
      new RedisStreamBus({ url: redis.url, logger, prefix }),
      new RedisStreamBus({ url: redis.url, logger, prefix }),
    ];
    const relay = (bus: RedisStreamBus) => relayOn(bus, { leaseMs: 200 });
    const [a, b] = [relay(busA), relay(busB)];
    const inStream = async (id: string) =>
      ((await admin.xrange(`${prefix}:events:fixture.happened`, '-', '+')) as [string, string[]][]).some(([, fields]) =>
        fields[1]!.includes(id),
      );
    try {
      await a.drain();
      // Instance A publishes two events; instance B has published nothing yet.
      const lost = [await writeEvent('by A 1'), await writeEvent('by A 2')];
      await a.drain();
      await new Promise((resolve) => setTimeout(resolve, 400));
      await admin.flushall();
      // B publishes first after the loss: its own bus wrote nothing, the outbox says A's two were published.
      await writeEvent('by B');
      await b.drain();
      await b.republishLost();
      await b.drain();
      expect(await Promise.all(lost.map((e) => inStream(e.id)))).toEqual([true, true]);
    } finally {
      admin.disconnect();
      await busA.close();
      await busB.close();
    }
  });

  it('republishes an event Redis lost although it kept a higher one, and nothing older than a lease before it', async () => {
    const bus = new RedisStreamBus({ url: redis.url, logger, prefix: 'out-of-order' });
    const relay = relayOn(bus);
    try {
      await database.handle.db.delete(outboxTable);
      for (const note of ['a', 'b', 'c', 'd', 'e']) await writeEvent(note);
      const rows = (await database.handle.db.select().from(outboxTable)).sort((x, y) => x.seq - y.seq);
      // Redis holds a, b (published an hour ago), d and e; c committed late and was written after e,
      // then lost: Redis's highest position is e's, the outbox's highest published seq too.
      const hourAgo = new Date(Date.now() - 3600_000);
      for (const [i, row] of rows.entries()) {
        if (row.payload && (row.payload as { note: string }).note !== 'c') {
          await bus.publish(
            {
              id: row.id,
              type: row.type,
              source: 'fixture',
              occurredAt: row.occurredAt.toISOString(),
              payload: row.payload,
            },
            { source: 'fixture', seq: row.seq },
          );
        }
        await database.handle.db
          .update(outboxTable)
          .set({ publishedAt: i < 2 ? hourAgo : new Date() })
          .where(eq(outboxTable.id, row.id));
      }
      expect(await bus.publishedPosition('fixture')).toBe(rows[4]!.seq);

      await relay.republishLost();
      const due = await database.handle.db.select().from(outboxTable).where(isNull(outboxTable.publishedAt));
      const notes = due.map((row) => (row.payload as { note: string }).note).sort();
      expect(notes).toContain('c');
      expect(notes).not.toContain('a');
      expect(notes).not.toContain('b');
    } finally {
      await bus.close();
    }
  });

  it('republishes only events that occurred within the retention, however recently they were last published', async () => {
    // An idle producer's relay republishes its last events at every start: were the bound its (moving) publication
    // time, those rows would outlive the consumers' 30-day record of having applied them and be applied again.
    const bus = new RedisStreamBus({ url: redis.url, logger, prefix: `bounded-${Date.now()}` });
    const relay = relayOn(bus);
    try {
      await database.handle.db.delete(outboxTable);
      const [old, recent] = [await writeEvent('eight days ago'), await writeEvent('six days ago')];
      const day = 24 * 3600_000;
      for (const [event, age] of [
        [old, 8 * day],
        [recent, 6 * day],
      ] as const)
        await database.handle.db
          .update(outboxTable)
          .set({ occurredAt: new Date(Date.now() - age), publishedAt: new Date(Date.now() - 60_000) })
          .where(eq(outboxTable.id, event.id));
      // This Redis never held them (a new, empty one): everything within the retention goes out again.
      await relay.republishLost();
      const due = await database.handle.db.select().from(outboxTable).where(isNull(outboxTable.publishedAt));
      expect(due.map((row) => row.id)).toEqual([recent.id]);
    } finally {
      await bus.close();
    }
  });
});

import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRetentionWorker, deleteExpired, type RetentionRule } from '../src/db/retention';
import { createIdempotentHandler } from '../src/events/consumer';
import { MemoryEventBus } from '../src/events/memory-bus';
import { createEventRuntime, PROCESSED_EVENTS_RETENTION_MS } from '../src/server/event-runtime';
import { eventually, itConcurrent, testLogger, type TestDatabase } from '../src/testing';
import { createFixtureDatabase } from './fixtures/setup';
import { applied, outbox, processedEvents } from './fixtures/schema';

const DAY = 24 * 3600_000;
const logger = testLogger();

let database: TestDatabase;
beforeAll(async () => {
  database = await createFixtureDatabase('retention');
});
afterAll(() => database.cleanup());

const db = () => database.handle.db;

/** Records event ids as processed by `consumer`, `ageMs` ago; their ids. */
async function processedAgo(consumer: string, ageMs: number, count: number, type = 'fixture.happened') {
  const ids = Array.from({ length: count }, () => randomUUID());
  const processedAt = new Date(Date.now() - ageMs);
  await db()
    .insert(processedEvents)
    .values(ids.map((eventId) => ({ consumer, eventId, type, processedAt })));
  return ids;
}

async function idsOf(consumer: string): Promise<string[]> {
  const rows = await db()
    .select({ id: processedEvents.eventId })
    .from(processedEvents)
    .where(eq(processedEvents.consumer, consumer));
  return rows.map((row) => row.id).sort();
}

describe('deleteExpired', () => {
  const rule = (keepMs: number, where?: RetentionRule['where']): RetentionRule => ({
    table: processedEvents,
    column: processedEvents.processedAt,
    keepMs,
    where,
  });

  it('deletes the rows past the rule, at most a batch per call, and keeps the others', async () => {
    const consumer = `batches-${randomUUID()}`;
    await processedAgo(consumer, 31 * DAY, 7);
    const kept = await processedAgo(consumer, 29 * DAY, 2);
    const where = () => eq(processedEvents.consumer, consumer);
    const counts = [];
    for (let i = 0; i < 4; i++) counts.push(await deleteExpired(db(), rule(30 * DAY, where), new Date(), 3));
    expect(counts).toEqual([3, 3, 1, 0]);
    expect(await idsOf(consumer)).toEqual(kept.sort());
  });

  it('leaves rows its condition excludes, however old', async () => {
    const consumer = `condition-${randomUUID()}`;
    const other = await processedAgo(consumer, 40 * DAY, 2, 'fixture.other');
    await processedAgo(consumer, 40 * DAY, 2);
    const where = () => sql`${processedEvents.consumer} = ${consumer} and ${processedEvents.type} = 'fixture.happened'`;
    expect(await deleteExpired(db(), rule(30 * DAY, where))).toBe(2);
    expect(await idsOf(consumer)).toEqual(other.sort());
  });
});

describe('createRetentionWorker', () => {
  const only = (consumer: string): RetentionRule => ({
    table: processedEvents,
    column: processedEvents.processedAt,
    keepMs: DAY,
    where: () => eq(processedEvents.consumer, consumer),
  });

  it('runs the next pass at once after a full batch, and a failing rule leaves the others their pass', async () => {
    const consumer = `worker-${randomUUID()}`;
    await processedAgo(consumer, 2 * DAY, 5);
    const kept = await processedAgo(consumer, DAY / 2, 1);
    const failing: RetentionRule = { ...only(consumer), where: () => sql`1 / 0 = 1` };
    const worker = createRetentionWorker({
      db: db(),
      rules: [failing, only(consumer)],
      logger,
      intervalMs: 3600_000,
      batch: 2,
    });
    await worker.worker.start();
    try {
      worker.kick();
      // Three passes of two rows each, one after another, long before the hourly interval.
      await eventually(async () => JSON.stringify(await idsOf(consumer)) === JSON.stringify(kept), 5000);
    } finally {
      await worker.worker.stop();
    }
  });

  itConcurrent(
    'skips rows another transaction holds instead of waiting for them, and deletes them on a later pass',
    async () => {
      const consumer = `locked-${randomUUID()}`;
      const [held, ...free] = await processedAgo(consumer, 2 * DAY, 3);
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holder = db().transaction(async (tx) => {
        await tx
          .select()
          .from(processedEvents)
          .where(and(eq(processedEvents.consumer, consumer), eq(processedEvents.eventId, held!)))
          .for('update');
        locked();
        await released;
      });
      try {
        await isLocked;
        // Would wait for the lock (and time out) without SKIP LOCKED.
        await db().transaction(async (tx) => {
          await tx.execute(sql`set local lock_timeout = '2s'`);
          expect(await deleteExpired(tx, only(consumer))).toBe(2);
        });
        expect(await idsOf(consumer)).toEqual([held]);
      } finally {
        release();
        await holder;
      }
      expect(await deleteExpired(db(), only(consumer))).toBe(1);
      expect(free).toHaveLength(2);
    },
  );

  it('deletes each row once when instances run side by side', async () => {
    const consumer = `side-by-side-${randomUUID()}`;
    await processedAgo(consumer, 2 * DAY, 40);
    const counts = await Promise.all(
      Array.from({ length: 4 }, async () => {
        let total = 0;
        for (let deleted = -1; deleted !== 0; total += deleted)
          deleted = await deleteExpired(db(), only(consumer), new Date(), 7);
        return total;
      }),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
    expect(await idsOf(consumer)).toEqual([]);
  });
});

describe('the event runtime’s retention worker', () => {
  it('deletes published outbox rows past seven days and event ids past 30, and skips a recent event again', async () => {
    const consumer = `runtime-${randomUUID()}`;
    await processedAgo(consumer, PROCESSED_EVENTS_RETENTION_MS + DAY, 3);
    const [recent] = await processedAgo(consumer, PROCESSED_EVENTS_RETENTION_MS - DAY, 1);
    const outboxRow = (publishedAgo: number | null) => ({
      id: randomUUID(),
      type: 'fixture.happened',
      payload: {},
      occurredAt: new Date(Date.now() - 10 * DAY),
      publishedAt: publishedAgo === null ? null : new Date(Date.now() - publishedAgo),
    });
    const [stale, fresh, unpublished] = [outboxRow(8 * DAY), outboxRow(6 * DAY), outboxRow(null)];
    await db().insert(outbox).values([stale!, fresh!, unpublished!]);

    const bus = new MemoryEventBus(logger);
    const handler = async (_event: unknown, { tx }: { tx: typeof database.handle.db }) => {
      await tx.insert(applied).values({ eventId: recent!, note: 'applied again' });
    };
    const runtime = createEventRuntime(
      consumer,
      { db: database.handle, bus, logger },
      { outbox, processedEvents },
      { 'fixture.happened': handler },
      { retentionIntervalMs: 50 },
    );
    const worker = runtime.workers.find((w) => w.name === 'retention')!;
    await worker.start();
    try {
      await eventually(async () => {
        expect(await idsOf(consumer)).toEqual([recent]);
        const left = await db()
          .select({ id: outbox.id })
          .from(outbox)
          .where(sql`${outbox.id} in (${stale!.id}, ${fresh!.id}, ${unpublished!.id})`);
        expect(left.map((row) => row.id).sort()).toEqual([fresh!.id, unpublished!.id].sort());
        return true;
      });
    } finally {
      await worker.stop();
    }

    // The id kept within the retention still makes a redelivery a no-op.
    const apply = createIdempotentHandler({
      name: consumer,
      runner: runtime.runner,
      processedEvents,
      logger,
      handlers: { 'fixture.happened': handler },
    });
    const event = { id: recent!, type: 'fixture.happened', source: 'fixture', occurredAt: '', payload: {} };
    await apply(event);
    expect(await db().select().from(applied).where(eq(applied.eventId, recent!))).toEqual([]);
  });
});

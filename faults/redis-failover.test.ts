import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsumer } from '../packages/shared/src/events/consumer';
import { Outbox, OutboxRelay } from '../packages/shared/src/events/outbox';
import { RedisStreamBus } from '../packages/shared/src/events/redis-bus';
import type { DomainEvent } from '../packages/shared/src/events/types';
import { TransactionRunner } from '../packages/shared/src/events/unit-of-work';
import { Redis } from 'ioredis';
import { watchConnection } from '@busline/shared';
import { testEnv, testLogger, type TestDatabase } from '@busline/shared/testing';
import { createFixtureDatabase } from '../packages/shared/test/fixtures/setup';
import { applied, outbox as outboxTable, processedEvents } from '../packages/shared/test/fixtures/schema';
import { startReplicatedRedis, type ReplicatedRedis } from './replicated-redis';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * docs/reliability.md: events survive Redis, a failover to a replica included. A planned failover (a managed Redis's
 * maintenance, a Sentinel or operator switchover) promotes the replica and demotes the old primary, which keeps
 * running as the new primary's replica. The address the services were given now leads new connections to the new
 * primary, but connections already open stay on the old node, where every write is refused with READONLY: without
 * reconnecting on it (reconnectOnReadOnly), the relay's XADD and the consumers' XREADGROUP failed there for good, and
 * no event was delivered again until the processes restarted, while /readyz (a PING a replica answers) said all was
 * well.
 */
describe.runIf(testEnv.postgresUrl)('events across a planned Redis failover', () => {
  const logger = testLogger();
  const outbox = new Outbox(outboxTable, 'fixture');
  let database: TestDatabase;
  let redis: ReplicatedRedis;

  beforeAll(async () => {
    database = await createFixtureDatabase('faults_failover');
    redis = await startReplicatedRedis();
  });
  afterAll(async () => {
    await redis?.destroy();
    await database?.cleanup();
  });

  const writeEvent = (note: string): Promise<DomainEvent> =>
    database.handle.db.transaction((tx) => outbox.add(tx, 'fixture.happened', { note }));
  const appliedCount = async (eventId: string) =>
    (await database.handle.db.select().from(applied).where(eq(applied.eventId, eventId))).length;
  async function appliedWithin(eventId: string, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if ((await appliedCount(eventId)) > 0) return true;
      await sleep(100);
    }
    return false;
  }

  it(
    'delivers an event written after the primary was demoted to a replica (the endpoint now leads to the new primary)',
    { timeout: 90_000 },
    async () => {
      const url = redis.endpoint.url;
      const publishing = new RedisStreamBus({ url, logger, prefix: 'failover' });
      const consuming = new RedisStreamBus({ url, logger, prefix: 'failover', blockMs: 100 });
      const relay = new OutboxRelay({
        db: database.handle.db,
        table: outboxTable,
        bus: publishing,
        source: 'fixture',
        logger,
        pollIntervalMs: 50,
      });
      const subscription = startConsumer(consuming, {
        name: 'consumer',
        runner: new TransactionRunner(database.handle.db, outbox, undefined, logger),
        processedEvents,
        logger,
        handlers: {
          'fixture.happened': async (event, { tx }) => {
            await tx.insert(applied).values({ eventId: event.id, note: 'consumer' });
          },
        },
      });
      relay.start();
      try {
        const before = await writeEvent('before the failover');
        expect(await appliedWithin(before.id, 15_000)).toBe(true);

        await redis.failover();

        // The bus answers PING through its old connection (a replica answers it): /readyz would stay 200.
        await expect(publishing.ping()).resolves.toBeUndefined();

        const after = await writeEvent('after the failover');
        // The relay retries with back-off (at most 15 s) and the consumer with back-off (at most 5 s): 45 s is
        // plenty for any number of retries that could ever succeed.
        const delivered = await appliedWithin(after.id, 45_000);
        const [row] = await database.handle.db.select().from(outboxTable).where(eq(outboxTable.id, after.id));
        expect({
          publishedToRedis: row?.publishedAt != null,
          appliedByConsumer: delivered,
        }).toEqual({ publishedToRedis: true, appliedByConsumer: true });
      } finally {
        await relay.stop();
        await subscription.stop();
        await publishing.close();
        await consuming.close();
      }
    },
  );

  it(
    'moves a connection that only publishes (a replica takes PUBLISH) to the new primary',
    { timeout: 60_000 },
    async () => {
      // The live-update publisher's way: on the primary now, left on a replica after the next failover.
      const publisher = new Redis(redis.endpoint.url);
      const stop = watchConnection(publisher, { primary: true, everyMs: 100 });
      try {
        const role = async () => ((await publisher.call('ROLE')) as [string])[0];
        expect(await role()).toBe('master');
        await redis.failover();
        expect(await publisher.publish('Trip:seats', '{}')).toBe(0);
        const deadline = Date.now() + 10_000;
        while ((await role().catch(() => 'reconnecting')) !== 'master' && Date.now() < deadline) await sleep(100);
        expect(await role()).toBe('master');
      } finally {
        stop();
        publisher.disconnect();
      }
    },
  );
});

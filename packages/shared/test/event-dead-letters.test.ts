import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEventsCli } from '../../../scripts/lib/dead-letters';
import { createIdempotentHandler } from '../src/events/consumer';
import { DeadLetterStore } from '../src/events/dead-letters';
import { MalformedEventError } from '../src/events/failures';
import { RedisStreamBus } from '../src/events/redis-bus';
import { RedisStreamSubscription } from '../src/events/redis-subscription';
import { TransactionRunner } from '../src/events/unit-of-work';
import type { DomainEvent, EventHandler } from '../src/events/types';
import { connectPostgres, type DatabaseHandle, type Executor } from '../src/db/database';
import { z } from '../src/config/env';
import { eventually, TcpProxy, testEnv, testLogger, uniqueName, type TestDatabase } from '../src/testing';
import { createFixtureDatabase } from './fixtures/setup';
import { applied, outbox as outboxTable, processedEvents } from './fixtures/schema';
import { Outbox } from '../src/events/outbox';
import { PROCESSED_EVENTS_RETENTION_MS } from '../src/server/event-runtime';

const logger = testLogger();
const outbox = new Outbox(outboxTable, 'fixture');
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const type = 'fixture.happened';

let database: TestDatabase;
let redis: Redis;
beforeAll(async () => {
  database = await createFixtureDatabase('dead_letters');
  if (testEnv.redisUrl) redis = new Redis(testEnv.redisUrl);
});
afterAll(async () => {
  redis?.disconnect();
  await database.cleanup();
});

function newEvent(payload: unknown = { note: 'hello' }): DomainEvent {
  return { id: crypto.randomUUID(), type, source: 'fixture', occurredAt: new Date().toISOString(), payload };
}

async function countApplied(eventId: string, executor: Executor = database.handle.db): Promise<number> {
  return (await executor.select().from(applied).where(eq(applied.eventId, eventId))).length;
}

/** A consumer's idempotent handler that writes one `applied` row per event, after `check` lets it. */
function applying(
  group: string,
  check: (event: DomainEvent, tx: Executor) => void | Promise<void> = () => undefined,
  db: DatabaseHandle = database.handle,
): EventHandler {
  return createIdempotentHandler({
    name: group,
    runner: new TransactionRunner(db.db, outbox, undefined, logger),
    processedEvents,
    logger,
    handlers: {
      [type]: async (event, { tx }) => {
        await check(event, tx);
        await tx.insert(applied).values({ eventId: event.id, note: group });
      },
    },
  });
}

function testBus(prefix: string, options: Partial<ConstructorParameters<typeof RedisStreamBus>[0]> = {}) {
  return new RedisStreamBus({
    url: testEnv.redisUrl!,
    logger,
    prefix,
    blockMs: 100,
    claimIdleMs: 1000,
    retryDelayMs: 10,
    retry: { maxDelayMs: 50, retryForMs: 60_000 },
    ...options,
  });
}

const noOutput = { out: () => undefined, err: () => undefined };

describe.runIf(testEnv.redisUrl)('dead letters on Redis Streams', () => {
  describe.runIf(testEnv.postgresUrl)('with the database cut', () => {
    it('retries an event past ten attempts while the database is unreachable and applies it once the database is back', async () => {
      const postgres = new URL(database.url!);
      const proxy = new TcpProxy(postgres.hostname, Number(postgres.port || 5432));
      const port = await proxy.start();
      const proxied = new URL(database.url!);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(port);
      const cutDb = connectPostgres(proxied.toString(), { poolSize: 2 });
      const prefix = `test:${uniqueName('transient')}`;
      const bus = testBus(prefix);
      let deliveries = 0;
      const apply = applying('transient-consumer', undefined, cutDb);
      const subscription = bus.subscribe({
        group: 'transient-consumer',
        types: [type],
        handler: async (event) => {
          deliveries++;
          await apply(event);
        },
      });
      try {
        await proxy.stop();
        const event = newEvent();
        await bus.publish(event);
        await eventually(() => deliveries > 12, 20_000);
        expect(await countApplied(event.id)).toBe(0);

        await proxy.start(port);
        await eventually(async () => (await countApplied(event.id)) === 1, 20_000);
        expect(await redis.xlen(bus.deadLetterKey('transient-consumer'))).toBe(0);
      } finally {
        await subscription.stop();
        await bus.close();
        await cutDb.close();
        await proxy.stop();
      }
    });
  });

  it('dead-letters an event whose handler says it is malformed at its first delivery', async () => {
    const prefix = `test:${uniqueName('malformed')}`;
    const bus = testBus(prefix);
    let deliveries = 0;
    const subscription = bus.subscribe({
      group: 'strict-consumer',
      types: [type],
      handler: async () => {
        deliveries++;
        throw new MalformedEventError('payload has no note');
      },
    });
    const store = new DeadLetterStore(redis, prefix);
    try {
      const event = newEvent();
      await bus.publish(event);
      const [letter] = await eventually(async () => {
        const letters = await store.list('strict-consumer');
        return letters.length > 0 ? letters : undefined;
      });
      expect(letter).toMatchObject({
        eventId: event.id,
        type,
        attempts: 1,
        reason: 'malformed',
        error: 'payload has no note',
        event,
      });
      expect(deliveries).toBe(1);
    } finally {
      await subscription.stop();
      await bus.close();
    }
  });

  it('writes a dead letter and its acknowledgement together: a consumer dying between them dead-letters it once', async () => {
    const prefix = `test:${uniqueName('dies')}`;
    const bus = testBus(prefix);
    const group = 'dying-consumer';
    const refuse = async () => {
      throw new MalformedEventError('payload has no note');
    };
    const first = new RedisStreamSubscription({
      url: testEnv.redisUrl!,
      prefix,
      logger,
      claimIdleMs: 1000,
      staleConsumerMs: 3_600_000,
      blockMs: 100,
      retry: { baseDelayMs: 10, maxDelayMs: 50, retryForMs: 60_000, maxAttempts: 10 },
      subscribe: { group, types: [type], handler: refuse },
    });
    // The process dies once its dead letter is written: no acknowledgement sent on its own reaches Redis.
    (first as unknown as { redis: Redis }).redis.xack = async () => {
      throw new Error('the process died');
    };
    first.start();
    const store = new DeadLetterStore(redis, prefix);
    let second: { stop(): Promise<void> } | undefined;
    try {
      await bus.publish(newEvent());
      await eventually(async () => (await store.list(group)).length > 0);
      await first.stop();
      // Another consumer of the group claims what the dead one left pending (claimIdleMs 1 s).
      second = bus.subscribe({ group, types: [type], handler: refuse });
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(await store.list(group)).toHaveLength(1);
      const [pending] = (await redis.xpending(bus.streamKey(type), group)) as [number];
      expect(pending).toBe(0);
    } finally {
      await second?.stop();
      await first.stop();
      await bus.close();
    }
  });

  it('dead-letters an event whose payload fails the handler’s schema at its first delivery', async () => {
    const prefix = `test:${uniqueName('schema')}`;
    const bus = testBus(prefix);
    const subscription = bus.subscribe({
      group: 'parsing-consumer',
      types: [type],
      handler: async (event) => void z.object({ note: z.string() }).parse(event.payload),
    });
    const store = new DeadLetterStore(redis, prefix);
    try {
      const event = newEvent({ note: 42 });
      await bus.publish(event);
      const [letter] = await eventually(async () => {
        const letters = await store.list('parsing-consumer');
        return letters.length > 0 ? letters : undefined;
      });
      expect(letter).toMatchObject({ eventId: event.id, attempts: 1, reason: 'malformed' });
    } finally {
      await subscription.stop();
      await bus.close();
    }
  });

  it('applies later events while an event that failed for another reason waits for its retry', async () => {
    const prefix = `test:${uniqueName('not-yet')}`;
    const bus = testBus(prefix, { retryDelayMs: 200, maxDeliveries: 3 });
    const first = newEvent({ note: 'needs the second' });
    const second = newEvent({ note: 'arrives later' });
    // Like trip.cancelled arriving before its trip.scheduled: the first can only apply after the second.
    const subscription = bus.subscribe({
      group: 'ordered-consumer',
      types: [type],
      handler: applying('ordered-consumer', async (event, tx) => {
        if (event.id === first.id && (await countApplied(second.id, tx)) === 0)
          throw new Error('second not applied yet; retry');
      }),
    });
    try {
      await bus.publish(first);
      await bus.publish(second);
      await eventually(async () => (await countApplied(first.id)) === 1 && (await countApplied(second.id)) === 1);
      expect(await redis.xlen(bus.deadLetterKey('ordered-consumer'))).toBe(0);
    } finally {
      await subscription.stop();
      await bus.close();
    }
  });

  describe('the events CLI', () => {
    /** A group whose consumer dead-letters events until `fixed` is set, with one dead letter in it. */
    async function withDeadLetter(label: string) {
      const prefix = `test:${uniqueName(label)}`;
      const group = `${label}-consumer`;
      const bus = testBus(prefix);
      const state = { fixed: false, deliveries: 0 };
      const apply = applying(group, () => {
        if (!state.fixed) throw new MalformedEventError('cannot read it yet');
      });
      const subscription = bus.subscribe({
        group,
        types: [type],
        handler: async (event) => {
          state.deliveries++;
          await apply(event);
        },
      });
      const store = new DeadLetterStore(redis, prefix);
      const event = newEvent();
      await bus.publish(event);
      const [letter] = await eventually(async () => {
        const letters = await store.list(group);
        return letters.length > 0 ? letters : undefined;
      });
      const cli = (...args: string[]) =>
        runEventsCli(['dead-letters', ...args, '--prefix', prefix], { REDIS_URL: testEnv.redisUrl }, noOutput);
      const close = async () => {
        await subscription.stop();
        await bus.close();
      };
      return { prefix, group, bus, state, store, event, letter: letter!, cli, close };
    }

    it('lists a dead letter with its type, event id, attempts, reason and error', async () => {
      const fixture = await withDeadLetter('listing');
      try {
        let output = '';
        const code = await runEventsCli(
          ['dead-letters', 'list', '--group', fixture.group, '--prefix', fixture.prefix],
          { REDIS_URL: testEnv.redisUrl },
          { out: (text) => (output += text), err: () => undefined },
        );
        expect(code).toBe(0);
        expect(output).toBe(
          `${fixture.group}  ${fixture.letter.id}  ${type}  event ${fixture.event.id}  attempts 1  malformed  ${fixture.letter.deadLetteredAt}  cannot read it yet`,
        );
      } finally {
        await fixture.close();
      }
    });

    it('replays a dead letter to its group, which applies it once', async () => {
      const fixture = await withDeadLetter('replay');
      try {
        fixture.state.fixed = true;
        expect(await fixture.cli('replay', '--group', fixture.group, '--id', fixture.letter.id)).toBe(0);
        await eventually(async () => (await countApplied(fixture.event.id)) === 1);
        expect(await fixture.store.list(fixture.group)).toEqual([]);
        expect(await fixture.cli('replay', '--group', fixture.group, '--id', fixture.letter.id)).toBe(1);
        expect(fixture.state.deliveries).toBe(2);
        // Only this group reads its replay stream: what it handled there is deleted, not kept for good.
        await eventually(async () => (await redis.xlen(`${fixture.prefix}:replay:${fixture.group}`)) === 0);
      } finally {
        await fixture.close();
      }
    });

    it('replays a dead letter of an event the group already applied without applying it again', async () => {
      const fixture = await withDeadLetter('replay-applied');
      try {
        fixture.state.fixed = true;
        const replayed = newEvent();
        await fixture.bus.publish(replayed);
        await eventually(async () => (await countApplied(replayed.id)) === 1);
        // The same event dead-lettered by another consumer of the group, after this one applied it.
        const id = await fixture.store.add(fixture.group, {
          stream: fixture.bus.streamKey(type),
          streamId: '0-1',
          raw: JSON.stringify(replayed),
          reason: 'failed',
          error: 'timeout',
          attempts: 10,
        });
        const before = fixture.state.deliveries;
        expect(await fixture.cli('replay', '--group', fixture.group, '--id', id)).toBe(0);
        await eventually(() => fixture.state.deliveries === before + 1);
        await eventually(async () => {
          const [pending] = (await redis.xpending(`${fixture.prefix}:replay:${fixture.group}`, fixture.group)) as [
            number,
          ];
          return pending === 0;
        });
        expect(await countApplied(replayed.id)).toBe(1);
      } finally {
        await fixture.close();
      }
    });

    it('keeps the first 2,000 characters of an error, however long', async () => {
      const fixture = await withDeadLetter('long-error');
      try {
        const id = await fixture.store.add(fixture.group, {
          stream: fixture.bus.streamKey(type),
          streamId: '0-3',
          raw: JSON.stringify(newEvent()),
          reason: 'failed',
          error: 'x'.repeat(100_000),
          attempts: 10,
        });
        expect((await fixture.store.get(fixture.group, id))?.error).toBe(`${'x'.repeat(2000)}…`);
      } finally {
        await fixture.close();
      }
    });

    it('replays an event older than the record of applied events only with --force', async () => {
      const fixture = await withDeadLetter('replay-old');
      try {
        fixture.state.fixed = true;
        const old = {
          ...newEvent(),
          occurredAt: new Date(Date.now() - PROCESSED_EVENTS_RETENTION_MS - 3600_000).toISOString(),
        };
        const id = await fixture.store.add(fixture.group, {
          stream: fixture.bus.streamKey(type),
          streamId: '0-2',
          raw: JSON.stringify(old),
          reason: 'failed',
          error: 'timeout',
          attempts: 10,
        });
        expect(await fixture.cli('replay', '--group', fixture.group, '--id', id)).toBe(1);
        expect((await fixture.store.get(fixture.group, id))?.eventId).toBe(old.id);
        expect(await fixture.cli('replay', '--group', fixture.group, '--id', id, '--force')).toBe(0);
        await eventually(async () => (await countApplied(old.id)) === 1);
      } finally {
        await fixture.close();
      }
    });

    it("replays an event that says it occurred later than now (its producer's clock ahead) only with --force", async () => {
      const fixture = await withDeadLetter('replay-ahead');
      try {
        fixture.state.fixed = true;
        // How long ago a copy of it may have been applied is unknown: it could be older than the record of them.
        const ahead = { ...newEvent(), occurredAt: new Date(Date.now() + 24 * 3600_000).toISOString() };
        const id = await fixture.store.add(fixture.group, {
          stream: fixture.bus.streamKey(type),
          streamId: '0-3',
          raw: JSON.stringify(ahead),
          reason: 'failed',
          error: 'timeout',
          attempts: 10,
        });
        expect(await fixture.cli('replay', '--group', fixture.group, '--id', id)).toBe(1);
        expect(await fixture.cli('replay', '--group', fixture.group, '--id', id, '--force')).toBe(0);
        await eventually(async () => (await countApplied(ahead.id)) === 1);
      } finally {
        await fixture.close();
      }
    });

    it('hands a dead letter back once when three replays of it run at once', async () => {
      const fixture = await withDeadLetter('replay-race');
      try {
        fixture.state.fixed = true;
        const codes = await Promise.all(
          [1, 2, 3].map(() => fixture.cli('replay', '--group', fixture.group, '--id', fixture.letter.id)),
        );
        expect(codes.sort()).toEqual([0, 1, 1]);
        expect(await redis.xlen(`${fixture.prefix}:replay:${fixture.group}`)).toBe(1);
        await eventually(async () => (await countApplied(fixture.event.id)) === 1);
      } finally {
        await fixture.close();
      }
    });

    // A retired group's dead letters stay listed: a replay put the event on a replay stream nobody reads, removed the
    // letter (the alert cleared) and answered "replayed".
    it('refuses to replay a dead letter of a group that reads no replay stream, and keeps it', async () => {
      const fixture = await withDeadLetter('replay-retired');
      try {
        const retired = `${fixture.group}-retired`;
        const id = await fixture.store.add(retired, {
          stream: fixture.bus.streamKey(type),
          streamId: '0-5',
          raw: JSON.stringify(newEvent()),
          reason: 'failed',
          error: 'handler failed',
          attempts: 10,
        });
        let said = '';
        const code = await runEventsCli(
          ['dead-letters', 'replay', '--group', retired, '--id', id, '--prefix', fixture.prefix],
          { REDIS_URL: testEnv.redisUrl },
          { out: () => undefined, err: (text) => (said += text) },
        );
        expect(code).toBe(1);
        expect(said).toContain(`no consumer group ${retired} reads`);
        expect(await fixture.store.get(retired, id)).toBeDefined();
        expect(await redis.exists(`${fixture.prefix}:replay:${retired}`)).toBe(0);
      } finally {
        await fixture.close();
      }
    });

    it('refuses to replay a dead letter whose event cannot be read, and keeps it', async () => {
      const fixture = await withDeadLetter('replay-unreadable');
      try {
        const missing = (await redis.xadd(`${fixture.prefix}:dead-letter:${fixture.group}`, '*', 'reason', 'failed'))!;
        const garbled = await fixture.store.add(fixture.group, {
          stream: fixture.bus.streamKey(type),
          streamId: '0-4',
          raw: '{not json',
          reason: 'unreadable',
          error: 'Unexpected token',
          attempts: 1,
        });
        for (const id of [missing, garbled]) {
          let said = '';
          const code = await runEventsCli(
            ['dead-letters', 'replay', '--group', fixture.group, '--id', id, '--prefix', fixture.prefix],
            { REDIS_URL: testEnv.redisUrl },
            { out: () => undefined, err: (text) => (said += text) },
          );
          expect(code).toBe(1);
          expect(said).toContain('holds no event its consumer can read');
          expect(await fixture.store.get(fixture.group, id)).toBeDefined();
          expect(await fixture.store.replay(fixture.group, id)).toBe('unreadable');
        }
        expect(await redis.xlen(`${fixture.prefix}:replay:${fixture.group}`)).toBe(0);
      } finally {
        await fixture.close();
      }
    });

    it('tells a malformed id from an unreachable Redis', async () => {
      let said = '';
      const io = { out: () => undefined, err: (text: string) => (said += text) };
      const args = ['dead-letters', 'show', '--group', 'g', '--id', 'not-an-id'];
      expect(await runEventsCli(args, { REDIS_URL: testEnv.redisUrl }, io)).toBe(2);
      expect(said).toContain("not-an-id is not a dead letter's id");
      // A time without its sequence number names no one entry (XRANGE reads 1000-*, XDEL would take 1000-0).
      expect(
        await runEventsCli(
          ['dead-letters', 'replay', '--group', 'g', '--id', '1000'],
          { REDIS_URL: testEnv.redisUrl },
          io,
        ),
      ).toBe(2);
      said = '';
      const unreachable = { REDIS_URL: 'redis://127.0.0.1:1' };
      expect(await runEventsCli(['dead-letters', 'show', '--group', 'g', '--id', '1-0'], unreachable, io)).toBe(1);
      expect(said).toContain('cannot reach Redis');
    });

    it('discards a dead letter when run as a script, and the event is never applied', async () => {
      const fixture = await withDeadLetter('discard');
      try {
        const { stdout } = await promisify(execFile)(
          process.execPath,
          [
            '--import',
            'tsx',
            'scripts/events.ts',
            'dead-letters',
            'discard',
            '--group',
            fixture.group,
            '--id',
            fixture.letter.id,
            '--prefix',
            fixture.prefix,
          ],
          { cwd: repositoryRoot, env: { ...process.env, REDIS_URL: testEnv.redisUrl } },
        );
        expect(stdout).toBe(`discarded ${fixture.letter.id} from ${fixture.group}\n`);
        expect(await fixture.store.list(fixture.group)).toEqual([]);
        expect(fixture.state.deliveries).toBe(1);
        expect(await countApplied(fixture.event.id)).toBe(0);
      } finally {
        await fixture.close();
      }
    });
  });

  describe('stream trimming', () => {
    it('trims events every consumer group has acknowledged down to maxLen', async () => {
      const prefix = `test:${uniqueName('trim')}`;
      const bus = testBus(prefix, { maxLen: 2, trimIntervalMs: 0 });
      const seen: string[] = [];
      const subscription = bus.subscribe({
        group: 'reader',
        types: [type],
        handler: async (e) => void seen.push(e.id),
      });
      try {
        await eventually(async () => (await redis.exists(bus.streamKey(type))) === 1);
        for (let i = 0; i < 5; i++) await bus.publish(newEvent());
        await eventually(async () => {
          const [pending] = (await redis.xpending(bus.streamKey(type), 'reader')) as [number];
          return seen.length === 5 && pending === 0;
        });
        await bus.publish(newEvent());
        expect(await redis.xlen(bus.streamKey(type))).toBe(2);
      } finally {
        await subscription.stop();
        await bus.close();
      }
    });

    it('keeps events a consumer group has not read yet, however long the stream', async () => {
      const prefix = `test:${uniqueName('trim-unread')}`;
      const bus = testBus(prefix, { maxLen: 2, trimIntervalMs: 0 });
      await redis.xgroup('CREATE', bus.streamKey(type), 'slow-reader', '0', 'MKSTREAM');
      const published = [newEvent(), newEvent(), newEvent(), newEvent(), newEvent()];
      for (const event of published) await bus.publish(event);
      expect(await redis.xlen(bus.streamKey(type))).toBe(5);
      const seen: string[] = [];
      const subscription = bus.subscribe({
        group: 'slow-reader',
        types: [type],
        handler: async (e) => void seen.push(e.id),
      });
      try {
        await eventually(() => seen.length === 5);
        expect(seen).toEqual(published.map((e) => e.id));
      } finally {
        await subscription.stop();
        await bus.close();
      }
    });

    it('trims a type no subgraph needs (only optional readers, none running) to maxLen all the same', async () => {
      const prefix = `test:${uniqueName('trim-optional')}`;
      const bus = testBus(prefix, { maxLen: 2, trimIntervalMs: 0, consumers: {} });
      try {
        for (let i = 0; i < 5; i++) await bus.publish(newEvent());
        expect(await redis.xlen(bus.streamKey(type))).toBe(2);
      } finally {
        await bus.close();
      }
    });

    it("keeps the events of the type's consumer groups that are not running: made at the stream's start before a trim", async () => {
      const prefix = `test:${uniqueName('trim-expected')}`;
      const consumers = { [type]: ['running', 'down'] };
      const bus = testBus(prefix, { maxLen: 2, trimIntervalMs: 0, consumers });
      const seen: Record<string, string[]> = { running: [], down: [] };
      const subscribe = (group: 'running' | 'down') =>
        bus.subscribe({ group, types: [type], handler: async (e) => void seen[group]!.push(e.id) });
      const running = subscribe('running');
      try {
        await eventually(async () => (await redis.exists(bus.streamKey(type))) === 1);
        // Redis replaced by an empty one while the service of `down` is not running (its group gone with it); the
        // outbox publishes its events again.
        await redis.del(bus.streamKey(type));
        const published = [newEvent(), newEvent(), newEvent(), newEvent(), newEvent()];
        for (const event of published) await bus.publish(event);
        await eventually(() => seen.running!.length === 5);
        await bus.publish(newEvent());
        expect(await redis.xlen(bus.streamKey(type))).toBe(6);
        const down = subscribe('down');
        try {
          await eventually(() => seen.down!.length === 6);
          expect(seen.down!.slice(0, 5)).toEqual(published.map((e) => e.id));
        } finally {
          await down.stop();
        }
      } finally {
        await running.stop();
        await bus.close();
      }
    });
  });
});

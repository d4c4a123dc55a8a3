// A unit of work's last statement sent with its COMMIT (UnitOfWork.commitWith): one write fewer, the same outcome.
import { randomUUID } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres, openPglite, type DatabaseHandle, type Tx } from '../src/db/database';
import { boundByDeadline, isDeadlineTimeout } from '../src/db/deadline';
import { runMigrations } from '../src/db/migrate';
import { Outbox } from '../src/events/outbox';
import { TransactionRunner } from '../src/events/unit-of-work';
import { createLogger } from '../src/logger';
import { testEnv } from '../src/testing';
import { createFixtureDatabase, fixtureMigrations } from './fixtures/setup';
import { applied, outbox as outboxTable } from './fixtures/schema';
import type { TestDatabase } from '../src/testing';

const outbox = new Outbox(outboxTable, 'fixture');

/** A logger whose error lines are kept. */
function recordingLogger() {
  const errors: string[] = [];
  const logger = createLogger('commit-with', { level: 'error' });
  logger.error = ((_: unknown, message: string) => errors.push(message)) as unknown as typeof logger.error;
  return { logger, errors };
}

/** The change and its event in one statement: `amount` null fails it (the column is not null). */
const write = (tx: Tx, note: string, amount: number | null) => (insert: SQL) =>
  tx.execute(sql`with e as (${insert} returning id)
    insert into ${applied} (event_id, note, amount) select e.id, ${note}, ${amount} from e returning note`);

async function notes(handle: DatabaseHandle, note: string) {
  return handle.db.select().from(applied).where(eq(applied.note, note));
}

async function eventsNoted(handle: DatabaseHandle, note: string) {
  const events = await handle.db.select().from(outboxTable);
  return events.filter((e) => (e.payload as { note?: string }).note === note);
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createFixtureDatabase('commit_with');
});
afterAll(() => database.cleanup());

describe.runIf(testEnv.postgresUrl)("a unit's last statement sent with its COMMIT, on Postgres", () => {
  let handle: DatabaseHandle;
  let writes = 0;
  beforeAll(async () => {
    // One connection, so every unit meets the same socket, and its writes counted.
    handle = connectPostgres(database.url!, { poolSize: 1 });
    const client = await (handle.db as unknown as { $client: pg.Pool }).$client.connect();
    type Write = (...args: unknown[]) => unknown;
    const socket = (client as unknown as { connection: { stream: Record<'_write' | '_writev', Write> } }).connection
      .stream;
    client.release();
    for (const method of ['_write', '_writev'] as const) {
      const original = socket[method]!;
      socket[method] = function (this: unknown, ...args: unknown[]) {
        writes++;
        return original.apply(this, args);
      };
    }
  });
  afterAll(() => handle?.close());

  const runner = (logger = recordingLogger().logger) => new TransactionRunner(handle.db, outbox, undefined, logger);

  /** A unit that reads, then writes its change and event last: with commitWith or with emitWith. */
  const unit = (note: string, last: 'commitWith' | 'emitWith', amount: number | null = 1) =>
    runner().run(async (uow) => {
      await uow.tx.execute(sql`select count(*) from ${applied}`);
      const statement = write(uow.tx, note, amount);
      return last === 'commitWith'
        ? uow.commitWith('fixture.happened', { note }, statement)
        : uow.emitWith('fixture.happened', { note }, statement);
    });

  it('commits the change and its event, a write fewer than awaiting the statement and then committing', async () => {
    await unit(`warm ${randomUUID()}`, 'commitWith');
    await unit(`warm ${randomUUID()}`, 'emitWith');
    const note = `last ${randomUUID()}`;
    let before = writes;
    const result = await unit(note, 'commitWith');
    // BEGIN with the read; the insert with the COMMIT.
    expect(writes - before).toBe(2);
    expect((result as { rows: unknown[] }).rows).toEqual([{ note }]);
    expect(await notes(database.handle, note)).toHaveLength(1);
    expect(await eventsNoted(database.handle, note)).toHaveLength(1);
    before = writes;
    await unit(`awaited ${randomUUID()}`, 'emitWith');
    expect(writes - before).toBe(3);
  });

  it('leaves nothing when the last statement fails, and the connection goes on committing for real', async () => {
    const note = `failed ${randomUUID()}`;
    const { logger, errors } = recordingLogger();
    await expect(
      new TransactionRunner(handle.db, outbox, undefined, logger).run(async (uow) => {
        await uow.emit('fixture.happened', { note });
        return uow.commitWith('fixture.happened', { note }, write(uow.tx, note, null));
      }),
    ).rejects.toThrow();
    expect(await notes(database.handle, note)).toEqual([]);
    expect(await eventsNoted(database.handle, note)).toEqual([]);
    // Nothing committed, so nothing broke the unit's contract.
    expect(errors).toEqual([]);
    // The next unit on the same connection, without commitWith: its own COMMIT is sent and commits.
    const next = `after a failure ${randomUUID()}`;
    await unit(next, 'emitWith');
    expect(await notes(database.handle, next)).toHaveLength(1);
  });

  it('sends nothing past the deadline, and rolls the unit back', async () => {
    const note = `late ${randomUUID()}`;
    const earlier = `earlier ${randomUUID()}`;
    await expect(
      runner().run(async (uow) => {
        await uow.tx.insert(applied).values({ eventId: randomUUID(), note: earlier });
        return uow.commitWith('fixture.happened', { note }, write(uow.tx, note, 1), Date.now() + 100);
      }),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(await notes(database.handle, earlier)).toEqual([]);
    expect(await eventsNoted(database.handle, note)).toEqual([]);
  });

  it('gives the last statement only the time left before the deadline: a lock held past it commits nothing', async () => {
    const note = `blocked ${randomUUID()}`;
    const earlier = `earlier ${randomUUID()}`;
    const started = Date.now();
    const deadline = started + 1500;
    // Another transaction holds the table until after the deadline.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const blocker = database.handle.db.transaction(async (tx) => {
      await tx.execute(sql`lock table ${applied} in share mode`);
      locked();
      await held;
    });
    await isLocked;
    const releaseLater = setTimeout(release, deadline + 300 - Date.now());
    try {
      const outcome = runner().run(async (uow) => {
        // Bounds set when the unit began, for the whole time to the deadline (as a hold's are).
        await boundByDeadline(uow.tx, deadline);
        await uow.tx.execute(sql`insert into ${applied} (event_id, note) values (${randomUUID()}, ${earlier})`);
        // The last statement comes late, with 400 ms left before the deadline.
        await new Promise((resolve) => setTimeout(resolve, deadline - 400 - Date.now()));
        return uow.commitWith('fixture.happened', { note }, write(uow.tx, note, 1), deadline);
      });
      const error = await outcome.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isDeadlineTimeout(error)).toBe(true);
      // Cancelled before the deadline, not at the lock's release after it.
      expect(Date.now()).toBeLessThan(deadline);
    } finally {
      clearTimeout(releaseLater);
      release();
      await blocker;
    }
    expect(await notes(database.handle, note)).toEqual([]);
    expect(await notes(database.handle, earlier)).toEqual([]);
    expect(await eventsNoted(database.handle, note)).toEqual([]);
  });

  it("answers with the error of the last statement's timeouts when they fail, not the 25P02 behind them", async () => {
    const note = `unbounded ${randomUUID()}`;
    // A deadline 30 days ahead: a timeout past what Postgres takes (22023), refused.
    await expect(
      runner().run((uow) =>
        uow.commitWith('fixture.happened', { note }, write(uow.tx, note, 1), Date.now() + 30 * 86_400_000),
      ),
    ).rejects.toMatchObject({ cause: { code: '22023' } });
    expect(await notes(database.handle, note)).toEqual([]);
  });

  it('sends neither the last statement nor its COMMIT when a value cannot be encoded: nothing commits', async () => {
    const note = `unencodable ${randomUUID()}`;
    const earlier = `earlier ${randomUUID()}`;
    const unencodable = {
      toPostgres: () => {
        throw new Error('cannot encode');
      },
    };
    await expect(
      runner().run(async (uow) => {
        await uow.tx.insert(applied).values({ eventId: randomUUID(), note: earlier });
        return uow.commitWith('fixture.happened', { note }, (insert) =>
          uow.tx.execute(sql`with e as (${insert} returning id)
            insert into ${applied} (event_id, note, amount) select e.id, ${note}, ${unencodable} from e`),
        );
      }),
    ).rejects.toMatchObject({ cause: { message: 'cannot encode' } });
    expect(await notes(database.handle, earlier)).toEqual([]);
    expect(await eventsNoted(database.handle, note)).toEqual([]);
  });

  it('never runs a statement issued after the last one outside the transaction, and logs the broken unit', async () => {
    const { logger, errors } = recordingLogger();
    const note = `last ${randomUUID()}`;
    const after = `after the last ${randomUUID()}`;
    await expect(
      new TransactionRunner(handle.db, outbox, undefined, logger).run(async (uow) => {
        await uow.commitWith('fixture.happened', { note }, write(uow.tx, note, 1));
        await uow.tx.insert(applied).values({ eventId: randomUUID(), note: after });
      }),
    ).rejects.toThrow();
    // The last statement committed with its COMMIT; the one after it was refused, not run on its own.
    expect(await notes(database.handle, note)).toHaveLength(1);
    expect(await notes(database.handle, after)).toEqual([]);
    expect(errors).toContain('unit of work failed after its last statement, which committed');
    const next = `after a broken unit ${randomUUID()}`;
    await unit(next, 'commitWith');
    expect(await notes(database.handle, next)).toHaveLength(1);
  });

  it('carries nothing over to the next unit when the last statement is never sent', async () => {
    const note = `never sent ${randomUUID()}`;
    await expect(
      runner().run((uow) =>
        uow.commitWith('fixture.happened', { note }, () => {
          throw new Error('built wrong');
        }),
      ),
    ).rejects.toThrow('built wrong');
    // The next units' statements all run in their transaction, committed together or rolled back together.
    const committed = `committed ${randomUUID()}`;
    await runner().run(async (uow) => {
      await uow.tx.insert(applied).values({ eventId: randomUUID(), note: committed });
      await uow.tx.insert(applied).values({ eventId: randomUUID(), note: committed });
    });
    expect(await notes(database.handle, committed)).toHaveLength(2);
    const failed = `failed ${randomUUID()}`;
    await expect(
      runner().run(async (uow) => {
        await uow.tx.insert(applied).values({ eventId: randomUUID(), note: failed });
        await uow.tx.execute(
          sql`insert into ${applied} (event_id, note, amount) values (${randomUUID()}, ${failed}, null)`,
        );
      }),
    ).rejects.toThrow();
    expect(await notes(database.handle, failed)).toEqual([]);
    expect(await notes(database.handle, note)).toEqual([]);
  });
});

it.runIf(testEnv.postgresUrl)('runs the last statement, then commits, on a pool without pipelining', async () => {
  const plain = connectPostgres(database.url!, { poolSize: 1, pipeline: false });
  try {
    const runner = new TransactionRunner(plain.db, outbox, undefined, recordingLogger().logger);
    const note = `unpipelined ${randomUUID()}`;
    await runner.run((uow) => uow.commitWith('fixture.happened', { note }, write(uow.tx, note, 1)));
    expect(await notes(database.handle, note)).toHaveLength(1);
    const failed = `unpipelined failed ${randomUUID()}`;
    await expect(
      runner.run((uow) => uow.commitWith('fixture.happened', { note: failed }, write(uow.tx, failed, null))),
    ).rejects.toThrow();
    expect(await eventsNoted(database.handle, failed)).toEqual([]);
  } finally {
    await plain.close();
  }
});

it('commits the last statement on PGlite, where it is run and then committed', async () => {
  const pglite = await openPglite();
  try {
    await runMigrations(pglite, { schema: 'fixture', folder: fixtureMigrations });
    const runner = new TransactionRunner(pglite.db, outbox, undefined, recordingLogger().logger);
    const note = `pglite ${randomUUID()}`;
    await runner.run((uow) => uow.commitWith('fixture.happened', { note }, write(uow.tx, note, 1)));
    expect(await notes(pglite, note)).toHaveLength(1);
    expect(await eventsNoted(pglite, note)).toHaveLength(1);
    const failed = `pglite failed ${randomUUID()}`;
    await expect(
      runner.run((uow) => uow.commitWith('fixture.happened', { note: failed }, write(uow.tx, failed, null))),
    ).rejects.toThrow();
    expect(await eventsNoted(pglite, failed)).toEqual([]);
  } finally {
    await pglite.close();
  }
});

// Statements go to Postgres without waiting for the answers before them: fewer writes, the same results in order.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { connectPostgres, databaseUrl, dropDatabase, ensureDatabase, queryRows, type DatabaseHandle } from '../src';
import { eventually, testEnv, uniqueName } from '../src/testing';

const serverUrl = testEnv.postgresUrl;
const name = `test_${uniqueName('pipeline')}`;
const handles: DatabaseHandle[] = [];

/** A pool of one connection (so every transaction meets the same socket), and a count of the writes on it. */
async function pool(options: { pipeline?: boolean } = {}) {
  const handle = connectPostgres(databaseUrl(serverUrl!, name), { poolSize: 1, ...options });
  handles.push(handle);
  const client = await (handle.db as unknown as { $client: pg.Pool }).$client.connect();
  type Write = (...args: unknown[]) => unknown;
  const socket = (client as unknown as { connection: { stream: Record<'_write' | '_writev', Write> } }).connection
    .stream;
  client.release();
  let writes = 0;
  for (const method of ['_write', '_writev'] as const) {
    const original = socket[method]!;
    socket[method] = function (this: unknown, ...args: unknown[]) {
      writes++;
      return original.apply(this, args);
    };
  }
  return {
    handle,
    /** The writes `run` made on the connection. */
    async writesOf<T>(run: () => Promise<T>): Promise<{ writes: number; result: T }> {
      const before = writes;
      const result = await run();
      return { writes: writes - before, result };
    },
  };
}

const labelOf = async (handle: DatabaseHandle, id: number) =>
  (await queryRows<{ label: string }>(handle.db, sql`select label from probe where id = ${id}`))[0]?.label;

describe.runIf(serverUrl)('statements sent without waiting (pipeline)', () => {
  beforeAll(async () => {
    await ensureDatabase(serverUrl!, name);
    const setup = connectPostgres(databaseUrl(serverUrl!, name), { poolSize: 1 });
    handles.push(setup);
    await setup.db.execute(sql`create table probe (id int primary key, label text not null)`);
    await setup.db.execute(sql`insert into probe select g, 'seat ' || g from generate_series(1, 20) g`);
  });
  afterAll(async () => {
    for (const handle of handles) await handle.close();
    await dropDatabase(serverUrl!, name);
  });

  const threeReads = (handle: DatabaseHandle) =>
    handle.db.transaction((tx) =>
      Promise.all(
        [1, 2, 3].map((id) => queryRows<{ label: string }>(tx, sql`select label from probe where id = ${id}`)),
      ),
    );

  it("sends a transaction's BEGIN with its first statements, issued together, in one write", async () => {
    const { handle, writesOf } = await pool();
    await threeReads(handle); // the statements prepared: later runs send only Bind and Execute
    const { writes, result } = await writesOf(() => threeReads(handle));
    expect(result).toEqual([[{ label: 'seat 1' }], [{ label: 'seat 2' }], [{ label: 'seat 3' }]]);
    // BEGIN and the three statements, then COMMIT.
    expect(writes).toBe(2);
    const plain = await pool({ pipeline: false });
    await threeReads(plain.handle);
    // BEGIN, each statement once the one before it is answered, COMMIT.
    expect((await plain.writesOf(() => threeReads(plain.handle))).writes).toBe(5);
  });

  it("sends the settings a transaction starts with in BEGIN's query text, answered with their own result", async () => {
    const { handle } = await pool();
    const client = await (handle.db as unknown as { $client: pg.Pool }).$client.connect();
    const connection = (client as unknown as { connection: { query(text: string): void } }).connection;
    client.release();
    const simple: string[] = [];
    const send = connection.query.bind(connection);
    connection.query = (text: string) => {
      simple.push(text);
      send(text);
    };
    const settings = "select set_config('lock_timeout', '4321', true), set_config('statement_timeout', '4321', true)";
    const [own, seen] = await handle.db.transaction(async (tx) => [
      await queryRows(tx, sql.raw(settings)),
      await queryRows<{ lock_timeout: string }>(tx, sql`select current_setting(${'lock_timeout'}) as lock_timeout`),
    ]);
    expect(simple).toEqual([`begin; ${settings}`, 'commit']);
    // In the transaction, and local to it.
    expect({ own, seen }).toEqual({
      own: [{ set_config: '4321ms' }],
      seen: [{ lock_timeout: '4321ms' }],
    });
    expect(await queryRows(handle.db, sql`show lock_timeout`)).toEqual([{ lock_timeout: '0' }]);
  });

  it("never sends another first statement in BEGIN's text: what follows one Postgres cannot parse stays in the transaction", async () => {
    const { handle } = await pool();
    // Parsed whole before any of it runs, `begin; selec 1` would leave the update behind it to commit on its own.
    const failed = handle.db.transaction((tx) =>
      Promise.all([tx.execute(sql.raw('selec 1')), tx.execute(sql`update probe set label = 'lost' where id = ${10}`)]),
    );
    await expect(failed).rejects.toMatchObject({ cause: { code: '42601' } });
    expect(await labelOf(handle, 10)).toBe('seat 10');
  });

  it('runs them in order, each with a snapshot of its own: a read behind a lock sees what was committed meanwhile', async () => {
    const { handle } = await pool();
    const other = await pool();
    const lockKey = 7_319_001;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let taken!: () => void;
    const isTaken = new Promise<void>((resolve) => (taken = resolve));
    const change = other.handle.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${lockKey})`);
      await tx.execute(sql`update probe set label = 'changed' where id = 4`);
      taken();
      await released;
    });
    await isTaken;
    const read = handle.db.transaction(async (tx) => {
      // Sent in the order issued (the same way, queryRows, so that both reach pg after as many steps).
      const [, rows] = await Promise.all([
        queryRows(tx, sql`select pg_advisory_xact_lock(${lockKey})`),
        queryRows<{ label: string }>(tx, sql`select label from probe where id = ${4}`),
      ]);
      return rows;
    });
    const observer = connectPostgres(databaseUrl(serverUrl!, name), { poolSize: 1 });
    handles.push(observer);
    await eventually(
      async () =>
        (
          await queryRows<{ n: number }>(
            observer.db,
            sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`,
          )
        )[0]!.n === 1,
    );
    release();
    await change;
    expect(await read).toEqual([{ label: 'changed' }]);
  });

  it('fails the statement that errs and those after it, rolls the transaction back, and answers on', async () => {
    const { handle } = await pool();
    const failed = handle.db.transaction((tx) =>
      Promise.all([
        tx.execute(sql`update probe set label = 'lost' where id = ${5}`),
        tx.execute(sql`select 1 / ${0}::int`),
        tx.execute(sql`update probe set label = 'lost' where id = ${6}`),
      ]),
    );
    await expect(failed).rejects.toMatchObject({ cause: { code: '22012' } });
    expect(await labelOf(handle, 5)).toBe('seat 5');
    expect(await labelOf(handle, 6)).toBe('seat 6');
  });

  it("answers with the first statement's own error when it fails, not with the 25P02 of those behind it", async () => {
    const { handle } = await pool();
    for (let i = 0; i < 20; i++) {
      // The first statement of its transaction: sent with the transaction's BEGIN.
      const failed = handle.db.transaction((tx) =>
        Promise.all([
          queryRows(tx, sql`select 1 / ${0}::int`),
          queryRows(tx, sql`select label from probe where id = ${1}`),
          queryRows(tx, sql`select label from probe where id = ${2}`),
        ]),
      );
      await expect(failed).rejects.toMatchObject({ cause: { code: '22012' } });
    }
  });

  it('leaves no transaction open when one ends before its first statement', async () => {
    const { handle } = await pool();
    await expect(
      handle.db.transaction(async () => {
        throw new Error('changed its mind');
      }),
    ).rejects.toThrow('changed its mind');
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`update probe set label = 'kept' where id = ${7}`);
    });
    // Committed: seen from another connection.
    const other = await pool();
    expect(await labelOf(other.handle, 7)).toBe('kept');
    // And the connection is out of any transaction: a statement on it commits on its own.
    await handle.db.execute(sql`update probe set label = 'alone' where id = ${8}`);
    expect(await labelOf(other.handle, 8)).toBe('alone');
  });
});

// Statements with parameters go to Postgres as named prepared statements, planned once per connection.
import { sql } from 'drizzle-orm';
import { integer, jsonb, pgSchema, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
  anyOf,
  connectPostgres,
  insertRows,
  databaseUrl,
  dropDatabase,
  ensureDatabase,
  preparingClient,
  queryRows,
  type DatabaseHandle,
} from '../src';
import { testEnv, uniqueName } from '../src/testing';

const serverUrl = testEnv.postgresUrl;
const name = `test_${uniqueName('prepared')}`;
const handles: DatabaseHandle[] = [];
const tagged = pgTable('tagged', { id: uuid('id').primaryKey(), label: text('label').notNull(), n: integer('n') });
const TAG_IDS = Array.from({ length: 5 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
const rowset = pgSchema('kit').table('rowset', {
  id: uuid('id').primaryKey(),
  label: text('label').notNull(),
  n: integer('n'),
  doc: jsonb('doc').$type<Record<string, unknown>>(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }),
  state: text('state').notNull().default('NEW'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
/** Labels an array literal must quote or escape. */
const AWKWARD = ['a,b', 'say "hi"', 'back\\slash', '{braces}', 'NULL', ' padded '];

/** A pool of one connection, so every statement meets the same session's prepared statements. */
function pool(options: { preparedStatements?: boolean; preparedStatementLimit?: number } = {}): DatabaseHandle {
  const handle = connectPostgres(databaseUrl(serverUrl!, name), { poolSize: 1, ...options });
  handles.push(handle);
  return handle;
}

/** The session's prepared statements made by the pool (not ones named by hand). */
async function preparedOf(handle: DatabaseHandle): Promise<{ statement: string; calls: number }[]> {
  // pg_prepared_statements has no execution count before Postgres 16: generic_plans + custom_plans count them.
  return queryRows<{ statement: string; calls: number }>(
    handle.db,
    sql`select statement, (generic_plans + custom_plans)::int as calls from pg_prepared_statements
        where name like 'busline\\_%' and statement not like '%pg_prepared_statements%' order by statement`,
  );
}

describe.runIf(serverUrl)('prepared statements on Postgres', () => {
  beforeAll(async () => {
    await ensureDatabase(serverUrl!, name);
    const setup = pool({ preparedStatements: false });
    await setup.db.execute(sql`create table probe (id int primary key, label text not null)`);
    await setup.db.execute(sql`insert into probe select g, 'seat ' || g from generate_series(1, 20) g`);
    await setup.db.execute(sql`create table tagged (id uuid primary key, label text not null, n int)`);
    await setup.db.execute(sql`create schema kit`);
    await setup.db.execute(sql`create table kit.rowset (id uuid primary key, label text not null, n int, doc jsonb,
      at timestamptz, state text not null default 'NEW', created_at timestamptz not null default now())`);
    await setup.db.insert(tagged).values(
      [...TAG_IDS, ...AWKWARD.map((_, i) => `00000000-0000-4000-8000-00000000001${i}`)].map((id, i) => ({
        id,
        label: i < TAG_IDS.length ? `tag ${i}` : AWKWARD[i - TAG_IDS.length]!,
        n: i,
      })),
    );
  });
  afterAll(async () => {
    for (const handle of handles) await handle.close();
    await dropDatabase(serverUrl!, name);
  });

  it('prepares a statement with parameters once per connection and executes it again and again', async () => {
    const handle = pool();
    for (let id = 1; id <= 7; id++) {
      const [row] = await queryRows<{ label: string }>(handle.db, sql`select label from probe where id = ${id}`);
      expect(row?.label).toBe(`seat ${id}`);
    }
    // In a transaction too (its statements run on a connection checked out of the same pool).
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`update probe set label = ${'seat 1'} where id = ${1}`);
      await tx.execute(sql`update probe set label = ${'seat 2'} where id = ${2}`);
    });
    expect(await preparedOf(handle)).toEqual([
      { statement: 'select label from probe where id = $1', calls: 7 },
      { statement: 'update probe set label = $1 where id = $2', calls: 2 },
    ]);
  });

  it('leaves statements without parameters unnamed: a text of several commands still runs', async () => {
    const handle = pool();
    await handle.db.execute(sql`select 1; select 2`);
    await handle.db.execute(sql`select count(*) from probe`);
    expect(await preparedOf(handle)).toEqual([]);
  });

  it('names no more distinct texts than its limit; past it statements run unnamed and answer the same', async () => {
    const handle = pool({ preparedStatementLimit: 2 });
    // A text that grows with its input: in ($1), in ($1, $2), ... four texts, two prepared.
    for (let n = 1; n <= 4; n++) {
      const ids = Array.from({ length: n }, (_, i) => i + 1);
      const rows = await queryRows<{ id: number }>(
        handle.db,
        sql`select id from probe where id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}) order by id`,
      );
      expect(rows.map((row) => row.id)).toEqual(ids);
    }
    const prepared = await preparedOf(handle);
    expect(prepared.map((p) => p.statement)).toEqual([
      'select id from probe where id in ($1) order by id',
      'select id from probe where id in ($1, $2) order by id',
    ]);
  });

  it('prepares a statement anew once a migration changed the shape of its result under it', async () => {
    const handle = pool();
    const other = pool({ preparedStatements: false });
    await other.db.execute(sql`create table fares (id int primary key, amount int not null)`);
    await other.db.execute(sql`insert into fares values (1, 500)`);
    const read = () => queryRows<{ amount: unknown }>(handle.db, sql`select amount from fares where id = ${1}`);
    const readInTransaction = () =>
      handle.db.transaction((tx) => queryRows<{ amount: unknown }>(tx, sql`select amount from fares where id = ${1}`));
    expect(await read()).toEqual([{ amount: 500 }]);
    expect(await readInTransaction()).toEqual([{ amount: 500 }]);
    // Postgres refuses the session's prepared statement from now on: without a new one, every later read would fail.
    await other.db.execute(sql`alter table fares alter column amount type numeric(10, 2)`);
    const stale = { cause: expect.objectContaining({ code: '0A000' }) };
    await expect(read()).rejects.toMatchObject(stale); // on the pool (which drops a connection after an error)
    expect(await read()).toEqual([{ amount: '500.00' }]);
    expect(await read()).toEqual([{ amount: '500.00' }]);
    await other.db.execute(sql`alter table fares alter column amount type bigint`);
    await expect(readInTransaction()).rejects.toMatchObject(stale); // in a transaction (the promise path)
    expect(await readInTransaction()).toEqual([{ amount: '500' }]);
    expect(await read()).toEqual([{ amount: '500' }]);
  });

  it('prepares nothing when turned off (for a pooler in transaction mode)', async () => {
    const handle = pool({ preparedStatements: false });
    await queryRows(handle.db, sql`select label from probe where id = ${3}`);
    expect(await preparedOf(handle)).toEqual([]);
  });

  it('answers every way pg can be called, naming each statement by its verb and a hash of its text', async () => {
    const Client = preparingClient(10);
    const client = new Client({ connectionString: databaseUrl(serverUrl!, name) });
    await client.connect();
    try {
      const text = 'select label from probe where id = $1';
      const labels = (result: unknown) => (result as pg.QueryResult<{ label: string }>).rows.map((row) => row.label);
      expect(labels(await client.query(text, [5]))).toEqual(['seat 5']);
      expect(labels(await client.query({ text, values: [6] }))).toEqual(['seat 6']);
      expect(labels(await client.query({ text }, [7]))).toEqual(['seat 7']);
      const arrays = await client.query({ text, values: [8], rowMode: 'array' });
      expect(arrays.rows).toEqual([['seat 8']]);
      const viaCallback = (call: (done: (error: Error | null, result: unknown) => void) => unknown) =>
        new Promise((resolve, reject) => {
          const returned = call((error, result) => (error ? reject(error) : resolve(labels(result))));
          expect(returned).toBeUndefined();
        });
      expect(await viaCallback((done) => client.query(text, [9], done))).toEqual(['seat 9']);
      expect(await viaCallback((done) => client.query({ text, values: [10] }, done))).toEqual(['seat 10']);
      expect(await viaCallback((done) => client.query({ text, values: [11], callback: done } as never))).toEqual([
        'seat 11',
      ]);
      await expect(
        viaCallback((done) =>
          client.query({ text: 'select nope from probe where id = $1', values: [1], callback: done } as never),
        ),
      ).rejects.toMatchObject({ code: '42703' });
      const { rows } = await client.query<{ name: string; statement: string }>(
        "select name, statement from pg_prepared_statements where name like 'busline\\_%' order by statement",
      );
      expect(rows).toEqual([{ name: expect.stringMatching(/^busline_select_[\w-]{27}$/), statement: text }]);
    } finally {
      await client.end();
    }
  });

  it('prepares a statement anew after a parameter it could not send (pg closed it meanwhile)', async () => {
    const handle = pool();
    const read = (value: unknown) =>
      handle.db.transaction((tx) => queryRows<{ v: unknown }>(tx, sql`select ${value}::jsonb as v`));
    expect(await read({ a: 1 })).toEqual([{ v: { a: 1 } }]);
    // A BigInt inside an object cannot be written as JSON: pg fails before anything is executed.
    await expect(read({ a: 1n })).rejects.toThrow();
    expect(await read({ a: 2 })).toEqual([{ v: { a: 2 } }]);
    expect(await read({ a: 3 })).toEqual([{ v: { a: 3 } }]);
  });

  it('keeps answering after a statement fails, and on a new connection after the old one was cut', async () => {
    const handle = pool();
    // A statement Postgres refuses to prepare is refused again the same way, not as a missing prepared statement.
    for (let i = 0; i < 2; i++)
      await expect(queryRows(handle.db, sql`select nope from probe where id = ${1}`)).rejects.toMatchObject({
        cause: expect.objectContaining({ code: '42703' }),
      });
    // One that fails while executing (a duplicate key) stays prepared and runs again.
    await expect(handle.db.execute(sql`insert into probe values (${1}, ${'again'})`)).rejects.toMatchObject({
      cause: expect.objectContaining({ code: '23505' }),
    });
    await handle.db.execute(sql`insert into probe values (${100}, ${'new'})`);
    await handle.db.execute(sql`delete from probe where id = ${100}`);
    const select = sql`select label from probe where id = ${4}`;
    expect(await queryRows(handle.db, select)).toEqual([{ label: 'seat 4' }]);
    // The session goes away (a restarted server, a killed backend): the next connection prepares anew.
    const killer = pool({ preparedStatements: false });
    await killer.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    await expect
      .poll(async () => queryRows(handle.db, sql`select label from probe where id = ${4}`).catch(() => undefined))
      .toEqual([{ label: 'seat 4' }]);
    expect(await preparedOf(handle)).toEqual([{ statement: 'select label from probe where id = $1', calls: 1 }]);
  });

  it('matches a uuid or text column against any number of values with one statement text (anyOf)', async () => {
    const handle = pool();
    const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
    for (const ids of [TAG_IDS.slice(0, 1), TAG_IDS.slice(1, 4), [], TAG_IDS]) {
      expect(idsOf(await handle.db.select().from(tagged).where(anyOf(tagged.id, ids)))).toEqual(ids);
    }
    const labels = async (values: string[]) =>
      (await handle.db.select().from(tagged).where(anyOf(tagged.label, values))).map((r) => r.label).sort();
    // Commas, quotes, backslashes, braces, the word NULL and spaces arrive as they are, each matching itself.
    expect(await labels(AWKWARD)).toEqual([...AWKWARD].sort());
    expect(await labels(['a', 'b', 'say hi'])).toEqual([]);
    expect(await preparedOf(handle)).toEqual([
      { statement: expect.stringMatching(/"id" = any\(\$1::uuid\[\]\)$/), calls: 4 },
      { statement: expect.stringMatching(/"label" = any\(\$1::text\[\]\)$/), calls: 2 },
    ]);
    expect(() => anyOf(tagged.n, ['1'])).toThrow(/uuid or text column, not n \(integer\)/);
  });

  it('inserts any number of rows with one statement text (insertRows), each value as it was given', async () => {
    const handle = pool();
    const at = new Date('2026-12-03T21:45:12.345Z');
    const row = (i: number) => ({
      id: `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`,
      label: AWKWARD[i % AWKWARD.length]!,
      n: i % 2 === 0 ? i : null,
      doc: { seat: `${i}A`, quote: 'say "hi" \\ {x}', nested: [1, { ok: true }] },
      at,
    });
    const batches = [[row(0)], [row(1), row(2), row(3)], [row(4), row(5)]];
    for (const rows of batches) await handle.db.execute(sql`${insertRows(rowset, rows)} on conflict do nothing`);
    // A row again changes nothing (the caller's on conflict clause follows the select).
    await handle.db.execute(sql`${insertRows(rowset, [{ ...row(0), label: 'changed' }])} on conflict do nothing`);
    const stored = await handle.db.select().from(rowset).orderBy(rowset.id);
    expect(stored.map(({ createdAt, ...rest }) => (expect(createdAt).toBeInstanceOf(Date), rest))).toEqual(
      batches.flat().map((r) => ({ ...r, state: 'NEW' })),
    );
    expect(await preparedOf(handle)).toEqual([
      {
        statement: expect.stringMatching(
          /^insert into "kit"."rowset" \("id", "label", "n", "doc", "at"\) select .* from json_populate_recordset\(null::"kit"."rowset", \$1::json\) on conflict do nothing$/,
        ),
        calls: 4,
      },
    ]);
    // A column with a default set by some rows only would take null in the others: refused before any SQL.
    expect(() => insertRows(rowset, [{ ...row(6), state: 'OLD' }, row(7)])).toThrow(/every row or none must set state/);
    // An invalid date is refused (JSON would write it as null), and so is an empty batch.
    expect(() => insertRows(rowset, [{ ...row(8), at: new Date('tomorrow') }])).toThrow(/invalid date in at/);
    expect(() => insertRows(rowset, [])).toThrow(/no rows/);
  });
});

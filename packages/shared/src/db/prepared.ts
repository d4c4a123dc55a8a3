/** Hot reads as prepared statements: built once per database, parsed and planned once per connection. */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { PgTransaction, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { sessionOf, type Db, type Executor } from './database';

const statements = new WeakMap<object, Map<string, unknown>>();

/**
 * The prepared statement `name` on the pool `executor`, built by `build` the first time; undefined
 * inside a transaction, whose reads must run on its own connection (the caller builds the query).
 */
export function prepared<T>(executor: Executor, name: string, build: (db: Db, name: string) => T): T | undefined {
  if (executor instanceof PgTransaction) return undefined;
  let byName = statements.get(executor);
  if (!byName) statements.set(executor, (byName = new Map()));
  let statement = byName.get(name) as T | undefined;
  if (!statement) byName.set(name, (statement = build(executor as Db, name)));
  return statement;
}

const reusables = new Map<string, object>();

/**
 * The statement `build` makes (a drizzle prepared query, every value a placeholder: the same text whatever the values),
 * built once per database driver and `name`, and run on `executor`'s own connection, a transaction's too (where
 * `prepared` does not reach). drizzle builds a statement every time it runs (it walks its parts and checks each one's
 * kind): for a seat hold's read, longer than Postgres takes to run it. `build` must bind no value of its own. Unnamed
 * in Postgres (`prepare(undefined)`): the pool's clients prepare it by its text, as any statement with parameters.
 */
export function reusable<T extends object>(executor: Executor, name: string, build: (executor: Executor) => T): T {
  const session = sessionOf(executor);
  const key = `${session.constructor.name} ${name}`;
  let statement = reusables.get(key) as T | undefined;
  if (!statement) reusables.set(key, (statement = build(executor)));
  // A drizzle prepared query runs on the client it was built with (its `client`): this use runs on the executor's.
  return Object.create(statement, { client: { value: session.client } }) as T;
}

/** `column = any($ids)`: one statement for any number of ids (`in (...)` would need one per count). */
export const anyId = (column: PgColumn): SQL => sql`${column} = any(${sql.placeholder('ids')}::uuid[])`;

/** Column types `anyOf` casts its array to. */
const ARRAY_TYPES = new Set(['uuid', 'text']);

/**
 * `column = any($1::uuid[])` (or `text[]`) with the values as one parameter: the same statement text for any
 * number of values, so one prepared statement serves them all (`inArray` writes `in ($1, $2, ...)`, a text per
 * count, and the pool's prepared-statement cap fills with them). No values matches nothing, as `inArray`.
 */
export function anyOf(column: PgColumn, values: readonly string[]): SQL {
  const type = column.getSQLType();
  if (!ARRAY_TYPES.has(type)) throw new Error(`anyOf takes a uuid or text column, not ${column.name} (${type})`);
  return sql`${column} = any(${sql.param([...values])}::${sql.raw(type)}[])`;
}

/**
 * `insert into table (columns) select columns from json_populate_recordset(null::table, $1::json)`: the rows as
 * one JSON parameter, so one statement text serves any number of rows (`.values([...])` writes a text per
 * count). The columns listed are those some row sets (the others take their defaults); a row without one of
 * them inserts null there, so a column with a default must be set by every row or by none. Dates go as ISO
 * instants (an invalid one is refused, as drizzle's insert refuses it), json columns as their JSON. No rows is
 * refused. The caller appends `on conflict ...` and `returning ...`.
 */
export function insertRows<T extends PgTable>(table: T, rows: readonly Partial<T['$inferInsert']>[]): SQL {
  if (rows.length === 0) throw new Error('insertRows: no rows');
  const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>).filter(([key]) =>
    rows.some((row) => (row as Record<string, unknown>)[key] !== undefined),
  );
  for (const [key, column] of columns) {
    if (column.hasDefault && rows.some((row) => (row as Record<string, unknown>)[key] === undefined))
      throw new Error(`insertRows: every row or none must set ${column.name}, which has a default`);
  }
  const value = (row: Partial<T['$inferInsert']>, key: string, column: PgColumn) => {
    const v = (row as Record<string, unknown>)[key] ?? null;
    // JSON.stringify writes an invalid Date as null; drizzle's own insert refuses it (toISOString throws).
    if (v instanceof Date && Number.isNaN(v.getTime()))
      throw new RangeError(`insertRows: invalid date in ${column.name}`);
    return v;
  };
  const json = rows.map((row) =>
    Object.fromEntries(columns.map(([key, column]) => [column.name, value(row, key, column)])),
  );
  const list = sql.join(
    columns.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  return sql`insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, ${JSON.stringify(json)}::json)`;
}

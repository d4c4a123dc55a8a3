/** Hot reads as prepared statements: built once per database, parsed and planned once per connection. */
import { sql, type SQL } from 'drizzle-orm';
import { PgTransaction, type PgColumn } from 'drizzle-orm/pg-core';
import type { Db, Executor } from './database';

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

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

/**
 * `column = any($1::uuid[])` with the ids as one parameter: the same statement text for any number of ids,
 * so one prepared statement serves them all (`inArray` writes `in ($1, $2, ...)`, a text per count).
 */
export const anyUuid = (column: PgColumn, ids: readonly string[]): SQL =>
  sql`${column} = any(${sql.param([...ids])}::uuid[])`;

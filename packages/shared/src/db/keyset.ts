import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

/**
 * The rows after a [time, id] keyset cursor in (time, id) order, newest first (`desc`) or oldest first (`asc`).
 * A cursor's time is ISO 8601 with milliseconds while Postgres keeps microseconds (`defaultNow()`): compared with it,
 * a row written in the same millisecond as the cursor's row but a few microseconds earlier would be neither before
 * nor after it, on no page (or, oldest first, the cursor's own row on the next page again). So the cursor's row is
 * compared by its stored time, read once by its id (the cursor's time only when that row is gone: the lists using
 * this never delete theirs). One row comparison, so an index on (…, time, id) bounds the scan.
 */
export function afterTimeCursor(
  table: PgTable,
  time: PgColumn,
  id: PgColumn,
  after: readonly unknown[],
  order: 'asc' | 'desc',
): SQL {
  const [at, cursorId] = after as [string, string];
  const stored = sql`coalesce((select ${time} from ${table} where ${id} = ${cursorId}), ${new Date(at)}::timestamptz)`;
  return order === 'desc'
    ? sql`(${time}, ${id}) < (${stored}, ${cursorId})`
    : sql`(${time}, ${id}) > (${stored}, ${cursorId})`;
}

/**
 * Counts the statements node-postgres sends, per database, in this process, and the writes they leave in: what a
 * benchmark's operations cost in statements and in trips to Postgres (statements go pipelined, several to a write:
 * pipeliningClient, packages/shared/src/db/database.ts). Installed before the platform starts; read before and
 * after a run.
 */
import pg from 'pg';

const counts = new Map<string, number>();
/** Commits, per database: each is a WAL flush (synchronous_commit on), the server's dearest step. */
const commits = new Map<string, number>();
/** Writes on the connections' sockets, per database. */
const writes = new Map<string, number>();
const counted = new WeakSet<object>();
let installed = false;

type Writable = Record<'_write' | '_writev', (...args: unknown[]) => unknown>;

/** Counts the writes on `client`'s socket from now on (once per connection). */
function countWrites(client: pg.Client, database: string): void {
  const stream = (client as unknown as { connection?: { stream?: Writable } }).connection?.stream;
  if (!stream || counted.has(stream)) return;
  counted.add(stream);
  for (const method of ['_write', '_writev'] as const) {
    const original = stream[method];
    stream[method] = function (this: unknown, ...args: unknown[]) {
      writes.set(database, (writes.get(database) ?? 0) + 1);
      return original.apply(this, args);
    };
  }
}

/** Starts counting (once per process). */
export function countStatements(): void {
  if (installed) return;
  installed = true;
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const database = this.database ?? '?';
    countWrites(this, database);
    counts.set(database, (counts.get(database) ?? 0) + 1);
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: unknown } | undefined)?.text;
    if (typeof text === 'string' && /^\s*commit\b/i.test(text)) commits.set(database, (commits.get(database) ?? 0) + 1);
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

/** Statements sent so far, per database name; commits under `commit:<name>`, writes under `write:<name>`. */
export function statementCounts(): Map<string, number> {
  return new Map([
    ...counts,
    ...[...commits].map(([database, n]) => [`commit:${database}`, n] as const),
    ...[...writes].map(([database, n]) => [`write:${database}`, n] as const),
  ]);
}

/** Statements sent between two readings, per database whose name ends with `suffix` (e.g. `ticketing`). */
export function statementsSince(before: Map<string, number>, suffix: string): number {
  let n = 0;
  for (const [database, count] of counts) if (database.endsWith(suffix)) n += count - (before.get(database) ?? 0);
  return n;
}

/** Commits between two readings, in every database whose name ends with `suffix` ('' for all). */
export function commitsSince(before: Map<string, number>, suffix: string): number {
  let n = 0;
  for (const [database, count] of commits)
    if (database.endsWith(suffix)) n += count - (before.get(`commit:${database}`) ?? 0);
  return n;
}

/** Writes to Postgres between two readings, in every database whose name ends with `suffix` ('' for all). */
export function writesSince(before: Map<string, number>, suffix: string): number {
  let n = 0;
  for (const [database, count] of writes)
    if (database.endsWith(suffix)) n += count - (before.get(`write:${database}`) ?? 0);
  return n;
}

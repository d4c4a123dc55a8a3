import { createHash, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';

/** A drizzle database over either node-postgres or PGlite; repositories take this. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;
/** An open transaction; has the same query API as Db. */
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, unknown>, Record<string, never>>;
/** Anything a repository can run a query on. */
export type Executor = Db | Tx;

/** The drizzle session an executor runs on, with its driver client (a pool, a pool's client, PGlite): internals. */
export function sessionOf(executor: Executor): { client: unknown } {
  return (executor as unknown as { _: { session: { client: unknown } } })._.session;
}

export interface DatabaseHandle {
  readonly db: Db;
  readonly kind: 'postgres' | 'pglite';
  /** Resolves when the database answers; used by /readyz. */
  ping(): Promise<void>;
  /**
   * Runs `fn` while holding a database-wide lock named `key` (a Postgres advisory lock on one
   * pooled connection), so several instances never do it at the same time.
   */
  runExclusive<T>(key: string, fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A stable 32-bit key for an advisory lock name. */
export function advisoryLockKey(name: string): number {
  let hash = 0;
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

/**
 * A client checked out of `pool` goes back (and is dropped) as soon as its connection breaks, and a
 * second release does nothing. The pool stops listening to a client while it is checked out (a
 * transaction, an advisory lock): without a listener its 'error' event would crash the process.
 * And drizzle sends a transaction's BEGIN before its try/finally: when BEGIN fails on a connection
 * Postgres just cut, drizzle never releases the client, and each such leak would take a slot of the
 * pool for good (after a restart or two every request would wait for a connection that never
 * comes, and closing the pool would hang).
 */
function guardCheckedOutClients(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool);
  const guard = (client: pg.PoolClient): pg.PoolClient => {
    const release = client.release;
    let released = false;
    const releaseOnce = (error?: Error | boolean) => {
      if (released) return;
      released = true;
      client.off('error', onError);
      release(error);
    };
    const onError = (error: Error) => releaseOnce(error);
    client.on('error', onError);
    client.release = releaseOnce;
    return client;
  };
  // pool.query checks out with a callback and releases on its own; only promise callers are guarded.
  pool.connect = ((callback?: Parameters<pg.Pool['connect']>[0]) =>
    callback ? connect(callback) : connect().then(guard)) as pg.Pool['connect'];
}

/** `select set_config('<name>', '<digits>', true), ...`: settings local to a transaction, nothing else. */
const TRANSACTION_SETTINGS = /^select set_config\('[a-z_]+', '\d+', true\)(?:, set_config\('[a-z_]+', '\d+', true\))*$/;

/** pg's encoding of a statement's value (pg.utils, untyped): it throws for a value it cannot send. */
const prepareValue = (pg as unknown as { utils: { prepareValue(value: unknown): unknown } }).utils.prepareValue;

/** The timeouts a transaction's last statement runs under (commitWithNext): prepared once per connection. */
const LAST_STATEMENT_BOUNDS = Object.freeze({
  name: 'busline_last_statement_bounds',
  text: "select set_config('statement_timeout', $1, true), set_config('lock_timeout', $1, true)",
});

/** What a deferred BEGIN answers at once (drizzle reads nothing of it). */
const BEGUN = Object.freeze({ command: 'BEGIN', rowCount: null, rows: [], fields: [] });
/** What a ROLLBACK of a transaction its sent COMMIT already ended answers. */
const ROLLED_BACK = Object.freeze({ command: 'ROLLBACK', rowCount: null, rows: [], fields: [] });

/** A pool's client that can send a transaction's COMMIT right behind its last statement (pipeliningClient). */
export interface CommitsWithLastStatement {
  /**
   * The next statement is the transaction's last: a COMMIT goes out right behind it, in the same write, and the
   * transaction's own COMMIT (or ROLLBACK) is answered by it. After a failed last statement Postgres ends the
   * transaction as ROLLBACK would (it answers that COMMIT `ROLLBACK`). With `timeoutMs`, the statement's timeout and
   * lock timeout are set to it first, in the same write: it ends within that time or is cancelled, and the transaction
   * with it. False when the client sends one statement at a time (no pipeline): then the transaction commits as any
   * other.
   */
  commitWithNext(timeoutMs?: number): boolean;
}

/**
 * A pg Client in pg's pipeline mode (`pipeline: true`) that sends fewer, fuller writes:
 * - a statement goes out without waiting for the answers to those before it, and the statements issued in one
 *   turn of the event loop leave in one write (the socket is corked until the turn ends);
 * - a transaction's `begin` is answered at once and goes out with the transaction's first statement;
 * - a transaction's last statement may take its COMMIT with it (`commitWithNext`: UnitOfWork.commitWith).
 * Postgres still runs them one after another, each with its own snapshot, and each ends with its own Sync: an
 * error fails its statement alone (in a transaction, those after it too: 25P02). A body that issues several
 * statements before awaiting them (the seat hold's locks and its read) costs one round trip for all of them.
 * Socket writes were ~30 % of the CPU the services spent on a seat hold (bench/README.md, "hold").
 */
export function pipeliningClient(Base: typeof pg.Client = pg.Client): typeof pg.Client {
  class PipeliningClient extends Base implements CommitsWithLastStatement {
    /** The socket is corked until the end of this turn. */
    corked = false;
    /** A transaction's BEGIN answered but not sent: it goes out with the next statement. */
    beginPending = false;
    /** commitWithNext was called: the next statement goes out with a COMMIT behind it (after its timeouts, if any). */
    commitNext: { timeoutMs?: number } | false = false;
    /** That COMMIT, sent: the transaction's own COMMIT or ROLLBACK gets its answer. */
    sentCommit: Promise<unknown> | undefined = undefined;

    commitWithNext(timeoutMs?: number): boolean {
      if (!(this as unknown as Internals).pipeline) return false;
      this.commitNext = { timeoutMs };
      return true;
    }
  }
  type Statement = { text?: unknown; callback?: unknown; name?: unknown };
  type Internals = PipeliningClient & { pipeline: boolean; connection: { stream: { cork(): void; uncork(): void } } };
  const query = Base.prototype.query as (...args: unknown[]) => unknown;
  PipeliningClient.prototype.query = function (this: Internals, config: unknown, values?: unknown, ...rest: unknown[]) {
    if (!this.pipeline) return query.call(this, config, values, ...rest);
    if (!this.corked) {
      this.corked = true;
      const stream = this.connection.stream;
      stream.cork();
      process.nextTick(() => {
        this.corked = false;
        stream.uncork();
      });
    }
    const statement = (typeof config === 'string' ? { text: config } : (config ?? {})) as Statement;
    const noValues = values === undefined || (Array.isArray(values) && values.length === 0);
    const promised = typeof values !== 'function' && typeof rest[0] !== 'function' && !statement.callback;
    if (statement.text === 'begin' && noValues && promised) {
      // A new transaction: nothing of an earlier one's last statement carries over.
      this.commitNext = false;
      this.sentCommit = undefined;
      this.beginPending = true;
      return Promise.resolve(BEGUN);
    }
    const ends = noValues && promised && (statement.text === 'commit' || statement.text === 'rollback');
    const sentCommit = this.sentCommit;
    if (sentCommit && !ends)
      // It would run on its own, after the transaction's COMMIT.
      return Promise.reject(new Error('A statement after the last statement of its transaction (commitWith)'));
    if (ends) this.commitNext = false;
    if (sentCommit && ends) {
      this.sentCommit = undefined;
      if (statement.text === 'commit') return sentCommit;
      // A ROLLBACK after the last statement failed: the sent COMMIT ended the transaction as one would. After it
      // committed, nothing can undo it: that is an error of the caller's (nothing may fail after the last statement).
      return sentCommit.then(
        (result) => {
          if ((result as { command?: unknown }).command === 'COMMIT')
            throw new Error('ROLLBACK asked of a transaction that had committed with its last statement');
          return ROLLED_BACK;
        },
        () => ROLLED_BACK,
      );
    }
    const last = this.commitNext;
    if (!last) return send(this, statement, config, values, rest, noValues && promised);
    this.commitNext = false;
    // Values pg could not encode fail the statement before it is sent, leaving the transaction as it was: the COMMIT
    // behind it would commit what came before. Encoded here first, such a statement fails with nothing sent.
    try {
      const params = Array.isArray(values) ? values : (statement as { values?: unknown }).values;
      if (Array.isArray(params)) for (const value of params) prepareValue(value);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    let boundsError: Promise<unknown> | undefined;
    if (last.timeoutMs !== undefined) {
      const ms = String(Math.max(1, Math.floor(last.timeoutMs)));
      // Failing, it fails the statement behind it (25P02) and the COMMIT ends the transaction as ROLLBACK: the
      // statement then answers with this error, the cause (a timeout of its own, say).
      boundsError = (
        send(this, LAST_STATEMENT_BOUNDS, LAST_STATEMENT_BOUNDS, [ms], [], false) as Promise<unknown>
      ).then(
        () => undefined,
        (error: unknown) => error,
      );
    }
    const result = send(this, statement, config, values, rest, noValues && promised);
    const commit = query.call(this, 'commit') as Promise<unknown>;
    // Answered to the transaction's own COMMIT or ROLLBACK; until then its failure is the statement's too.
    commit.catch(() => undefined);
    this.sentCommit = commit;
    if (!boundsError || !(result instanceof Promise)) return result;
    return result.catch(async (error: unknown) => {
      throw (await boundsError) ?? error;
    });
  } as typeof pg.Client.prototype.query;

  /** A statement sent, with the transaction's BEGIN when it is still to go. */
  function send(
    client: Internals,
    statement: Statement,
    config: unknown,
    values: unknown,
    rest: unknown[],
    plain: boolean,
  ): unknown {
    if (!client.beginPending) return query.call(client, config, values, ...rest);
    client.beginPending = false;
    // Settings the transaction starts with (the router's deadline: boundByDeadline) go in BEGIN's own query text: one
    // exchange with Postgres instead of two, answered with their own result. Only those, written as a literal call:
    // Postgres parses a query text whole before it runs any of it, so a first statement it could not parse would take
    // BEGIN down with it, and the statements sent behind it would each commit on their own.
    const text = statement.text;
    if (plain && typeof text === 'string' && TRANSACTION_SETTINGS.test(text) && !statement.name)
      return (query.call(client, { ...statement, text: `begin; ${text}` }) as Promise<unknown[]>).then(
        (results) => results[1],
      );
    // BEGIN fails only with its connection, and the statement sent behind it then fails too. Its answer is the
    // statement's own, not one chained to BEGIN's: an error of the first statement must reach a caller awaiting
    // several (Promise.all) before the 25P02 of those behind it.
    (query.call(client, 'begin') as Promise<unknown>).catch(() => undefined);
    return query.call(client, config, values, ...rest);
  }
  return PipeliningClient;
}

/**
 * Distinct statement texts one pool sends as prepared statements; past it, statements go unnamed. A plan
 * takes ~30 KB of a connection's memory in Postgres (up to ~70 KB for a long `in (...)` list), so a
 * connection keeps at most ~6-14 MB of them; a service's normal traffic names a few dozen.
 */
export const PREPARED_STATEMENTS_PER_POOL = 200;

/**
 * Errors after which a connection prepares the statement anew under another name: Postgres's refusal of a
 * prepared statement whose tables changed the shape of its result (0A000, for as long as the session keeps
 * it); a statement the connection no longer has (26000); and a failure on this side (no SQLSTATE, such as a
 * parameter pg could not encode, after which pg has closed the statement but still counts it as prepared).
 */
function needsNewStatement(error: unknown): boolean {
  const { code, routine, message } = (error ?? {}) as { code?: unknown; routine?: unknown; message?: unknown };
  if (typeof code !== 'string') return true;
  if (code === '26000') return true;
  return (
    code === '0A000' &&
    (routine === 'RevalidateCachedQuery' ||
      (typeof message === 'string' && message.includes('cached plan must not change result type')))
  );
}

/**
 * A pg Client that sends every statement with parameters as a named prepared statement, named by its verb
 * and a hash of its text (`busline_select_<hash>`; the verb keeps trace span names readable): each connection
 * parses and plans a statement once and then only binds and executes it (planning was half of Postgres's CPU
 * per hold: bench/README.md, "hold"). At most `limit` distinct texts per pool get a name, so a statement
 * whose text grows with its input (`in ($1, $2, ...)`) cannot fill every connection with plans; past it, and
 * without parameters (a text that may hold several commands, which only the simple protocol runs),
 * statements go unnamed as before. pg refuses a name reused for another text; a name made of the text's
 * hash never is.
 */
export function preparingClient(limit: number, Base: typeof pg.Client = pg.Client): typeof pg.Client {
  // By text: a statement sent again (most are) is named without hashing its text anew (a sha1 per statement was
  // ~1 % of the services' CPU per seat hold).
  const named = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    const known = named.get(text);
    if (known) return known;
    if (named.size >= limit) return undefined;
    const hash = createHash('sha1').update(text).digest('base64url');
    const verb = /^[\s(]*([a-z]{1,10})/i.exec(text)?.[1]?.toLowerCase() ?? 'statement';
    const name = `busline_${verb}_${hash}`;
    named.set(text, name);
    return name;
  };
  class PreparingClient extends Base {
    /** Statements this connection prepares anew under another name, and how often (needsNewStatement). */
    remade?: Map<string, number>;
  }
  type Callback = (error: unknown, result: unknown) => void;
  const query = Base.prototype.query as (...args: unknown[]) => unknown;
  PreparingClient.prototype.query = function (
    this: PreparingClient,
    config: unknown,
    values?: unknown,
    ...rest: unknown[]
  ) {
    const statement = (typeof config === 'string' ? { text: config } : config) as {
      text?: unknown;
      name?: unknown;
      values?: unknown;
      submit?: unknown;
      callback?: unknown;
    } | null;
    if (
      statement === null ||
      typeof statement !== 'object' ||
      typeof statement.text !== 'string' ||
      statement.name !== undefined ||
      typeof statement.submit === 'function' // a Query or Cursor object: passed on as it is
    )
      return query.call(this, config, values, ...rest);
    const params = Array.isArray(values) ? values : statement.values;
    const name = Array.isArray(params) && params.length > 0 ? nameOf(statement.text) : undefined;
    if (!name) return query.call(this, config, values, ...rest);
    const remade = this.remade?.get(name) ?? 0;
    // This execution fails (its transaction with it); the next one on this connection prepares anew.
    const onError = (error: unknown) => {
      if (needsNewStatement(error)) (this.remade ??= new Map()).set(name, remade + 1);
    };
    const guard =
      (callback: Callback): Callback =>
      (error, result) => {
        if (error) onError(error);
        callback(error, result);
      };
    const named: Record<string, unknown> = { ...statement, name: remade ? `${name}_${remade}` : name };
    // pg takes a callback in the config, as the second argument (no values) or as the third.
    if (typeof statement.callback === 'function') {
      named.callback = guard(statement.callback as Callback);
      return query.call(this, named, values, ...rest);
    }
    if (typeof values === 'function') return query.call(this, named, guard(values as Callback));
    if (typeof rest[0] === 'function') return query.call(this, named, values, guard(rest[0] as Callback));
    return (query.call(this, named, values, ...rest) as Promise<unknown>).catch((error: unknown) => {
      onError(error);
      throw error;
    });
  } as typeof pg.Client.prototype.query;
  return PreparingClient;
}

export interface PostgresOptions {
  poolSize?: number;
  applicationName?: string;
  /**
   * Statements with parameters as named prepared statements (default true): off behind a pooler in
   * transaction mode that does not keep them (PgBouncer before 1.21, or without max_prepared_statements).
   */
  preparedStatements?: boolean;
  /** Distinct texts the pool prepares (PREPARED_STATEMENTS_PER_POOL unless given). */
  preparedStatementLimit?: number;
  /** Statements sent without waiting for the answers before them (default true): pipeliningClient. */
  pipeline?: boolean;
}

/** A keep-alive connection pool to one Postgres database. */
export function connectPostgres(url: string, options: PostgresOptions = {}): DatabaseHandle {
  const pipeline = options.pipeline !== false;
  const Base = pipeline ? pipeliningClient() : pg.Client;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
    application_name: options.applicationName,
    pipeline,
    Client:
      options.preparedStatements === false
        ? Base
        : preparingClient(options.preparedStatementLimit ?? PREPARED_STATEMENTS_PER_POOL, Base),
  } as pg.PoolConfig);
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  guardCheckedOutClients(pool);
  const db = drizzlePg(pool) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: 'postgres',
    async ping() {
      await pool.query('select 1');
    },
    async runExclusive(key, fn) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [advisoryLockKey(key)]);
        try {
          return await fn(drizzlePg(client) as unknown as Db);
        } finally {
          await client.query('select pg_advisory_unlock($1)', [advisoryLockKey(key)]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * An embedded Postgres (PGlite). `dataDir` undefined keeps everything in memory. btree_gist is
 * available (CREATE EXTENSION), as on Postgres: ticketing's seat-segment exclusion constraint needs it.
 */
export async function openPglite(dataDir?: string): Promise<DatabaseHandle> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  let client: PGlite;
  try {
    client = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { btree_gist } });
  } catch (error) {
    unlock();
    throw error;
  }
  const db = drizzlePglite(client) as unknown as Db;
  let closed = false;
  // One process owns a PGlite database, so an exclusive section only waits for the same key's sections of this
  // process (two seeds at once, say) to end: each key's sections run one after another.
  const sections = new Map<string, Promise<unknown>>();
  return {
    db,
    kind: 'pglite',
    async ping() {
      await client.query('select 1');
    },
    async runExclusive(key, fn) {
      const before = sections.get(key) ?? Promise.resolve();
      const run = before.then(
        () => fn(db),
        () => fn(db),
      );
      const settled = run.then(
        () => undefined,
        () => undefined,
      );
      sections.set(key, settled);
      void settled.then(() => {
        if (sections.get(key) === settled) sections.delete(key);
      });
      return run;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}

/** Whether process `pid` runs (on this machine: one another user owns counts). */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What tells process `pid` from a later one given the same pid (after a crash, in a restarted container, after a
 * reboot): the machine's boot id and the process's start time, where Linux tells them; undefined elsewhere.
 */
export function processIdentity(pid: number): string | undefined {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // starttime is the 22nd field: the 20th after the command name's closing parenthesis (a name may hold spaces).
    const started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return started ? `${boot}:${started}` : undefined;
  } catch {
    return undefined;
  }
}

/** Embedded database locks this process holds (their files). */
const heldLocks = new Set<string>();

/** Whether the owner a lock file names (`{"pid":…,"identity":…}`, or a pid alone) still holds it. */
function lockOwnerRuns(text: string, path: string): { pid: number } | undefined {
  let owner: { pid?: unknown; identity?: unknown };
  try {
    const parsed = JSON.parse(text) as unknown;
    owner = typeof parsed === 'number' ? { pid: parsed } : (parsed as typeof owner);
  } catch {
    return undefined;
  }
  const { pid, identity } = owner ?? {};
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return undefined;
  // This pid is this process: a lock it does not hold is a former process's that had the same pid.
  if (pid === process.pid) return heldLocks.has(path) ? { pid } : undefined;
  if (!processRuns(pid)) return undefined;
  const now = typeof identity === 'string' ? processIdentity(pid) : undefined;
  return now === undefined || now === identity ? { pid } : undefined;
}

/**
 * Takes the lock of an embedded database's folder (`<folder>.lock`, naming the owner process), or throws when a running
 * process holds it. PGlite keeps the database in memory and writes its folder as it goes and when it closes: two
 * processes on one folder (`npm run seed` beside `npm start`) overwrite each other's writes, or leave a folder that
 * no longer opens. The lock file appears whole (written aside, then hard-linked into place, which fails when one
 * exists), so no process ever reads a half-written one; a lock whose process is gone (it crashed, or its pid now
 * names another process) is taken over. Returns what releases it.
 */
function lockDataDir(dataDir: string): () => void {
  const path = `${dataDir.replace(/[/\\]+$/, '')}.lock`;
  const mine = JSON.stringify({ pid: process.pid, identity: processIdentity(process.pid) });
  const unique = () => `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const written = unique();
  writeFileSync(written, mine);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(written, path);
        heldLocks.add(path);
        return () => {
          heldLocks.delete(path);
          try {
            if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
          } catch {
            // Already gone.
          }
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        continue; // released meanwhile
      }
      const holder = lockOwnerRuns(text, path);
      if (holder) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${holder.pid}` +
            (holder.pid === process.pid ? ' (this one)' : ' (npm start, or a seed?)') +
            ": stop it first; two processes on one embedded database lose each other's writes",
        );
      }
      // Stale: moved aside under a name of this process's, then checked to be the lock found stale. Another process
      // may have taken it over meanwhile: its lock is put back (should a third have linked its own in that instant,
      // two could hold it: three processes taking over one crashed process's lock at once are not told apart).
      const aside = unique();
      try {
        renameSync(path, aside);
      } catch {
        continue;
      }
      try {
        if (readFileSync(aside, 'utf8') !== text) linkSync(aside, path);
      } catch {
        // Another lock is in place already: the next attempt tells whose.
      }
      unlinkSync(aside);
    }
  } finally {
    unlinkSync(written);
  }
  throw new Error(`The embedded database in ${dataDir} could not be locked (${path})`);
}

/** Creates database `name` on the server at `serverUrl` unless it exists; safe when run concurrently. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Refusing to create database with name "${name}"`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const existing = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (existing.rowCount) return;
    try {
      await client.query(`create database "${name}"`);
    } catch (error) {
      // 42P04 duplicate_database, 23505 unique_violation: another process created it first.
      const code = (error as { code?: string }).code;
      if (code !== '42P04' && code !== '23505') throw error;
    }
  } finally {
    await client.end();
  }
}

/** Drops database `name` (connections are terminated). */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

/** Replaces the database name in a Postgres URL. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Rows of a raw `execute` result, whichever driver ran it. */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export { sql };

/**
 * The error and the errors it wraps, outermost first: drizzle puts the driver's error in `cause`,
 * GraphQL puts a resolver's error in `originalError`. Bounded, so a cycle cannot loop.
 */
export function errorChain(error: unknown, maxDepth = 8): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current && typeof current === 'object' && chain.length < maxDepth;) {
    if (chain.includes(current)) break;
    chain.push(current);
    const wrapper = current as { cause?: unknown; originalError?: unknown };
    current = wrapper.originalError ?? wrapper.cause;
  }
  return chain;
}

/** SQLSTATE classes (0x–5x, F0, HV, P0, XX), so a system error such as EPIPE is not taken for one. */
const SQLSTATE = /^(?:[0-5][0-9A-Z]|F0|HV|P0|XX)[0-9A-Z]{3}$/;

/** The SQLSTATE code of the first Postgres error in `error`'s chain (e.g. `23505` unique_violation). */
export function postgresErrorCode(error: unknown): string | undefined {
  for (const link of errorChain(error)) {
    const code = (link as { code?: unknown }).code;
    if (typeof code === 'string' && SQLSTATE.test(code)) return code;
  }
  return undefined;
}

/** Postgres SQLSTATEs the services act on. */
export const PgCode = {
  UNIQUE_VIOLATION: '23505',
  EXCLUSION_VIOLATION: '23P01',
  DEADLOCK: '40P01',
  SERIALIZATION_FAILURE: '40001',
} as const;

/**
 * Whether `error` is (or wraps) a Postgres violation of a unique index or constraint — of `constraint`
 * when named (Postgres names it in the error's `constraint`; some drivers only in the message).
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return errorChain(error).some((link) => {
    const { code, constraint: named, message } = link as { code?: unknown; constraint?: unknown; message?: unknown };
    if (code !== PgCode.UNIQUE_VIOLATION) return false;
    return constraint === undefined || named === constraint || String(message ?? '').includes(constraint);
  });
}

/** Postgres is shutting down, starting, out of connection slots, or the connection broke (class 08). */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Node's socket errors: the server is unreachable or the connection was cut. */
const SOCKET_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** What node-postgres and its pool say when the server goes away or cannot be reached in time. */
const POSTGRES_CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
];
/** What ioredis says when Redis is away and a command cannot wait for it. */
const REDIS_CONNECTION_MESSAGES = [
  'Connection is closed.',
  "Stream isn't writeable and enableOfflineQueue options is false",
];

/**
 * Redis replies that say Redis cannot take a command now, not that the command is wrong: out of memory (maxmemory
 * with noeviction), loading its data, a read-only replica after a failover, a script running too long.
 */
const REDIS_BUSY_REPLIES = /^(OOM|LOADING|READONLY|MASTERDOWN|BUSY|TRYAGAIN|CLUSTERDOWN) /;

export type Dependency = 'database' | 'redis' | 'upstream';

/** fetch (undici) reports a failed connection as a TypeError "fetch failed" with the socket error as cause. */
const isFetchFailure = (link: unknown) => link instanceof TypeError && link.message === 'fetch failed';

/**
 * Which dependency `error` says is down (unreachable, restarting, out of connections), or undefined
 * when it is anything else: a bug, a constraint violation, a bad statement. Those stay masked.
 * A socket error under a failed fetch is an HTTP upstream's; any other is the database's: the
 * Postgres pool is the only other client that hands its socket errors to a caller (ioredis retries
 * and fails a command with its own errors).
 */
export function unavailableDependency(error: unknown): Dependency | undefined {
  const code = postgresErrorCode(error);
  // Class 08 is the connection's, but 08P01 (protocol violation) is a statement the server could not take (e.g.
  // more parameters than a statement may have): retrying it cannot help, unlike a connection that failed.
  if (code && (UNAVAILABLE_SQLSTATES.has(code) || (code.startsWith('08') && code !== '08P01'))) return 'database';
  const chain = errorChain(error);
  for (const [index, link] of chain.entries()) {
    if (!(link instanceof Error)) continue;
    if (link.name === 'MaxRetriesPerRequestError' || REDIS_CONNECTION_MESSAGES.includes(link.message)) return 'redis';
    if (link.name === 'ReplyError' && REDIS_BUSY_REPLIES.test(link.message)) return 'redis';
    if (POSTGRES_CONNECTION_MESSAGES.some((message) => link.message.startsWith(message))) return 'database';
    const socketCode = (link as { code?: unknown }).code;
    if (typeof socketCode === 'string' && SOCKET_ERRORS.has(socketCode)) {
      return chain.slice(0, index).some(isFetchFailure) ? 'upstream' : 'database';
    }
  }
  return undefined;
}

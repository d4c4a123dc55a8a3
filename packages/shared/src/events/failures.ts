import { AppError, ErrorCode } from '../errors';

/**
 * Thrown by a handler whose event can never be applied as it is (a payload that breaks the
 * contract): the bus dead-letters it at once instead of retrying.
 */
export class MalformedEventError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MalformedEventError';
  }
}

/**
 * `malformed`: retrying cannot help. `transient`: a dependency is away; retry for as long as
 * the operator allows. `failed`: anything else (a bug, state not there yet); a few retries.
 */
export type FailureKind = 'malformed' | 'transient' | 'failed';

/** Node socket errors met when Postgres or Redis cannot be reached. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/**
 * Postgres SQLSTATEs worth retrying: serialization failure, deadlock, lock not available
 * (lock_timeout), query cancelled (statement_timeout), too many connections, shutting down.
 * Class 08 (connection exceptions) is matched by prefix.
 */
const POSTGRES_CODES = new Set(['40001', '40P01', '55P03', '57014', '53300', '57P01', '57P02', '57P03']);

/** Messages of pg, ioredis and PGlite that carry no code. */
const TRANSIENT_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Connection is closed',
  "Stream isn't writeable",
  'Reached the max retries per request limit',
  'PGlite is closed',
];

/** The error and what it wraps (drizzle puts the driver's error in `cause`, GraphQL in `originalError`). */
function* chain(error: unknown): Generator<unknown> {
  let current = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    yield current;
    const next = (current as { cause?: unknown; originalError?: unknown }).cause ?? (current as { originalError?: unknown }).originalError;
    if (next === current) return;
    current = next;
  }
}

/** True when the error says a dependency (database, Redis) is unreachable or busy, not that the event is wrong. */
export function isTransient(error: unknown): boolean {
  for (const cause of chain(error)) {
    if (cause instanceof AppError && cause.code === ErrorCode.UNAVAILABLE) return true;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || POSTGRES_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (cause instanceof Error && (cause.name === 'MaxRetriesPerRequestError' || TRANSIENT_MESSAGES.some((m) => cause.message.includes(m)))) {
      return true;
    }
  }
  return false;
}

/** A handler's zod `parse` of the payload throws ZodError: the payload breaks its schema. */
function isMalformed(error: unknown): boolean {
  for (const cause of chain(error)) {
    if (cause instanceof MalformedEventError) return true;
    if (cause instanceof Error && cause.name === 'ZodError') return true;
  }
  return false;
}

export function classifyFailure(error: unknown): FailureKind {
  if (isMalformed(error)) return 'malformed';
  if (isTransient(error)) return 'transient';
  return 'failed';
}

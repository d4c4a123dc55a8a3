import { AppError, ErrorCode, errorChain, postgresErrorCode, unavailableDependency } from '../errors';

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
 * Thrown by a handler whose event follows another that has not been read yet (sent on another stream, e.g. a
 * booking's renumbering before its booking.confirmed): the earlier one comes, however late its stream is, so the
 * event is retried for as long as a transient failure (`EVENT_RETRY_FOR_MS`), not given the few attempts of a bug;
 * unlike a transient failure it pauses nothing (the event it waits for may be behind it).
 */
export class EventNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventNotReadyError';
  }
}

/**
 * `malformed`: retrying cannot help. `transient`: a dependency is away; retry for as long as
 * the operator allows. `waiting`: an earlier event is still on its way (EventNotReadyError); retry as long, while
 * later events go on. `failed`: anything else (a bug, state not there yet that no event brings); a few retries.
 */
export type FailureKind = 'malformed' | 'transient' | 'waiting' | 'failed';

/**
 * Postgres SQLSTATEs of contention, worth retrying although the database is up: serialization
 * failure, deadlock, lock not available (lock_timeout), query cancelled (statement_timeout).
 */
const CONTENTION_SQLSTATES = new Set(['40001', '40P01', '55P03', '57014']);

/**
 * True when the error says a dependency is unreachable or busy, not that the event is wrong: what
 * the error masker answers UNAVAILABLE for (Postgres, Redis or an upstream down), lock and
 * serialization contention, and an `AppError` UNAVAILABLE a handler threw itself.
 */
export function isTransient(error: unknown): boolean {
  if (unavailableDependency(error)) return true;
  const code = postgresErrorCode(error);
  if (code && CONTENTION_SQLSTATES.has(code)) return true;
  return errorChain(error).some((link) => link instanceof AppError && link.code === ErrorCode.UNAVAILABLE);
}

/** A handler's zod `parse` of the payload throws ZodError: the payload breaks its schema. */
function isMalformed(error: unknown): boolean {
  for (const cause of errorChain(error)) {
    if (cause instanceof MalformedEventError) return true;
    if (cause instanceof Error && cause.name === 'ZodError') return true;
  }
  return false;
}

export function classifyFailure(error: unknown): FailureKind {
  if (isMalformed(error)) return 'malformed';
  if (isTransient(error)) return 'transient';
  if (errorChain(error).some((link) => link instanceof EventNotReadyError)) return 'waiting';
  return 'failed';
}

// The router's deadline (x-request-deadline, SubgraphContext.deadline) applied to a change: nothing is committed after
// the router stopped waiting for its answer, so a client told UNAVAILABLE finds nothing done.
import { sql } from 'drizzle-orm';
import { AppError, ErrorCode } from '../errors';
import type { TransactionRunner, UnitOfWork } from '../events/unit-of-work';
import type { Executor } from './database';

/** Time kept back from the router's deadline for the commit and for the answer's way back. */
export const DEADLINE_MARGIN_MS = 250;

/** The answer when a change would finish after the router gave up on it: nothing was written. */
export function tooLate(message = 'The hold took too long; nothing was held, retry'): AppError {
  return new AppError(ErrorCode.UNAVAILABLE, message, { retryable: true });
}

/** Refuses to commit work whose answer would arrive after the caller stopped waiting. */
export function assertBeforeDeadline(deadline: number | null, now = Date.now()): void {
  if (deadline !== null && now + DEADLINE_MARGIN_MS >= deadline) throw tooLate();
}

/**
 * Bounds every statement and lock wait of the current transaction by the time left: Postgres cancels
 * a statement (57014) or a lock wait (55P03) that would run past the deadline.
 */
export async function boundByDeadline(tx: Executor, deadline: number | null): Promise<void> {
  if (deadline === null) return;
  const ms = Math.max(1, Math.floor(deadline - DEADLINE_MARGIN_MS - Date.now()));
  // Local to the transaction: both end with it. Without parameters (the time left is a number written here), so a
  // pipelining pool sends it in the query text of the transaction's BEGIN (pipeliningClient): one exchange fewer.
  await tx.execute(
    sql.raw(`select set_config('statement_timeout', '${ms}', true), set_config('lock_timeout', '${ms}', true)`),
  );
}

/** A statement or lock wait that Postgres cancelled on one of those timeouts (drizzle may wrap it). */
export function isDeadlineTimeout(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (e.code === '57014' || e.code === '55P03') return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * Runs a unit of work within the router's deadline (null: none): its statements and lock waits end at it, and it
 * commits only before it, so a client the router answered UNAVAILABLE finds nothing done (UNAVAILABLE here too).
 * `commitAnyway` lets a unit whose body returned a value that must stand whatever the time (a wrong claim code's
 * counted attempt) commit it past the deadline.
 */
export async function withinDeadline<T>(
  runner: TransactionRunner,
  deadline: number | null,
  message: string,
  fn: (uow: UnitOfWork) => Promise<T>,
  commitAnyway: (result: T) => boolean = () => false,
): Promise<T> {
  try {
    return await runner.run(async (uow) => {
      await boundByDeadline(uow.tx, deadline);
      const result = await fn(uow);
      if (!commitAnyway(result) && deadline !== null && Date.now() + DEADLINE_MARGIN_MS >= deadline)
        throw tooLate(message);
      return result;
    });
  } catch (error) {
    if (deadline !== null && isDeadlineTimeout(error)) throw tooLate(message);
    throw error;
  }
}

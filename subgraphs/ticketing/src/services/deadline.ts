import { AppError, ErrorCode, type Executor } from '@busline/shared';
import { TimeoutRepository } from '../repositories/timeout-repository';

/** Time kept back from the router's deadline for the commit and for the answer's way back. */
export const DEADLINE_MARGIN_MS = 250;

/** The answer when a hold would finish after the router gave up on it: nothing was written. */
export function tooLate(): AppError {
  return new AppError(ErrorCode.UNAVAILABLE, 'The hold took too long; nothing was held, retry', { retryable: true });
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
  await new TimeoutRepository(tx).limitTransaction(Math.max(1, deadline - DEADLINE_MARGIN_MS - Date.now()));
}

/** A statement or lock wait that Postgres cancelled on one of those timeouts (drizzle may wrap it). */
export function isDeadlineTimeout(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (e.code === '57014' || e.code === '55P03') return true;
    e = e.cause as typeof e;
  }
  return false;
}

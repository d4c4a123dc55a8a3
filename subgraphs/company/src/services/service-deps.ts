import type { Db, TransactionRunner } from '@busline/shared';

/** What every company service needs: the pool for reads, the runner for units of work, a clock. */
export interface ServiceDeps {
  db: Db;
  runner: TransactionRunner;
  /** Injected so tests and seeding can pin "now". */
  now: () => Date;
}

/** Postgres unique_violation, whichever driver or wrapper raised it. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current = error as { code?: string; cause?: unknown } | undefined, depth = 0; current && depth < 4; depth++) {
    if (current.code === '23505') return true;
    current = current.cause as typeof current;
  }
  return false;
}

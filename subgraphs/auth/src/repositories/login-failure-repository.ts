import { and, count, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '@busline/shared';
import { loginFailures } from '../db/schema';

const windowStart = (seconds: number) => sql`now() - make_interval(secs => ${seconds}::int)`;

/** SQL for the failed sign-in counters. */
export class LoginFailureRepository {
  constructor(private readonly db: Executor) {}

  /** Failures per key within the last `windowSeconds` (database clock; keys without failures are absent). */
  async countWithin(keys: string[], windowSeconds: number): Promise<Map<string, number>> {
    const rows = await this.db
      .select({ key: loginFailures.key, failures: count() })
      .from(loginFailures)
      .where(and(inArray(loginFailures.key, keys), gt(loginFailures.failedAt, windowStart(windowSeconds))))
      .groupBy(loginFailures.key);
    return new Map(rows.map((row) => [row.key, Number(row.failures)]));
  }

  /** Records one failure for each key and forgets that key's failures older than the window. */
  async record(keys: string[], windowSeconds: number): Promise<void> {
    await this.db.insert(loginFailures).values(keys.map((key) => ({ key, failedAt: sql`now()` })));
    await this.db.delete(loginFailures).where(and(inArray(loginFailures.key, keys), lt(loginFailures.failedAt, windowStart(windowSeconds))));
  }

  async clear(key: string): Promise<void> {
    await this.db.delete(loginFailures).where(eq(loginFailures.key, key));
  }
}

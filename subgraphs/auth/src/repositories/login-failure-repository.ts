import { and, count, eq, gt, inArray, lt, max, sql } from 'drizzle-orm';
import { anyOf, type Executor } from '@busline/shared';
import { loginFailures, signInAddresses } from '../db/schema';

const windowStart = (seconds: number) => sql`now() - make_interval(secs => ${seconds}::int)`;

export interface FailureCount {
  failures: number;
  /** Seconds since the latest failure (null without any). */
  secondsSinceLast: number | null;
}

/** SQL for the failed sign-in counters and the addresses accounts signed in from. */
export class LoginFailureRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Serializes attempts on `key` until the transaction ends, so a check and the failure it records
   * cannot interleave with a parallel attempt's (a burst of guesses must not all pass one check).
   */
  async lock(key: string): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
  }

  /** Failures per key within the last `windowSeconds` (database clock; keys without failures are absent). */
  async countWithin(keys: string[], windowSeconds: number): Promise<Map<string, FailureCount>> {
    const rows = await this.db
      .select({
        key: loginFailures.key,
        failures: count(),
        secondsSinceLast: sql<string>`extract(epoch from now() - ${max(loginFailures.failedAt)})`,
      })
      .from(loginFailures)
      .where(and(anyOf(loginFailures.key, keys), gt(loginFailures.failedAt, windowStart(windowSeconds))))
      .groupBy(loginFailures.key);
    return new Map(
      rows.map((row) => [row.key, { failures: Number(row.failures), secondsSinceLast: Number(row.secondsSinceLast) }]),
    );
  }

  /**
   * Records one failure for each key (returning the rows' ids) and forgets that key's failures older than the window.
   */
  async record(keys: string[], windowSeconds: number): Promise<number[]> {
    const rows = await this.db
      .insert(loginFailures)
      .values(keys.map((key) => ({ key, failedAt: sql`now()` })))
      .returning({ id: loginFailures.id });
    await this.db
      .delete(loginFailures)
      .where(and(anyOf(loginFailures.key, keys), lt(loginFailures.failedAt, windowStart(windowSeconds))));
    return rows.map((row) => row.id);
  }

  async remove(ids: number[]): Promise<void> {
    if (ids.length > 0) await this.db.delete(loginFailures).where(inArray(loginFailures.id, ids));
  }

  async clear(key: string): Promise<void> {
    await this.db.delete(loginFailures).where(eq(loginFailures.key, key));
  }

  async isKnownAddress(email: string, address: string): Promise<boolean> {
    const rows = await this.db
      .select({ email: signInAddresses.email })
      .from(signInAddresses)
      .where(and(eq(signInAddresses.email, email), eq(signInAddresses.address, address)))
      .limit(1);
    return rows.length > 0;
  }

  async rememberAddress(email: string, address: string): Promise<void> {
    await this.db
      .insert(signInAddresses)
      .values({ email, address })
      .onConflictDoUpdate({
        target: [signInAddresses.email, signInAddresses.address],
        set: { lastSuccessAt: sql`now()` },
      });
  }
}

import { sql } from 'drizzle-orm';
import type { Executor } from '@busline/shared';

/** SQL for the time limits of the open transaction (no table: Postgres settings local to it). */
export class TimeoutRepository {
  constructor(private readonly tx: Executor) {}

  /**
   * Sets the statement and lock timeouts of the current transaction to `ms`: Postgres cancels a
   * statement (57014) or a lock wait (55P03) that runs longer. Both end with the transaction.
   */
  async limitTransaction(ms: number): Promise<void> {
    const value = String(ms);
    await this.tx.execute(
      sql`select set_config('statement_timeout', ${value}, true), set_config('lock_timeout', ${value}, true)`,
    );
  }
}

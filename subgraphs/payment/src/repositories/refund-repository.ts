import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '@busline/shared';
import { refunds, type RefundRow } from '../db/schema';

/** SQL for refunds. */
export class RefundRepository {
  constructor(private readonly db: Executor) {}

  /** Records a refund once per payment and per booking/reason; returns it only when new. */
  async create(values: { paymentId: string; bookingId: string; amount: number; currency: string; reason: string }): Promise<RefundRow | undefined> {
    const [row] = await this.db.insert(refunds).values(values).onConflictDoNothing().returning();
    return row;
  }

  async find(id: string): Promise<RefundRow | undefined> {
    const [row] = await this.db.select().from(refunds).where(eq(refunds.id, id));
    return row;
  }

  /** Leases due PENDING refunds (SKIP LOCKED) by pushing their next attempt back with a growing delay. */
  async claimDue(limit: number): Promise<RefundRow[]> {
    const due = this.db
      .select({ id: refunds.id })
      .from(refunds)
      .where(and(eq(refunds.status, 'PENDING'), lte(refunds.nextAttemptAt, new Date())))
      .orderBy(asc(refunds.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    return this.db
      .update(refunds)
      .set({ attempts: sql`${refunds.attempts} + 1`, nextAttemptAt: sql`now() + least(interval '1 second' * power(2, ${refunds.attempts}) * 5, interval '1 hour')` })
      .where(inArray(refunds.id, due))
      .returning();
  }

  /** Completes a PENDING refund; returns it only when this call did. */
  async complete(id: string, status: 'SUCCEEDED' | 'FAILED'): Promise<RefundRow | undefined> {
    const [row] = await this.db
      .update(refunds)
      .set({ status, completedAt: new Date() })
      .where(and(eq(refunds.id, id), eq(refunds.status, 'PENDING')))
      .returning();
    return row;
  }
}

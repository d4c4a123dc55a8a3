import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '@busline/shared';
import { payments, type PaymentRow, type PaymentStatus } from '../db/schema';

export type NewPayment = typeof payments.$inferInsert;

/** SQL for payments. */
export class PaymentRepository {
  constructor(private readonly db: Executor) {}

  async findByIds(ids: readonly string[]): Promise<PaymentRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(payments).where(inArray(payments.id, [...ids]));
  }

  async findByBookingIds(bookingIds: readonly string[]): Promise<PaymentRow[]> {
    if (bookingIds.length === 0) return [];
    return this.db.select().from(payments).where(inArray(payments.bookingId, [...bookingIds])).orderBy(desc(payments.createdAt));
  }

  async findByProviderReference(reference: string): Promise<PaymentRow | undefined> {
    const [row] = await this.db.select().from(payments).where(eq(payments.providerReference, reference));
    return row;
  }

  async insert(values: NewPayment): Promise<PaymentRow> {
    const [row] = await this.db.insert(payments).values(values).returning();
    return row!;
  }

  /**
   * Moves a payment out of `from` (PENDING unless told otherwise) to `to`; returns the row only when
   * this call made the change, so concurrent settlements (webhook, replay, reconciliation) apply once.
   */
  async transition(id: string, to: PaymentStatus, extra: { failureReason?: string | null } = {}, from: PaymentStatus = 'PENDING'): Promise<PaymentRow | undefined> {
    const now = new Date();
    const [row] = await this.db
      .update(payments)
      .set({ status: to, updatedAt: now, ...(from === 'PENDING' ? { settledAt: now } : {}), ...extra })
      .where(and(eq(payments.id, id), eq(payments.status, from)))
      .returning();
    return row;
  }

  /**
   * Leases up to `limit` payments PENDING since before `olderThan` to this instance for `leaseMs`
   * (SKIP LOCKED: instances running side by side never check the same payment at once).
   */
  async claimStalePending(olderThan: Date, leaseMs: number, limit: number): Promise<PaymentRow[]> {
    const now = new Date();
    const due = this.db
      .select({ id: payments.id })
      .from(payments)
      .where(and(eq(payments.status, 'PENDING'), lt(payments.createdAt, olderThan), or(isNull(payments.nextCheckAt), lt(payments.nextCheckAt, now))))
      .orderBy(asc(payments.createdAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    return this.db
      .update(payments)
      .set({ nextCheckAt: new Date(now.getTime() + leaseMs) })
      .where(inArray(payments.id, due))
      .returning();
  }

  async findPendingForBooking(bookingId: string): Promise<PaymentRow[]> {
    return this.db.select().from(payments).where(and(eq(payments.bookingId, bookingId), eq(payments.status, 'PENDING')));
  }

  /** The payment that collected the booking's money (there is at most one). */
  async findCollectedForBooking(bookingId: string): Promise<PaymentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(payments)
      .where(and(eq(payments.bookingId, bookingId), sql`${payments.status} in ('SUCCEEDED', 'REFUNDED')`))
      .orderBy(desc(payments.createdAt))
      .limit(1);
    return row;
  }
}

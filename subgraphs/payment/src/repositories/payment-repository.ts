import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { anyOf, type Executor } from '@busline/shared';
import { payments, type PaymentRow, type PaymentStatus } from '../db/schema';

export type NewPayment = typeof payments.$inferInsert;

/**
 * The payments one provider's checks and refunds take (each provider has its own, so one that is slow or down keeps
 * only its own payments waiting): those of `provider`; with `unlisted`, also those whose provider is none of these
 * names (null included: made before providers were named, or by a provider not configured here).
 */
export interface ProviderLane {
  provider: string;
  unlisted?: readonly string[];
}

/** SQL: the payment is in `lane`. */
export function inLane(lane: ProviderLane): SQL {
  const own = eq(payments.provider, lane.provider);
  if (!lane.unlisted) return own;
  return or(own, isNull(payments.provider), notInArray(payments.provider, [...lane.unlisted]))!;
}

/** SQL for payments. */
export class PaymentRepository {
  constructor(private readonly db: Executor) {}

  async findByIds(ids: readonly string[]): Promise<PaymentRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(payments)
      .where(anyOf(payments.id, [...ids]));
  }

  async findByBookingIds(bookingIds: readonly string[]): Promise<PaymentRow[]> {
    if (bookingIds.length === 0) return [];
    return this.db
      .select()
      .from(payments)
      .where(anyOf(payments.bookingId, [...bookingIds]))
      .orderBy(desc(payments.createdAt));
  }

  async findByProviderReference(reference: string): Promise<PaymentRow | undefined> {
    const [row] = await this.db.select().from(payments).where(eq(payments.providerReference, reference));
    return row;
  }

  /**
   * Records a payment, `created_at` the statement's own time rather than its transaction's start: a payment's request
   * is sent right after the commit, and its time (requestWindowEnd) counts from here, after any wait for locks.
   */
  async insert(values: NewPayment): Promise<PaymentRow> {
    const [row] = await this.db
      .insert(payments)
      .values({ ...values, createdAt: values.createdAt ?? sql`clock_timestamp()` })
      .returning();
    return row!;
  }

  /**
   * Moves a payment out of `from` (PENDING unless told otherwise) to `to`; returns the row only when
   * this call made the change, so concurrent settlements (webhook, replay, reconciliation) apply once.
   */
  async transition(
    id: string,
    to: PaymentStatus,
    extra: { failureReason?: string | null; nextCheckAt?: Date | null } = {},
    from: PaymentStatus | PaymentStatus[] = 'PENDING',
  ): Promise<PaymentRow | undefined> {
    const now = new Date();
    const froms = Array.isArray(from) ? from : [from];
    const settles = to === 'SUCCEEDED' || froms.includes('PENDING');
    const [row] = await this.db
      .update(payments)
      .set({ status: to, updatedAt: now, ...(settles ? { settledAt: now, nextCheckAt: null } : {}), ...extra })
      .where(and(eq(payments.id, id), inArray(payments.status, froms)))
      .returning();
    return row;
  }

  /**
   * Leases up to `limit` payments (PENDING, or FAILED by our own verdict) whose next status check is due
   * to this instance for `leaseMs` (SKIP LOCKED: instances running side by side never check one at once).
   */
  async claimDueChecks(leaseMs: number, limit: number, lane?: ProviderLane): Promise<PaymentRow[]> {
    const now = new Date();
    const due = this.db
      .select({ id: payments.id })
      .from(payments)
      // CASH payments never reach a provider (they never have a next check either): never checked.
      .where(
        and(
          inArray(payments.status, ['PENDING', 'FAILED']),
          lte(payments.nextCheckAt, now),
          ne(payments.method, 'CASH'),
          lane ? inLane(lane) : undefined,
        ),
      )
      .orderBy(asc(payments.nextCheckAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    return this.db
      .update(payments)
      .set({ nextCheckAt: new Date(now.getTime() + leaseMs) })
      .where(inArray(payments.id, due))
      .returning();
  }

  /** Records a status check that found nothing final and sets when to look again (null: never). */
  async scheduleNextCheck(id: string, at: Date | null): Promise<void> {
    await this.db
      .update(payments)
      .set({ nextCheckAt: at, statusChecks: sql`${payments.statusChecks} + 1` })
      .where(and(eq(payments.id, id), inArray(payments.status, ['PENDING', 'FAILED'])));
  }

  /**
   * Records a status check that ended without its next check written, and sets it: only while the payment is still
   * under that check's lease (`leasedUntil`, as claimDueChecks set it). False when it is not.
   */
  async releaseCheck(id: string, leasedUntil: Date, at: Date): Promise<boolean> {
    const rows = await this.db
      .update(payments)
      .set({ nextCheckAt: at, statusChecks: sql`${payments.statusChecks} + 1` })
      .where(
        and(
          eq(payments.id, id),
          eq(payments.nextCheckAt, leasedUntil),
          inArray(payments.status, ['PENDING', 'FAILED']),
        ),
      )
      .returning({ id: payments.id });
    return rows.length > 0;
  }

  /**
   * Makes a payment's status check due now (a provider callback hinted at news): a PENDING payment, or
   * one we failed ourselves that is still being checked. False when there is nothing to check.
   */
  async checkNow(id: string): Promise<boolean> {
    const rows = await this.db
      .update(payments)
      .set({ nextCheckAt: new Date() })
      .where(
        and(
          eq(payments.id, id),
          inArray(payments.status, ['PENDING', 'FAILED']),
          isNotNull(payments.nextCheckAt),
          ne(payments.method, 'CASH'),
        ),
      )
      .returning({ id: payments.id });
    return rows.length > 0;
  }

  /** Records that the provider accepted the payment's request (once); the time, or null when recorded before. */
  async markRequested(id: string): Promise<Date | null> {
    const [row] = await this.db
      .update(payments)
      .set({ requestedAt: sql`now()` })
      .where(and(eq(payments.id, id), isNull(payments.requestedAt)))
      .returning({ requestedAt: payments.requestedAt });
    return row?.requestedAt ?? null;
  }

  /** Locks a payment row for the rest of the transaction. */
  async lock(id: string): Promise<PaymentRow | undefined> {
    const [row] = await this.db.select().from(payments).where(eq(payments.id, id)).for('update');
    return row;
  }

  /** Another payment of the booking that is in flight or collected the money, if any. */
  async findOtherActiveForBooking(bookingId: string, exceptId: string): Promise<PaymentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(payments)
      .where(
        and(
          eq(payments.bookingId, bookingId),
          ne(payments.id, exceptId),
          inArray(payments.status, ['PENDING', 'SUCCEEDED']),
        ),
      )
      .limit(1);
    return row;
  }

  async findPendingForBooking(bookingId: string): Promise<PaymentRow[]> {
    return this.db
      .select()
      .from(payments)
      .where(and(eq(payments.bookingId, bookingId), eq(payments.status, 'PENDING')));
  }

  /** Every payment of a booking now belongs to `userId` (the booking was claimed into that account). */
  async reassignBooking(bookingId: string, userId: string): Promise<number> {
    const rows = await this.db
      .update(payments)
      .set({ userId, updatedAt: new Date() })
      .where(and(eq(payments.bookingId, bookingId), ne(payments.userId, userId)))
      .returning({ id: payments.id });
    return rows.length;
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

  /** Mobile-money payments asked for the booking so far, whatever became of them. */
  async countPromptsForBooking(bookingId: string): Promise<number> {
    const [row] = await this.db
      .select({ count: sql<number>`count(*)::int` })
      .from(payments)
      .where(and(eq(payments.bookingId, bookingId), ne(payments.method, 'CASH')));
    return row?.count ?? 0;
  }

  /**
   * Push prompts sent to `phone` since `since` over every booking and account, and when the oldest of them was
   * sent; the wallet's advisory lock, taken first, makes concurrent requests to one wallet count one after another.
   */
  async promptsToWalletSince(phone: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
    await this.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`payment.prompts:${phone}`}, 0))`);
    const [row] = await this.db
      .select({ count: sql<number>`count(*)::int`, oldest: sql<Date | null>`min(${payments.createdAt})` })
      .from(payments)
      .where(and(eq(payments.phone, phone), sql`${payments.createdAt} >= ${since.toISOString()}`));
    const oldest = row?.oldest;
    return { count: row?.count ?? 0, oldest: oldest ? new Date(oldest) : null };
  }

  /** Whether `userId` has paid from this wallet before (the wallet approved one of its payments). */
  async hasPaidFrom(phone: string, userId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: payments.id })
      .from(payments)
      .where(
        and(
          eq(payments.phone, phone),
          eq(payments.userId, userId),
          sql`${payments.status} in ('SUCCEEDED', 'REFUNDED')`,
        ),
      )
      .limit(1);
    return !!row;
  }
}

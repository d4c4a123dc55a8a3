import { and, asc, desc, eq, inArray, lte, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { afterTimeCursor, anyOf, type Executor, type PageRequest } from '@busline/shared';
import { payableBookings, payments, refunds, type PaymentRow, type RefundRow } from '../db/schema';
import { inLane, type ProviderLane } from './payment-repository';

/** An owed cash refund with the payment it gives back. */
export interface DueCashRefund {
  refund: RefundRow;
  payment: PaymentRow;
}

/** now() + `baseMs` doubled per count of `column` (less `less`), at most `maxMs`. */
function backoff(retry: { baseMs: number; maxMs: number }, column: AnyColumn, less = 0): SQL {
  const delayMs = sql`${retry.baseMs}::float8 * power(2, least(greatest(${column} - ${less}::int, 0), 30))`;
  return sql`now() + interval '1 millisecond' * least(${delayMs}, ${retry.maxMs}::float8)`;
}

/** SQL for refunds. */
export class RefundRepository {
  constructor(private readonly db: Executor) {}

  /** Records a refund once per payment; returns it only when new. */
  async create(values: {
    paymentId: string;
    bookingId: string;
    amount: number;
    currency: string;
    reason: string;
    nextAttemptAt?: Date;
  }): Promise<RefundRow | undefined> {
    const [row] = await this.db.insert(refunds).values(values).onConflictDoNothing().returning();
    return row;
  }

  /**
   * Records a refund of a CASH payment, handed back at once from the till of `agentId` on `shiftId`: it is
   * SUCCEEDED from the start (no provider). Once per payment; returns it only when new.
   */
  async createCash(values: {
    paymentId: string;
    bookingId: string;
    amount: number;
    currency: string;
    reason: string;
    shiftId: string;
    agentId: string;
  }): Promise<RefundRow | undefined> {
    const now = new Date();
    const [row] = await this.db
      .insert(refunds)
      .values({ ...values, status: 'SUCCEEDED', completedAt: now, nextAttemptAt: now })
      .onConflictDoNothing()
      .returning();
    return row;
  }

  /**
   * Records a refund of a CASH payment as DUE: owed to a passenger who is not at the counter, on no shift
   * until staff hand it out (handOut). Once per payment; returns it only when new.
   */
  async createDue(values: {
    paymentId: string;
    bookingId: string;
    amount: number;
    currency: string;
    reason: string;
  }): Promise<RefundRow | undefined> {
    // Milliseconds, as in cursors: a page boundary of cashRefundsDue never falls between two microseconds.
    const now = new Date();
    const [row] = await this.db
      .insert(refunds)
      .values({ ...values, status: 'DUE', createdAt: now, nextAttemptAt: now })
      .onConflictDoNothing()
      .returning();
    return row;
  }

  /**
   * The payment's refund, locked FOR UPDATE until the transaction ends: of two hand-outs at once, the
   * second waits and then reads it SUCCEEDED.
   */
  async lockForPayment(paymentId: string): Promise<RefundRow | undefined> {
    const [row] = await this.db.select().from(refunds).where(eq(refunds.paymentId, paymentId)).for('update');
    return row;
  }

  /**
   * A DUE cash refund handed out from the till of `agentId` on `shiftId` (`proof`: how a later hand-out was
   * proven, CODE or ADMIN; none when handed back at once); returns it only when this call did.
   */
  async handOut(
    id: string,
    shiftId: string,
    agentId: string,
    proof?: 'CODE' | 'ADMIN',
  ): Promise<RefundRow | undefined> {
    const [row] = await this.db
      .update(refunds)
      .set({ status: 'SUCCEEDED', shiftId, agentId, completedAt: new Date(), handOutProof: proof ?? null })
      .where(and(eq(refunds.id, id), eq(refunds.status, 'DUE')))
      .returning();
    return row;
  }

  /**
   * One page of a company's DUE cash refunds, oldest first by (created_at, id); one extra row tells whether more
   * follow.
   */
  /** The company's DUE cash refunds, oldest first; with `counterSalesOnly`, those of its counter sales only. */
  async listDue(companyId: string, page: PageRequest, counterSalesOnly = false): Promise<DueCashRefund[]> {
    const conditions: (SQL | undefined)[] = [eq(refunds.status, 'DUE'), eq(payments.companyId, companyId)];
    if (counterSalesOnly)
      conditions.push(
        inArray(
          refunds.bookingId,
          this.db
            .select({ bookingId: payableBookings.bookingId })
            .from(payableBookings)
            .where(and(eq(payableBookings.companyId, companyId), eq(payableBookings.channel, 'COUNTER'))),
        ),
      );
    if (page.after) conditions.push(afterTimeCursor(refunds, refunds.createdAt, refunds.id, page.after, 'asc'));
    return this.db
      .select({ refund: refunds, payment: payments })
      .from(refunds)
      .innerJoin(payments, eq(payments.id, refunds.paymentId))
      .where(and(...conditions))
      .orderBy(asc(refunds.createdAt), asc(refunds.id))
      .limit(page.limit + 1);
  }

  /** A new code for a DUE refund (the hash only): the last one void, its wrong attempts forgotten, one more sent. */
  async replaceCode(id: string, codeHash: string, now: Date): Promise<RefundRow | undefined> {
    const [row] = await this.db
      .update(refunds)
      .set({ codeHash, codeAttempts: 0, codesSent: sql`${refunds.codesSent} + 1`, codeSentAt: now })
      .where(and(eq(refunds.id, id), eq(refunds.status, 'DUE')))
      .returning();
    return row;
  }

  /** One more wrong code given for the refund's current code. */
  async countWrongCode(id: string): Promise<void> {
    await this.db
      .update(refunds)
      .set({ codeAttempts: sql`${refunds.codeAttempts} + 1` })
      .where(eq(refunds.id, id));
  }

  async find(id: string): Promise<RefundRow | undefined> {
    const [row] = await this.db.select().from(refunds).where(eq(refunds.id, id));
    return row;
  }

  async findByPaymentIds(paymentIds: readonly string[]): Promise<RefundRow[]> {
    if (paymentIds.length === 0) return [];
    return this.db
      .select()
      .from(refunds)
      .where(anyOf(refunds.paymentId, [...paymentIds]));
  }

  /** Refunds given up as FAILED, newest first. */
  async findFailed(limit: number): Promise<RefundRow[]> {
    return this.db
      .select()
      .from(refunds)
      .where(eq(refunds.status, 'FAILED'))
      .orderBy(desc(refunds.createdAt))
      .limit(limit);
  }

  /** PENDING refunds whose next attempt is due, the longest waiting first (each is leased before it is sent). */
  /** Refunds whose next attempt is due, oldest first; with `lane`, of that provider lane's payments only. */
  async findDue(limit: number, lane?: ProviderLane): Promise<RefundRow[]> {
    const due = and(eq(refunds.status, 'PENDING'), lte(refunds.nextAttemptAt, sql`now()`));
    if (!lane) return this.db.select().from(refunds).where(due).orderBy(asc(refunds.nextAttemptAt)).limit(limit);
    const rows = await this.db
      .select({ refund: refunds })
      .from(refunds)
      .innerJoin(payments, eq(payments.id, refunds.paymentId))
      .where(and(due, inLane(lane)))
      .orderBy(asc(refunds.nextAttemptAt))
      .limit(limit);
    return rows.map((row) => row.refund);
  }

  /**
   * Leases a PENDING refund for one attempt of at most `leaseMs`: its next attempt is pushed past that, so neither
   * the worker nor another instance starts one meanwhile. Only a due refund, or one never attempted (the attempt
   * right after it is recorded), is leased; returns it only when this call leased it.
   *
   * The attempt is marked in flight until its outcome is recorded. A refund still marked so from an earlier lease had
   * an attempt that ended without a word (its process died or was stopped, possibly after the provider paid back):
   * the refund's outcome is unknown from then on (`outcomeUnknown` of the row returned), as after an unclear answer.
   */
  async lease(id: string, leaseMs: number): Promise<RefundRow | undefined> {
    const [row] = await this.db
      .update(refunds)
      .set({
        attempts: sql`${refunds.attempts} + 1`,
        outcomeUnknown: sql`${refunds.outcomeUnknown} or ${refunds.attemptInFlight}`,
        attemptInFlight: true,
        nextAttemptAt: sql`now() + interval '1 millisecond' * ${leaseMs}::float8`,
      })
      .where(
        and(
          eq(refunds.id, id),
          eq(refunds.status, 'PENDING'),
          or(lte(refunds.nextAttemptAt, sql`now()`), eq(refunds.attempts, 0)),
        ),
      )
      .returning();
    return row;
  }

  /**
   * Ends the lease of an attempt that left a PENDING refund unsettled (the provider still working on it, or no clear
   * answer): the next attempt comes after `baseMs` doubled per attempt so far, at most `maxMs`, so a provider that
   * keeps answering PENDING is asked less and less often.
   */
  async retryLater(id: string, retry: { baseMs: number; maxMs: number }): Promise<void> {
    await this.db
      .update(refunds)
      .set({ attemptInFlight: false, nextAttemptAt: backoff(retry, refunds.attempts, 1) })
      .where(and(eq(refunds.id, id), eq(refunds.status, 'PENDING')));
  }

  /**
   * Records a failed attempt of a PENDING refund: retried after `baseMs` doubled per earlier failure (at
   * most `maxMs`), or given up as FAILED at the `maxFailures`-th. Returns the row when this call changed it.
   */
  async recordFailure(
    id: string,
    error: string,
    retry: { baseMs: number; maxMs: number; maxFailures: number },
    /**
     * The provider refused the attempt under `from` for good: the next attempt goes under `to` (only if `from` is still
     * current).
     */
    newReference?: { from: string | null; to: string },
  ): Promise<RefundRow | undefined> {
    const givenUp = sql`${refunds.failures} + 1 >= ${retry.maxFailures}`;
    const [row] = await this.db
      .update(refunds)
      .set({
        ...(newReference
          ? {
              providerReference: sql`case when ${refunds.providerReference} is not distinct from ${newReference.from}::text then ${newReference.to}::text else ${refunds.providerReference} end`,
            }
          : {}),
        attemptInFlight: false,
        failures: sql`${refunds.failures} + 1`,
        lastError: error,
        status: sql`case when ${givenUp} then 'FAILED'::payment.refund_status else ${refunds.status} end`,
        completedAt: sql`case when ${givenUp} then now() else null end`,
        nextAttemptAt: backoff(retry, refunds.failures),
      })
      .where(and(eq(refunds.id, id), eq(refunds.status, 'PENDING')))
      .returning();
    return row;
  }

  /**
   * Records an attempt of a PENDING refund whose outcome is unknown (no answer, or the provider's 5xx):
   * not a failure, so it does not count towards giving up; the next attempt comes as after PENDING (retryLater).
   */
  async recordUnclear(
    id: string,
    error: string,
    retry: { baseMs: number; maxMs: number },
  ): Promise<RefundRow | undefined> {
    const [row] = await this.db
      .update(refunds)
      .set({
        outcomeUnknown: true,
        attemptInFlight: false,
        lastError: error,
        nextAttemptAt: backoff(retry, refunds.attempts, 1),
      })
      .where(and(eq(refunds.id, id), eq(refunds.status, 'PENDING')))
      .returning();
    return row;
  }

  /** Completes a PENDING refund; returns it only when this call did. */
  async complete(id: string, status: 'SUCCEEDED' | 'FAILED'): Promise<RefundRow | undefined> {
    const [row] = await this.db
      .update(refunds)
      .set({ status, attemptInFlight: false, completedAt: new Date() })
      .where(and(eq(refunds.id, id), eq(refunds.status, 'PENDING')))
      .returning();
    return row;
  }
}

import { randomUUID } from 'node:crypto';
import {
  EventTypes,
  type Db,
  type Logger,
  type LivePubSub,
  type TransactionRunner,
  type UnitOfWork,
} from '@busline/shared';
import type { PaymentRow, RefundRow } from '../db/schema';
import { isUnclear, LEASE_MARGIN_MS } from '../provider/http';
import type { ProviderRegistry } from '../provider/registry';
import { providerText, type ProviderStatus } from '../provider/types';
import { BookingReplicaRepository } from '../repositories/booking-replica-repository';
import { PaymentRepository, type ProviderLane } from '../repositories/payment-repository';
import { RefundRepository } from '../repositories/refund-repository';
import { sendRefundCode } from './refund-codes';
import { counterShiftOf, emitCashRefunded, shiftCanCount } from './cash-shifts';
import { publishAfterCommit } from './settle-payments';

export interface RefundRequestInput {
  bookingId: string;
  paymentId: string | null;
  amount: number;
  currency: string;
  reason: string;
  /**
   * Who cancelled the booking (booking.cancelled's `cancelledBy`; null for a trip the company cancelled and
   * for refund.requested): a cash refund is handed back at once from their till when they are the company's
   * counter staff, and is DUE otherwise.
   */
  cancelledBy?: string | null;
  /**
   * booking.cancelled's `atCounter`: whether ticketing saw the company's counter staff cancel for the passenger in
   * front of them. False leaves a cash refund DUE whoever cancelled; absent (older events), `counterShiftOf` judges.
   */
  atCounter?: boolean;
}

export interface RefundRetryOptions {
  /** First retry delay after a failed attempt; doubles with each further failure. */
  baseMs: number;
  maxMs: number;
  /** Failed attempts after which the refund is given up as FAILED. */
  maxFailures: number;
}

/** Lease of an attempt whose provider states no longest refund call (the in-process sandbox answers at once). */
const DEFAULT_REFUND_ATTEMPT_MS = 60_000;
/**
 * Refunds: recorded once per payment in the consumer's transaction, sent
 * to the provider after commit (idempotent per refund id; each attempt leased in the database, so one
 * refund is never sent twice at once), retried by the worker with back-off
 * while the provider refuses or fails, and given up as FAILED (error log, failedRefunds) at the limit.
 */
export class RefundPaymentsService {
  /** First attempts started after commit and not finished yet: a graceful stop waits for them. */
  private readonly firstAttempts = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly runner: TransactionRunner,
    private readonly pubsub: LivePubSub,
    private readonly providers: ProviderRegistry,
    private readonly logger: Logger,
    private readonly retry: RefundRetryOptions,
  ) {}

  /** Records a refund of the booking's collected payment (in `uow`), processed after commit. */
  async request(uow: UnitOfWork, input: RefundRequestInput): Promise<void> {
    const payments = new PaymentRepository(uow.tx);
    const [byId] = input.paymentId ? await payments.findByIds([input.paymentId]) : [];
    const payment = byId ?? (await payments.findCollectedForBooking(input.bookingId));
    if (!payment || payment.bookingId !== input.bookingId) {
      this.logger.warn(
        { bookingId: input.bookingId, paymentId: input.paymentId },
        'refund requested for a booking with no collected payment; ignored',
      );
      return;
    }
    if (payment.status !== 'SUCCEEDED') {
      this.logger.info(
        { paymentId: payment.id, status: payment.status },
        'refund requested for a payment that is not SUCCEEDED; ignored',
      );
      return;
    }
    if (payment.method === 'CASH') {
      await this.refundCash(uow, payment, input);
      return;
    }
    const refund = await new RefundRepository(uow.tx).create({
      paymentId: payment.id,
      bookingId: payment.bookingId,
      amount: Math.min(input.amount, payment.amount),
      currency: payment.currency,
      reason: input.reason,
      // The first attempt runs right after commit (its lease keeps the worker off); the worker only picks the refund
      // up if that one is lost.
      nextAttemptAt: new Date(Date.now() + this.retry.baseMs),
    });
    if (refund) uow.afterCommit(() => this.startFirstAttempt(refund.id));
  }

  /**
   * The first attempt, kept until it ends: the handler that recorded the refund stops waiting for it after a while,
   * so without it a stopping instance could exit after the provider paid back and before the answer is recorded.
   */
  private startFirstAttempt(refundId: string): Promise<void> {
    const attempt = this.process(refundId).finally(() => this.firstAttempts.delete(attempt));
    this.firstAttempts.add(attempt);
    return attempt;
  }

  /**
   * Waits for the first attempts under way, and those starting meanwhile, to end (their answers recorded); at most as
   * long as an attempt is leased, after which its refund is no longer theirs. A graceful stop calls it once nothing
   * starts new ones (see createServer), bounded by its grace period.
   */
  async settleFirstAttempts(): Promise<void> {
    const deadline = Date.now() + this.longestLeaseMs();
    while (this.firstAttempts.size > 0 && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.firstAttempts]),
        new Promise((resolve) => (timer = setTimeout(resolve, deadline - Date.now()))),
      ]);
      clearTimeout(timer);
    }
  }

  /**
   * A CASH payment is refunded in cash, without a provider. Handed back at once (on a shift, with
   * payment.refunded) only when staff of the company cancelled at the counter, the passenger in front of
   * them: see `counterShiftOf`. Otherwise nobody hands anything back yet: the refund is DUE (owed to the
   * passenger, on no shift, no payment.refunded) until staff hand it out (handOutCashRefund). Once per
   * payment: a redelivery finds the refund and changes nothing.
   */
  private async refundCash(uow: UnitOfWork, payment: PaymentRow, input: RefundRequestInput): Promise<void> {
    const refunds = new RefundRepository(uow.tx);
    const existing = await refunds.lockForPayment(payment.id);
    // Redelivered, or asked again once handed back: nothing changes, and no shift opens for it.
    if (existing && existing.status !== 'DUE') return;
    const replica = await new BookingReplicaRepository(uow.tx).find(payment.bookingId);
    const shift = await counterShiftOf(
      uow.tx,
      input.cancelledBy ?? null,
      payment,
      replica?.soldBy ?? null,
      input.atCounter,
    );
    const amount = existing?.amount ?? Math.min(input.amount, payment.amount);
    // A shift that cannot count it (SHIFT_TOTAL_TOO_LARGE: handOutCashRefund) leaves it owed, for another shift.
    const countable = shift ? await shiftCanCount(uow.tx, shift.id, 'handedBack', payment.currency, amount) : false;
    if (shift && !countable)
      this.logger.warn(
        { paymentId: payment.id, shiftId: shift.id, amount },
        "cash refund left due: the canceller's shift has handed back as much as it can count",
      );
    if (!shift || !countable) {
      if (existing) return;
      const due = await refunds.createDue({
        paymentId: payment.id,
        bookingId: payment.bookingId,
        amount,
        currency: payment.currency,
        reason: input.reason,
      });
      if (!due) return;
      // The passenger's code: a counter agent asks for it before handing the cash out.
      await sendRefundCode(uow, payment, due);
      this.logger.info(
        { refundId: due.id, paymentId: payment.id, cancelledBy: input.cancelledBy ?? null, reason: input.reason },
        'cash refund due: owed to the passenger until staff hand it out; code sent',
      );
      return;
    }
    // Already owed (e.g. a refund.requested came first) and now staff cancel at the counter: handed back.
    const refund = existing
      ? await refunds.handOut(existing.id, shift.id, shift.agentId)
      : await refunds.createCash({
          paymentId: payment.id,
          bookingId: payment.bookingId,
          amount,
          currency: payment.currency,
          reason: input.reason,
          shiftId: shift.id,
          agentId: shift.agentId,
        });
    if (!refund) return;
    if (!(await emitCashRefunded(uow, this.pubsub, payment.id, refund))) return;
    this.logger.info(
      { refundId: refund.id, paymentId: payment.id, shiftId: shift.id, agentId: shift.agentId },
      'cash refund recorded on the shift',
    );
  }

  /**
   * Sends one refund to the provider and applies its answer; safe to repeat and to run on several instances at once
   * (never inside a transaction). The attempt is leased in the database first and skipped when another one holds
   * the refund: Airtel's refund takes no reference of ours, so two attempts at once would pay back twice.
   */
  async process(refundId: string): Promise<void> {
    const found = await new RefundRepository(this.db).find(refundId);
    if (!found || found.status !== 'PENDING') return;
    const [payment] = await new PaymentRepository(this.db).findByIds([found.paymentId]);
    const refund = await new RefundRepository(this.db).lease(refundId, this.leaseMs(payment));
    if (!refund) return;
    // Nothing to refund against at the provider (yet): nothing was sent, so the attempt is not left in flight.
    if (!payment?.providerReference)
      return void (await new RefundRepository(this.db).retryLater(refund.id, this.retry));
    let answer: ProviderStatus;
    const attemptReference = refund.providerReference ?? refund.id;
    try {
      answer = await this.providers.forPayment(payment.provider).refund({
        refundId: refund.id,
        attemptReference,
        // An earlier attempt got no clear answer, or ended without its outcome recorded (see RefundRepository.lease).
        mayHaveBeenSent: refund.outcomeUnknown,
        paymentReference: payment.providerReference,
        amount: refund.amount,
        currency: refund.currency,
        paymentAmount: payment.amount,
        ...(payment.country ? { country: payment.country } : {}),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (isUnclear(error)) {
        // No clear answer: the refund may have gone through. Not a refusal; retried with back-off.
        await new RefundRepository(this.db).recordUnclear(refund.id, message, this.retry);
        this.logger.warn(
          { refundId: refund.id, paymentId: payment.id, error: message },
          'refund attempt without a clear answer; will check and retry',
        );
        return;
      }
      await this.recordFailure(refund, payment, message);
      return;
    }
    if (answer.status === 'PENDING') {
      await new RefundRepository(this.db).retryLater(refund.id, this.retry);
      return;
    }
    if (answer.status !== 'SUCCESSFUL') {
      // Refused for good under this reference: the next attempt is a new request under a new reference
      // (MoMo would otherwise keep answering the refused one's status).
      await this.recordFailure(
        refund,
        payment,
        `${answer.status}${answer.reason ? `: ${providerText(answer.reason)}` : ''}`,
        {
          from: refund.providerReference,
          to: randomUUID(),
        },
      );
      return;
    }
    await this.runner.run(async (uow) => {
      const done = await new RefundRepository(uow.tx).complete(refund.id, 'SUCCEEDED');
      if (!done) return;
      // A late success refunded without being the booking's payment is still FAILED or CANCELLED here.
      const refunded = await new PaymentRepository(uow.tx).transition(payment.id, 'REFUNDED', {}, [
        'SUCCEEDED',
        'FAILED',
        'CANCELLED',
      ]);
      if (!refunded) return;
      await uow.emit(EventTypes.PaymentRefunded, {
        paymentId: refunded.id,
        bookingId: refunded.bookingId,
        userId: refunded.userId,
        refundId: done.id,
        amount: { amount: done.amount, currency: done.currency },
        refundedAt: (done.completedAt ?? new Date()).toISOString(),
        method: refunded.method,
      });
      publishAfterCommit(uow, this.pubsub, refunded);
    });
  }

  /**
   * Retries refunds the provider has not confirmed yet (worker tick). Each is leased only when its attempt starts:
   * leased together, the last of a slow batch could run past its lease while another instance takes it.
   */
  async processDue(lane?: ProviderLane, stopping: () => boolean = () => false): Promise<void> {
    for (const refund of await new RefundRepository(this.db).findDue(20, lane)) {
      // A stop waits for the attempt under way only.
      if (stopping()) return;
      await this.process(refund.id).catch((error) =>
        this.logger.warn({ err: error, refundId: refund.id }, 'refund attempt failed; will retry'),
      );
    }
  }

  /** The longest lease of an attempt with any provider configured. */
  private longestLeaseMs(): number {
    const attemptMs = this.providers.providers.map((provider) => provider.refundAttemptMs ?? DEFAULT_REFUND_ATTEMPT_MS);
    return Math.max(...attemptMs) + LEASE_MARGIN_MS;
  }

  /** How long an attempt at refunding `payment` is leased: its provider's longest refund call, and a margin. */
  private leaseMs(payment: PaymentRow | undefined): number {
    let attemptMs: number | undefined;
    try {
      attemptMs = payment && this.providers.forPayment(payment.provider).refundAttemptMs;
    } catch {
      // Its provider is not configured here: the attempt fails once leased, and is retried with back-off.
    }
    return (attemptMs ?? DEFAULT_REFUND_ATTEMPT_MS) + LEASE_MARGIN_MS;
  }

  private async recordFailure(
    refund: RefundRow,
    payment: PaymentRow,
    error: string,
    newReference?: { from: string | null; to: string },
  ): Promise<void> {
    const row = await new RefundRepository(this.db).recordFailure(refund.id, error, this.retry, newReference);
    if (!row) return;
    const log = {
      refundId: row.id,
      paymentId: payment.id,
      bookingId: row.bookingId,
      amount: row.amount,
      failures: row.failures,
      error,
    };
    if (row.status === 'FAILED')
      this.logger.error(log, 'refund given up after repeated failures; needs manual follow-up');
    else this.logger.warn({ ...log, nextAttemptAt: row.nextAttemptAt }, 'refund attempt failed; will retry');
  }
}

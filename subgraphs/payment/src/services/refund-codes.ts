// Refund codes: the proof that the passenger is at the counter when a DUE cash refund is handed out
// (docs/counter-sales.md). A code is texted to the passenger (payment.refund_due, sent by notification), never
// shown to staff; a counter agent asks for it before handing the cash out.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import {
  AppError,
  ErrorCode,
  EventTypes,
  isUuid,
  requireViewer,
  type Db,
  type TransactionRunner,
  type UnitOfWork,
  type Viewer,
} from '@busline/shared';
import type { PaymentRow, RefundRow } from '../db/schema';
import { BookingReplicaRepository } from '../repositories/booking-replica-repository';
import { PaymentRepository } from '../repositories/payment-repository';
import { RefundRepository } from '../repositories/refund-repository';
import { mayHandleCashOf } from './cash-shifts';
import { maySee } from './read-payments';

/** Wrong codes tried against one code before it is void (a new one must be sent). */
export const MAX_REFUND_CODE_ATTEMPTS = 5;
/**
 * Codes sent for one refund, the first included: 5 codes of 5 guesses each is 25 guesses out of a million.
 * Past it, a company admin hands the refund out without a code.
 */
export const MAX_REFUND_CODES = 5;
/** Seconds between two codes of one refund. */
export const REFUND_CODE_INTERVAL_SECONDS = 60;

/** sha256 over the refund id and the code: only the hash is stored. */
export function hashRefundCode(refundId: string, code: string): string {
  return createHash('sha256').update(`refund:${refundId}:${code}`).digest('hex');
}

function codeMatches(refund: RefundRow, code: string): boolean {
  const expected = Buffer.from(refund.codeHash ?? '', 'hex');
  const given = Buffer.from(hashRefundCode(refund.id, code), 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * A new code for the DUE refund (the last one void) and payment.refund_due carrying it to notification, in `uow`.
 * The code itself is stored nowhere else: notification texts it to the passenger.
 */
export async function sendRefundCode(uow: UnitOfWork, payment: PaymentRow, refund: RefundRow, now = new Date()) {
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  const updated = await new RefundRepository(uow.tx).replaceCode(refund.id, hashRefundCode(refund.id, code), now);
  if (!updated) return undefined;
  // Whom notification may send it to: a counter sale's walk-in, never its seller. A booking payment has not
  // seen (cash is only taken once it has) counts as a counter sale, the safe side.
  const [sale] = await new BookingReplicaRepository(uow.tx).salesOf([payment.bookingId]);
  await uow.emit(EventTypes.PaymentRefundDue, {
    refundId: refund.id,
    paymentId: payment.id,
    bookingId: payment.bookingId,
    userId: payment.userId,
    amount: { amount: refund.amount, currency: refund.currency },
    code,
    codeNumber: updated.codesSent,
    channel: sale?.channel ?? 'COUNTER',
  });
  return updated;
}

const wrongCode = () =>
  new AppError(ErrorCode.BAD_USER_INPUT, "This code is wrong or void; ask for the passenger's latest code", {
    field: 'code',
    reason: 'INVALID_REFUND_CODE',
  });

/**
 * Checks `code` against the DUE refund of `paymentId` in a transaction of its own, so that a wrong code counts
 * even though the hand-out fails: the refund's row lock orders concurrent guesses, and past
 * MAX_REFUND_CODE_ATTEMPTS the code is void (one answer for wrong and void: it tells nothing more).
 * Nothing is checked or counted when no refund is due (the hand-out says why).
 */
export async function checkRefundCode(runner: TransactionRunner, paymentId: string, code: string): Promise<void> {
  if (!/^\d{6}$/.test(code)) throw wrongCode();
  const wrong = await runner.run(async (uow) => {
    const refunds = new RefundRepository(uow.tx);
    const refund = await refunds.lockForPayment(paymentId);
    if (refund?.status !== 'DUE') return false;
    if (refund.codeAttempts < MAX_REFUND_CODE_ATTEMPTS && codeMatches(refund, code)) return false;
    if (refund.codeAttempts < MAX_REFUND_CODE_ATTEMPTS) await refunds.countWrongCode(refund.id);
    return true;
  });
  if (wrong) throw wrongCode();
}

/** sendCashRefundCode: a new code texted to the passenger whose cash refund is DUE. */
export class SendCashRefundCodeService {
  constructor(
    private readonly db: Db,
    private readonly runner: TransactionRunner,
  ) {}

  /**
   * The payer (the account the payment belongs to) or staff who may hand the refund out ask for a new code;
   * it goes to the passenger, never to the caller's screen. At most one a minute (RATE_LIMITED) and
   * MAX_REFUND_CODES per refund (CODES_EXHAUSTED: a company admin hands it out).
   */
  async send(viewer: Viewer | null, paymentId: string, now = new Date()): Promise<PaymentRow> {
    const caller = requireViewer(viewer);
    if (!isUuid(paymentId)) throw new AppError(ErrorCode.NOT_FOUND, 'Payment not found');
    const [payment] = await new PaymentRepository(this.db).findByIds([paymentId]);
    if (!payment) throw new AppError(ErrorCode.NOT_FOUND, 'Payment not found');
    const [sale] = await new BookingReplicaRepository(this.db).salesOf([payment.bookingId]);
    const staff = !!payment.companyId && mayHandleCashOf(caller, payment.companyId, sale?.channel ?? 'ONLINE');
    // The payer as payment(id) shows them the payment: the seller of an unclaimed counter sale (its owner until then)
    // only while staff of the company, never after leaving it.
    if (!staff && !maySee(caller, payment, sale)) throw new AppError(ErrorCode.NOT_FOUND, 'Payment not found');
    await this.runner.run(async (uow) => {
      const refund = await new RefundRepository(uow.tx).lockForPayment(payment.id);
      if (payment.method !== 'CASH' || refund?.status !== 'DUE')
        throw new AppError(ErrorCode.BAD_USER_INPUT, 'No cash refund is due for this payment', {
          field: 'paymentId',
          reason: 'NO_REFUND_DUE',
        });
      if (refund.codesSent >= MAX_REFUND_CODES)
        throw new AppError(
          ErrorCode.BAD_USER_INPUT,
          'Every code of this refund was sent; a company admin hands it out without one',
          { field: 'paymentId', reason: 'CODES_EXHAUSTED' },
        );
      const since = refund.codeSentAt ? (now.getTime() - refund.codeSentAt.getTime()) / 1000 : Infinity;
      if (since < REFUND_CODE_INTERVAL_SECONDS) {
        const retryAfterSeconds = Math.max(1, Math.ceil(REFUND_CODE_INTERVAL_SECONDS - since));
        throw new AppError(ErrorCode.RATE_LIMITED, `A code was just sent; try again in ${retryAfterSeconds} seconds`, {
          retryAfterSeconds,
        });
      }
      await sendRefundCode(uow, payment, refund, now);
    });
    return payment;
  }
}

// handOutCashRefund: a cash refund owed to a passenger (DUE) handed back at the counter, on the agent's shift.
import { createHash } from 'node:crypto';
import {
  AppError,
  canActForCompany,
  ErrorCode,
  idempotencyKeyOf,
  isUuid,
  requireRole,
  type Db,
  type LivePubSub,
  type Logger,
  type TransactionRunner,
  type Viewer,
} from '@busline/shared';
import type { PaymentRow, RefundRow } from '../db/schema';
import { IdempotencyRepository } from '../repositories/idempotency-repository';
import { BookingReplicaRepository } from '../repositories/booking-replica-repository';
import { PaymentRepository } from '../repositories/payment-repository';
import { RefundRepository } from '../repositories/refund-repository';
import {
  assertShiftCanCount,
  CASH_STAFF_ROLES,
  cashStaffOnly,
  emitCashRefunded,
  mayHandleCashOf,
  openShiftFor,
} from './cash-shifts';
import { checkRefundCode } from './refund-codes';
import { replayIdempotent } from './start-payment';

/** Why a refund that is not DUE cannot be handed out. */
function notDue(refund: RefundRow | undefined): AppError {
  return refund?.status === 'SUCCEEDED'
    ? new AppError(ErrorCode.BAD_USER_INPUT, 'The refund of this payment was already handed back', {
        field: 'paymentId',
        reason: 'ALREADY_REFUNDED',
      })
    : new AppError(ErrorCode.BAD_USER_INPUT, 'No cash refund is due for this payment', {
        field: 'paymentId',
        reason: 'NO_REFUND_DUE',
      });
}

/** handOutCashRefund: the refund on a shift, the payment REFUNDED and payment.refunded, in one transaction. */
export class HandOutCashRefundService {
  constructor(
    private readonly db: Db,
    private readonly runner: TransactionRunner,
    private readonly pubsub: LivePubSub,
    private readonly logger: Logger,
  ) {}

  /**
   * Hands a DUE cash refund out to the passenger: recorded on the caller's OPEN shift (opened when none is),
   * the payment REFUNDED and payment.refunded emitted, all in one transaction. Staff of the payment's
   * company and platform admins. Idempotent per key (same key: the same payment again); a hand-out of a
   * refund already handed out, at once or later, is refused with ALREADY_REFUNDED: never twice.
   */
  async handOutRefund(
    viewer: Viewer,
    paymentId: string,
    idempotencyKey: string,
    typedCode?: string | null,
  ): Promise<PaymentRow> {
    requireRole(viewer, ...CASH_STAFF_ROLES, 'PLATFORM_ADMIN');
    // As typed at a counter: spaces around it are not part of it, and an empty field is no code.
    const code = typedCode?.trim() || null;
    const key = idempotencyKeyOf(idempotencyKey);
    if (!isUuid(paymentId)) throw new AppError(ErrorCode.NOT_FOUND, 'Payment not found');
    // The kind of request is part of the hash: a key of another mutation reused here is a different request.
    const requestHash = createHash('sha256')
      .update(JSON.stringify(['CASH_REFUND', paymentId]))
      .digest('hex');
    const staffOnly = cashStaffOnly(viewer, "Only the staff of the payment's company can hand its refund out");
    const replayed = await replayIdempotent(this.db, viewer.userId, key, requestHash, staffOnly);
    if (replayed) return replayed;

    const [payment] = await new PaymentRepository(this.db).findByIds([paymentId]);
    if (!payment) throw new AppError(ErrorCode.NOT_FOUND, 'Payment not found');
    const companyId = payment.companyId;
    if (!companyId || !canActForCompany(viewer, companyId, ...CASH_STAFF_ROLES))
      throw new AppError(ErrorCode.FORBIDDEN, "Only the staff of the payment's company can hand its refund out");
    const [sale] = await new BookingReplicaRepository(this.db).salesOf([payment.bookingId]);
    if (!mayHandleCashOf(viewer, companyId, sale?.channel ?? 'ONLINE'))
      throw new AppError(
        ErrorCode.FORBIDDEN,
        "A counter agent hands out the refunds of the company's counter sales; an online booking's, an admin",
      );
    if (payment.method !== 'CASH')
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'Only the refund of a cash payment is handed out at the counter', {
        field: 'paymentId',
        reason: 'NOT_CASH',
      });

    // Nothing to hand out: said before a code is asked for (checked again under the refund's lock below).
    const [current] = await new RefundRepository(this.db).findByPaymentIds([payment.id]);
    if (current?.status !== 'DUE') {
      // Handed out by a call with this key that committed since the replay above: the same answer again.
      const again = await replayIdempotent(this.db, viewer.userId, key, requestHash, staffOnly);
      if (again) return again;
      throw notDue(current);
    }
    // The passenger's code proves they are at the counter. An admin (the company's, or a platform admin) may hand
    // out without it (a passenger without a phone, or whose codes are spent): recorded as ADMIN.
    const admin = canActForCompany(viewer, companyId, 'COMPANY_ADMIN');
    if (code != null) await checkRefundCode(this.runner, payment.id, code);
    else if (!admin)
      throw new AppError(ErrorCode.BAD_USER_INPUT, "A counter agent hands a refund out with the passenger's code", {
        field: 'code',
        reason: 'REFUND_CODE_REQUIRED',
      });
    const proof = code != null ? 'CODE' : 'ADMIN';

    const handed = await this.runner.run(async (uow) => {
      const keys = new IdempotencyRepository(uow.tx);
      // Insert-first: of concurrent calls with one key, exactly one gets past here.
      if (!(await keys.claim(viewer.userId, key, requestHash))) return undefined;
      const refunds = new RefundRepository(uow.tx);
      // Of two hand-outs at once (other keys), the second waits here and then finds it handed out.
      const refund = await refunds.lockForPayment(payment.id);
      if (refund?.status !== 'DUE') throw notDue(refund);
      const shift = await openShiftFor(uow.tx, viewer.userId, companyId);
      if (shift.companyId !== companyId) {
        throw new AppError(
          ErrorCode.BAD_USER_INPUT,
          'Your open cash shift is for another company; close it (closeCashShift) before handing out cash for this one',
          { field: 'paymentId', reason: 'SHIFT_OF_OTHER_COMPANY' },
        );
      }
      await assertShiftCanCount(uow.tx, shift.id, 'handedBack', refund.currency, refund.amount, 'paymentId');
      const done = await refunds.handOut(refund.id, shift.id, viewer.userId, proof);
      const refunded = done ? await emitCashRefunded(uow, this.pubsub, payment.id, done) : undefined;
      // The refund row is locked and DUE, and a DUE refund's payment stays SUCCEEDED: not expected.
      if (!refunded) throw new Error(`cash refund ${refund.id} could not be handed out`);
      await keys.attachPayment(viewer.userId, key, payment.id);
      uow.afterCommit(() =>
        this.logger.info(
          { refundId: refund.id, paymentId: payment.id, agentId: viewer.userId, shiftId: shift.id, proof },
          'cash refund handed out',
        ),
      );
      return refunded;
    });
    if (!handed) {
      const again = await replayIdempotent(this.db, viewer.userId, key, requestHash, staffOnly);
      if (again) return again;
      throw new AppError(
        ErrorCode.UNAVAILABLE,
        'A request with this idempotency key is still being processed; retry shortly',
      );
    }
    return handed;
  }
}

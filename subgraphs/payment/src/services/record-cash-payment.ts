// recordCashPayment: cash taken at the counter for a booking, recorded on the agent's shift. No provider is
// involved: a cash payment is SUCCEEDED when it is recorded.
import { createHash } from 'node:crypto';
import {
  AppError,
  canActForCompany,
  currentTraceparent,
  ErrorCode,
  EventTypes,
  idempotencyKeyOf,
  isUniqueViolation,
  isUuid,
  requireRole,
  type Db,
  type LivePubSub,
  type TransactionRunner,
  type Viewer,
} from '@busline/shared';
import type { PayableBookingRow, PaymentRow } from '../db/schema';
import { BookingReplicaRepository } from '../repositories/booking-replica-repository';
import { IdempotencyRepository } from '../repositories/idempotency-repository';
import { PaymentRepository } from '../repositories/payment-repository';
import {
  assertShiftCanCount,
  CASH_STAFF_ROLES,
  cashStaffOnly,
  cashReference,
  mayHandleCashOf,
  openShiftFor,
} from './cash-shifts';
import { publishAfterCommit } from './settle-payments';
import { replayIdempotent, waitForBooking } from './start-payment';

export interface RecordCashPaymentInput {
  bookingId: string;
  amountReceived: number;
}

/** recordCashPayment: the payment, its idempotency key and the shift it is on, committed together. */
export class RecordCashPaymentService {
  constructor(
    private readonly db: Db,
    private readonly runner: TransactionRunner,
    private readonly pubsub: LivePubSub,
    private readonly replicaWaitMs: number,
  ) {}

  /**
   * Records cash taken for a booking: authorised staff of the booking's company, a payable booking, enough
   * cash. The payment (SUCCEEDED), its idempotency key, the shift (when it opens) and payment.succeeded
   * commit together; of two cash payments of one booking at once, the second finds the first (ALREADY_PAID).
   */
  async record(viewer: Viewer, input: RecordCashPaymentInput, idempotencyKey: string): Promise<PaymentRow> {
    requireRole(viewer, ...CASH_STAFF_ROLES, 'PLATFORM_ADMIN');
    const key = idempotencyKeyOf(idempotencyKey);
    if (!Number.isInteger(input.amountReceived) || input.amountReceived < 0)
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'amountReceived must be a whole amount of at least 0', {
        field: 'amountReceived',
      });
    if (!isUuid(input.bookingId)) throw new AppError(ErrorCode.NOT_FOUND, 'Booking not found');
    // The method is part of the hash: a startPayment key reused here is a different request.
    const requestHash = createHash('sha256')
      .update(JSON.stringify(['CASH', input.bookingId, input.amountReceived]))
      .digest('hex');

    const staffOnly = cashStaffOnly(viewer, "Only the staff of the booking's company can take cash for it");
    const replayed = await replayIdempotent(this.db, viewer.userId, key, requestHash, staffOnly);
    if (replayed) return replayed;

    const booking = await waitForBooking(this.db, input.bookingId, this.replicaWaitMs, 'recordCashPayment');
    const companyId = booking.companyId;
    if (!companyId || !canActForCompany(viewer, companyId, ...CASH_STAFF_ROLES))
      throw new AppError(ErrorCode.FORBIDDEN, "Only the staff of the booking's company can take cash for it");
    if (!mayHandleCashOf(viewer, companyId, booking.channel))
      throw new AppError(
        ErrorCode.FORBIDDEN,
        "A counter agent takes cash for the company's counter sales; an online booking's cash is taken by an admin",
      );
    assertPayable(booking);
    if (input.amountReceived < booking.amount!) {
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        `The booking costs ${booking.amount} ${booking.currency}; ${input.amountReceived} is not enough`,
        { field: 'amountReceived', reason: 'AMOUNT_TOO_LOW' },
      );
    }

    let created: PaymentRow | undefined;
    try {
      created = await this.runner.run(async (uow) => {
        // Cash payments of one booking are decided one after the other from here on.
        const locked = await new BookingReplicaRepository(uow.tx).lock(booking.bookingId);
        if (!locked) throw new AppError(ErrorCode.NOT_FOUND, 'Booking not found');
        assertPayable(locked);
        const keys = new IdempotencyRepository(uow.tx);
        // Insert-first: of concurrent calls with one key, exactly one gets here with claimed = true.
        if (!(await keys.claim(viewer.userId, key, requestHash))) return undefined;
        const payments = new PaymentRepository(uow.tx);
        await assertNotPaid(payments, locked.bookingId);
        const shift = await openShiftFor(uow.tx, viewer.userId, companyId);
        if (shift.companyId !== companyId) {
          throw new AppError(
            ErrorCode.BAD_USER_INPUT,
            'Your open cash shift is for another company; close it (closeCashShift) before taking cash for this one',
            { field: 'bookingId', reason: 'SHIFT_OF_OTHER_COMPANY' },
          );
        }
        await assertShiftCanCount(uow.tx, shift.id, 'taken', locked.currency!, locked.amount!, 'bookingId');
        const now = new Date();
        const payment = await payments.insert({
          bookingId: locked.bookingId,
          userId: locked.userId,
          companyId,
          amount: locked.amount!,
          currency: locked.currency!,
          method: 'CASH',
          status: 'SUCCEEDED',
          settledAt: now,
          shiftId: shift.id,
          agentId: viewer.userId,
          cashReceived: input.amountReceived,
          traceparent: currentTraceparent(),
        });
        await keys.attachPayment(viewer.userId, key, payment.id);
        // Ticketing confirms the booking exactly as for mobile money.
        await uow.emit(EventTypes.PaymentSucceeded, {
          paymentId: payment.id,
          bookingId: payment.bookingId,
          userId: payment.userId,
          amount: { amount: payment.amount, currency: payment.currency },
          method: payment.method,
          providerReference: cashReference(shift.id),
          succeededAt: now.toISOString(),
        });
        publishAfterCommit(uow, this.pubsub, payment);
        return payment;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'payments_one_active_per_booking_idx')) {
        // Only when a mobile-money payment started between our check and our insert.
        throw new AppError(ErrorCode.BAD_USER_INPUT, 'This booking already has a payment in progress or completed', {
          field: 'bookingId',
          reason: 'PAYMENT_IN_PROGRESS',
        });
      }
      throw error;
    }
    if (!created) {
      const again = await replayIdempotent(this.db, viewer.userId, key, requestHash, staffOnly);
      if (again) return again;
      throw new AppError(
        ErrorCode.UNAVAILABLE,
        'A request with this idempotency key is still being processed; retry shortly',
      );
    }
    return created;
  }
}

function assertPayable(booking: PayableBookingRow): void {
  if (booking.state === 'CANCELLED')
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'This booking was cancelled and cannot be paid', {
      field: 'bookingId',
      reason: 'BOOKING_CANCELLED',
    });
  if (
    booking.state === 'EXPIRED' ||
    !booking.expiresAt ||
    booking.expiresAt.getTime() <= Date.now() ||
    booking.amount === null ||
    !booking.currency
  ) {
    throw new AppError(ErrorCode.HOLD_EXPIRED, 'The seat hold of this booking has expired; hold the seats again');
  }
}

/**
 * Cash is refused while the booking has a payment that collected the money or that waits for the payer:
 * never two collections of one booking on our side. (A mobile-money payment we failed without the
 * provider's word that later succeeds anyway is refunded by the late-success path.)
 */
async function assertNotPaid(payments: PaymentRepository, bookingId: string): Promise<void> {
  const collected = await payments.findCollectedForBooking(bookingId);
  if (collected?.status === 'SUCCEEDED')
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'This booking is already paid', {
      field: 'bookingId',
      reason: 'ALREADY_PAID',
    });
  if ((await payments.findPendingForBooking(bookingId)).length > 0)
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      'A mobile-money payment of this booking is waiting for the payer; take cash only once it has failed',
      { field: 'bookingId', reason: 'PAYMENT_IN_PROGRESS' },
    );
}

// Cash at the counter: recordCashPayment, the agents' shifts (opened by the first cash taken, closed by
// closeCashShift) and their per-currency totals, and the cash refunds owed to passengers (cashRefundsDue,
// handOutCashRefund). No provider is involved: a cash payment is SUCCEEDED when it is recorded.
import { createHash } from 'node:crypto';
import {
  AppError,
  canActForCompany,
  currentTraceparent,
  ErrorCode,
  EventTypes,
  isUniqueViolation,
  isUuid,
  pageRequest,
  requireCompanyAccess,
  requireRole,
  toConnection,
  type Connection,
  type Db,
  type Executor,
  type LivePubSub,
  type TransactionRunner,
  type UnitOfWork,
  type Viewer,
} from '@busline/shared';
import type { CashShiftRow, CashShiftStatus, PayableBookingRow, PaymentRow, RefundRow } from '../db/schema';
import { BookingReplicaRepository } from '../repositories/booking-replica-repository';
import { CashShiftRepository, type ShiftTotals } from '../repositories/cash-shift-repository';
import { IdempotencyRepository } from '../repositories/idempotency-repository';
import { PaymentRepository } from '../repositories/payment-repository';
import { RefundRepository } from '../repositories/refund-repository';
import type { BookingRef } from '../resolvers/mappers';
import { publishAfterCommit } from './settle-payments';
import { checkedIdempotencyKey, replayIdempotent, waitForBooking } from './start-payment';

/** Who may take cash for a company (platform admins may too). */
export const CASH_STAFF_ROLES = ['COUNTER_AGENT', 'COMPANY_ADMIN'] as const;

export interface RecordCashPaymentInput {
  bookingId: string;
  amountReceived: number;
}

interface Money {
  amount: number;
  currency: string;
}

/** A cash shift as the API shows it: the row with its totals (per currency, never summed across). */
export interface CashShiftView {
  id: string;
  agentId: string;
  companyId: string;
  status: CashShiftStatus;
  openedAt: Date;
  closedAt: Date | null;
  totals: { currency: string; taken: Money; refunded: Money; net: Money }[];
  paymentCount: number;
  refundCount: number;
}

export interface CashShiftListArgs {
  companyId: string;
  from?: Date | null;
  to?: Date | null;
  agentId?: string | null;
  first?: number | null;
  after?: string | null;
}

/** A cash refund owed to a passenger (refund state DUE), as cashRefundsDue shows it. */
export interface CashRefundDueView {
  id: string;
  payment: PaymentRow;
  booking: BookingRef;
  amount: Money;
  reason: string;
  dueSince: Date;
}

export interface CashRefundsDueArgs {
  companyId: string;
  first?: number | null;
  after?: string | null;
}

/** The provider reference payment.succeeded carries for cash: where the money is (the shift's till). */
export const cashReference = (shiftId: string) => `cash:${shiftId}`;

/**
 * The agent's OPEN shift, opened for `companyId` when none is; locked FOR SHARE (or just inserted) until
 * the transaction ends, so a closeCashShift at the same time waits and answers totals that include it.
 */
export async function openShiftFor(tx: Executor, agentId: string, companyId: string): Promise<CashShiftRow> {
  const shifts = new CashShiftRepository(tx);
  // Another transaction may open (then we read its shift) or close (then we open one) the shift meanwhile.
  for (let attempt = 0; attempt < 3; attempt++) {
    const open = await shifts.findOpenForShare(agentId);
    if (open) return open;
    const opened = await shifts.tryOpen(agentId, companyId);
    if (opened) return opened;
  }
  throw new AppError(ErrorCode.UNAVAILABLE, 'The cash shift is changing; retry shortly', { retryable: true });
}

/**
 * The shift on which the refund of a CASH payment is handed back at once, or undefined when the refund is
 * DUE (owed to a passenger who is not at the counter). Only a cancellation by the company's counter staff
 * is handed back at once: the passenger is in front of them. booking.cancelled carries no role (only
 * `cancelledBy`) and payment keeps none, so staff are known from what payment has seen: the canceller has
 * a cash shift of the company (OPEN, or closed earlier), took this payment's cash, or sold the booking.
 * Nobody (a trip the company cancelled, refund.requested), a passenger who cancelled online (one who
 * claimed a counter sale included) and staff who never kept a till of the company leave the refund DUE.
 * The refund goes on the canceller's OPEN shift, opened when none is; a canceller whose open shift is for
 * another company (a platform admin) leaves it DUE.
 */
export async function counterShiftOf(
  tx: Executor,
  cancelledBy: string | null,
  payment: PaymentRow,
  soldBy: string | null,
): Promise<CashShiftRow | undefined> {
  const companyId = payment.companyId;
  if (!cancelledBy || !companyId) return undefined;
  const shifts = new CashShiftRepository(tx);
  const open = await shifts.findOpenForShare(cancelledBy);
  if (open) return open.companyId === companyId ? open : undefined;
  const staff =
    cancelledBy === payment.agentId || cancelledBy === soldBy || (await shifts.hasShiftFor(cancelledBy, companyId));
  if (!staff) return undefined;
  const shift = await openShiftFor(tx, cancelledBy, companyId);
  return shift.companyId === companyId ? shift : undefined;
}

/**
 * A cash refund was handed back (`refund` SUCCEEDED on a shift): the payment turns REFUNDED and
 * payment.refunded goes out in `uow`. Undefined when the payment was not SUCCEEDED any more.
 */
export async function emitCashRefunded(
  uow: UnitOfWork,
  pubsub: LivePubSub,
  paymentId: string,
  refund: RefundRow,
): Promise<PaymentRow | undefined> {
  const refunded = await new PaymentRepository(uow.tx).transition(paymentId, 'REFUNDED', {}, 'SUCCEEDED');
  if (!refunded) return undefined;
  await uow.emit(EventTypes.PaymentRefunded, {
    paymentId: refunded.id,
    bookingId: refunded.bookingId,
    userId: refunded.userId,
    refundId: refund.id,
    amount: { amount: refund.amount, currency: refund.currency },
    refundedAt: (refund.completedAt ?? new Date()).toISOString(),
    method: refunded.method,
  });
  publishAfterCommit(uow, pubsub, refunded);
  return refunded;
}

/** recordCashPayment, the shifts that cash is recorded on, and the cash refunds owed to passengers. */
export class CashService {
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
    const key = checkedIdempotencyKey(idempotencyKey);
    if (!Number.isInteger(input.amountReceived) || input.amountReceived < 0)
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'amountReceived must be a whole amount of at least 0', {
        field: 'amountReceived',
      });
    if (!isUuid(input.bookingId)) throw new AppError(ErrorCode.NOT_FOUND, 'Booking not found');
    // The method is part of the hash: a startPayment key reused here is a different request.
    const requestHash = createHash('sha256')
      .update(JSON.stringify(['CASH', input.bookingId, input.amountReceived]))
      .digest('hex');

    const replayed = await replayIdempotent(this.db, viewer.userId, key, requestHash);
    if (replayed) return replayed;

    const booking = await waitForBooking(this.db, input.bookingId, this.replicaWaitMs, 'recordCashPayment');
    const companyId = booking.companyId;
    if (!companyId || !canActForCompany(viewer, companyId, ...CASH_STAFF_ROLES))
      throw new AppError(ErrorCode.FORBIDDEN, "Only the staff of the booking's company can take cash for it");
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
      const again = await replayIdempotent(this.db, viewer.userId, key, requestHash);
      if (again) return again;
      throw new AppError(
        ErrorCode.UNAVAILABLE,
        'A request with this idempotency key is still being processed; retry shortly',
      );
    }
    return created;
  }

  /**
   * Hands a DUE cash refund out to the passenger: recorded on the caller's OPEN shift (opened when none is),
   * the payment REFUNDED and payment.refunded emitted, all in one transaction. Staff of the payment's
   * company and platform admins. Idempotent per key (same key: the same payment again); a hand-out of a
   * refund already handed out, at once or later, is refused with ALREADY_REFUNDED: never twice.
   */
  async handOutRefund(viewer: Viewer, paymentId: string, idempotencyKey: string): Promise<PaymentRow> {
    requireRole(viewer, ...CASH_STAFF_ROLES, 'PLATFORM_ADMIN');
    const key = checkedIdempotencyKey(idempotencyKey);
    if (!isUuid(paymentId)) throw new AppError(ErrorCode.NOT_FOUND, 'Payment not found');
    // The kind of request is part of the hash: a key of another mutation reused here is a different request.
    const requestHash = createHash('sha256')
      .update(JSON.stringify(['CASH_REFUND', paymentId]))
      .digest('hex');
    const replayed = await replayIdempotent(this.db, viewer.userId, key, requestHash);
    if (replayed) return replayed;

    const [payment] = await new PaymentRepository(this.db).findByIds([paymentId]);
    if (!payment) throw new AppError(ErrorCode.NOT_FOUND, 'Payment not found');
    const companyId = payment.companyId;
    if (!companyId || !canActForCompany(viewer, companyId, ...CASH_STAFF_ROLES))
      throw new AppError(ErrorCode.FORBIDDEN, "Only the staff of the payment's company can hand its refund out");
    if (payment.method !== 'CASH')
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'Only the refund of a cash payment is handed out at the counter', {
        field: 'paymentId',
        reason: 'NOT_CASH',
      });

    const handed = await this.runner.run(async (uow) => {
      const keys = new IdempotencyRepository(uow.tx);
      // Insert-first: of concurrent calls with one key, exactly one gets past here.
      if (!(await keys.claim(viewer.userId, key, requestHash))) return undefined;
      const refunds = new RefundRepository(uow.tx);
      // Of two hand-outs at once (other keys), the second waits here and then finds it handed out.
      const refund = await refunds.lockForPayment(payment.id);
      if (refund?.status === 'SUCCEEDED')
        throw new AppError(ErrorCode.BAD_USER_INPUT, 'The refund of this payment was already handed back', {
          field: 'paymentId',
          reason: 'ALREADY_REFUNDED',
        });
      if (refund?.status !== 'DUE')
        throw new AppError(ErrorCode.BAD_USER_INPUT, 'No cash refund is due for this payment', {
          field: 'paymentId',
          reason: 'NO_REFUND_DUE',
        });
      const shift = await openShiftFor(uow.tx, viewer.userId, companyId);
      if (shift.companyId !== companyId) {
        throw new AppError(
          ErrorCode.BAD_USER_INPUT,
          'Your open cash shift is for another company; close it (closeCashShift) before handing out cash for this one',
          { field: 'paymentId', reason: 'SHIFT_OF_OTHER_COMPANY' },
        );
      }
      const done = await refunds.handOut(refund.id, shift.id, viewer.userId);
      const refunded = done ? await emitCashRefunded(uow, this.pubsub, payment.id, done) : undefined;
      // The refund row is locked and DUE, and a DUE refund's payment stays SUCCEEDED: not expected.
      if (!refunded) throw new Error(`cash refund ${refund.id} could not be handed out`);
      await keys.attachPayment(viewer.userId, key, payment.id);
      return refunded;
    });
    if (!handed) {
      const again = await replayIdempotent(this.db, viewer.userId, key, requestHash);
      if (again) return again;
      throw new AppError(
        ErrorCode.UNAVAILABLE,
        'A request with this idempotency key is still being processed; retry shortly',
      );
    }
    return handed;
  }

  /** A company's cash refunds owed to passengers (DUE), oldest first: the company's staff and platform admins. */
  async refundsDue(viewer: Viewer, args: CashRefundsDueArgs): Promise<Connection<CashRefundDueView>> {
    if (!isUuid(args.companyId)) throw new AppError(ErrorCode.FORBIDDEN, 'Not allowed for this company');
    requireCompanyAccess(viewer, args.companyId, ...CASH_STAFF_ROLES);
    const page = pageRequest(args, { cursor: ['time', 'uuid'] });
    const rows = await new RefundRepository(this.db).listDue(args.companyId, page);
    const connection = toConnection(rows, page, ({ refund }) => [refund.createdAt.toISOString(), refund.id]);
    return {
      ...connection,
      edges: connection.edges.map(({ cursor, node: { refund, payment } }) => ({
        cursor,
        node: {
          id: refund.id,
          payment,
          booking: { __typename: 'Booking', id: refund.bookingId },
          amount: { amount: refund.amount, currency: refund.currency },
          reason: refund.reason,
          dueSince: refund.createdAt,
        },
      })),
    };
  }

  /** The caller's OPEN shift with its totals so far, or null. */
  async myShift(viewer: Viewer): Promise<CashShiftView | null> {
    requireRole(viewer, ...CASH_STAFF_ROLES, 'PLATFORM_ADMIN');
    const shift = await new CashShiftRepository(this.db).findOpen(viewer.userId);
    return shift ? (await this.withTotals(this.db, [shift]))[0]! : null;
  }

  /** Closes the caller's OPEN shift and answers its final totals (read in the same transaction). */
  async closeShift(viewer: Viewer): Promise<CashShiftView> {
    requireRole(viewer, ...CASH_STAFF_ROLES, 'PLATFORM_ADMIN');
    return this.runner.run(async ({ tx }) => {
      // Waits for payments being recorded on the shift (they hold it FOR SHARE): they are in the totals.
      const closed = await new CashShiftRepository(tx).close(viewer.userId);
      if (!closed)
        throw new AppError(ErrorCode.BAD_USER_INPUT, 'You have no open cash shift', { reason: 'NO_OPEN_SHIFT' });
      return (await this.withTotals(tx, [closed]))[0]!;
    });
  }

  /** A company's shifts, newest first; an agent sees only their own. */
  async list(viewer: Viewer, args: CashShiftListArgs): Promise<Connection<CashShiftView>> {
    if (!isUuid(args.companyId)) throw new AppError(ErrorCode.FORBIDDEN, 'Not allowed for this company');
    requireCompanyAccess(viewer, args.companyId, ...CASH_STAFF_ROLES);
    if (args.agentId && !isUuid(args.agentId))
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'agentId is not a valid id', { field: 'agentId' });
    const page = pageRequest(args, { cursor: ['time', 'uuid'] });
    const agentId = viewer.role === 'COUNTER_AGENT' ? viewer.userId : (args.agentId ?? null);
    const rows = await new CashShiftRepository(this.db).list(
      { companyId: args.companyId, agentId, from: args.from ?? null, to: args.to ?? null },
      page,
    );
    const connection = toConnection(rows, page, (row) => [row.openedAt.toISOString(), row.id]);
    const views = await this.withTotals(
      this.db,
      connection.edges.map((edge) => edge.node),
    );
    return {
      ...connection,
      edges: connection.edges.map((edge, i) => ({ cursor: edge.cursor, node: views[i]! })),
    };
  }

  private async withTotals(db: Executor, shifts: CashShiftRow[]): Promise<CashShiftView[]> {
    const sums = await new CashShiftRepository(db).totals(shifts.map((shift) => shift.id));
    return shifts.map((shift) => toView(shift, sums));
  }
}

function toView(shift: CashShiftRow, sums: ShiftTotals): CashShiftView {
  return {
    id: shift.id,
    agentId: shift.agentId,
    companyId: shift.companyId,
    status: shift.status,
    openedAt: shift.openedAt,
    closedAt: shift.closedAt,
    totals: sums.totals
      .filter((total) => total.shiftId === shift.id)
      .map(({ currency, taken, refunded }) => ({
        currency,
        taken: { amount: taken, currency },
        refunded: { amount: refunded, currency },
        net: { amount: taken - refunded, currency },
      })),
    paymentCount: sums.paymentCounts.get(shift.id) ?? 0,
    refundCount: sums.refundCounts.get(shift.id) ?? 0,
  };
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

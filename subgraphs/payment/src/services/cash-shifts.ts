// What the cash use cases share: who may handle cash, the agents' shifts (opened by the first cash taken
// or handed back, locked while cash is recorded on them) and their per-currency totals, the counter shift a
// cash refund goes on, and the payment.refunded of a cash refund handed back. No provider is involved.
import {
  AppError,
  canActForCompany,
  ErrorCode,
  EventTypes,
  MONEY_AMOUNT_MAX,
  type Executor,
  type LivePubSub,
  type UnitOfWork,
  type Viewer,
} from '@busline/shared';
import type { CashShiftRow, CashShiftStatus, PaymentRow, RefundRow } from '../db/schema';
import { CashShiftRepository, type ShiftTotals } from '../repositories/cash-shift-repository';
import { PaymentRepository } from '../repositories/payment-repository';
import { publishAfterCommit } from './settle-payments';

/** Who may take cash for a company (platform admins may too). */
export const CASH_STAFF_ROLES = ['COUNTER_AGENT', 'COMPANY_ADMIN'] as const;

/**
 * Whether `viewer` may take or hand back cash for a booking of `companyId` sold on `channel`: the company's admins
 * (and platform admins) for any of its bookings, its counter agents for its counter sales only, the bookings
 * ticketing shows them (a counter agent never sees the company's online bookings).
 */
export function mayHandleCashOf(viewer: Viewer, companyId: string, channel: string): boolean {
  return (
    canActForCompany(viewer, companyId, 'COMPANY_ADMIN') ||
    (channel === 'COUNTER' && canActForCompany(viewer, companyId, 'COUNTER_AGENT'))
  );
}

/**
 * A guard for an idempotent replay of a cash call: the payment again only to the staff of its company (and
 * platform admins) as they are now; anyone else gets `refusal` (FORBIDDEN), as a new call would.
 */
export const cashStaffOnly = (viewer: Viewer, refusal: string) => (payment: PaymentRow) => {
  if (!payment.companyId || !canActForCompany(viewer, payment.companyId, ...CASH_STAFF_ROLES))
    throw new AppError(ErrorCode.FORBIDDEN, refusal);
};

export interface Money {
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
  closedBy: string | null;
  totals: { currency: string; taken: Money; refunded: Money; net: Money }[];
  paymentCount: number;
  refundCount: number;
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
 * is handed back at once: the passenger is in front of them. booking.cancelled says so (`atCounter`); one from
 * before it did carries no role (only `cancelledBy`) and payment keeps none, so staff are then known from what
 * payment has seen: the canceller has
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
  atCounter?: boolean,
): Promise<CashShiftRow | undefined> {
  const companyId = payment.companyId;
  if (!cancelledBy || !companyId || atCounter === false) return undefined;
  const shifts = new CashShiftRepository(tx);
  const open = await shifts.findOpenForShare(cancelledBy);
  if (open) return open.companyId === companyId ? open : undefined;
  // Ticketing saw the company's counter staff cancel (booking.cancelled `atCounter`); events from before it said so
  // leave payment to judge from what it has seen.
  const staff =
    atCounter === true ||
    cancelledBy === payment.agentId ||
    cancelledBy === soldBy ||
    (await shifts.hasShiftFor(cancelledBy, companyId));
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

/**
 * Whether the shift's total of `currency` taken (or handed back) can count `amount` more: past MONEY_AMOUNT_MAX the
 * shift (myCashShift, cashShifts, closeCashShift's answer) could no longer be read, and the till not be counted
 * through the API. Under the shift's counting lock, so that two at once are counted one after the other.
 */
export async function shiftCanCount(
  tx: Executor,
  shiftId: string,
  total: 'taken' | 'handedBack',
  currency: string,
  amount: number,
): Promise<boolean> {
  const shifts = new CashShiftRepository(tx);
  await shifts.lockTotal(shiftId);
  return (await shifts[total](shiftId, currency)) + amount <= MONEY_AMOUNT_MAX;
}

/**
 * Refuses cash taken (or handed back) that would take the shift's total past what it can count (shiftCanCount). The
 * agent closes the shift; the next cash taken or handed back opens another.
 */
export async function assertShiftCanCount(
  tx: Executor,
  shiftId: string,
  total: 'taken' | 'handedBack',
  currency: string,
  amount: number,
  field: string,
) {
  if (!(await shiftCanCount(tx, shiftId, total, currency, amount))) {
    const what = total === 'taken' ? 'taken as much cash' : 'handed back as much cash';
    const next = total === 'taken' ? 'take this payment' : 'hand this refund out';
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      `This shift has ${what} as it can count: close it (closeCashShift) and ${next} on a new one`,
      { field, reason: 'SHIFT_TOTAL_TOO_LARGE' },
    );
  }
}

/** The shifts as the API shows them, with their totals read over `db` (the pool or the open transaction). */
export async function withTotals(db: Executor, shifts: CashShiftRow[]): Promise<CashShiftView[]> {
  const sums = await new CashShiftRepository(db).totals(shifts.map((shift) => shift.id));
  return shifts.map((shift) => toView(shift, sums));
}

function toView(shift: CashShiftRow, sums: ShiftTotals): CashShiftView {
  return {
    id: shift.id,
    agentId: shift.agentId,
    companyId: shift.companyId,
    status: shift.status,
    openedAt: shift.openedAt,
    closedAt: shift.closedAt,
    closedBy: shift.closedBy,
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

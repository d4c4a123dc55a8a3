// Reading payments: who may see which, batched per request, and the live status of one payment.
import {
  AppError,
  canActForCompany,
  ErrorCode,
  groupLoader,
  isUuid,
  rowLoader,
  type Db,
  type LivePubSub,
  type Viewer,
} from '@busline/shared';
import type { PayableBookingRow, PaymentRow } from '../db/schema';
import { BookingReplicaRepository } from '../repositories/booking-replica-repository';
import { PaymentRepository } from '../repositories/payment-repository';
import { RefundRepository } from '../repositories/refund-repository';
import { paymentTopic } from './settle-payments';

/** How the payment's booking was sold, as the booking replica knows it (undefined: not known). */
export type Sale = Pick<PayableBookingRow, 'channel' | 'soldBy'> | null | undefined;

/**
 * Platform admin, admin of the company the booking belongs to, the owner, or the seller of a counter sale (the
 * agent who took its cash, or who holds it until the passenger claims it; they keep seeing the cash payment once
 * the passenger has) while they are staff of that company: one who left or moved to another company sees none of
 * the sales they made there (docs/counter-sales.md).
 */
export function maySee(viewer: Viewer | null, payment: PaymentRow, sale: Sale): boolean {
  if (!viewer) return false;
  if (viewer.role === 'PLATFORM_ADMIN') return true;
  if (payment.companyId && canActForCompany(viewer, payment.companyId, 'COMPANY_ADMIN')) return true;
  if (isSeller(viewer, payment, sale))
    return !!payment.companyId && canActForCompany(viewer, payment.companyId, 'COUNTER_AGENT', 'COMPANY_ADMIN');
  return payment.userId === viewer.userId;
}

/** Whether the viewer reaches the payment as the seller of its counter sale, not as a passenger. */
function isSeller(viewer: Viewer, payment: PaymentRow, sale: Sale): boolean {
  if (payment.method === 'CASH' && payment.agentId === viewer.userId) return true;
  return sale?.channel === 'COUNTER' && sale.soldBy === viewer.userId && payment.userId === viewer.userId;
}

/** The till of a CASH payment (cash received, change, agent, shift) is for the company's staff and platform admins. */
export function seesCashDetails(viewer: Viewer | null, payment: PaymentRow): boolean {
  return (
    payment.method === 'CASH' &&
    !!payment.companyId &&
    canActForCompany(viewer, payment.companyId, 'COUNTER_AGENT', 'COMPANY_ADMIN')
  );
}

/** Failed refunds listed at most (the oldest first): the platform admins' work queue. */
const FAILED_REFUNDS_LISTED = 100;

/** One request's reads: every lookup by id in one tick goes to Postgres as one statement. */
export class PaymentReads {
  private readonly payments: PaymentRepository;
  private readonly refunds: RefundRepository;
  private readonly byId;
  private readonly byBookingId;
  private readonly refundByPaymentId;
  private readonly saleByBookingId;
  private readonly replica: BookingReplicaRepository;

  constructor(
    db: Db,
    private readonly pubsub: LivePubSub,
  ) {
    this.payments = new PaymentRepository(db);
    this.refunds = new RefundRepository(db);
    this.byId = rowLoader(
      (ids: readonly string[]) => this.payments.findByIds(ids),
      (row) => row.id,
    );
    this.byBookingId = groupLoader(
      (ids: readonly string[]) => this.payments.findByBookingIds(ids),
      (row) => row.bookingId,
    );
    const replica = (this.replica = new BookingReplicaRepository(db));
    this.saleByBookingId = rowLoader(
      (ids: readonly string[]) => replica.salesOf(ids),
      (row) => row.bookingId,
    );
    this.refundByPaymentId = rowLoader(
      (ids: readonly string[]) => this.refunds.findByPaymentIds(ids),
      (row) => row.paymentId,
    );
  }

  /** Forgets what the loaders read (a subscription reads its fields afresh for every update). */
  clear(): void {
    this.byId.clearAll();
    this.byBookingId.clearAll();
    this.saleByBookingId.clearAll();
    this.refundByPaymentId.clearAll();
  }

  /** The payment if `viewer` may see it; null for a missing one, one not theirs and a malformed id alike. */
  async find(viewer: Viewer | null, id: string): Promise<PaymentRow | null> {
    const payment = isUuid(id) ? await this.byId.load(id) : null;
    return payment && (await this.visible(viewer, payment)) ? payment : null;
  }

  /** The payments of a booking that `viewer` may see. */
  async ofBooking(viewer: Viewer | null, bookingId: string): Promise<PaymentRow[]> {
    if (!viewer || !isUuid(bookingId)) return [];
    const payments = await this.byBookingId.load(bookingId);
    const visible = await Promise.all(payments.map((payment) => this.visible(viewer, payment)));
    return payments.filter((_, i) => visible[i]);
  }

  /** maySee, reading how the booking was sold only when it decides (the viewer is the payment's user). */
  private async visible(viewer: Viewer | null, payment: PaymentRow): Promise<boolean> {
    const sale =
      viewer && payment.userId === viewer.userId ? await this.saleByBookingId.load(payment.bookingId) : undefined;
    return maySee(viewer, payment, sale);
  }

  /** Where the refund of a payment stands, or null when it has none. */
  async refundState(paymentId: string) {
    return (await this.refundByPaymentId.load(paymentId))?.status ?? null;
  }

  /** The amount of the payment's refund (refunded, under way or owed), or null when it has none. */
  async refundAmount(paymentId: string) {
    const refund = await this.refundByPaymentId.load(paymentId);
    return refund ? { amount: refund.amount, currency: refund.currency } : null;
  }

  /** Payments whose refund failed for good (platform admins only: the caller checks the role). */
  async withFailedRefunds(): Promise<PaymentRow[]> {
    const failed = await this.refunds.findFailed(FAILED_REFUNDS_LISTED);
    const rows = new Map(
      (await this.payments.findByIds(failed.map((refund) => refund.paymentId))).map((row) => [row.id, row]),
    );
    return failed.flatMap((refund) => rows.get(refund.paymentId) ?? []);
  }

  /**
   * The status changes of the viewer's own payment, live. Same answer for "missing" and "not yours": ids are not
   * probed.
   */
  async watch(viewer: Viewer, paymentId: string): Promise<AsyncIterable<PaymentRow>> {
    const payment = isUuid(paymentId) ? await this.byId.load(paymentId) : null;
    // Its user only, and a seller only while staff of the sale's company (maySee).
    if (!payment || payment.userId !== viewer.userId || !(await this.visible(viewer, payment)))
      throw new AppError(ErrorCode.NOT_FOUND, 'Payment not found');
    return this.whileVisible(viewer, this.pubsub.subscribe<PaymentRow>(paymentTopic(payment.id)));
  }

  /**
   * `changes` for as long as the viewer may still see the payment, read afresh at each change (the loaders keep what
   * they read when the stream opened): a counter sale claimed by its passenger since, or a seller who left the
   * company, ends the stream instead of delivering what `payment(id)` would no longer answer. Not a generator: a
   * client that leaves while no change comes must end the subscription underneath at once.
   */
  private whileVisible(viewer: Viewer, changes: AsyncIterable<PaymentRow>): AsyncIterableIterator<PaymentRow> {
    const inner = changes[Symbol.asyncIterator]();
    const end = async (): Promise<IteratorResult<PaymentRow>> => {
      await inner.return?.();
      return { value: undefined, done: true };
    };
    return {
      next: async () => {
        const step = await inner.next();
        if (step.done) return step;
        // What the update's fields read (its refund) as it stands now, not as the first update found it.
        this.clear();
        return (await this.stillVisible(viewer, step.value.id)) ? step : end();
      },
      return: end,
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  private async stillVisible(viewer: Viewer, paymentId: string): Promise<boolean> {
    const [now] = await this.payments.findByIds([paymentId]);
    if (!now || now.userId !== viewer.userId) return false;
    const [sale] = await this.replica.salesOf([now.bookingId]);
    return maySee(viewer, now, sale);
  }
}

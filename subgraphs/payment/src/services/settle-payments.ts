import { EventTypes, inTrace, type LivePubSub, type UnitOfWork } from '@busline/shared';
import type { PaymentRow } from '../db/schema';
import { providerText } from '../provider/types';
import { PaymentRepository } from '../repositories/payment-repository';
import { RefundRepository } from '../repositories/refund-repository';

/** Live-update topic of one payment (paymentStatusChanged). */
export const paymentTopic = (paymentId: string) => `payment.status.${paymentId}`;

/**
 * The provider's final answer, or our own verdict; `recheckAt` marks a failure decided without the
 * provider's word (the payer may still approve): its status keeps being checked from then on.
 */
export type ProviderOutcome =
  | { status: 'SUCCESSFUL'; financialTransactionId?: string }
  | { status: 'FAILED' | 'CANCELLED'; reason?: string; recheckAt?: Date };

const money = (payment: PaymentRow) => ({ amount: payment.amount, currency: payment.currency });

/** Publishes the payment's new state to its subscribers once the transaction has committed. */
export function publishAfterCommit(
  uow: Pick<UnitOfWork, 'afterCommit'>,
  pubsub: LivePubSub,
  payment: PaymentRow,
): void {
  uow.afterCommit(() => pubsub.publish(paymentTopic(payment.id), payment));
}

/**
 * Applies the provider's final answer to a PENDING payment, in the caller's transaction, and
 * emits the matching event. Only a PENDING payment changes, so duplicate callbacks and a
 * reconciliation racing a webhook settle it once. A success that arrives after we gave the payment
 * up (FAILED or CANCELLED) is never ignored: see `applyLateSuccess`. Returns the updated row, or undefined.
 */
export async function applyOutcome(
  uow: UnitOfWork,
  pubsub: LivePubSub,
  paymentId: string,
  outcome: ProviderOutcome,
): Promise<PaymentRow | undefined> {
  const repo = new PaymentRepository(uow.tx);
  if (outcome.status === 'SUCCESSFUL') {
    const payment = (await repo.transition(paymentId, 'SUCCEEDED')) ?? (await applyLateSuccess(uow, paymentId));
    if (!payment || payment.status !== 'SUCCEEDED') return payment;
    await emitSucceeded(uow, payment);
    publishAfterCommit(uow, pubsub, payment);
    return payment;
  }
  const to = outcome.status === 'CANCELLED' ? 'CANCELLED' : 'FAILED';
  const payment = await repo.transition(paymentId, to, {
    failureReason: providerText(outcome.reason) || to,
    ...(outcome.recheckAt ? { nextCheckAt: outcome.recheckAt } : {}),
  });
  if (!payment) return undefined;
  // A cancellation follows the booking's own expiry or cancellation: ticketing already knows.
  if (to === 'FAILED') {
    await uow.emit(EventTypes.PaymentFailed, {
      paymentId: payment.id,
      bookingId: payment.bookingId,
      userId: payment.userId,
      reason: payment.failureReason,
    });
  }
  publishAfterCommit(uow, pubsub, payment);
  return payment;
}

/**
 * The provider collected money for a payment we had already marked FAILED or CANCELLED. It becomes
 * SUCCEEDED (and payment.succeeded goes out: ticketing confirms the booking if it still can, or asks for
 * the refund, e.g. PAID_AFTER_EXPIRY). When another payment of the booking is already in flight or
 * collected, this one cannot be the booking's payment: its money is refunded here (the refund worker
 * sends it). Returns the row when it changed (SUCCEEDED, or still FAILED/CANCELLED with a refund queued).
 */
async function applyLateSuccess(uow: UnitOfWork, paymentId: string): Promise<PaymentRow | undefined> {
  const repo = new PaymentRepository(uow.tx);
  const payment = await repo.lock(paymentId);
  if (!payment || (payment.status !== 'FAILED' && payment.status !== 'CANCELLED')) return undefined;
  if (!(await repo.findOtherActiveForBooking(payment.bookingId, payment.id))) {
    return repo.transition(payment.id, 'SUCCEEDED', { failureReason: null }, payment.status);
  }
  const refund = await new RefundRepository(uow.tx).create({
    paymentId: payment.id,
    bookingId: payment.bookingId,
    amount: payment.amount,
    currency: payment.currency,
    reason: 'PAID_AFTER_FAILURE',
  });
  return refund ? payment : undefined;
}

async function emitSucceeded(uow: UnitOfWork, payment: PaymentRow): Promise<void> {
  // Settled by a callback or a status check long after startPayment's request: the event continues its trace.
  await inTrace('payment', 'payment settled', payment.traceparent, () => emitSucceededEvent(uow, payment));
}

async function emitSucceededEvent(uow: UnitOfWork, payment: PaymentRow): Promise<void> {
  await uow.emit(EventTypes.PaymentSucceeded, {
    paymentId: payment.id,
    bookingId: payment.bookingId,
    userId: payment.userId,
    amount: money(payment),
    method: payment.method,
    providerReference: payment.providerReference,
    succeededAt: (payment.settledAt ?? new Date()).toISOString(),
  });
}

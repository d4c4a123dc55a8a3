import type { LivePubSub, UnitOfWork } from '@busline/shared';
import type { PaymentRow } from '../db/schema';
import { PaymentRepository } from '../repositories/payment-repository';

/** Live-update topic of one payment (paymentStatusChanged). */
export const paymentTopic = (paymentId: string) => `payment.status.${paymentId}`;

export type ProviderOutcome = { status: 'SUCCESSFUL'; financialTransactionId?: string } | { status: 'FAILED' | 'CANCELLED'; reason?: string };

const money = (payment: PaymentRow) => ({ amount: payment.amount, currency: payment.currency });

/** Publishes the payment's new state to its subscribers once the transaction has committed. */
export function publishAfterCommit(uow: Pick<UnitOfWork, 'afterCommit'>, pubsub: LivePubSub, payment: PaymentRow): void {
  uow.afterCommit(() => pubsub.publish(paymentTopic(payment.id), payment));
}

/**
 * Applies the provider's final answer to a PENDING payment, in the caller's transaction, and
 * emits the matching event. Only a PENDING payment changes, so duplicate callbacks and a
 * reconciliation racing a webhook settle it once. Returns the updated row, or undefined.
 */
export async function applyOutcome(uow: UnitOfWork, pubsub: LivePubSub, paymentId: string, outcome: ProviderOutcome): Promise<PaymentRow | undefined> {
  const repo = new PaymentRepository(uow.tx);
  if (outcome.status === 'SUCCESSFUL') {
    const payment = await repo.transition(paymentId, 'SUCCEEDED');
    if (!payment) return undefined;
    await uow.emit('payment.succeeded', {
      paymentId: payment.id,
      bookingId: payment.bookingId,
      userId: payment.userId,
      amount: money(payment),
      method: payment.method,
      providerReference: payment.providerReference,
      succeededAt: (payment.settledAt ?? new Date()).toISOString(),
    });
    publishAfterCommit(uow, pubsub, payment);
    return payment;
  }
  const to = outcome.status === 'CANCELLED' ? 'CANCELLED' : 'FAILED';
  const payment = await repo.transition(paymentId, to, { failureReason: outcome.reason ?? to });
  if (!payment) return undefined;
  // A cancellation follows the booking's own expiry or cancellation: ticketing already knows.
  if (to === 'FAILED') {
    await uow.emit('payment.failed', { paymentId: payment.id, bookingId: payment.bookingId, userId: payment.userId, reason: payment.failureReason });
  }
  publishAfterCommit(uow, pubsub, payment);
  return payment;
}

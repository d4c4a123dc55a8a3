import type { Db, LivePubSub, Logger, TransactionRunner } from '@busline/shared';
import type { PayableBookingRow, PaymentRow } from '../db/schema';
import { LEASE_MARGIN_MS } from '../provider/http';
import { ProviderRejectedError, type PaymentProvider } from '../provider/types';
import { PaymentRepository } from '../repositories/payment-repository';
import { applyOutcome } from './settle-payments';

export interface RequestPaymentDeps {
  db: Db;
  runner: TransactionRunner;
  pubsub: LivePubSub;
  logger: Logger;
  /** First status check of a new payment (its expected callback plus a grace), or after an unclear request. */
  firstCheckAfterMs: number;
  /** Where the provider sends its callback for this payment. */
  callbackUrl: (provider: string, referenceId: string) => string;
}

/**
 * When the payment's own request has surely ended, answered or not (its longest time and a margin after the payment
 * was written, `created_at` being the insert's own time: the commit and the request follow at once): a payment never
 * marked requested by then was never sent, or its sender died on the way.
 */
export function requestWindowEnd(payment: Pick<PaymentRow, 'createdAt'>, provider: PaymentProvider): number {
  return payment.createdAt.getTime() + (provider.requestMs ?? 0) + LEASE_MARGIN_MS;
}

/** Whether a booking can still be paid: held, not ended, priced. */
export function isPayable(booking: PayableBookingRow, now = Date.now()): boolean {
  return (
    booking.state !== 'CANCELLED' &&
    booking.state !== 'EXPIRED' &&
    !!booking.expiresAt &&
    booking.expiresAt.getTime() > now &&
    booking.amount !== null
  );
}

/**
 * Sends a payment's push request (after commit: never inside a transaction), under the payment's own reference, so
 * sending it again (`again`) is the same request (the provider takes it once). Accepted, the payment is marked
 * requested; a definite refusal fails it (sent again, a refusal that may be of a copy of a request the provider keeps
 * is no verdict: the adapter tells it as unclear); an unclear answer fails it too, but a request that did arrive may
 * still be approved, so its status keeps being checked.
 */
export async function sendPaymentRequest(
  deps: RequestPaymentDeps,
  payment: PaymentRow,
  provider: PaymentProvider,
  { again = false }: { again?: boolean } = {},
): Promise<PaymentRow> {
  try {
    await provider.requestToPay({
      referenceId: payment.providerReference!,
      amount: payment.amount,
      currency: payment.currency,
      phone: payment.phone!,
      country: payment.country ?? 'RW',
      callbackUrl: deps.callbackUrl(provider.name, payment.providerReference!),
      payerMessage: `Busline booking ${payment.bookingId.slice(0, 8)}`,
      ...(again ? { mayHaveBeenSent: true } : {}),
    });
  } catch (error) {
    if (error instanceof ProviderRejectedError) {
      // A definite refusal: nothing can be collected, so nothing is checked later.
      deps.logger.warn(
        { paymentId: payment.id, provider: provider.name, reason: error.reason, detail: error.message },
        'provider refused the payment request',
      );
      const failed = await deps.runner.run((uow) =>
        applyOutcome(uow, deps.pubsub, payment.id, { status: 'FAILED', reason: error.reason }),
      );
      return failed ?? payment;
    }
    deps.logger.warn(
      { err: error, paymentId: payment.id },
      'provider did not answer the payment request clearly; its status keeps being checked',
    );
    const failed = await deps.runner.run((uow) =>
      applyOutcome(uow, deps.pubsub, payment.id, {
        status: 'FAILED',
        reason: 'PROVIDER_UNAVAILABLE',
        recheckAt: new Date(Date.now() + deps.firstCheckAfterMs),
      }),
    );
    return failed ?? payment;
  }
  deps.logger.info(
    { paymentId: payment.id, provider: provider.name, referenceId: payment.providerReference },
    'payment request accepted by the provider',
  );
  // Unrecorded (Postgres away), the request is only sent again, under the same reference: taken once.
  const requestedAt = await new PaymentRepository(deps.db).markRequested(payment.id).catch((error: unknown) => {
    deps.logger.warn({ err: error, paymentId: payment.id }, 'could not record that the payment was requested');
    return null;
  });
  return requestedAt ? { ...payment, requestedAt } : payment;
}

import { json, type Logger, type Db } from '@busline/shared';
import { PaymentRepository } from '../repositories/payment-repository';
import { WebhookDeliveryRepository } from '../repositories/webhook-delivery-repository';

export interface CallbackHintDeps {
  db: Db;
  logger: Logger;
  /** Makes the payment's status check due now and runs it (ReconcilePaymentsService.checkSoon). */
  checkSoon: (paymentId: string) => Promise<boolean>;
}

/**
 * A provider callback taken as a hint: recorded once per delivery, then the payment's status is read
 * back from the provider, which alone settles it. A duplicate, or a callback about a payment already
 * settled, changes nothing.
 */
export async function hintedCallback(
  deps: CallbackHintDeps,
  callback: { provider: string; reference: string; eventId: string; status: string },
): Promise<Response> {
  const payment = await new PaymentRepository(deps.db).findByProviderReference(callback.reference);
  if (!payment || (payment.provider ?? 'sandbox-momo') !== callback.provider) {
    deps.logger.warn(
      { provider: callback.provider, referenceId: callback.reference.slice(0, 64) },
      'callback for an unknown payment',
    );
    return json({ error: 'unknown reference' }, 404);
  }
  const fresh = await new WebhookDeliveryRepository(deps.db).recordOnce(callback.eventId, callback.reference);
  const result = !fresh ? 'duplicate' : (await deps.checkSoon(payment.id)) ? 'checking' : 'already-settled';
  deps.logger.info(
    {
      provider: callback.provider,
      paymentId: payment.id,
      referenceId: callback.reference,
      said: callback.status,
      result,
    },
    'provider callback',
  );
  return json({ status: result });
}

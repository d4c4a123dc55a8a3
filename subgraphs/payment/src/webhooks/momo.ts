import { json, z, type Logger, type LivePubSub, type Route, type TransactionRunner } from '@busline/shared';
import { webhookDeliveries } from '../db/schema';
import { checkCallbackSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../provider/signature';
import { PaymentRepository } from '../repositories/payment-repository';
import { applyOutcome } from '../services/settlement';

const callbackSchema = z.object({
  eventId: z.string().min(1).max(200),
  referenceId: z.string().min(1).max(200),
  status: z.enum(['SUCCESSFUL', 'FAILED']),
  reason: z.string().max(500).optional(),
  financialTransactionId: z.string().max(200).optional(),
});

/**
 * POST /webhooks/momo: the provider's callback. No JWT or router secret; trust comes from the
 * HMAC over timestamp and raw body (5-minute tolerance). A delivery is applied once: its event id
 * is recorded with the settlement, and only a PENDING payment is settled.
 */
export function momoWebhookRoute(deps: { runner: TransactionRunner; pubsub: LivePubSub; logger: Logger; secret: string }): Route {
  return {
    method: 'POST',
    path: '/webhooks/momo',
    // A provider callback is a few hundred bytes; anything much larger is refused unread.
    maxBodyBytes: 16_384,
    handler: async (request) => {
      const rawBody = await request.text();
      const refused = checkCallbackSignature(deps.secret, request.headers.get(TIMESTAMP_HEADER), request.headers.get(SIGNATURE_HEADER), rawBody);
      if (refused) {
        deps.logger.warn({ reason: refused }, 'momo callback refused');
        return json({ error: 'invalid signature' }, 401);
      }
      let callback: z.infer<typeof callbackSchema>;
      try {
        callback = callbackSchema.parse(JSON.parse(rawBody));
      } catch {
        return json({ error: 'malformed callback' }, 400);
      }
      const result = await deps.runner.run(async (uow) => {
        const payment = await new PaymentRepository(uow.tx).findByProviderReference(callback.referenceId);
        if (!payment) return 'unknown' as const;
        const recorded = await uow.tx
          .insert(webhookDeliveries)
          .values({ eventId: callback.eventId, providerReference: callback.referenceId })
          .onConflictDoNothing()
          .returning({ eventId: webhookDeliveries.eventId });
        if (recorded.length === 0) return 'duplicate' as const;
        const outcome = callback.status === 'SUCCESSFUL'
          ? { status: 'SUCCESSFUL' as const, financialTransactionId: callback.financialTransactionId }
          : { status: 'FAILED' as const, reason: callback.reason ?? 'DECLINED' };
        return (await applyOutcome(uow, deps.pubsub, payment.id, outcome)) ? ('applied' as const) : ('already-settled' as const);
      });
      deps.logger.info({ referenceId: callback.referenceId, eventId: callback.eventId, result }, 'momo callback');
      if (result === 'unknown') return json({ error: 'unknown reference' }, 404);
      return json({ status: result });
    },
  };
}

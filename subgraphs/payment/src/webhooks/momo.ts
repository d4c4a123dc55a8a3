import { createHash } from 'node:crypto';
import { json, z, type Logger, type LivePubSub, type Route, type TransactionRunner } from '@busline/shared';
import { webhookDeliveries } from '../db/schema';
import { checkCallbackSignature, checkReferenceSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../provider/signature';
import { PaymentRepository } from '../repositories/payment-repository';
import { applyOutcome } from '../services/settlement';
import { hintedCallback, type CallbackHintDeps } from './hint';

const callbackSchema = z.object({
  eventId: z.string().min(1).max(200),
  referenceId: z.string().min(1).max(200),
  status: z.enum(['SUCCESSFUL', 'FAILED']),
  reason: z.string().max(500).optional(),
  financialTransactionId: z.string().max(200).optional(),
});

export interface MomoWebhookDeps extends CallbackHintDeps {
  runner: TransactionRunner;
  pubsub: LivePubSub;
  logger: Logger;
  secret: string;
}

/**
 * POST and PUT /webhooks/momo (MTN calls back with either). No JWT or router secret. Two kinds:
 * - MTN MoMo's callback, unsigned: trusted for nothing. Its URL carries our tag of the reference
 *   (`?ref=…&sig=…`, see momoCallbackUrl); a tagged callback only makes the payment's status check
 *   due now, and the status read back from MTN settles it.
 * - The in-process sandbox's callback (tests), HMAC-signed over timestamp and raw body (5-minute
 *   tolerance): applied directly, once per event id, and only to a PENDING payment.
 */
export function momoWebhookRoutes(deps: MomoWebhookDeps): Route[] {
  const handler = async (request: Request): Promise<Response> => {
    const rawBody = await request.text();
    if (!request.headers.has(SIGNATURE_HEADER)) return mtnCallback(deps, request, rawBody);
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
  };
  // A provider callback is a few hundred bytes; anything much larger is refused unread.
  return (['POST', 'PUT'] as const).map((method) => ({ method, path: '/webhooks/momo', maxBodyBytes: 16_384, handler }));
}

async function mtnCallback(deps: MomoWebhookDeps, request: Request, rawBody: string): Promise<Response> {
  const url = new URL(request.url);
  const reference = url.searchParams.get('ref');
  if (!checkReferenceSignature(deps.secret, reference, url.searchParams.get('sig'))) {
    deps.logger.warn({ referenceId: reference?.slice(0, 64) }, 'MoMo callback without a valid reference tag refused');
    return json({ error: 'invalid callback url' }, 401);
  }
  let status = 'unknown';
  try {
    const body = JSON.parse(rawBody) as { status?: unknown };
    if (typeof body.status === 'string') status = body.status.slice(0, 32);
  } catch {
    // The body is only a hint; the status read decides.
  }
  // One delivery per body: MTN repeats a callback it thinks was lost.
  const eventId = `mtn:${reference}:${createHash('sha256').update(rawBody).digest('hex').slice(0, 32)}`;
  return hintedCallback(deps, { provider: 'mtn-momo', reference: reference!, eventId, status });
}

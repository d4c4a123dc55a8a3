import { json, z, type Route } from '@busline/shared';
import {
  checkCallbackSignature,
  checkReferenceSignature,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from '../provider/signature';
import { hintedCallback, type CallbackHintDeps } from './hint';

const sandboxCallbackSchema = z.object({
  eventId: z.string().min(1).max(200),
  referenceId: z.string().min(1).max(200),
  status: z.enum(['SUCCESSFUL', 'FAILED']),
});

export interface MomoWebhookDeps extends CallbackHintDeps {
  secret: string;
  /** True only when the in-process sandbox is configured (never in production): its signed callbacks are accepted. */
  sandbox: boolean;
}

/**
 * POST and PUT /webhooks/momo (MTN calls back with either). No JWT or router secret. Every callback is a
 * hint only: it makes the payment's status check due now, and the status read back from the payment's
 * own provider settles it. Two kinds:
 * - MTN MoMo's callback, unsigned: its URL carries our tag of the reference (`?ref=…&sig=…`, see
 *   momoCallbackUrl); without a valid tag it is refused before anything is read.
 * - The in-process sandbox's callback (tests and a development start without providers), HMAC-signed
 *   over timestamp and raw body (5-minute tolerance): accepted only while the sandbox is configured and
 *   only for a payment the sandbox took.
 */
export function momoWebhookRoutes(deps: MomoWebhookDeps): Route[] {
  const handler = async (request: Request): Promise<Response> => {
    const rawBody = await request.text();
    if (!request.headers.has(SIGNATURE_HEADER)) return mtnCallback(deps, request, rawBody);
    if (!deps.sandbox) {
      deps.logger.warn('signed sandbox callback refused: the in-process sandbox is not configured');
      return json({ error: 'invalid signature' }, 401);
    }
    const refused = checkCallbackSignature(
      deps.secret,
      request.headers.get(TIMESTAMP_HEADER),
      request.headers.get(SIGNATURE_HEADER),
      rawBody,
    );
    if (refused) {
      deps.logger.warn({ reason: refused }, 'momo callback refused');
      return json({ error: 'invalid signature' }, 401);
    }
    let callback: z.infer<typeof sandboxCallbackSchema>;
    try {
      callback = sandboxCallbackSchema.parse(JSON.parse(rawBody));
    } catch {
      return json({ error: 'malformed callback' }, 400);
    }
    // hintedCallback refuses a reference whose payment another provider took.
    return hintedCallback(deps, {
      provider: 'sandbox-momo',
      reference: callback.referenceId,
      eventId: `sandbox:${callback.eventId}`,
      status: callback.status,
    });
  };
  // A provider callback is a few hundred bytes; anything much larger is refused unread.
  return (['POST', 'PUT'] as const).map((method) => ({
    method,
    path: '/webhooks/momo',
    maxBodyBytes: 16_384,
    handler,
  }));
}

/** The statuses an MTN collection callback reports; any other is OTHER. */
const MTN_STATUSES = new Set(['SUCCESSFUL', 'FAILED', 'PENDING']);

async function mtnCallback(deps: MomoWebhookDeps, request: Request, rawBody: string): Promise<Response> {
  const url = new URL(request.url);
  const reference = url.searchParams.get('ref');
  if (!checkReferenceSignature(deps.secret, reference, url.searchParams.get('sig'))) {
    deps.logger.warn({ referenceId: reference?.slice(0, 64) }, 'MoMo callback without a valid reference tag refused');
    return json({ error: 'invalid callback url' }, 401);
  }
  let status = 'OTHER';
  try {
    const body = JSON.parse(rawBody) as { status?: unknown };
    if (typeof body.status === 'string' && MTN_STATUSES.has(body.status)) status = body.status;
  } catch {
    // The body is only a hint; the status read decides.
  }
  // One delivery per payment and status, as Airtel's: MTN repeats a callback it thinks was lost, and whoever holds
  // the URL varying the body (a byte, a field) cannot make us read the status again, nor keep a row per variant.
  const eventId = `mtn:${reference}:${status}`;
  return hintedCallback(deps, { provider: 'mtn-momo', reference: reference!, eventId, status });
}

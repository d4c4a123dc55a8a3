import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-momo-signature';
export const TIMESTAMP_HEADER = 'x-momo-timestamp';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Hex HMAC-SHA256 over `${timestamp}.${rawBody}`: the timestamp is signed so an old body cannot be re-dated. */
export function signCallback(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

export function callbackHeaders(secret: string, rawBody: string, now = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signCallback(secret, timestamp, rawBody) };
}

/** Why a callback is refused, or null when its signature and timestamp are acceptable. */
export function checkCallbackSignature(
  secret: string,
  timestamp: string | null,
  signature: string | null,
  rawBody: string,
  now = Date.now(),
): string | null {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return 'missing or malformed timestamp';
  if (Math.abs(now / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return 'timestamp outside tolerance';
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return 'missing or malformed signature';
  const expected = Buffer.from(signCallback(secret, timestamp, rawBody), 'hex');
  const presented = Buffer.from(signature, 'hex');
  return expected.length === presented.length && timingSafeEqual(expected, presented) ? null : 'bad signature';
}

/**
 * MTN does not sign its callbacks, so the callback URL given with each request carries our own tag of
 * its reference (`?ref=…&sig=…`): a forged callback cannot even make us read a payment's status.
 */
export function signReference(secret: string, referenceId: string): string {
  return createHmac('sha256', secret).update(`momo-callback.${referenceId}`).digest('hex');
}

export function checkReferenceSignature(secret: string, referenceId: string | null, signature: string | null): boolean {
  if (!referenceId || !signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(signReference(secret, referenceId), 'hex');
  const presented = Buffer.from(signature, 'hex');
  return expected.length === presented.length && timingSafeEqual(expected, presented);
}

/** The callback URL of one MoMo request: the webhook with the reference and its tag. */
export function momoCallbackUrl(webhookUrl: string, secret: string, referenceId: string): string {
  const url = new URL(webhookUrl);
  url.searchParams.set('ref', referenceId);
  url.searchParams.set('sig', signReference(secret, referenceId));
  return url.toString();
}

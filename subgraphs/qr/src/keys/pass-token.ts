import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, SignJWT } from 'jose';
import { QR_ALGORITHM, type KeyRing } from './key-ring';

export const QR_TOKEN_TYPE = 'busline-boarding-pass+jwt';

/** What a boarding pass says; short claim names keep the QR code small. */
export interface PassClaims {
  /** Ticket id. */
  tid: string;
  /** Trip id. */
  trp: string;
  seat: string;
  /** Passenger name. */
  name: string;
  /** Boarding and alighting stop orders; absent on passes issued before segments (the whole route). */
  from?: number;
  to?: number;
}

export async function signPass(keys: KeyRing, claims: PassClaims, validFrom: Date, validUntil: Date): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: QR_ALGORITHM, kid: keys.signingKid, typ: QR_TOKEN_TYPE })
    .setNotBefore(Math.floor(validFrom.getTime() / 1000))
    .setExpirationTime(Math.floor(validUntil.getTime() / 1000))
    .sign(keys.signingKey);
}

/** `kid`: the key that signed a genuine token (a pass is only ever genuine under the key it was issued with). */
export type TokenCheck =
  { kind: 'valid' | 'expired'; claims: PassClaims; kid: string } | { kind: 'invalid'; reason: string };

const claimsOf = (payload: Record<string, unknown>): PassClaims | null =>
  typeof payload.tid === 'string' &&
  typeof payload.trp === 'string' &&
  typeof payload.seat === 'string' &&
  typeof payload.name === 'string'
    ? {
        tid: payload.tid,
        trp: payload.trp,
        seat: payload.seat,
        name: payload.name,
        ...(Number.isInteger(payload.from) && Number.isInteger(payload.to)
          ? { from: payload.from as number, to: payload.to as number }
          : {}),
      }
    : null;

/** Checks signature (by kid), algorithm and validity window of a pass token. */
export async function checkPass(keys: KeyRing, token: string): Promise<TokenCheck> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    return { kind: 'invalid', reason: 'malformed token' };
  }
  const key = keys.verificationKey(kid);
  if (!kid || !key) return { kind: 'invalid', reason: 'unknown key' };
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [QR_ALGORITHM],
      typ: QR_TOKEN_TYPE,
      clockTolerance: 30,
    });
    const claims = claimsOf(payload);
    return claims ? { kind: 'valid', claims, kid } : { kind: 'invalid', reason: 'missing claims' };
  } catch (error) {
    // jose checks the signature before the time claims: an expired token is a genuine one.
    if (error instanceof errors.JWTExpired) {
      const claims = claimsOf(decodeJwt(token));
      return claims ? { kind: 'expired', claims, kid } : { kind: 'invalid', reason: 'missing claims' };
    }
    return { kind: 'invalid', reason: error instanceof errors.JOSEError ? error.code : 'unverifiable token' };
  }
}

// Claim codes: what asking for a code and using it share (docs/counter-sales.md).
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError, ErrorCode } from '@busline/shared';
import type { BookingClaimRow } from '../db/schema';

/** How long a claim code is valid. */
export const CLAIM_CODE_MINUTES = 10;
/** Wrong codes tried against one code before it is void. */
export const MAX_CLAIM_ATTEMPTS = 5;

/** The one answer to a wrong, expired, void or malformed code: it tells nothing more. */
export const invalidCode = () =>
  new AppError(ErrorCode.BAD_USER_INPUT, 'This code is wrong or has expired; ask for a new one', {
    field: 'code',
    reason: 'INVALID_CLAIM_CODE',
  });

/** sha256 over the request id, the phone and the code: only the hash is stored. */
export function hashCode(requestId: string, phone: string, code: string): string {
  return createHash('sha256').update(`${requestId}:${phone}:${code}`).digest('hex');
}

/** Constant-time comparison of a code with the stored hash of its request. */
export function codeMatches(claim: BookingClaimRow, code: string): boolean {
  const expected = Buffer.from(claim.codeHash ?? '', 'hex');
  const given = Buffer.from(hashCode(claim.id, claim.phone, code), 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

// What the auth subgraph's retention worker deletes (packages/shared/src/db/retention.ts; docs/operations.md).
import { sql } from 'drizzle-orm';
import type { RetentionRule } from '@busline/shared';
import { loginFailures, passwordResets, refreshTokens, signInAddresses } from './schema';

/**
 * Refresh tokens are deleted 30 days after the newest token of their family expired: an expired token is refused
 * whatever its row says, and presenting a used one revokes its family only while the row is kept, which is as
 * long as the family can still be used and 30 days more.
 */
export const EXPIRED_REFRESH_TOKENS_RETENTION_MS = 30 * 24 * 3600_000;

/**
 * An address an account has not signed in from for 90 days is no longer one it "used before": the throttle slows
 * guesses from it again while the account is under attack (a carrier may have handed it to someone else).
 */
export const SIGN_IN_ADDRESSES_RETENTION_MS = 90 * 24 * 3600_000;

/** A password reset code is kept a day after it expired: requestPasswordReset counts an account's codes of the hour. */
export const PASSWORD_RESETS_RETENTION_MS = 24 * 3600_000;

/** The rules, with how long failed sign-ins are kept (they count within the login throttle's windows). */
export function retentionRules(loginFailuresKeepMs: number): RetentionRule[] {
  return [
    {
      table: refreshTokens,
      column: refreshTokens.expiresAt,
      keepMs: EXPIRED_REFRESH_TOKENS_RETENTION_MS,
      // A family goes as a whole, once its newest token expired that long ago: until then a used token of it
      // presented again still revokes the family.
      where: (before) => sql`not exists (select 1 from ${refreshTokens} live
        where live.family_id = ${refreshTokens.familyId} and live.expires_at >= ${before})`,
    },
    { table: loginFailures, column: loginFailures.failedAt, keepMs: loginFailuresKeepMs },
    { table: signInAddresses, column: signInAddresses.lastSuccessAt, keepMs: SIGN_IN_ADDRESSES_RETENTION_MS },
    { table: passwordResets, column: passwordResets.expiresAt, keepMs: PASSWORD_RESETS_RETENTION_MS },
  ];
}

// refreshToken: a refresh token is used once and exchanged for a new session of the same sign-in.
import { AppError, ErrorCode, type TransactionRunner } from '@busline/shared';
import { RefreshTokenRepository } from '../repositories/refresh-token-repository';
import { UserRepository } from '../repositories/user-repository';
import type { UserRow } from '../db/schema';
import {
  hashToken,
  REFRESH_TOKEN_FORMAT,
  SUSPENDED_MESSAGE,
  type AuthPayload,
  type SessionIssuer,
} from './issue-session';

type RotationOutcome =
  | { kind: 'ok'; user: UserRow; refreshToken: string }
  | { kind: 'invalid' | 'reused' | 'revoked' | 'expired' | 'suspended' };

const REFUSALS: Record<Exclude<RotationOutcome['kind'], 'ok'>, [ErrorCode, string]> = {
  invalid: [ErrorCode.UNAUTHENTICATED, 'Invalid refresh token'],
  reused: [
    ErrorCode.UNAUTHENTICATED,
    'Refresh token already used; every session of this sign-in was revoked. Sign in again',
  ],
  revoked: [ErrorCode.UNAUTHENTICATED, 'Refresh token revoked; sign in again'],
  expired: [ErrorCode.UNAUTHENTICATED, 'Refresh token expired; sign in again'],
  suspended: [ErrorCode.FORBIDDEN, SUSPENDED_MESSAGE],
};
const refusal = (kind: keyof typeof REFUSALS) => new AppError(...REFUSALS[kind]);

/** Rotates refresh tokens; a token presented twice revokes its whole family (it was copied). */
export class RefreshSessionService {
  constructor(
    private readonly runner: TransactionRunner,
    private readonly sessions: SessionIssuer,
  ) {}

  async refresh(token: string): Promise<AuthPayload> {
    if (!REFRESH_TOKEN_FORMAT.test(token)) throw refusal('invalid');
    // Refusals are returned, not thrown, so the family revocation they cause commits.
    const outcome = await this.runner.run(async ({ tx }): Promise<RotationOutcome> => {
      const tokens = new RefreshTokenRepository(tx);
      const row = await tokens.findByHashForUpdate(hashToken(token));
      if (!row) return { kind: 'invalid' };
      const user = await new UserRepository(tx).findById(row.userId);
      if (!user) return { kind: 'invalid' };
      // Suspension revoked the tokens already; say why rather than a generic "revoked".
      if (user.status === 'SUSPENDED') return { kind: 'suspended' };
      if (row.revokedAt) return { kind: 'revoked' };
      if (row.usedAt) {
        await tokens.revokeFamily(row.familyId);
        return { kind: 'reused' };
      }
      if (row.expiresAt.getTime() <= Date.now()) return { kind: 'expired' };
      await tokens.markUsed(row.id);
      return { kind: 'ok', user, refreshToken: await this.sessions.createRefreshToken(tx, user.id, row.familyId) };
    });
    if (outcome.kind !== 'ok') throw refusal(outcome.kind);
    return this.sessions.payload(outcome.user, outcome.refreshToken);
  }
}

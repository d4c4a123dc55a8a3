import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AppError, ErrorCode, type Executor, type TransactionRunner } from '@busline/shared';
import type { AccessTokenSigner } from '../crypto/access-tokens';
import type { UserRow } from '../db/schema';
import { RefreshTokenRepository } from '../repositories/refresh-token-repository';
import { UserRepository } from '../repositories/user-repository';

/** What register, login and refreshToken answer. */
export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: UserRow;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const SUSPENDED_MESSAGE = 'Account suspended';

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

/**
 * Sessions: an access token plus an opaque refresh token that rotates on every use. Tokens of
 * one sign-in form a family; a token presented twice means it was copied, so the family dies.
 */
export class SessionService {
  constructor(
    private readonly runner: TransactionRunner,
    private readonly signer: AccessTokenSigner,
    private readonly refreshTtlSeconds: number,
  ) {}

  /** Starts a new family (sign-in) or continues one (rotation) inside the caller's transaction. */
  async createRefreshToken(tx: Executor, userId: string, familyId: string = randomUUID()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.refreshTtlSeconds * 1000);
    await new RefreshTokenRepository(tx).insert({ userId, familyId, tokenHash: hashToken(token), expiresAt });
    return token;
  }

  async payload(user: UserRow, refreshToken: string): Promise<AuthPayload> {
    const accessToken = await this.signer.sign({ id: user.id, role: user.role, companyId: user.companyId });
    return { accessToken, refreshToken, expiresIn: this.signer.settings.ttlSeconds, user };
  }

  async refresh(token: string): Promise<AuthPayload> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw refusal('invalid');
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
      return { kind: 'ok', user, refreshToken: await this.createRefreshToken(tx, user.id, row.familyId) };
    });
    if (outcome.kind !== 'ok') throw refusal(outcome.kind);
    return this.payload(outcome.user, outcome.refreshToken);
  }

  /** Ends the sign-in the token belongs to (its whole family). Unknown tokens are ignored. */
  async logout(token: string): Promise<boolean> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return true;
    await this.runner.run(async ({ tx }) => {
      const tokens = new RefreshTokenRepository(tx);
      const row = await tokens.findByHash(hashToken(token));
      if (row) await tokens.revokeFamily(row.familyId);
    });
    return true;
  }
}

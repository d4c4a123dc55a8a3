// logout: ends a sign-in.
import { AppError, ErrorCode, type Logger, type RevocationList, type TransactionRunner } from '@busline/shared';
import { RefreshTokenRepository } from '../repositories/refresh-token-repository';
import { hashToken, REFRESH_TOKEN_FORMAT } from './issue-session';

/** Voids the access tokens issued so far to one sign-in (the `sid` they carry), on every subgraph. */
export function endSessionTokens(revocations: RevocationList, userId: string, sessionId: string): Promise<void> {
  return revocations.revoke(userId, new Date(), sessionId);
}

/**
 * Signs out: revokes the refresh token's family, so no token of that sign-in refreshes again, and the
 * access tokens of that sign-in (its other sign-ins, on other devices, go on).
 */
export class LogOutService {
  constructor(
    private readonly runner: TransactionRunner,
    private readonly revocations: RevocationList,
    private readonly logger: Logger,
  ) {}

  /** Ends the sign-in the token belongs to (its whole family). Unknown tokens are ignored. */
  async logout(token: string): Promise<boolean> {
    if (!REFRESH_TOKEN_FORMAT.test(token)) return true;
    const session = await this.runner.run(async ({ tx }) => {
      const tokens = new RefreshTokenRepository(tx);
      const row = await tokens.findByHash(hashToken(token));
      if (!row) return undefined;
      // The sign-in's lock, as a refresh takes it: a rotation in flight (of this token or of a copy of a later one)
      // commits first, and the family's revocation (a statement after the lock, so it sees that commit) reaches
      // the token it made too.
      await tokens.lockFamily(row.familyId);
      await tokens.revokeFamily(row.familyId);
      return { userId: row.userId, sessionId: row.familyId };
    });
    if (!session) return true;
    try {
      await endSessionTokens(this.revocations, session.userId, session.sessionId);
    } catch (error) {
      // The refresh tokens are revoked; asking again (idempotent) ends the access tokens too.
      this.logger.error({ err: error, userId: session.userId }, 'access tokens of a signed-out session not revoked');
      throw new AppError(ErrorCode.UNAVAILABLE, 'Signed out, but its access tokens could not be ended yet; try again');
    }
    this.logger.info({ userId: session.userId }, 'signed out');
    return true;
  }
}

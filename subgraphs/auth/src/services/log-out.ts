// logout: ends a sign-in.
import type { TransactionRunner } from '@busline/shared';
import { RefreshTokenRepository } from '../repositories/refresh-token-repository';
import { hashToken, REFRESH_TOKEN_FORMAT } from './issue-session';

/** Signs out: revokes the refresh token's family, so no token of that sign-in refreshes again. */
export class LogOutService {
  constructor(private readonly runner: TransactionRunner) {}

  /** Ends the sign-in the token belongs to (its whole family). Unknown tokens are ignored. */
  async logout(token: string): Promise<boolean> {
    if (!REFRESH_TOKEN_FORMAT.test(token)) return true;
    await this.runner.run(async ({ tx }) => {
      const tokens = new RefreshTokenRepository(tx);
      const row = await tokens.findByHash(hashToken(token));
      if (row) await tokens.revokeFamily(row.familyId);
    });
    return true;
  }
}

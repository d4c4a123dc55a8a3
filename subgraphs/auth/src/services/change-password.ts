// changePassword: a signed-in user's new password; every other sign-in of theirs ends.
import {
  AppError,
  badInput,
  ErrorCode,
  type Db,
  type Logger,
  type RevocationList,
  type TransactionRunner,
} from '@busline/shared';
import { PasswordResetRepository } from '../repositories/password-reset-repository';
import { RefreshTokenRepository } from '../repositories/refresh-token-repository';
import { UserRepository } from '../repositories/user-repository';
import { hashToken, REFRESH_TOKEN_FORMAT, SUSPENDED_MESSAGE } from './issue-session';
import { endSessionTokens } from './log-out';
import type { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './passwords';
import { checkPassword } from './validation';

export interface PasswordChange {
  userId: string;
  currentPassword: string;
  newPassword: string;
  /** The caller's current refresh token: its sign-in goes on, every other one of the user ends. */
  refreshToken: string;
  clientAddress: string | null;
}

/**
 * Changes a password the caller proves they know, throttled as sign-ins are (a wrong current password counts as a
 * failed sign-in of the account), and ends every other sign-in of the account: its refresh tokens and the access
 * tokens issued to it. What an account's owner does once someone else has signed in with their password.
 */
export class ChangePasswordService {
  constructor(
    private readonly db: Db,
    private readonly runner: TransactionRunner,
    private readonly throttle: LoginThrottle,
    private readonly revocations: RevocationList,
    private readonly logger: Logger,
  ) {}

  async change(change: PasswordChange): Promise<boolean> {
    const { userId, currentPassword, newPassword, refreshToken, clientAddress } = change;
    const user = await new UserRepository(this.db).findById(userId);
    if (!user) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
    if (user.status === 'SUSPENDED') throw new AppError(ErrorCode.FORBIDDEN, SUSPENDED_MESSAGE);
    checkPassword(newPassword, user.email, 'newPassword');
    // Throttled as this sign-in (its refresh token's family), not as its address or the account: strangers' failed
    // sign-ins at the owner's carrier address, or spread over many, never refuse the owner's change. A stolen sign-in
    // still guesses no faster than a sign-in could (maxPairFailures a window).
    const tokenHash = REFRESH_TOKEN_FORMAT.test(refreshToken) ? hashToken(refreshToken) : null;
    const session = tokenHash ? await new RefreshTokenRepository(this.db).findByHash(tokenHash) : undefined;
    if (!session || session.userId !== userId || session.revokedAt)
      throw badInput('Give the refresh token of this sign-in', 'refreshToken');
    const attempt = await this.throttle.admit(user.email, clientAddress, { session: session.familyId });
    if (!(await verifyPassword(user.passwordHash, currentPassword)))
      throw badInput('The current password is not right', 'currentPassword');
    await attempt.succeeded();
    if (newPassword === currentPassword) throw badInput('Choose a password other than the current one', 'newPassword');
    const passwordHash = await hashPassword(newPassword);
    const ended = await this.runner.run(async ({ tx }) => {
      // The account's row lock first, as every path takes it (sign-ins and rotations shared, before a family's
      // lock): a sign-in or rotation under way finishes first and the sign-ins read next include what it made; one
      // after waits, then finds the new password (log-in.ts) or its family ended.
      const account = await new UserRepository(tx).lockForUpdate(userId);
      if (!account) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
      if (account.status === 'SUSPENDED') throw new AppError(ErrorCode.FORBIDDEN, SUSPENDED_MESSAGE);
      // Changed by another call since the current password was checked: that one is not proved any more.
      if (account.passwordHash !== user.passwordHash)
        throw badInput('The password was changed meanwhile: sign in with the new one', 'currentPassword');
      const tokens = new RefreshTokenRepository(tx);
      const found = REFRESH_TOKEN_FORMAT.test(refreshToken) ? await tokens.findByHash(hashToken(refreshToken)) : null;
      if (!found || found.userId !== userId) throw badInput('Give the refresh token of this sign-in', 'refreshToken');
      await tokens.lockFamily(found.familyId);
      const kept = await tokens.findByHashForUpdate(hashToken(refreshToken));
      if (!kept || kept.revokedAt) throw badInput('Give the refresh token of this sign-in', 'refreshToken');
      await new UserRepository(tx).setPasswordHash(userId, passwordHash);
      // A reset code e-mailed before (to whoever read the mailbox then) sets no password after this one.
      await new PasswordResetRepository(tx).useAll(userId);
      // A used token was exchanged already, perhaps by whoever copied it: its sign-in ends with the others (the
      // password is changed; the caller signs in with it), as presenting it to refreshToken would end it.
      const others = (await tokens.liveFamiliesOf(userId)).filter(
        (familyId) => kept.usedAt !== null || familyId !== kept.familyId,
      );
      await tokens.revokeFamilies(others);
      return others;
    });
    const failed: string[] = [];
    for (const familyId of ended)
      await endSessionTokens(this.revocations, userId, familyId).catch(() => failed.push(familyId));
    this.logger.info({ userId, signInsEnded: ended.length }, 'password changed');
    if (failed.length > 0) {
      // The password is changed and the refresh tokens revoked; the access tokens of those sign-ins end within
      // their 15 minutes, or at once when a token of theirs is presented again (refresh-session.ts).
      this.logger.error({ userId, signIns: failed.length }, 'access tokens of ended sign-ins not revoked');
      throw new AppError(
        ErrorCode.UNAVAILABLE,
        'The password is changed and the other sign-ins ended, but some of their access tokens could not be ended ' +
          'yet: they stop within 15 minutes',
      );
    }
    return true;
  }
}

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
import { RefreshTokenRepository } from '../repositories/refresh-token-repository';
import { UserRepository } from '../repositories/user-repository';
import { hashToken, REFRESH_TOKEN_FORMAT } from './issue-session';
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
    checkPassword(newPassword, user.email, 'newPassword');
    const attempt = await this.throttle.admit(user.email, clientAddress);
    if (!(await verifyPassword(user.passwordHash, currentPassword)))
      throw badInput('The current password is not right', 'currentPassword');
    await attempt.succeeded();
    if (newPassword === currentPassword) throw badInput('Choose a password other than the current one', 'newPassword');
    const passwordHash = await hashPassword(newPassword);
    const ended = await this.runner.run(async ({ tx }) => {
      const tokens = new RefreshTokenRepository(tx);
      const kept = REFRESH_TOKEN_FORMAT.test(refreshToken) ? await tokens.findByHash(hashToken(refreshToken)) : null;
      if (!kept || kept.userId !== userId || kept.revokedAt)
        throw badInput('Give the refresh token of this sign-in', 'refreshToken');
      // The account's row lock: a sign-in or rotation under way (each holds it shared until it commits) finishes
      // first, and the sign-ins read next include the token it made.
      const users = new UserRepository(tx);
      if (!(await users.setPasswordHash(userId, passwordHash)))
        throw new AppError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
      const others = (await tokens.liveFamiliesOf(userId)).filter((familyId) => familyId !== kept.familyId);
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

// login: signs an account in with its email and password, throttled per account and per address.
import { AppError, ErrorCode, hasControlCharacter, type Db, type TransactionRunner } from '@busline/shared';
import type { DeviceTokens } from '../crypto/device-tokens';
import { UserRepository } from '../repositories/user-repository';
import { SUSPENDED_MESSAGE, type AuthPayload, type SessionIssuer } from './issue-session';
import type { LoginThrottle } from './login-throttle';
import { verifyPassword } from './passwords';
import { MAX_EMAIL_LENGTH, normalizeEmail } from './validation';

const INVALID_CREDENTIALS = 'Invalid email or password';

/** Sign-in with email and password. */
export class LogInService {
  constructor(
    private readonly db: Db,
    private readonly runner: TransactionRunner,
    private readonly sessions: SessionIssuer,
    private readonly throttle: LoginThrottle,
    private readonly devices: DeviceTokens,
  ) {}

  /** `deviceToken`: the one this device got at its last sign-in to the account, if any (anything else is ignored). */
  async login(
    rawEmail: string,
    password: string,
    clientAddress: string | null,
    deviceToken?: string | null,
  ): Promise<AuthPayload> {
    const email = normalizeEmail(rawEmail);
    // No account has such an email (longer than any, or with a control character): refused before anything is counted
    // or stored under it (a kilobyte-long email made two throttle rows of 5 KB and an index error per guess; a NUL
    // failed the throttle's statement).
    if (email.length > MAX_EMAIL_LENGTH || hasControlCharacter(email))
      throw new AppError(ErrorCode.UNAUTHENTICATED, INVALID_CREDENTIALS);
    const deviceId = await this.devices.deviceOf(deviceToken, email);
    // Counted as a failure from here on, unless the password turns out right.
    const attempt = await this.throttle.admit(email, clientAddress, deviceId ? { device: deviceId } : undefined);
    const user = await new UserRepository(this.db).findByEmail(email);
    // Unknown email and wrong password take the same path: same work, same answer.
    if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, INVALID_CREDENTIALS);
    }
    await attempt.succeeded();
    const payload = await this.runner.run(async ({ tx }) => {
      // The account as it stands, share-locked: a suspension or role change waits for this sign-in, then revokes
      // the access token signed here (before the commit) and the refresh token made here.
      const current = await new UserRepository(tx).findByIdForShare(user.id);
      // The password checked is still the account's: a change committed meanwhile (changePassword holds the row
      // while it ends every other sign-in) would not end this one, made after it.
      if (!current || current.passwordHash !== user.passwordHash)
        throw new AppError(ErrorCode.UNAUTHENTICATED, INVALID_CREDENTIALS);
      // Told only after the right password, so suspension is not revealed to guessers.
      if (current.status === 'SUSPENDED') throw new AppError(ErrorCode.FORBIDDEN, SUSPENDED_MESSAGE);
      return this.sessions.payload(current, await this.sessions.createRefreshToken(tx, current.id));
    });
    // The same device keeps its id (and its own count of failures); a new one gets an id of its own.
    return { ...payload, deviceToken: await this.devices.issue(email, deviceId) };
  }
}

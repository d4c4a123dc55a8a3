// requestPasswordReset / resetPassword: a new password for an account whose owner proves its e-mail address.
import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  addressBucket,
  AppError,
  badInput,
  ErrorCode,
  EventTypes,
  hasControlCharacter,
  type Logger,
  type RevocationList,
  type TransactionRunner,
} from '@busline/shared';
import { PasswordResetRepository } from '../repositories/password-reset-repository';
import { LoginFailureRepository } from '../repositories/login-failure-repository';
import { RefreshTokenRepository } from '../repositories/refresh-token-repository';
import { UserRepository } from '../repositories/user-repository';
import { SUSPENDED_MESSAGE } from './issue-session';
import type { LoginThrottle } from './login-throttle';
import { hashPassword } from './passwords';
import { checkPassword, MAX_EMAIL_LENGTH, normalizeEmail } from './validation';

/** How long a code works. */
export const RESET_CODE_TTL_MS = 15 * 60_000;
/** Wrong tries a code takes from one client address before it works no more from there. */
export const MAX_RESET_ATTEMPTS = 5;
/** Wrong tries a code takes from all addresses before it works no more at all. */
export const MAX_RESET_TRIES = 25;
/** Codes asked for one account from one address in an hour, at most. */
export const MAX_RESETS_PER_ADDRESS_HOUR = 3;
/**
 * Codes sent to one account in an hour, at most (each is an e-mail anyone can cause), but to a request from an address
 * the account has signed in from: a stranger asking from elsewhere cannot keep the owner from getting one.
 */
export const MAX_RESETS_PER_HOUR = 10;

/** A client address as codes count it: its bucket, or one for every request whose address is unknown. */
const addressKey = (clientAddress: string | null) => addressBucket(clientAddress) ?? 'unknown';
/** The languages notification writes the e-mail in. */
const LANGUAGES = new Set(['en', 'fr', 'sw', 'rw']);
/** Eight digits, typed from an e-mail into the app; 25 tries a code at most, and the sign-in throttle: not guessed. */
const CODE_FORMAT = /^\d{8}$/;

const hashCode = (code: string) => createHash('sha256').update(code).digest();

/** What password.reset_requested carries (docs/events.md): notification e-mails the code. */
export interface PasswordResetRequestedPayload {
  requestId: string;
  userId: string;
  email: string;
  code: string;
  language: string;
  expiresAt: string;
}

const WRONG_CODE = 'That code is not right, or no longer works: ask for a new one';

/**
 * Password resets: a code e-mailed to the account's address (requestPasswordReset, which answers the same whether
 * an account has that address or not), then a new password given with it (resetPassword), which ends every sign-in
 * of the account: whoever had the old password, or a refresh token, is signed out. Guesses are throttled as failed
 * sign-ins are (per account and per address), and each code takes MAX_RESET_ATTEMPTS of them from an address,
 * MAX_RESET_TRIES in all.
 */
export class ResetPasswordService {
  constructor(
    private readonly runner: TransactionRunner,
    private readonly throttle: LoginThrottle,
    private readonly revocations: RevocationList,
    private readonly logger: Logger,
  ) {}

  /** True whatever the address: nobody learns from it which addresses have accounts. */
  async request(
    rawEmail: string,
    rawLanguage: string | null | undefined,
    clientAddress: string | null,
  ): Promise<boolean> {
    const email = normalizeEmail(rawEmail);
    const language = rawLanguage ?? 'en';
    if (!LANGUAGES.has(language)) throw badInput('The language is one of en, fr, sw or rw', 'language');
    if (email.length > MAX_EMAIL_LENGTH || hasControlCharacter(email)) return true;
    await this.runner.run(async ({ tx, emit }) => {
      // The account's lock: two requests at once count each other's codes.
      const found = await new UserRepository(tx).findByEmail(email);
      const user = found && (await new UserRepository(tx).lockForUpdate(found.id));
      if (!user || user.status === 'SUSPENDED') return;
      const resets = new PasswordResetRepository(tx);
      const address = addressKey(clientAddress);
      const made = await resets.madeLastHour(user.id, address);
      const held =
        made.fromAddress >= MAX_RESETS_PER_ADDRESS_HOUR ||
        (made.all >= MAX_RESETS_PER_HOUR && !(await new LoginFailureRepository(tx).isKnownAddress(email, address)));
      if (held) {
        this.logger.info({ userId: user.id }, 'password reset not sent: the account had its codes this hour');
        return;
      }
      const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
      const expiresAt = new Date(Date.now() + RESET_CODE_TTL_MS);
      await resets.insert({
        userId: user.id,
        codeHash: hashCode(code).toString('hex'),
        expiresAt,
        requestedFrom: address,
      });
      await emit<PasswordResetRequestedPayload>(EventTypes.PasswordResetRequested, {
        requestId: randomUUID(),
        userId: user.id,
        email: user.email,
        code,
        language,
        expiresAt: expiresAt.toISOString(),
      });
      this.logger.info({ userId: user.id }, 'password reset code sent');
    });
    return true;
  }

  /**
   * Sets `newPassword` when `code` is a live code of the account: every code of the account is used up, and every
   * sign-in ends (refresh tokens revoked, access tokens refused on every subgraph). A wrong code is BAD_USER_INPUT
   * and a failed sign-in of the account.
   */
  async reset(rawEmail: string, code: string, newPassword: string, clientAddress: string | null): Promise<boolean> {
    const email = normalizeEmail(rawEmail);
    if (email.length > MAX_EMAIL_LENGTH || hasControlCharacter(email)) throw badInput(WRONG_CODE, 'code');
    checkPassword(newPassword, email, 'newPassword');
    const typed = code.trim();
    // A wrong code counts as a failed sign-in of the account (RATE_LIMITED past the sign-in limits); a right one is
    // never refused for other people's failed sign-ins (at the owner's carrier address, or spread over many): the
    // code's own tries bound guessing (five per address, 25 in all).
    const wrong = async () => {
      await this.throttle.failed(email, clientAddress);
      return badInput(WRONG_CODE, 'code');
    };
    if (!CODE_FORMAT.test(typed)) throw await wrong();
    const typedHash = hashCode(typed);
    // The code first, and only a right one costs a password hash (argon2): guesses cost a query each.
    const address = addressKey(clientAddress);
    if ((await this.apply(email, address, typedHash, null)) === 'wrong') throw await wrong();
    const outcome = await this.apply(email, address, typedHash, await hashPassword(newPassword));
    if (outcome === 'wrong' || outcome === 'right') throw await wrong();
    await this.throttle.proved(email, clientAddress);
    if (outcome === 'suspended') throw new AppError(ErrorCode.FORBIDDEN, SUSPENDED_MESSAGE);
    this.logger.info({ userId: outcome.userId }, 'password reset: every sign-in ended');
    try {
      // Every access token issued until now, on every subgraph.
      await this.revocations.revoke(outcome.userId, new Date());
    } catch (error) {
      this.logger.error({ err: error, userId: outcome.userId }, 'access tokens of a reset account not revoked');
      throw new AppError(
        ErrorCode.UNAVAILABLE,
        'The password is changed and every sign-in ended, but some access tokens could not be ended yet: they stop ' +
          'within 15 minutes',
      );
    }
    return true;
  }

  /**
   * Checks `typedHash` against the account's live codes under the account's lock (as a password change and sign-ins
   * take it: a sign-in under way finishes first and ends with the others; one after finds the new password). A wrong
   * code takes a try from `address` of each live code (guesses spread over several codes get no more of them; a
   * guesser's tries use up the codes for their own address, not for the owner's). Right, with
   * `passwordHash`: sets it, uses every code up and revokes every refresh token of the account; without, changes
   * nothing (a code used meanwhile by another reset is wrong the second time).
   */
  private apply(
    email: string,
    address: string,
    typedHash: Buffer,
    passwordHash: string | null,
  ): Promise<{ userId: string } | 'right' | 'wrong' | 'suspended'> {
    return this.runner.run(async ({ tx }) => {
      const found = await new UserRepository(tx).findByEmail(email);
      const user = found && (await new UserRepository(tx).lockForUpdate(found.id));
      if (!user) return 'wrong';
      const resets = new PasswordResetRepository(tx);
      const live = await resets.live(user.id, address, { perAddress: MAX_RESET_ATTEMPTS, inAll: MAX_RESET_TRIES });
      if (!live.some((reset) => timingSafeEqual(Buffer.from(reset.codeHash, 'hex'), typedHash))) {
        if (live.length > 0) await resets.countWrongTry(user.id, address);
        return 'wrong';
      }
      if (passwordHash === null) return 'right';
      if (user.status === 'SUSPENDED') return 'suspended';
      await new UserRepository(tx).setPasswordHash(user.id, passwordHash);
      await resets.useAll(user.id);
      await new RefreshTokenRepository(tx).revokeAllOfUser(user.id);
      return { userId: user.id };
    });
  }
}

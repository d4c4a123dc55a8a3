import { addressBucket, AppError, ErrorCode, type Db } from '@busline/shared';
import { LoginFailureRepository } from '../repositories/login-failure-repository';

export interface ThrottleSettings {
  /** Window over which failures count (seconds). */
  windowSeconds: number;
  /** Failures of one account from one address that refuse that pair until the window passes. */
  maxPairFailures: number;
  /** Failures of one account from all addresses after which guesses at it are slowed down. */
  accountSlowdownAfter: number;
  /** While slowed: one attempt per this many seconds from each address the account never signed in from. */
  slowdownSeconds: number;
  /** Failures of one account past which addresses it never signed in from are refused for the window. */
  accountMaxFailures: number;
  /** Registrations from one address per `registerWindowSeconds`. */
  maxRegistrations: number;
  registerWindowSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = {
  windowSeconds: 15 * 60,
  maxPairFailures: 5,
  accountSlowdownAfter: 20,
  slowdownSeconds: 30,
  accountMaxFailures: 100,
  maxRegistrations: 10,
  registerWindowSeconds: 60 * 60,
};

/** A sign-in attempt the throttle let through: counted as a failure unless it `succeeded()`. */
export interface SignInAttempt {
  succeeded(): Promise<void>;
}

const rateLimited = (message: string, retryAfterSeconds: number) =>
  new AppError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });

/**
 * Bounds password guessing without handing anyone a way to lock others out:
 * - one account from one address: refused after `maxPairFailures` failures in the window, even with
 *   the right password, while the owner elsewhere signs in as usual;
 * - one account from many addresses: past `accountSlowdownAfter` failures, each address the owner never
 *   signed in from gets one attempt per `slowdownSeconds` (its own slot, so a guesser elsewhere cannot
 *   take the owner's), and past `accountMaxFailures` none until the window passes — the ceiling on
 *   guesses spread over any number of addresses. Addresses the owner signed in from are never slowed.
 * - one address for many accounts: nothing. Behind a carrier NAT thousands of people share an
 *   address, so its failures must not stop anyone else there; spraying many accounts from one
 *   address is for the router's per-address request limits.
 * - a device that signed in to the account before (its device token), or a sign-in proving a password change
 *   (its session): only its own failures count against it, so even a guesser at the owner's own address (a carrier
 *   NAT) or spread over many cannot lock the owner out there.
 * The check and the failure it records happen under a per-account lock, so parallel guesses
 * are counted one by one instead of all passing the same check.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Db,
    private readonly settings: ThrottleSettings,
  ) {}

  /**
   * Admits a sign-in attempt at `email` or refuses it (RATE_LIMITED). `own`: what the attempt proved beside the
   * password, throttled alone (`maxPairFailures` in the window) whatever failed at its address or at the account
   * elsewhere, so no one without it can lock it out: `{ device }` a valid device token of this account (DeviceTokens),
   * `{ session }` a live sign-in of the account (its refresh token's family: a password change).
   */
  async admit(
    email: string,
    rawAddress: string | null,
    own?: { device: string } | { session: string },
  ): Promise<SignInAttempt> {
    const { settings } = this;
    const clientAddress = addressBucket(rawAddress);
    const accountKey = `email:${email}`;
    // Counted on its own key in place of the pair's (the pair's failures may be anyone's there).
    const ownKey = own && ('device' in own ? `device:${own.device}` : `session:${own.session}`);
    const pairKey = ownKey ?? `pair:${email} ${clientAddress ?? '-'}`;
    const recorded = await this.db.transaction(async (tx) => {
      const failures = new LoginFailureRepository(tx);
      await failures.lock(accountKey);
      const counts = await failures.countWithin([pairKey, accountKey], settings.windowSeconds);
      const pair = counts.get(pairKey);
      if ((pair?.failures ?? 0) >= settings.maxPairFailures) {
        const minutes = Math.ceil(settings.windowSeconds / 60);
        throw rateLimited(
          `Too many failed sign-in attempts from here; try again in up to ${minutes} minutes`,
          settings.windowSeconds,
        );
      }
      const account = counts.get(accountKey);
      if (!ownKey && account && account.failures >= settings.accountSlowdownAfter) {
        const known = clientAddress !== null && (await failures.isKnownAddress(email, clientAddress));
        if (!known && account.failures >= settings.accountMaxFailures) {
          throw rateLimited(
            'Too many failed sign-in attempts for this account; sign in from a device you used before, or try again later',
            settings.windowSeconds,
          );
        }
        if (!known && pair && pair.secondsSinceLast! < settings.slowdownSeconds) {
          const wait = settings.slowdownSeconds - pair.secondsSinceLast!;
          throw rateLimited(
            `Too many failed sign-in attempts for this account; try again in ${Math.ceil(wait)} seconds`,
            wait,
          );
        }
      }
      return failures.record([pairKey, accountKey], settings.windowSeconds);
    });
    return {
      succeeded: () =>
        this.db.transaction(async (tx) => {
          await new LoginFailureRepository(tx).remove(recorded);
          await this.remember(tx, email, clientAddress, pairKey);
        }),
    };
  }

  /**
   * Counts a failure of `email` from `rawAddress` as a failed sign-in, or refuses it (RATE_LIMITED) past the limits:
   * for what is decided before the throttle is asked (a reset code, whose own tries bound it), so that only a wrong
   * one is throttled and other people's failures never refuse a right one.
   */
  async failed(email: string, rawAddress: string | null): Promise<void> {
    await this.admit(email, rawAddress);
  }

  /** The owner proved the account from `rawAddress` (a right reset code): as after a sign-in there. */
  async proved(email: string, rawAddress: string | null): Promise<void> {
    const clientAddress = addressBucket(rawAddress);
    await this.db.transaction((tx) => this.remember(tx, email, clientAddress, `pair:${email} ${clientAddress ?? '-'}`));
  }

  private async remember(tx: Db, email: string, clientAddress: string | null, pairKey: string): Promise<void> {
    const failures = new LoginFailureRepository(tx);
    // The pair's earlier failures were the owner's typos; the account's stay counted, or a
    // guesser could reset the slowdown whenever the owner signs in.
    await failures.clear(pairKey);
    if (clientAddress) await failures.rememberAddress(email, clientAddress);
  }

  /** Counts a registration from `clientAddress`, refusing it past the address's allowance. */
  async admitRegistration(rawAddress: string | null): Promise<void> {
    const clientAddress = addressBucket(rawAddress);
    if (!clientAddress) return;
    const { settings } = this;
    const key = `register:${clientAddress}`;
    await this.db.transaction(async (tx) => {
      const attempts = new LoginFailureRepository(tx);
      await attempts.lock(key);
      const count = (await attempts.countWithin([key], settings.registerWindowSeconds)).get(key)?.failures ?? 0;
      if (count >= settings.maxRegistrations) {
        throw rateLimited(
          'Too many accounts registered from this address; try again later',
          settings.registerWindowSeconds,
        );
      }
      await attempts.record([key], settings.registerWindowSeconds);
    });
  }
}

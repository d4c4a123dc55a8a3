import { AppError, ErrorCode, type Db } from '@busline/shared';
import { LoginFailureRepository } from '../repositories/login-failure-repository';

export interface ThrottleSettings {
  maxFailures: number;
  windowSeconds: number;
}

/**
 * Refuses sign-in for an email or a client address with too many recent failures, before the
 * password is even checked: a correct password does not get through until the window passes.
 */
export class LoginThrottle {
  private readonly failures: LoginFailureRepository;

  constructor(
    db: Db,
    private readonly settings: ThrottleSettings,
  ) {
    this.failures = new LoginFailureRepository(db);
  }

  private keys(email: string, clientAddress: string | null): string[] {
    return [`email:${email}`, ...(clientAddress ? [`ip:${clientAddress}`] : [])];
  }

  async assertAllowed(email: string, clientAddress: string | null): Promise<void> {
    const counts = await this.failures.countWithin(this.keys(email, clientAddress), this.settings.windowSeconds);
    if ([...counts.values()].some((failures) => failures >= this.settings.maxFailures)) {
      const minutes = Math.ceil(this.settings.windowSeconds / 60);
      throw new AppError(ErrorCode.RATE_LIMITED, `Too many failed sign-in attempts; try again in up to ${minutes} minutes`);
    }
  }

  async recordFailure(email: string, clientAddress: string | null): Promise<void> {
    await this.failures.record(this.keys(email, clientAddress), this.settings.windowSeconds);
  }

  /** A successful sign-in clears the account's counter (never the address's: one good account must not unlock guessing others). */
  async recordSuccess(email: string): Promise<void> {
    await this.failures.clear(`email:${email}`);
  }
}

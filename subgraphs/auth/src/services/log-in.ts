// login: signs an account in with its email and password, throttled per account and per address.
import { AppError, ErrorCode, type Db, type TransactionRunner } from '@busline/shared';
import { UserRepository } from '../repositories/user-repository';
import { SUSPENDED_MESSAGE, type AuthPayload, type SessionIssuer } from './issue-session';
import type { LoginThrottle } from './login-throttle';
import { verifyPassword } from './passwords';
import { normalizeEmail } from './validation';

const INVALID_CREDENTIALS = 'Invalid email or password';

/** Sign-in with email and password. */
export class LogInService {
  constructor(
    private readonly db: Db,
    private readonly runner: TransactionRunner,
    private readonly sessions: SessionIssuer,
    private readonly throttle: LoginThrottle,
  ) {}

  async login(rawEmail: string, password: string, clientAddress: string | null): Promise<AuthPayload> {
    const email = normalizeEmail(rawEmail);
    // Counted as a failure from here on, unless the password turns out right.
    const attempt = await this.throttle.admit(email, clientAddress);
    const user = await new UserRepository(this.db).findByEmail(email);
    // Unknown email and wrong password take the same path: same work, same answer.
    if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, INVALID_CREDENTIALS);
    }
    await attempt.succeeded();
    // Told only after the right password, so suspension is not revealed to guessers.
    if (user.status === 'SUSPENDED') throw new AppError(ErrorCode.FORBIDDEN, SUSPENDED_MESSAGE);
    const session = await this.runner.run(({ tx }) => this.sessions.createRefreshToken(tx, user.id));
    return this.sessions.payload(user, session);
  }
}

import { AppError, ErrorCode, EventTypes, type Db, type Role, type TransactionRunner } from '@busline/shared';
import { UserRepository } from '../repositories/user-repository';
import type { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './passwords';
import { SUSPENDED_MESSAGE, type AuthPayload, type SessionService } from './sessions';
import { normalizeEmail, validateRegistration, type RegistrationInput } from './validation';

/** Payload of `user.registered` (docs/events.md, Identity). */
export interface UserRegisteredPayload {
  userId: string;
  email: string;
  fullName: string;
  phone: string | null;
  role: Role;
  companyId: string | null;
  registeredAt: string;
}

const INVALID_CREDENTIALS = 'Invalid email or password';

/** Registration and sign-in. */
export class AccountService {
  constructor(
    private readonly db: Db,
    private readonly runner: TransactionRunner,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * Creates an account and signs it in; `user.registered` commits with it. Public sign-up is
   * always PASSENGER and counted per client address; other roles are only for trusted callers (seed).
   */
  async register(
    input: RegistrationInput,
    options: { grant?: { role: Role; companyId: string | null }; clientAddress?: string | null } = {},
  ): Promise<AuthPayload> {
    const grant = options.grant ?? { role: 'PASSENGER' as const, companyId: null };
    const valid = validateRegistration(input);
    const duplicate = () =>
      new AppError(ErrorCode.BAD_USER_INPUT, 'An account with this email already exists', { field: 'email' });
    if (await new UserRepository(this.db).findByEmail(valid.email)) throw duplicate();
    // Counted once the request would create an account: invalid or duplicate attempts use up no one's allowance.
    await this.throttle.admitRegistration(options.clientAddress ?? null);
    const passwordHash = await hashPassword(valid.password);
    const created = await this.runner.run(async ({ tx, emit }) => {
      const user = await new UserRepository(tx).insertIfEmailFree({ email: valid.email, passwordHash, ...grant });
      if (!user) return undefined;
      await emit<UserRegisteredPayload>(EventTypes.UserRegistered, {
        userId: user.id,
        email: user.email,
        fullName: valid.fullName,
        phone: valid.phone,
        role: user.role,
        companyId: user.companyId,
        registeredAt: user.createdAt.toISOString(),
      });
      return { user, refreshToken: await this.sessions.createRefreshToken(tx, user.id) };
    });
    // A concurrent registration of the same email won the unique index.
    if (!created) throw duplicate();
    return this.sessions.payload(created.user, created.refreshToken);
  }

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
    const refreshToken = await this.runner.run(({ tx }) => this.sessions.createRefreshToken(tx, user.id));
    return this.sessions.payload(user, refreshToken);
  }
}

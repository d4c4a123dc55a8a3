// register: a new account, signed in at once; user.registered commits with it.
import { AppError, ErrorCode, EventTypes, type Db, type Role, type TransactionRunner } from '@busline/shared';
import { UserRepository } from '../repositories/user-repository';
import type { DeviceTokens } from '../crypto/device-tokens';
import type { AuthPayload, SessionIssuer } from './issue-session';
import type { LoginThrottle } from './login-throttle';
import { hashPassword } from './passwords';
import { validateRegistration, type RegistrationInput } from './validation';

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

/** Registration: public sign-up (PASSENGER) and the seed's accounts of other roles. */
export class RegisterService {
  constructor(
    private readonly db: Db,
    private readonly runner: TransactionRunner,
    private readonly sessions: SessionIssuer,
    private readonly throttle: LoginThrottle,
    private readonly devices: DeviceTokens,
    /**
     * Addresses nobody may sign up with: in production the demo accounts' (README.md publishes their passwords, and
     * auth refuses to start over a database holding them: demo-accounts.ts), so that a stranger's sign-up with one
     * cannot keep auth from starting.
     */
    private readonly reserved: ReadonlySet<string> = new Set(),
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
    if (this.reserved.has(valid.email))
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'This address cannot be used for an account', {
        field: 'email',
        reason: 'RESERVED_EMAIL',
      });
    const duplicate = () =>
      new AppError(ErrorCode.BAD_USER_INPUT, 'An account with this email already exists', { field: 'email' });
    // Counted before the e-mail is looked up: a taken e-mail answers differently, so asking whether one is taken
    // uses up the address's allowance as creating an account does (invalid input uses up none).
    await this.throttle.admitRegistration(options.clientAddress ?? null);
    if (await new UserRepository(this.db).findByEmail(valid.email)) throw duplicate();
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
      return { user, session: await this.sessions.createRefreshToken(tx, user.id) };
    });
    // A concurrent registration of the same email won the unique index.
    if (!created) throw duplicate();
    return {
      ...(await this.sessions.payload(created.user, created.session)),
      deviceToken: await this.devices.issue(valid.email),
    };
  }
}

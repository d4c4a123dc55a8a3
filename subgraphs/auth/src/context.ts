import type { BaseContext, Db } from '@busline/shared';
import type { LogInService } from './services/log-in';
import type { LogOutService } from './services/log-out';
import type { ChangePasswordService } from './services/change-password';
import { UserReads } from './services/read-users';
import type { RefreshSessionService } from './services/refresh-session';
import type { RegisterService } from './services/register';
import type { ResetPasswordService } from './services/reset-password';

/** The auth services shared by every request (built once by server.ts, also used by the seed). */
export interface AuthServices {
  register: RegisterService;
  logIn: LogInService;
  refreshSession: RefreshSessionService;
  logOut: LogOutService;
  changePassword: ChangePasswordService;
  resetPassword: ResetPasswordService;
}

/** Per-request state of the auth subgraph. */
export interface AuthContext extends BaseContext {
  /** What the resolvers call: the shared services and this request's batched reads. */
  services: AuthServices & { users: UserReads };
  /** Users who signed in with this very request (register, login, refreshToken). */
  signedInUserIds: Set<string>;
}

export function buildContext(base: BaseContext, db: Db, services: AuthServices): AuthContext {
  return { ...base, services: { ...services, users: new UserReads(db) }, signedInUserIds: new Set() };
}

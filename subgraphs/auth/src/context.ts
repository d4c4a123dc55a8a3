import type { BaseContext, Db } from '@busline/shared';
import type { AccountService } from './services/accounts';
import { UserReads } from './services/read-users';
import type { SessionService } from './services/sessions';

/** The auth services shared by every request (built once by server.ts, also used by the seed). */
export interface AuthServices {
  accounts: AccountService;
  sessions: SessionService;
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

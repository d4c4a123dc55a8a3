import type DataLoader from 'dataloader';
import { rowLoader, type BaseContext, type Db } from '@busline/shared';
import type { UserRow } from './db/schema';
import { UserRepository } from './repositories/user-repository';
import type { AccountService } from './services/accounts';
import type { SessionService } from './services/sessions';

export interface AuthServices {
  accounts: AccountService;
  sessions: SessionService;
}

/** Per-request state of the auth subgraph. */
export interface AuthContext extends BaseContext, AuthServices {
  users: UserRepository;
  /** One query per request for every User reference. */
  userById: DataLoader<string, UserRow | null>;
  /** Users who signed in with this very request (register, login, refreshToken). */
  signedInUserIds: Set<string>;
}

export function buildContext(base: BaseContext, db: Db, services: AuthServices): AuthContext {
  const users = new UserRepository(db);
  return {
    ...base,
    ...services,
    users,
    signedInUserIds: new Set(),
    userById: rowLoader((ids) => users.findByIds(ids), (row) => row.id),
  };
}

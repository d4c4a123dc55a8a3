import type { IncomingMessage } from 'node:http';
import DataLoader from 'dataloader';
import type { BaseContext, Db } from '@busline/shared';
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
    userById: new DataLoader(async (ids) => {
      const rows = await users.findByIds(ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

/**
 * The caller's address for throttling. Yoga merges its server context (the Fetch `request`
 * and Node's `req`) into ours at run time. `x-client-ip` is set by the router, which drops any
 * copy a client sends; without it (direct calls) the socket address counts.
 */
export function clientAddress(ctx: AuthContext): string | null {
  const runtime = ctx as AuthContext & { request?: Request; req?: IncomingMessage };
  const forwarded = runtime.request?.headers.get('x-client-ip')?.trim();
  if (forwarded) return forwarded.slice(0, 100);
  return runtime.req?.socket?.remoteAddress ?? null;
}

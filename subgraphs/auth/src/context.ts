import DataLoader from 'dataloader';
import type { BaseContext, Db } from '@busline/shared';
import type { UserRow } from './db/schema';
import { UserRepository } from './repositories/user-repository';

/** Per-request state of the auth subgraph. */
export interface AuthContext extends BaseContext {
  users: UserRepository;
  /** One query per request for every User reference. */
  userById: DataLoader<string, UserRow | null>;
}

export function buildContext(base: BaseContext, db: Db): AuthContext {
  const users = new UserRepository(db);
  return {
    ...base,
    users,
    userById: new DataLoader(async (ids) => {
      const rows = await users.findByIds(ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

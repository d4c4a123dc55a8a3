// Reading accounts by id, batched per request (User references from every other subgraph land here).
import { isUuid, rowLoader, type Db } from '@busline/shared';
import type { UserRow } from '../db/schema';
import { UserRepository } from '../repositories/user-repository';

/** One request's account reads: the ids asked in one tick go to Postgres as one statement. */
export class UserReads {
  private readonly byId;

  constructor(db: Db) {
    const users = new UserRepository(db);
    this.byId = rowLoader(
      (ids: readonly string[]) => users.findByIds(ids),
      (row: UserRow) => row.id,
    );
  }

  /** The account, or null for a missing one and a malformed id alike. */
  find(id: string): Promise<UserRow | null> {
    return isUuid(id) ? this.byId.load(id) : Promise.resolve(null);
  }
}

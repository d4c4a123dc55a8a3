import { inArray } from 'drizzle-orm';
import type { Executor } from '@busline/shared';
import { users, type UserRow } from '../db/schema';

/** SQL for accounts. */
export class UserRepository {
  constructor(private readonly db: Executor) {}

  async findByIds(ids: readonly string[]): Promise<UserRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(users).where(inArray(users.id, [...ids]));
  }
}

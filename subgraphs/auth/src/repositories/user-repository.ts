import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Role } from '@busline/shared';
import { users, type UserRow } from '../db/schema';

/** SQL for accounts. */
export class UserRepository {
  constructor(private readonly db: Executor) {}

  async findByIds(ids: readonly string[]): Promise<UserRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(users).where(inArray(users.id, [...ids]));
  }

  async findById(id: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    return row;
  }

  /** `email` must already be normalised (lower-cased, trimmed). */
  async findByEmail(email: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.email, email));
    return row;
  }

  /** Inserts the account unless the email is taken; undefined means it was. */
  async insertIfEmailFree(values: { email: string; passwordHash: string; role: Role; companyId: string | null }): Promise<UserRow | undefined> {
    const [row] = await this.db.insert(users).values(values).onConflictDoNothing({ target: users.email }).returning();
    return row;
  }

  async update(id: string, changes: Partial<Pick<UserRow, 'role' | 'companyId' | 'status'>>): Promise<UserRow | undefined> {
    const [row] = await this.db
      .update(users)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(users.id, id))
      .returning();
    return row;
  }
}

import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { anyOf, type Executor, type Role } from '@busline/shared';
import { users, type UserRow } from '../db/schema';

/** SQL for accounts. */
export class UserRepository {
  constructor(private readonly db: Executor) {}

  /** Accounts whose role or status was decided since `since` (their tokens were revoked then). */
  async decidedSince(since: Date): Promise<{ id: string }[]> {
    return this.db
      .select({ id: users.id })
      .from(users)
      .where(or(gt(users.roleDecidedAt, since), gt(users.statusDecidedAt, since)));
  }

  async findByIds(ids: readonly string[]): Promise<UserRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(users)
      .where(anyOf(users.id, [...ids]));
  }

  async findById(id: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    return row;
  }

  /**
   * The account, share-locked until the transaction ends: a sign-in reads it so, and signs its access token before
   * committing, so that an admin decision (which updates the row) waits for it and then revokes that token too.
   */
  async findByIdForShare(id: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id)).for('share');
    return row;
  }

  /** The account, locked for update (sign-ins and rotations hold it shared until they commit). */
  async lockForUpdate(id: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id)).for('update');
    return row;
  }

  /** Sets the password's hash (the caller holds the account's row lock: lockForUpdate). */
  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db
      .update(users)
      .set({ passwordHash, updatedAt: sql`now()` })
      .where(eq(users.id, id));
  }

  /** `email` must already be normalised (lower-cased, trimmed). */
  async findByEmail(email: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.email, email));
    return row;
  }

  /** Inserts the account unless the email is taken; undefined means it was. */
  async insertIfEmailFree(values: {
    email: string;
    passwordHash: string;
    role: Role;
    companyId: string | null;
  }): Promise<UserRow | undefined> {
    const [row] = await this.db.insert(users).values(values).onConflictDoNothing({ target: users.email }).returning();
    return row;
  }

  /**
   * Applies an admin decision unless a later one of its kind is already in effect: later by the user subgraph's
   * number of it (`decision`) where both have one, by the time it was made (`decidedAt`) otherwise (events written
   * before the numbers; a decision without a number never overrides one with a number).
   * Returns 'applied', 'stale' (a newer decision won) or 'missing' (no such account).
   */
  async applyDecision(
    id: string,
    kind: 'role' | 'status',
    changes: Partial<Pick<UserRow, 'role' | 'companyId' | 'status'>>,
    decidedAt: Date,
    decision?: number,
  ): Promise<'applied' | 'stale' | 'missing'> {
    const timeColumn = kind === 'role' ? users.roleDecidedAt : users.statusDecidedAt;
    const numberColumn = kind === 'role' ? users.roleDecision : users.statusDecision;
    const stamp =
      kind === 'role'
        ? { roleDecidedAt: decidedAt, roleDecision: decision ?? null }
        : { statusDecidedAt: decidedAt, statusDecision: decision ?? null };
    const newer =
      decision === undefined
        ? and(isNull(numberColumn), or(isNull(timeColumn), lt(timeColumn, decidedAt)))
        : or(isNull(numberColumn), lt(numberColumn, decision));
    const [row] = await this.db
      .update(users)
      .set({ ...changes, ...stamp, updatedAt: sql`now()` })
      .where(and(eq(users.id, id), newer))
      .returning({ id: users.id });
    if (row) return 'applied';
    return (await this.findById(id)) ? 'stale' : 'missing';
  }
}

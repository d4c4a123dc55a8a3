import { and, asc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import { anyOf, queryRows, type Executor, type PageRequest, type Role } from '@busline/shared';
import { profiles, searchTerms, type NewProfile, type ProfileRow } from '../db/schema';
import { likePrefix, queryWords, searchTermsOf } from './search-terms';

export interface UserFilter {
  role?: Role | null;
  search?: string | null;
}

/** SQL for profiles and the account facts copied next to them. */
export class ProfileRepository {
  constructor(private readonly db: Executor) {}

  async findByUserIds(userIds: readonly string[]): Promise<ProfileRow[]> {
    if (userIds.length === 0) return [];
    return this.db
      .select()
      .from(profiles)
      .where(anyOf(profiles.userId, [...userIds]));
  }

  /**
   * Takes the lock of the platform admins' decisions until the transaction ends: they run one after another, so
   * two admins cannot take each other's role (or suspend each other) at the same moment.
   */
  async lockAdminDecisions(): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(hashtextextended('user.admin-decisions', 0))`);
  }

  /** The next admin decision's number; drawn under lockAdminDecisions, so numbers follow the commits' order. */
  async nextDecision(): Promise<number> {
    const [row] = await queryRows<{ n: string }>(this.db, sql`select nextval('"user"."admin_decisions"') as n`);
    return Number(row!.n);
  }

  /** Active (not suspended) platform admins other than `userId`. */
  async countActiveAdminsExcept(userId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(profiles)
      .where(
        and(
          eq(profiles.role, 'PLATFORM_ADMIN'),
          sql`${profiles.suspendedAt} is null`,
          sql`${profiles.userId} <> ${userId}`,
        ),
      );
    return row?.n ?? 0;
  }

  /** The profile whose e-mail is `email` (lower case), whatever the case it was registered in. */
  async findByEmail(email: string): Promise<ProfileRow | undefined> {
    const [row] = await this.db
      .select()
      .from(profiles)
      .where(eq(sql`lower(${profiles.email})`, email));
    return row;
  }

  async findForUpdate(userId: string): Promise<ProfileRow | undefined> {
    const [row] = await this.db.select().from(profiles).where(eq(profiles.userId, userId)).for('update');
    return row;
  }

  /** Creates the profile unless the user already has one; returns whether it did. */
  async createIfMissing(profile: NewProfile): Promise<boolean> {
    const inserted = await this.db
      .insert(profiles)
      .values(profile)
      .onConflictDoNothing()
      .returning({ userId: profiles.userId });
    if (inserted.length > 0) await this.replaceSearchTerms(profile.userId, profile.fullName, profile.email);
    return inserted.length > 0;
  }

  async update(userId: string, changes: Partial<Omit<NewProfile, 'userId'>>): Promise<ProfileRow> {
    const [row] = await this.db
      .update(profiles)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(profiles.userId, userId))
      .returning();
    if (changes.fullName !== undefined) await this.replaceSearchTerms(userId, row!.fullName, row!.email);
    return row!;
  }

  private async replaceSearchTerms(userId: string, fullName: string, email: string): Promise<void> {
    await this.db.delete(searchTerms).where(eq(searchTerms.userId, userId));
    const terms = searchTermsOf(fullName, email);
    if (terms.length > 0)
      await this.db
        .insert(searchTerms)
        .values(terms.map((term) => ({ term, userId })))
        .onConflictDoNothing();
  }

  /** One page ordered by (registered_at, user_id); one extra row tells whether more follow. */
  async list(filter: UserFilter, page: PageRequest): Promise<ProfileRow[]> {
    const conditions: SQL[] = [];
    if (filter.role) conditions.push(eq(profiles.role, filter.role));
    // Every word of the query must prefix some word of the user's name or email.
    for (const word of queryWords(filter.search ?? '')) {
      const matching = this.db
        .select({ userId: searchTerms.userId })
        .from(searchTerms)
        .where(like(searchTerms.term, likePrefix(word)));
      conditions.push(inArray(profiles.userId, matching));
    }
    if (page.after) {
      const [registeredAt, userId] = page.after as [string, string];
      conditions.push(
        sql`(${profiles.registeredAt}, ${profiles.userId}) > (${registeredAt}::timestamptz, ${userId}::uuid)`,
      );
    }
    return this.db
      .select()
      .from(profiles)
      .where(and(...conditions))
      .orderBy(asc(profiles.registeredAt), asc(profiles.userId))
      .limit(page.limit + 1);
  }
}

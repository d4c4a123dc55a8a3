import { and, eq, gt, isNull, max, sql } from 'drizzle-orm';
import { anyOf, type Executor } from '@busline/shared';
import { refreshTokens, type RefreshTokenRow } from '../db/schema';

/** SQL for refresh-token families. */
export class RefreshTokenRepository {
  constructor(private readonly db: Executor) {}

  /** Sign-ins (token families) ended since `since`, with when. */
  async endedSince(since: Date): Promise<{ userId: string; familyId: string; at: Date | null }[]> {
    return this.db
      .select({ userId: refreshTokens.userId, familyId: refreshTokens.familyId, at: max(refreshTokens.revokedAt) })
      .from(refreshTokens)
      .where(gt(refreshTokens.revokedAt, since))
      .groupBy(refreshTokens.userId, refreshTokens.familyId);
  }

  async insert(values: {
    userId: string;
    familyId: string;
    familyStartedAt: Date;
    tokenHash: string;
    expiresAt: Date;
  }): Promise<void> {
    await this.db.insert(refreshTokens).values(values);
  }

  /**
   * Takes the sign-in's lock until the transaction ends: a rotation, a reuse detection and a logout of one
   * family run one after another, so a revocation's update (a statement after the lock) sees every token a
   * rotation committed before it, and a rotation reads the revocation committed before it. Taken before any row
   * lock of the family, in every path (no deadlock).
   */
  async lockFamily(familyId: string): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`auth.refresh-family:${familyId}`}, 0))`);
  }

  /** Locks the row so two concurrent exchanges of one token cannot both succeed. */
  async findByHashForUpdate(tokenHash: string): Promise<RefreshTokenRow | undefined> {
    const [row] = await this.db
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, tokenHash))
      .for('update');
    return row;
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRow | undefined> {
    const [row] = await this.db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash));
    return row;
  }

  /** Marks the token exchanged, by the client whose key for the exchange hashes to `keyHash` (null: it sent none). */
  async markUsed(id: string, keyHash: string | null): Promise<void> {
    await this.db
      .update(refreshTokens)
      .set({ usedAt: sql`now()`, usedBy: keyHash })
      .where(eq(refreshTokens.id, id));
  }

  /**
   * Which of `successorHashes` is the token `parent`'s exchange made, when that exchange is at most `graceSeconds`
   * old (by the database's clock, which set `used_at`) and its successor is still unused, unrevoked and unexpired:
   * undefined otherwise. Read under the family's lock (lockFamily).
   */
  async unusedSuccessor(
    parent: RefreshTokenRow,
    successorHashes: string[],
    graceSeconds: number,
  ): Promise<string | undefined> {
    const [row] = await this.db
      .select({ tokenHash: refreshTokens.tokenHash })
      .from(refreshTokens)
      .where(
        and(
          anyOf(refreshTokens.tokenHash, successorHashes),
          eq(refreshTokens.familyId, parent.familyId),
          isNull(refreshTokens.usedAt),
          isNull(refreshTokens.revokedAt),
          gt(refreshTokens.expiresAt, sql`now()`),
          sql`exists (select 1 from ${refreshTokens} p where p.id = ${parent.id}
            and p.used_at > now() - make_interval(secs => ${graceSeconds}))`,
        ),
      );
    return row?.tokenHash;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db
      .update(refreshTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
  }

  /** The user's sign-ins (families) whose first token was issued at or before `at`. */
  async familiesStartedBy(userId: string, at: Date): Promise<string[]> {
    const rows = await this.db
      .select({ familyId: refreshTokens.familyId })
      .from(refreshTokens)
      .where(eq(refreshTokens.userId, userId))
      .groupBy(refreshTokens.familyId)
      .having(sql`min(${refreshTokens.createdAt}) <= ${at.toISOString()}::timestamptz`);
    return rows.map((row) => row.familyId);
  }

  async revokeFamilies(familyIds: string[]): Promise<void> {
    if (familyIds.length === 0) return;
    await this.db
      .update(refreshTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(anyOf(refreshTokens.familyId, familyIds), isNull(refreshTokens.revokedAt)));
  }

  /** The user's sign-ins (families) not ended: a token of theirs is not revoked. */
  async liveFamiliesOf(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ familyId: refreshTokens.familyId })
      .from(refreshTokens)
      .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
    return rows.map((row) => row.familyId);
  }

  async revokeAllOfUser(userId: string): Promise<void> {
    await this.db
      .update(refreshTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
  }
}

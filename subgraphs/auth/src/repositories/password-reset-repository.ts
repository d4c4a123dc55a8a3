import { and, count, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '@busline/shared';
import { passwordResets, type PasswordResetRow } from '../db/schema';

/** SQL for password reset codes (only their hashes). */
export class PasswordResetRepository {
  constructor(private readonly db: Executor) {}

  /** Codes made for the account in the last hour: in all, and asked for from `address`. */
  async madeLastHour(userId: string, address: string): Promise<{ all: number; fromAddress: number }> {
    const [row] = await this.db
      .select({
        all: count(),
        fromAddress: sql<number>`count(*) filter (where ${passwordResets.requestedFrom} = ${address})::int`,
      })
      .from(passwordResets)
      .where(and(eq(passwordResets.userId, userId), gt(passwordResets.createdAt, sql`now() - interval '1 hour'`)));
    return { all: row?.all ?? 0, fromAddress: row?.fromAddress ?? 0 };
  }

  async insert(values: { userId: string; codeHash: string; expiresAt: Date; requestedFrom: string }): Promise<void> {
    await this.db.insert(passwordResets).values(values);
  }

  /**
   * The account's codes that still work from `address`: unused, unexpired, with tries left (fewer than `perAddress`
   * wrong from it, fewer than `inAll` wrong from anywhere).
   */
  async live(
    userId: string,
    address: string,
    limits: { perAddress: number; inAll: number },
  ): Promise<PasswordResetRow[]> {
    return this.db
      .select()
      .from(passwordResets)
      .where(
        and(
          eq(passwordResets.userId, userId),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, sql`now()`),
          lt(passwordResets.attempts, limits.inAll),
          sql`coalesce((${passwordResets.wrongTries} ->> ${address})::int, 0) < ${limits.perAddress}`,
        ),
      );
  }

  /** One more wrong try from `address` for each unused, unexpired code of the account. */
  async countWrongTry(userId: string, address: string): Promise<void> {
    await this.db
      .update(passwordResets)
      .set({
        attempts: sql`${passwordResets.attempts} + 1`,
        wrongTries: sql`jsonb_set(${passwordResets.wrongTries}, array[${address}::text],
          to_jsonb(coalesce((${passwordResets.wrongTries} ->> ${address})::int, 0) + 1))`,
      })
      .where(
        and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)),
      );
  }

  /** Uses up every code of the account. */
  async useAll(userId: string): Promise<void> {
    await this.db
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
  }
}

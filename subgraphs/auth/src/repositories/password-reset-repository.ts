import { and, count, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '@busline/shared';
import { passwordResets, type PasswordResetRow } from '../db/schema';

/** SQL for password reset codes (only their hashes). */
export class PasswordResetRepository {
  constructor(private readonly db: Executor) {}

  /** Codes made for the account in the last hour. */
  async madeLastHour(userId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(passwordResets)
      .where(and(eq(passwordResets.userId, userId), gt(passwordResets.createdAt, sql`now() - interval '1 hour'`)));
    return row?.n ?? 0;
  }

  async insert(values: { userId: string; codeHash: string; expiresAt: Date }): Promise<void> {
    await this.db.insert(passwordResets).values(values);
  }

  /** The account's codes that still work: unused, unexpired, with tries left (fewer than `maxAttempts` wrong). */
  async live(userId: string, maxAttempts: number): Promise<PasswordResetRow[]> {
    return this.db
      .select()
      .from(passwordResets)
      .where(
        and(
          eq(passwordResets.userId, userId),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, sql`now()`),
          lt(passwordResets.attempts, maxAttempts),
        ),
      );
  }

  /** One more wrong try for each unused, unexpired code of the account. */
  async countWrongTry(userId: string): Promise<void> {
    await this.db
      .update(passwordResets)
      .set({ attempts: sql`${passwordResets.attempts} + 1` })
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

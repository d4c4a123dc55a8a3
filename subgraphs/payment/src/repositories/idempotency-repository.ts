import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '@busline/shared';
import { idempotencyKeys } from '../db/schema';

export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/** SQL for startPayment idempotency keys. */
export class IdempotencyRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Inserts the key first. Concurrent callers with the same key wait on the unique index until the
   * winner commits, then see nothing inserted; an expired key (> 24 h) is taken over.
   */
  async claim(userId: string, key: string, requestHash: string): Promise<boolean> {
    const expired = new Date(Date.now() - IDEMPOTENCY_TTL_MS);
    const rows = await this.db
      .insert(idempotencyKeys)
      .values({ userId, key, requestHash })
      .onConflictDoUpdate({
        target: [idempotencyKeys.userId, idempotencyKeys.key],
        set: { requestHash, paymentId: null, createdAt: sql`now()` },
        setWhere: lt(idempotencyKeys.createdAt, expired),
      })
      .returning({ key: idempotencyKeys.key });
    return rows.length > 0;
  }

  async find(userId: string, key: string): Promise<IdempotencyRow | undefined> {
    const [row] = await this.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    return row;
  }

  async attachPayment(userId: string, key: string, paymentId: string): Promise<void> {
    await this.db
      .update(idempotencyKeys)
      .set({ paymentId })
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  }
}

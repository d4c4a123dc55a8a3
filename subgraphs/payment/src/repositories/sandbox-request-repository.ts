// The built-in sandbox provider's side of the requests it was sent (provider/sandbox.ts): collections and
// refunds under the caller's reference id, each with the outcome it settles to and when.
import type { Executor } from '@busline/shared';
import { and, eq, gt } from 'drizzle-orm';
import { sandboxRequests } from '../db/schema';

export type SandboxRequestRow = typeof sandboxRequests.$inferSelect;
export type NewSandboxRequest = typeof sandboxRequests.$inferInsert;

export class SandboxRequestRepository {
  constructor(private readonly db: Executor) {}

  /** Records a request; false when its reference id was taken (a repeated request is accepted once). */
  async insertOnce(request: NewSandboxRequest): Promise<boolean> {
    const inserted = await this.db
      .insert(sandboxRequests)
      .values(request)
      .onConflictDoNothing()
      .returning({ referenceId: sandboxRequests.referenceId });
    return inserted.length > 0;
  }

  async find(referenceId: string): Promise<SandboxRequestRow | undefined> {
    const [row] = await this.db.select().from(sandboxRequests).where(eq(sandboxRequests.referenceId, referenceId));
    return row;
  }

  /** Cancels a request the payer has not answered yet; false when it had settled (or never was). */
  async cancelUnsettled(referenceId: string, now: Date): Promise<boolean> {
    const cancelled = await this.db
      .update(sandboxRequests)
      .set({ outcome: 'CANCELLED', reason: 'CANCELLED_BY_MERCHANT', settlesAt: now })
      .where(and(eq(sandboxRequests.referenceId, referenceId), gt(sandboxRequests.settlesAt, now)))
      .returning({ referenceId: sandboxRequests.referenceId });
    return cancelled.length > 0;
  }
}

import { desc, inArray } from 'drizzle-orm';
import type { Executor } from '@busline/shared';
import { payments, type PaymentRow } from '../db/schema';

/** SQL for payments. */
export class PaymentRepository {
  constructor(private readonly db: Executor) {}

  async findByIds(ids: readonly string[]): Promise<PaymentRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(payments).where(inArray(payments.id, [...ids]));
  }

  async findByBookingIds(bookingIds: readonly string[]): Promise<PaymentRow[]> {
    if (bookingIds.length === 0) return [];
    return this.db.select().from(payments).where(inArray(payments.bookingId, [...bookingIds])).orderBy(desc(payments.createdAt));
  }
}

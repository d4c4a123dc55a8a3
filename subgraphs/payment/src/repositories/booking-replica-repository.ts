import { eq, sql } from 'drizzle-orm';
import { anyOf, insertRows, type Executor } from '@busline/shared';
import { payableBookings, type PayableBookingRow } from '../db/schema';

/** SQL for the local replica of ticketing's bookings. */
export class BookingReplicaRepository {
  constructor(private readonly db: Executor) {}

  /** How each booking was sold (channel, seller): one statement for any number of them. */
  async salesOf(bookingIds: readonly string[]): Promise<Pick<PayableBookingRow, 'bookingId' | 'channel' | 'soldBy'>[]> {
    if (bookingIds.length === 0) return [];
    return this.db
      .select({
        bookingId: payableBookings.bookingId,
        channel: payableBookings.channel,
        soldBy: payableBookings.soldBy,
      })
      .from(payableBookings)
      .where(anyOf(payableBookings.bookingId, [...bookingIds]));
  }

  async find(bookingId: string): Promise<PayableBookingRow | undefined> {
    const [row] = await this.db.select().from(payableBookings).where(eq(payableBookings.bookingId, bookingId));
    return row;
  }

  /**
   * booking.held creates the rows (a batch: one statement, one text for any count); a tombstone already there
   * (expiry seen first) wins.
   */
  async recordHeld(
    rows: {
      bookingId: string;
      userId: string;
      companyId: string | null;
      amount: number;
      currency: string;
      expiresAt: Date;
      channel: 'ONLINE' | 'COUNTER';
      soldBy: string | null;
    }[],
  ): Promise<void> {
    const payable = rows.map((values) => ({ ...values, state: 'PAYABLE' }));
    await this.db.execute(sql`${insertRows(payableBookings, payable)} on conflict do nothing`);
  }

  /**
   * Locks the booking's row for the rest of the transaction: cash payments of one booking taken at the
   * same time are decided one after the other.
   */
  async lock(bookingId: string): Promise<PayableBookingRow | undefined> {
    const [row] = await this.db
      .select()
      .from(payableBookings)
      .where(eq(payableBookings.bookingId, bookingId))
      .for('update');
    return row;
  }

  /** The booking now belongs to `userId` (claimed); false when this replica does not know it yet. */
  async reassign(bookingId: string, userId: string): Promise<boolean> {
    const rows = await this.db
      .update(payableBookings)
      .set({ userId, updatedAt: sql`now()` })
      .where(eq(payableBookings.bookingId, bookingId))
      .returning({ bookingId: payableBookings.bookingId });
    return rows.length > 0;
  }

  /** Marks a booking not payable any more (EXPIRED or CANCELLED), creating a tombstone if it is unknown. */
  async markClosed(bookingId: string, userId: string, state: 'EXPIRED' | 'CANCELLED'): Promise<void> {
    await this.db
      .insert(payableBookings)
      .values({ bookingId, userId, state })
      .onConflictDoUpdate({ target: payableBookings.bookingId, set: { state, updatedAt: sql`now()` } });
  }
}

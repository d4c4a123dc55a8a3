import { and, desc, eq, gt, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '@busline/shared';
import { bookingClaims, type BookingClaimRow } from '../db/schema';

/** SQL for claim requests (booking_claims). */
export class ClaimRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Serializes the claim requests of one account, then of one phone, until the transaction ends, so
   * parallel requests are counted one after another (always taken in that order).
   */
  async lockRequests(userId: string, phone: string): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`ticketing.claims-by:${userId}`}, 0))`);
    await this.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`ticketing.claims-to:${phone}`}, 0))`);
  }

  /** When this account asked for codes for this phone since `since`, newest first. */
  async requestTimesForPhone(phone: string, since: Date, userId: string): Promise<Date[]> {
    const rows = await this.db
      .select({ at: bookingClaims.createdAt })
      .from(bookingClaims)
      .where(
        and(eq(bookingClaims.phone, phone), eq(bookingClaims.requestedBy, userId), gt(bookingClaims.createdAt, since)),
      )
      .orderBy(desc(bookingClaims.createdAt));
    return rows.map((r) => r.at);
  }

  /** When codes were sent to this phone since `since`, whoever asked, newest first. */
  async codeTimesForPhone(phone: string, since: Date): Promise<Date[]> {
    const rows = await this.db
      .select({ at: bookingClaims.createdAt })
      .from(bookingClaims)
      .where(and(eq(bookingClaims.phone, phone), isNotNull(bookingClaims.codeHash), gt(bookingClaims.createdAt, since)))
      .orderBy(desc(bookingClaims.createdAt));
    return rows.map((r) => r.at);
  }

  /** When this account made requests since `since`, newest first. */
  async requestTimesBy(userId: string, since: Date): Promise<Date[]> {
    const rows = await this.db
      .select({ at: bookingClaims.createdAt })
      .from(bookingClaims)
      .where(and(eq(bookingClaims.requestedBy, userId), gt(bookingClaims.createdAt, since)))
      .orderBy(desc(bookingClaims.createdAt));
    return rows.map((r) => r.at);
  }

  async insert(values: typeof bookingClaims.$inferInsert): Promise<BookingClaimRow> {
    const [row] = await this.db.insert(bookingClaims).values(values).returning();
    return row!;
  }

  /** The latest code sent to this phone, whoever asked for it (earlier ones are superseded), locked. */
  async lockLatestCode(phone: string): Promise<BookingClaimRow | undefined> {
    const [row] = await this.db
      .select()
      .from(bookingClaims)
      .where(and(eq(bookingClaims.phone, phone), isNotNull(bookingClaims.codeHash)))
      .orderBy(desc(bookingClaims.createdAt))
      .limit(1)
      .for('update');
    return row;
  }

  async update(id: string, patch: Partial<Pick<BookingClaimRow, 'attempts' | 'usedAt' | 'bookingIds' | 'expiresAt'>>) {
    await this.db.update(bookingClaims).set(patch).where(eq(bookingClaims.id, id));
  }
}

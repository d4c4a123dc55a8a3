import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '@busline/shared';
import { bookings, tickets, tripSeats, type BookingRow, type TicketRow } from '../db/schema';

const ACTIVE_TICKET = ['HELD', 'CONFIRMED', 'BOARDED'] as const;

/** SQL for bookings, tickets and seat counts. */
export class BookingRepository {
  constructor(private readonly db: Executor) {}

  async findBookingsByIds(ids: readonly string[]): Promise<BookingRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(bookings).where(inArray(bookings.id, [...ids]));
  }

  async findTicketsByBookingIds(bookingIds: readonly string[]): Promise<TicketRow[]> {
    if (bookingIds.length === 0) return [];
    return this.db.select().from(tickets).where(inArray(tickets.bookingId, [...bookingIds])).orderBy(tickets.seatLabel);
  }

  async findTicketsByIds(ids: readonly string[]): Promise<TicketRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(tickets).where(inArray(tickets.id, [...ids]));
  }

  /** Free seats per trip: seats without an active ticket. */
  async countAvailableSeats(tripIds: readonly string[]): Promise<Map<string, number>> {
    if (tripIds.length === 0) return new Map();
    const rows = await this.db
      .select({ tripId: tripSeats.tripId, available: sql<number>`count(*)::int` })
      .from(tripSeats)
      .leftJoin(
        tickets,
        and(eq(tickets.tripId, tripSeats.tripId), eq(tickets.seatLabel, tripSeats.label), inArray(tickets.status, [...ACTIVE_TICKET])),
      )
      .where(and(inArray(tripSeats.tripId, [...tripIds]), sql`${tickets.id} is null`))
      .groupBy(tripSeats.tripId);
    return new Map(rows.map((row) => [row.tripId, row.available]));
  }
}

// Reading bookings and tickets: by id (queries, entity references, nested fields) batched per request,
// and a passenger's own bookings page by page.
import { AppError, ErrorCode, pageRequest, rowLoader, groupLoader, toConnection, type Db } from '@busline/shared';
import type { BookingRow, BookingStatus, TicketRow } from '../db/schema';
import { BookingRepository, type TicketWithOwner } from '../repositories/booking-repository';

/** One request's booking reads: the ids asked in one tick go to Postgres as one statement per kind. */
export class BookingReads {
  private readonly repo: BookingRepository;
  private readonly byId;
  private readonly ticketById;
  private readonly ticketsByBookingId;

  constructor(db: Db) {
    const bookings = new BookingRepository(db);
    this.repo = bookings;
    this.byId = rowLoader(
      (ids: readonly string[]) => bookings.findBookingsByIds(ids),
      (b: BookingRow) => b.id,
    );
    this.ticketById = rowLoader(
      (ids: readonly string[]) => bookings.findTicketsByIds(ids),
      (t: TicketWithOwner) => t.id,
    );
    this.ticketsByBookingId = groupLoader(
      (ids: readonly string[]) => bookings.findTicketsByBookingIds(ids),
      (t: TicketRow) => t.bookingId,
    );
  }

  /** The booking, or null for a missing one (the caller decides who may see it). */
  find(id: string): Promise<BookingRow | null> {
    return this.byId.load(id);
  }

  /** The ticket with its booking's owner, company and seller, or null for a missing one. */
  findTicket(id: string): Promise<TicketWithOwner | null> {
    return this.ticketById.load(id);
  }

  /** The booking's tickets by seat. */
  ticketsOf(bookingId: string): Promise<TicketRow[]> {
    return this.ticketsByBookingId.load(bookingId);
  }

  /** What the booking cost per seat (its tickets share one segment and one fare). */
  async pricePerSeat(bookingId: string): Promise<{ amount: number; currency: string }> {
    const [booking, tickets] = await Promise.all([this.byId.load(bookingId), this.ticketsByBookingId.load(bookingId)]);
    if (!booking) throw new AppError(ErrorCode.NOT_FOUND, 'Booking not found');
    return { amount: Math.round(booking.totalAmount / Math.max(1, tickets.length)), currency: booking.currency };
  }

  /** Keeps a booking read with something else (a manifest row), so its fields query nothing more. */
  remember(booking: BookingRow): void {
    this.byId.prime(booking.id, booking);
  }

  /** myBookings: the user's bookings newest first, one keyset page (cursor: created at, id). */
  async mine(userId: string, args: { first?: number | null; after?: string | null; status?: BookingStatus | null }) {
    const page = pageRequest(args, { cursor: ['time', 'uuid'] });
    const rows = await this.repo.listForUser(userId, {
      status: args.status,
      after: page.after as [string, string] | null,
      limit: page.limit,
    });
    return toConnection(rows, page, (b) => [b.createdAt.toISOString(), b.id]);
  }

  /** Forgets cached rows (a subscription re-reads state on every update). */
  clear(): void {
    this.byId.clearAll();
    this.ticketById.clearAll();
    this.ticketsByBookingId.clearAll();
  }
}

import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { insertRows, type Executor } from '@busline/shared';
import { bookings, cashPayments, type BookingRow } from '../db/schema';

export type NewBooking = Omit<typeof bookings.$inferInsert, 'status'>;

/** Statuses after which a booking never goes back (a late booking.held or booking.confirmed changes nothing). */
const FINAL = ['CANCELLED', 'EXPIRED', 'REFUNDED'];

/** A booking known only from its end (`close` before its booking.held or booking.confirmed was read). */
const STUB = sql`${bookings.tickets} = '[]'::jsonb`;

/** A late event's walk-in contact, unless a passenger claimed the booking (their account is told since). */
const walkInUnlessClaimed = sql`case when ${bookings.claimedAt} is null then excluded.contact end`;

/** Whether a booking's own booking.held or booking.confirmed has been read: its tickets, its walk-in contact. */
export const isKnown = (booking: BookingRow | undefined): booking is BookingRow =>
  !!booking && booking.tickets.length > 0;

/** SQL for the bookings messages are about. */
export class BookingRepository {
  constructor(private readonly db: Executor) {}

  async find(bookingId: string): Promise<BookingRow | undefined> {
    const [row] = await this.db.select().from(bookings).where(eq(bookings.bookingId, bookingId));
    return row;
  }

  /**
   * New holds (a batch: one statement, one text for any count), reminders due at `remindAt`. A booking already known
   * keeps its status; one known only from its end (`close` of a booking not read yet: no tickets, no walk-in contact)
   * gets the facts its messages need: a counter sale's refund is then written to its walk-in, not to its seller.
   */
  async recordHeld(held: NewBooking[]): Promise<void> {
    // One row per booking (a statement's ON CONFLICT DO UPDATE may touch a row once), in id order: a conflict locks its
    // row, as confirmedOnTrip locks a trip's.
    const rows = [...new Map(held.map((booking) => [booking.bookingId, { ...booking, status: 'HELD' }])).values()].sort(
      (a, b) => (a.bookingId < b.bookingId ? -1 : a.bookingId > b.bookingId ? 1 : 0),
    );
    await this.db.execute(
      sql`${insertRows(bookings, rows)} on conflict (booking_id) do update set
        tickets = excluded.tickets, amount = excluded.amount, currency = excluded.currency,
        boarding_stop = excluded.boarding_stop, alighting_stop = excluded.alighting_stop,
        contact = ${walkInUnlessClaimed}, updated_at = now()
        where ${STUB}`,
    );
  }

  /**
   * Confirms a booking (known or not); returns the row unless it had already reached a final status.
   * A counter sale already claimed keeps its new owner and no walk-in contact (the event may have been
   * written before the claim).
   */
  async recordConfirmed(booking: NewBooking): Promise<BookingRow | undefined> {
    const [row] = await this.db
      .insert(bookings)
      .values({ ...booking, status: 'CONFIRMED', remindAt: null })
      .onConflictDoUpdate({
        target: bookings.bookingId,
        set: {
          status: 'CONFIRMED',
          tickets: booking.tickets,
          amount: booking.amount,
          currency: booking.currency,
          boardingStop: booking.boardingStop,
          alightingStop: booking.alightingStop,
          boardingStationId: booking.boardingStationId,
          alightingStationId: booking.alightingStationId,
          contact: sql`case when ${bookings.claimedAt} is null then coalesce(excluded.contact, ${bookings.contact}) end`,
          paymentId: sql`coalesce(excluded.payment_id, ${bookings.paymentId})`,
          remindAt: null,
          updatedAt: sql`now()`,
        },
        setWhere: sql`${bookings.status} not in ('CANCELLED', 'EXPIRED', 'REFUNDED')`,
      })
      .returning();
    if (row) return row;
    // Ended already: a booking known only from its end gets the facts its messages need (as in recordHeld).
    await this.db
      .update(bookings)
      .set({
        tickets: booking.tickets,
        amount: booking.amount,
        currency: booking.currency,
        boardingStop: booking.boardingStop,
        alightingStop: booking.alightingStop,
        boardingStationId: booking.boardingStationId,
        alightingStationId: booking.alightingStationId,
        contact: sql`case when ${bookings.claimedAt} is null then ${booking.contact ? JSON.stringify(booking.contact) : null}::jsonb end`,
        paymentId: sql`coalesce(${bookings.paymentId}, ${booking.paymentId ?? null}::uuid)`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(bookings.bookingId, booking.bookingId), STUB));
    return undefined;
  }

  /**
   * A route edit put the booking's stations at other stop orders (booking.stops_changed of trip `version`).
   * `unconfirmed` while its booking.confirmed has not been read (the event follows one; the caller retries):
   * applied before it, the confirmation would write the orders it was sent with back. An older version than
   * the one applied changes nothing.
   */
  async applyStops(
    bookingId: string,
    version: number,
    stops: {
      boardingStop: number;
      alightingStop: number;
      boardingStationId: string | null;
      alightingStationId: string | null;
    },
  ): Promise<'applied' | 'stale' | 'unconfirmed'> {
    const [current] = await this.db.select().from(bookings).where(eq(bookings.bookingId, bookingId)).for('update');
    if (!current || current.status === 'HELD') return 'unconfirmed';
    if (current.stopsVersion >= version) return 'stale';
    await this.db
      .update(bookings)
      .set({ ...stops, stopsVersion: version, updatedAt: sql`now()` })
      .where(eq(bookings.bookingId, bookingId));
    return 'applied';
  }

  /** Moves a booking to a final status; returns the status it had before (undefined when unknown). */
  async close(
    booking: Pick<NewBooking, 'bookingId' | 'tripId' | 'userId'>,
    status: 'CANCELLED' | 'EXPIRED' | 'REFUNDED',
  ): Promise<string | undefined> {
    const [current] = await this.db
      .select()
      .from(bookings)
      .where(eq(bookings.bookingId, booking.bookingId))
      .for('update');
    if (!current) {
      await this.db
        .insert(bookings)
        .values({ ...booking, status, tickets: [] })
        .onConflictDoNothing();
      return undefined;
    }
    if (current.status !== 'REFUNDED' && !(FINAL.includes(current.status) && status !== 'REFUNDED')) {
      await this.db
        .update(bookings)
        .set({ status, remindAt: null, updatedAt: sql`now()` })
        .where(eq(bookings.bookingId, booking.bookingId));
    }
    return current.status;
  }

  /**
   * A counter sale taken into `userId`'s account: later messages go to that account, no more to the
   * walk-in contact. A held one gets the reminder counter holds go without (due `reminderMs` before it
   * lapses, at once when that is past), now that a passenger may pay it. Answers false when the booking is not known
   * yet. Idempotent; an older
   * claim than the one recorded changes nothing.
   */
  async recordClaim(bookingId: string, userId: string, claimedAt: Date, reminderMs: number): Promise<boolean> {
    const [current] = await this.db.select().from(bookings).where(eq(bookings.bookingId, bookingId)).for('update');
    if (!current) return false;
    if (current.claimedAt && current.claimedAt >= claimedAt) return true;
    const expiresAt = current.status === 'HELD' ? current.expiresAt : null;
    const remindAt =
      expiresAt && expiresAt.getTime() > Date.now()
        ? new Date(Math.max(Date.now(), expiresAt.getTime() - reminderMs))
        : null;
    await this.db
      .update(bookings)
      .set({
        userId,
        contact: null,
        claimedAt,
        ...(remindAt && !current.claimedAt ? { remindAt } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(bookings.bookingId, bookingId));
    return true;
  }

  /** Remembers a payment taken in cash (its refund is handed back at the counter). */
  async recordCashPayment(paymentId: string, bookingId: string): Promise<void> {
    await this.db.insert(cashPayments).values({ paymentId, bookingId }).onConflictDoNothing();
  }

  async isCashPayment(paymentId: string): Promise<boolean> {
    const rows = await this.db
      .select({ paymentId: cashPayments.paymentId })
      .from(cashPayments)
      .where(eq(cashPayments.paymentId, paymentId));
    return rows.length > 0;
  }

  /**
   * A trip's confirmed bookings; `lock`: share-locked (in id order), so that a claim or a cancellation of one of them
   * waits for what is written to its passenger now and sees it. (A batch of events applied in one transaction locks its
   * bookings in stream order: should the two meet in a deadlock, Postgres ends one and its events are retried.)
   */
  async confirmedOnTrip(tripId: string, lock = false): Promise<BookingRow[]> {
    const query = this.db
      .select()
      .from(bookings)
      .where(and(eq(bookings.tripId, tripId), eq(bookings.status, 'CONFIRMED')))
      .orderBy(bookings.bookingId);
    return lock ? query.for('share') : query;
  }

  /** Takes the holds whose reminder is due (SKIP LOCKED) and clears their reminder: each is reminded once. */
  async claimDueReminders(limit: number): Promise<BookingRow[]> {
    const due = this.db
      .select({ id: bookings.bookingId })
      .from(bookings)
      .where(and(isNotNull(bookings.remindAt), lte(bookings.remindAt, new Date()), eq(bookings.status, 'HELD')))
      .limit(limit)
      .for('update', { skipLocked: true });
    return this.db.update(bookings).set({ remindAt: null }).where(inArray(bookings.bookingId, due)).returning();
  }
}

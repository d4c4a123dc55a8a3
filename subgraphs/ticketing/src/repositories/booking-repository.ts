import { and, asc, count, desc, eq, gte, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { afterTimeCursor, anyOf, MONEY_AMOUNT_MAX, type Executor } from '@busline/shared';
import {
  ACTIVE_TICKET_STATUSES,
  bookings,
  tickets,
  type BookingRow,
  type BookingStatus,
  type TicketRow,
  type TicketStatus,
} from '../db/schema';

/** A ticket with who owns it, which company runs its trip and who sold it (for authorisation). */
export type TicketWithOwner = TicketRow & {
  userId: string;
  companyId: string;
  channel: BookingRow['channel'];
  soldBy: string | null;
};

/** What one account holds now and has held lately, as the hold limits count it (BookingRepository.holdLimitUsage). */
export interface HoldLimitUsage {
  /** Seats in the account's open, unexpired bookings on the trip. */
  seatsOnTrip: number;
  /** The account's open, unexpired bookings on any trip. */
  openBookings: number;
  /** Bookings the account created since the given time, whatever their status now. */
  holdsSince: number;
  /** Seats of the trip held in open online bookings from the client's address by accounts that paid for none. */
  seatsOnTripFromAddress: number;
  /** Whether the account has a ticket it paid for and keeps. */
  hasPaid: boolean;
}

/** A page of a company's counter sales (counterSales). */
export interface CounterSalesFilter {
  companyId: string;
  soldBy?: string | null;
  from?: Date | null;
  to?: Date | null;
  after: [string, string] | null;
  limit: number;
}

/** Statuses in which a counter sale can still be claimed into a passenger's account. */
const CLAIMABLE_STATUSES = ['HELD', 'PENDING_PAYMENT', 'CONFIRMED'] as const satisfies readonly BookingStatus[];

/**
 * The hold limits' locks as select-list items (BookingRepository.lockHoldLimits; a hold's first read
 * takes them with it): the account's, then, for a known address, the address's on this trip.
 */
export function holdLimitLocks(userId: string, from: { clientAddress: string; tripId: string } | null): SQL {
  const { account, address } = holdLockKeys(userId, from);
  return holdLimitLocksOn(sql`${account}`, address === null ? null : sql`${address}`);
}

/** The hold limits' lock keys a hold takes first: its account's, and its address's on the trip when one is known. */
export interface HoldLockKeys {
  account: string;
  address: string | null;
}

/** The hold limits' lock keys (holdLimitLocks): the account's, and the address's on the trip when one is known. */
export function holdLockKeys(userId: string, from: { clientAddress: string; tripId: string } | null): HoldLockKeys {
  return {
    account: `ticketing.holds:${userId}`,
    address: from ? `ticketing.holds-from:${from.clientAddress}:${from.tripId}` : null,
  };
}

/** holdLimitLocks over its keys as SQL (a statement built once takes them as placeholders). */
export function holdLimitLocksOn(account: SQL, address: SQL | null): SQL {
  const lock = (key: SQL) => sql`pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
  return address === null ? lock(account) : sql`${lock(account)}, ${lock(address)}`;
}

/** Keyset condition for pages newest first on (createdAt, id). */
function olderThan(after: [string, string]): SQL {
  return afterTimeCursor(bookings, bookings.createdAt, bookings.id, after, 'desc');
}

/** Unclaimed counter sales of a phone that can still be claimed: confirmed, or open and not past their hold. */
function claimableFor(phone: string, now: Date): SQL {
  return and(
    eq(bookings.channel, 'COUNTER'),
    eq(bookings.walkInPhone, phone),
    isNull(bookings.claimedAt),
    inArray(bookings.status, [...CLAIMABLE_STATUSES]),
    or(eq(bookings.status, 'CONFIRMED'), gte(bookings.expiresAt, now)),
  )!;
}

/**
 * Whether the booking row `b` (a table or alias) is a hold that has ended: HELD past `expiresAt`, or PENDING_PAYMENT
 * past `expiresAt` plus the payment grace (TicketingOptions.pendingPaymentGraceMs). The sweeper ends such holds, and a
 * new hold of their seats ends them first. Bounded by `expires_at < now` (the open holds' index) either way.
 */
export function holdEnded(b: SQL, now: Date, pendingPaymentGraceMs: number): SQL {
  return holdEndedAt(b, holdEnds(now, pendingPaymentGraceMs));
}

/** holdEnded with its two instants as SQL (a statement built once takes them as placeholders: holdEndsAsked). */
export function holdEndedAt(b: SQL, { at, paymentEnd }: HoldEnds): SQL {
  return sql`(${b}.status in ('HELD', 'PENDING_PAYMENT') and ${b}.expires_at < ${at}
    and (${b}.status = 'HELD' or ${b}.expires_at < ${paymentEnd}))`;
}

/** Whether the booking row `b` is a hold still keeping its seats (HELD or PENDING_PAYMENT, not holdEnded). */
export function holdOpen(b: SQL, now: Date, pendingPaymentGraceMs: number): SQL {
  return holdOpenAt(b, holdEnds(now, pendingPaymentGraceMs));
}

function holdOpenAt(b: SQL, { at, paymentEnd }: HoldEnds): SQL {
  return sql`(${b}.status in ('HELD', 'PENDING_PAYMENT') and ${b}.expires_at >= ${paymentEnd}
    and (${b}.status = 'PENDING_PAYMENT' or ${b}.expires_at >= ${at}))`;
}

/** The instants holdEnded and holdOpen compare a booking's end with: now, and now less the payment grace. */
export interface HoldEnds {
  at: SQL;
  paymentEnd: SQL;
}

/** The instants as values (ISO), for holdEndsAsked's placeholders. */
export function holdEndValues(now: Date, pendingPaymentGraceMs: number): { at: string; paymentEnd: string } {
  return { at: now.toISOString(), paymentEnd: new Date(now.getTime() - pendingPaymentGraceMs).toISOString() };
}

function holdEnds(now: Date, pendingPaymentGraceMs: number): HoldEnds {
  const { at, paymentEnd } = holdEndValues(now, pendingPaymentGraceMs);
  return { at: sql`${at}::timestamptz`, paymentEnd: sql`${paymentEnd}::timestamptz` };
}

/** The instants as placeholders `at` and `paymentEnd` (values: holdEndValues). */
export const holdEndsAsked = (): HoldEnds => ({
  at: sql`${sql.placeholder('at')}::timestamptz`,
  paymentEnd: sql`${sql.placeholder('paymentEnd')}::timestamptz`,
});

/** SQL for bookings and their tickets. */
export class BookingRepository {
  constructor(private readonly db: Executor) {}

  async findBookingsByIds(ids: readonly string[]): Promise<BookingRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(bookings)
      .where(anyOf(bookings.id, [...ids]));
  }

  async findTicketsByBookingIds(bookingIds: readonly string[]): Promise<TicketRow[]> {
    if (bookingIds.length === 0) return [];
    return this.db
      .select()
      .from(tickets)
      .where(anyOf(tickets.bookingId, [...bookingIds]))
      .orderBy(tickets.seatLabel);
  }

  async findTicketsByIds(ids: readonly string[]): Promise<TicketWithOwner[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .select({
        ticket: tickets,
        userId: bookings.userId,
        companyId: bookings.companyId,
        channel: bookings.channel,
        soldBy: bookings.soldBy,
      })
      .from(tickets)
      .innerJoin(bookings, eq(bookings.id, tickets.bookingId))
      .where(anyOf(tickets.id, [...ids]));
    return rows.map(({ ticket, ...owner }) => ({ ...ticket, ...owner }));
  }

  /**
   * A user's bookings newest first, keyset-paginated on (createdAt, id). Counter sales the user sold
   * and still holds for a walk-in passenger are not theirs to travel on: counterSales lists them.
   */
  async listForUser(
    userId: string,
    options: { status?: BookingStatus | null; after: [string, string] | null; limit: number },
  ): Promise<BookingRow[]> {
    const conditions: SQL[] = [
      eq(bookings.userId, userId),
      or(ne(bookings.channel, 'COUNTER'), isNull(bookings.soldBy), ne(bookings.soldBy, userId))!,
    ];
    if (options.status) conditions.push(eq(bookings.status, options.status));
    if (options.after) conditions.push(olderThan(options.after));
    return this.db
      .select()
      .from(bookings)
      .where(and(...conditions))
      .orderBy(desc(bookings.createdAt), desc(bookings.id))
      .limit(options.limit + 1);
  }

  /** A company's counter sales newest first (one seller's with `soldBy`), keyset-paginated on (createdAt, id). */
  async listCounterSales(filter: CounterSalesFilter): Promise<BookingRow[]> {
    const conditions: SQL[] = [eq(bookings.companyId, filter.companyId), eq(bookings.channel, 'COUNTER')];
    if (filter.soldBy) conditions.push(eq(bookings.soldBy, filter.soldBy));
    if (filter.from) conditions.push(gte(bookings.createdAt, filter.from));
    if (filter.to) conditions.push(lt(bookings.createdAt, filter.to));
    if (filter.after) conditions.push(olderThan(filter.after));
    return this.db
      .select()
      .from(bookings)
      .where(and(...conditions))
      .orderBy(desc(bookings.createdAt), desc(bookings.id))
      .limit(filter.limit + 1);
  }

  /**
   * Open (holdOpen) counter sales of one seller, claimed or not: a claimed hold is still seats the seller held, and
   * counting it no more would let a seller and a passenger hold a trip's seats past both limits, sale after claim.
   */
  async openCounterSales(soldBy: string, now: Date, pendingPaymentGraceMs: number): Promise<number> {
    const [row] = await this.db
      .select({ open: count() })
      .from(bookings)
      .where(
        and(
          eq(bookings.channel, 'COUNTER'),
          eq(bookings.soldBy, soldBy),
          holdOpen(sql.raw('"ticketing"."bookings"'), now, pendingPaymentGraceMs),
        ),
      );
    return row?.open ?? 0;
  }

  /** Unclaimed counter sales of a phone that can be claimed now, newest first (not locked). */
  async claimableByPhone(phone: string, now: Date): Promise<BookingRow[]> {
    return this.db
      .select()
      .from(bookings)
      .where(claimableFor(phone, now))
      .orderBy(desc(bookings.createdAt), desc(bookings.id));
  }

  /**
   * Like claimableByPhone, locked. A booking another claim moved meanwhile is re-checked after its lock
   * is released and left out (claimed_at is no longer null).
   */
  async lockClaimableByPhone(phone: string, now: Date): Promise<BookingRow[]> {
    return this.db.select().from(bookings).where(claimableFor(phone, now)).orderBy(asc(bookings.id)).for('update');
  }

  /** Every ticket of a trip with its booking, by seat. */
  async manifest(
    tripId: string,
    statuses: readonly TicketStatus[],
  ): Promise<{ ticket: TicketRow; booking: BookingRow }[]> {
    return this.db
      .select({ ticket: tickets, booking: bookings })
      .from(tickets)
      .innerJoin(bookings, eq(bookings.id, tickets.bookingId))
      .where(and(eq(tickets.tripId, tripId), inArray(tickets.status, [...statuses])))
      .orderBy(asc(tickets.seatLabel), asc(tickets.id));
  }

  /**
   * Serializes one account's holds until the transaction ends, so a burst of parallel holds is
   * counted one after another instead of all passing the same check.
   */
  async lockHoldsOf(userId: string): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`ticketing.holds:${userId}`}, 0))`);
  }

  /**
   * The hold limits' locks in one round trip: the account's (as lockHoldsOf) and, for a known address,
   * the address's on this trip (the per-address limit counts one trip's seats: holds on other trips
   * from the same address, say a mobile network's shared address, need not wait for it). Account
   * first, then address, in every transaction that takes both.
   */
  async lockHoldLimits(userId: string, from: { clientAddress: string; tripId: string } | null): Promise<void> {
    await this.db.execute(sql`select ${holdLimitLocks(userId, from)}`);
  }

  /**
   * What the hold limits count (holdUsage, the seats held on the trip from the client address — 0 without one — and
   * whether the account paid for a ticket it keeps), as one JSON value for a statement that runs after the limits'
   * locks (holdLimitLocks), so that it sees every hold that committed before they were granted: TripRepository.forHold
   * reads it with the trip.
   */
  static holdLimitUsage({
    userId,
    tripId,
    clientAddress,
    ends,
    since,
  }: {
    userId: SQL;
    tripId: SQL;
    /** Null: no address known, its count is 0. */
    clientAddress: SQL | null;
    ends: HoldEnds;
    /** A timestamptz: holds created after it count as recent. */
    since: SQL;
  }): SQL<HoldLimitUsage> {
    const open = holdOpenAt(sql.raw('b'), ends);
    const recent = sql`b.created_at > ${since}`;
    const heldOnTrip = sql`b.trip_id = ${tripId} and b.channel = 'ONLINE' and ${open} and k.status = 'HELD'`;
    // An account with a ticket it paid for and keeps (confirmed, not cancelled or refunded since; a counter sale
    // once claimed, never the seller's own): money the company holds, which no throwaway account has.
    const paid = (user: SQL) =>
      sql`exists (select 1 from ${bookings} p where p.user_id = ${user} and p.status = 'CONFIRMED'
        and (p.channel = 'ONLINE' or p.claimed_at is not null))`;
    // Holds of the other accounts: the throwaway accounts the address's limit is about.
    const fromAddress = clientAddress
      ? sql`(select count(*) from ${tickets} k join ${bookings} b on b.id = k.booking_id
          where ${heldOnTrip} and b.client_address = ${clientAddress} and not ${paid(sql`b.user_id`)})::int`
      : sql`0`;
    return sql<HoldLimitUsage>`(select json_build_object('openBookings', u.open, 'holdsSince', u.recent,
        'seatsOnTrip', (select count(*) from ${tickets} k join ${bookings} b on b.id = k.booking_id
          where ${heldOnTrip} and b.user_id = ${userId})::int,
        'seatsOnTripFromAddress', ${fromAddress}, 'hasPaid', ${paid(sql`${userId}::uuid`)})
      from (select count(*) filter (where ${open})::int as open, count(*) filter (where ${recent})::int as recent
        from ${bookings} b where b.user_id = ${userId} and b.channel = 'ONLINE' and ((${open}) or ${recent})) u)`;
  }

  /** The booking an account made with this holdSeats idempotency key, if any. */
  /** The booking `userId` held under `key`: as seller for a counter sale (claimed since or not), else as owner. */
  async findByIdempotencyKey(userId: string, key: string): Promise<BookingRow | undefined> {
    const [row] = await this.db
      .select()
      .from(bookings)
      .where(and(sql`coalesce(${bookings.soldBy}, ${bookings.userId}) = ${userId}`, eq(bookings.idempotencyKey, key)));
    return row;
  }

  async insertBooking(values: typeof bookings.$inferInsert): Promise<BookingRow> {
    const [row] = await this.db.insert(bookings).values(values).returning();
    return row!;
  }

  /**
   * A booking and its tickets in one statement (one round trip instead of two): the tickets are
   * inserted in a CTE, in the order given, with ids made here; their booking is checked for at the end
   * of the statement, when it exists. A seat race or a key already used fails it as the two would.
   */
  async insertBookingWithTickets(
    values: typeof bookings.$inferInsert & { id: string },
    seats: (typeof tickets.$inferInsert & { id: string })[],
    /** Another insert to run in the same statement (UnitOfWork.emitWith's outbox row). */
    alsoInsert?: SQL,
  ): Promise<BookingRow> {
    const held = this.db
      .$with('held_tickets', { id: sql<string>`id` })
      .as(sql`${this.db.insert(tickets).values(seats).getSQL()} returning id`);
    const also =
      alsoInsert && this.db.$with('also_inserted', { id: sql<string>`id` }).as(sql`${alsoInsert} returning id`);
    const [row] = await this.db
      .with(held, ...(also ? [also] : []))
      .insert(bookings)
      .values(values)
      .returning();
    return row!;
  }

  /** Adds a payment that arrived after the booking ended, asked back, to what the booking shows it returns. */
  async addLateRefund(id: string, amount: number): Promise<void> {
    await this.db
      .update(bookings)
      // Capped to what the column (and Money.amount) hold: an overflow would roll back the refund's request with it.
      .set({
        lateRefundAmount: sql`least(coalesce(${bookings.lateRefundAmount}, 0)::int8 + ${amount}, ${MONEY_AMOUNT_MAX})`,
      })
      .where(eq(bookings.id, id));
  }

  async lockBooking(id: string): Promise<BookingRow | undefined> {
    const [row] = await this.db.select().from(bookings).where(eq(bookings.id, id)).for('update');
    return row;
  }

  /** Open bookings past their expiry, locked; rows another instance holds are skipped. */
  async lockExpired(now: Date, pendingPaymentGraceMs: number, limit: number): Promise<BookingRow[]> {
    return this.db
      .select()
      .from(bookings)
      .where(holdEnded(sql.raw('"ticketing"."bookings"'), now, pendingPaymentGraceMs))
      .orderBy(asc(bookings.expiresAt))
      .limit(limit)
      .for('update', { skipLocked: true });
  }

  /**
   * Ended-but-not-yet-swept bookings (holdEnded) whose tickets occupy any of `seats` on the trip, locked. A booking the
   * sweeper or another hold has locked to expire is waited for (in id order, as every hold locks them), not skipped:
   * its tickets still occupy the seats until that transaction ends, and a hold inserting over them would fail. Once
   * the lock is granted, a booking expired meanwhile no longer matches and is left out.
   */
  async lockStaleHoldsOnSeats(
    tripId: string,
    seats: string[],
    now: Date,
    pendingPaymentGraceMs: number,
  ): Promise<BookingRow[]> {
    return this.db
      .select()
      .from(bookings)
      .where(
        and(
          holdEnded(sql.raw('"ticketing"."bookings"'), now, pendingPaymentGraceMs),
          inArray(
            bookings.id,
            this.db
              .select({ id: tickets.bookingId })
              .from(tickets)
              .where(and(eq(tickets.tripId, tripId), anyOf(tickets.seatLabel, seats), eq(tickets.status, 'HELD'))),
          ),
        ),
      )
      .orderBy(asc(bookings.id))
      .for('update');
  }

  /** Bookings of a trip in one of `statuses` (not locked: for telling their passengers). */
  async forTrip(tripId: string, statuses: BookingStatus[]): Promise<BookingRow[]> {
    return this.db
      .select()
      .from(bookings)
      .where(and(eq(bookings.tripId, tripId), inArray(bookings.status, statuses)))
      .orderBy(asc(bookings.id));
  }

  /** The trip's active tickets (HELD, CONFIRMED, BOARDED). */
  async activeTicketsOfTrip(tripId: string): Promise<TicketRow[]> {
    return this.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.tripId, tripId), inArray(tickets.status, [...ACTIVE_TICKET_STATUSES])));
  }

  /**
   * Gives tickets new stop orders. Each row is checked against the seat's other tickets as it changes, so the
   * tickets move out of the way first (every order plus `aside`, past any real one) and then to their new orders:
   * no two ranges of one seat overlap at any point when they do not overlap before and after.
   */
  async renumberTickets(
    moves: readonly { id: string; boardingStop: number; alightingStop: number }[],
    aside: number,
  ): Promise<void> {
    const ids = moves.map((move) => move.id);
    await this.db
      .update(tickets)
      .set({
        boardingStop: sql`${tickets.boardingStop} + ${aside}`,
        alightingStop: sql`${tickets.alightingStop} + ${aside}`,
      })
      .where(anyOf(tickets.id, ids));
    await this.db.execute(sql`update ${tickets} t
      set boarding_stop = m.b, alighting_stop = m.a
      from unnest(${sql.param(ids)}::uuid[], ${sql.param(moves.map((move) => move.boardingStop))}::int[],
        ${sql.param(moves.map((move) => move.alightingStop))}::int[]) as m(id, b, a)
      where t.id = m.id`);
  }

  /** Bookings of a trip still in one of `statuses`, locked. */
  async lockForTrip(tripId: string, statuses: BookingStatus[]): Promise<BookingRow[]> {
    return this.db
      .select()
      .from(bookings)
      .where(and(eq(bookings.tripId, tripId), inArray(bookings.status, statuses)))
      .orderBy(asc(bookings.id))
      .for('update');
  }

  async updateBooking(id: string, patch: Partial<BookingRow>): Promise<BookingRow> {
    const [row] = await this.db
      .update(bookings)
      .set({ ...patch, updatedAt: sql`now()` as unknown as Date })
      .where(eq(bookings.id, id))
      .returning();
    return row!;
  }

  /** Moves a booking's tickets in one of `from` to `to`; returns the ids changed. */
  async setTicketStatus(bookingId: string, from: TicketStatus[], to: TicketStatus): Promise<string[]> {
    return (await this.moveTickets(bookingId, from, to)).map((r) => r.id);
  }

  /** Like setTicketStatus, returning the segment of each ticket changed. */
  async moveTickets(
    bookingId: string,
    from: TicketStatus[],
    to: TicketStatus,
  ): Promise<{ id: string; boardingStop: number; alightingStop: number }[]> {
    return this.db
      .update(tickets)
      .set({ status: to })
      .where(and(eq(tickets.bookingId, bookingId), inArray(tickets.status, from)))
      .returning({ id: tickets.id, boardingStop: tickets.boardingStop, alightingStop: tickets.alightingStop });
  }

  async lockTicket(id: string): Promise<TicketRow | undefined> {
    const [row] = await this.db.select().from(tickets).where(eq(tickets.id, id)).for('update');
    return row;
  }

  async updateTicket(id: string, status: TicketStatus): Promise<void> {
    await this.db.update(tickets).set({ status }).where(eq(tickets.id, id));
  }
}

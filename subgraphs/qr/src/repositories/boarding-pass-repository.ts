import { and, eq, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { anyOf, type Executor } from '@busline/shared';
import {
  boardingPasses,
  cancelledTrips,
  bookingClaims,
  refundedPayments,
  revokedBookings,
  tripDepartures,
  type BookingClaimRow,
  type BoardingPassRow,
} from '../db/schema';

export type NewBoardingPass = typeof boardingPasses.$inferInsert;

/** What a scan needs of its pass's trip. */
export interface TripSchedule {
  departureAt: Date | null;
  arrived: boolean;
  /** The company cancelled the trip: none of its passes boards. */
  cancelled: boolean;
  /** The account whose scans board the trip (null: no driver's); undefined when not known (any company driver). */
  driverUserId: string | null | undefined;
}

/** A transaction-scoped advisory lock key of the qr subgraph, e.g. `booking:<id>`. */
const lockKey = (name: string) => sql`hashtextextended(${`qr.${name}`}, 0)`;

/** SQL for boarding passes. */
export class BoardingPassRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Serializes, until the transaction ends, what decides the fate of one booking's passes: their issue
   * (booking.confirmed), revocation (booking.cancelled, payment.refunded) and transfer (booking.claimed). These travel
   * on different streams and replicas apply them at once; without the lock, a cancellation committed while passes are
   * being issued updates no pass and they are issued valid. Lock order: the booking, then its trip (lockTrip).
   * Events applied together in one transaction hold several; should two such transactions deadlock, Postgres aborts
   * one and its events are applied again one per transaction, each taking one booking's lock, then its trip's.
   */
  async lockBooking(bookingId: string): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(${lockKey(`booking:${bookingId}`)})`);
  }

  /**
   * Orders passes being issued for a trip (`shared`: issues do not wait for each other) against the trip's schedule
   * being recorded (`exclusive`), until the transaction ends: passes are issued with the new arrival of a trip moved
   * meanwhile, or committed before the move extends them. An advisory lock, not the trip_departures row's: the row
   * may not exist yet. Taken after lockBooking, never before it.
   */
  async lockTrip(tripId: string, mode: 'shared' | 'exclusive'): Promise<void> {
    const key = lockKey(`trip:${tripId}`);
    await this.db.execute(
      mode === 'shared' ? sql`select pg_advisory_xact_lock_shared(${key})` : sql`select pg_advisory_xact_lock(${key})`,
    );
  }

  async findByTicketIds(ticketIds: readonly string[]): Promise<BoardingPassRow[]> {
    if (ticketIds.length === 0) return [];
    return this.db
      .select()
      .from(boardingPasses)
      .where(anyOf(boardingPasses.ticketId, [...ticketIds]));
  }

  async findByTicketId(ticketId: string): Promise<BoardingPassRow | undefined> {
    const [row] = await this.db.select().from(boardingPasses).where(eq(boardingPasses.ticketId, ticketId));
    return row;
  }

  /** Inserts passes for tickets that have none yet (a redelivered confirmation issues nothing new). */
  async insertMissing(passes: NewBoardingPass[]): Promise<BoardingPassRow[]> {
    if (passes.length === 0) return [];
    return this.db.insert(boardingPasses).values(passes).onConflictDoNothing().returning();
  }

  /**
   * Records boarding if, and only if, the pass is still ISSUED: of concurrent scans exactly one
   * gets the row back.
   */
  async markBoarded(ticketId: string, scannedBy: string, at: Date): Promise<BoardingPassRow | undefined> {
    const [row] = await this.db
      .update(boardingPasses)
      .set({ status: 'BOARDED', boardedAt: at, boardedBy: scannedBy })
      .where(and(eq(boardingPasses.ticketId, ticketId), eq(boardingPasses.status, 'ISSUED')))
      .returning();
    return row;
  }

  /** Revokes the passes of a booking (or only `ticketIds` of it); boarded passes stay as they are. */
  /**
   * Revokes the booking's passes (those of `ticketIds` when given; those confirmed by `paymentId` when given,
   * and those that do not say which payment confirmed them).
   */
  async revoke(bookingId: string, reason: string, ticketIds?: string[], paymentId?: string): Promise<number> {
    const byTickets = ticketIds && ticketIds.length > 0 ? anyOf(boardingPasses.ticketId, ticketIds) : undefined;
    const byPayment = paymentId
      ? or(isNull(boardingPasses.paymentId), eq(boardingPasses.paymentId, paymentId))
      : undefined;
    const rows = await this.db
      .update(boardingPasses)
      .set({ status: 'REVOKED', revokedAt: new Date(), revokedReason: reason })
      .where(
        and(
          eq(boardingPasses.bookingId, bookingId),
          byTickets,
          byPayment,
          ne(boardingPasses.status, 'REVOKED'),
          ne(boardingPasses.status, 'BOARDED'),
        ),
      )
      .returning({ ticketId: boardingPasses.ticketId });
    return rows.length;
  }

  /** The trip's departure: its latest schedule, else the one its booking was confirmed with. */
  /** The pass's trip as last known: its departure, and whether the bus has reached its last stop. */
  async scheduleOf(pass: BoardingPassRow): Promise<TripSchedule> {
    const [trip] = await this.db
      .select({
        departureAt: tripDepartures.departureAt,
        arrived: tripDepartures.arrived,
        driverUserId: tripDepartures.driverUserId,
        driverKnown: tripDepartures.driverKnown,
      })
      .from(tripDepartures)
      .where(eq(tripDepartures.tripId, pass.tripId));
    const [cancelled] = await this.db
      .select({ tripId: cancelledTrips.tripId })
      .from(cancelledTrips)
      .where(eq(cancelledTrips.tripId, pass.tripId));
    return {
      departureAt: trip?.departureAt ?? pass.departureAt ?? null,
      arrived: trip?.arrived ?? false,
      cancelled: cancelled !== undefined,
      driverUserId: trip?.driverKnown ? trip.driverUserId : undefined,
    };
  }

  /** Records that the company cancelled the trip (once: a trip stays cancelled). */
  async recordCancellation(tripId: string, cancelledAt: Date): Promise<void> {
    await this.db.insert(cancelledTrips).values({ tripId, cancelledAt }).onConflictDoNothing();
  }

  /** Records the trip's schedule (and whether it arrived) unless a newer version is known; true when recorded. */
  async recordDeparture(
    tripId: string,
    departureAt: Date,
    version: number,
    arrivalAt: Date | null,
    arrived = false,
    driverUserId?: string | null,
  ): Promise<boolean> {
    const driver = driverUserId === undefined ? {} : { driverUserId, driverKnown: true };
    const rows = await this.db
      .insert(tripDepartures)
      .values({ tripId, departureAt, arrivalAt, version, arrived, ...driver })
      .onConflictDoUpdate({
        target: tripDepartures.tripId,
        // A snapshot without an arrival keeps the one known; one without a driver (from before drivers were sent),
        // the driver known.
        set: { departureAt, arrivalAt: arrivalAt ?? sql`${tripDepartures.arrivalAt}`, version, arrived, ...driver },
        setWhere: lt(tripDepartures.version, version),
      })
      .returning({ tripId: tripDepartures.tripId });
    return rows.length > 0;
  }

  /** The trip's latest known arrival, or null. */
  async arrivalOf(tripId: string): Promise<Date | null> {
    const [trip] = await this.db
      .select({ arrivalAt: tripDepartures.arrivalAt })
      .from(tripDepartures)
      .where(eq(tripDepartures.tripId, tripId));
    return trip?.arrivalAt ?? null;
  }

  /** The trip's passes not used yet stay valid until at least `until` (never shortened). */
  async extendValidity(tripId: string, until: Date): Promise<number> {
    const rows = await this.db
      .update(boardingPasses)
      .set({ validUntil: until })
      .where(
        and(
          eq(boardingPasses.tripId, tripId),
          eq(boardingPasses.status, 'ISSUED'),
          lt(boardingPasses.validUntil, until),
        ),
      )
      .returning({ ticketId: boardingPasses.ticketId });
    return rows.length;
  }

  async rememberRevokedBooking(bookingId: string, reason: string): Promise<void> {
    await this.db.insert(revokedBookings).values({ bookingId, reason }).onConflictDoNothing();
  }

  /**
   * A ticket's stops renumbered (booking.stops_changed): the pass boards and leaves at the new orders, and keeps the
   * ones its token was signed with. Applying the same change again changes nothing.
   */
  async renumber(
    ticketId: string,
    version: number | null,
    stops: { from: number; to: number; boardingName: string | null; alightingName: string | null },
  ) {
    await this.db
      .update(boardingPasses)
      .set({
        signedBoardingStop: sql`coalesce(${boardingPasses.signedBoardingStop}, ${boardingPasses.boardingStop})`,
        signedAlightingStop: sql`coalesce(${boardingPasses.signedAlightingStop}, ${boardingPasses.alightingStop})`,
        boardingStop: stops.from,
        alightingStop: stops.to,
        boardingName: stops.boardingName,
        alightingName: stops.alightingName,
        stopsVersion: version,
      })
      .where(
        and(
          eq(boardingPasses.ticketId, ticketId),
          version === null
            ? undefined
            : or(isNull(boardingPasses.stopsVersion), lt(boardingPasses.stopsVersion, version)),
        ),
      );
  }

  /** Records a refunded payment (once). */
  async rememberRefund(paymentId: string, bookingId: string): Promise<void> {
    await this.db.insert(refundedPayments).values({ paymentId, bookingId }).onConflictDoNothing();
  }

  async wasRefunded(paymentId: string): Promise<boolean> {
    const rows = await this.db
      .select({ paymentId: refundedPayments.paymentId })
      .from(refundedPayments)
      .where(eq(refundedPayments.paymentId, paymentId));
    return rows.length > 0;
  }

  async revokedReason(bookingId: string): Promise<string | undefined> {
    const [row] = await this.db.select().from(revokedBookings).where(eq(revokedBookings.bookingId, bookingId));
    return row?.reason;
  }

  /**
   * Records that a counter sale now belongs to `claim.userId`; a claim older than the one known
   * changes nothing (redelivered or out-of-order events).
   */
  async recordClaim(claim: BookingClaimRow): Promise<void> {
    await this.db
      .insert(bookingClaims)
      .values(claim)
      .onConflictDoUpdate({
        target: bookingClaims.bookingId,
        set: {
          userId: sql`excluded.user_id`,
          previousUserId: sql`excluded.previous_user_id`,
          claimedAt: sql`excluded.claimed_at`,
        },
        setWhere: lt(bookingClaims.claimedAt, sql`excluded.claimed_at`),
      });
  }

  async claimOf(bookingId: string): Promise<BookingClaimRow | undefined> {
    const [row] = await this.db.select().from(bookingClaims).where(eq(bookingClaims.bookingId, bookingId));
    return row;
  }

  /** Gives every pass of a booking to `userId` (its current owner); answers how many changed hands. */
  async transferBooking(bookingId: string, userId: string): Promise<number> {
    const rows = await this.db
      .update(boardingPasses)
      .set({ userId })
      .where(and(eq(boardingPasses.bookingId, bookingId), ne(boardingPasses.userId, userId)))
      .returning({ ticketId: boardingPasses.ticketId });
    return rows.length;
  }
}

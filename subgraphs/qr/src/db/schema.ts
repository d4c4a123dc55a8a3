import { eventTables } from '@busline/shared';
import { boolean, index, integer, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every table of the qr subgraph lives in this Postgres schema. */
export const qrSchema = pgSchema('qr');

export const { outbox, processedEvents } = eventTables(qrSchema);

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const passStatusEnum = qrSchema.enum('pass_status', ['ISSUED', 'BOARDED', 'REVOKED']);

/** One signed boarding pass per confirmed ticket; boarding is recorded on it exactly once. */
export const boardingPasses = qrSchema.table(
  'boarding_passes',
  {
    ticketId: uuid('ticket_id').primaryKey(),
    bookingId: uuid('booking_id').notNull(),
    tripId: uuid('trip_id').notNull(),
    companyId: uuid('company_id').notNull(),
    /**
     * The booking's owner, who sees the QR: the buyer, or for a counter sale the seller until a passenger
     * claims it (booking.claimed), then that passenger.
     */
    userId: uuid('user_id').notNull(),
    /** The counter agent who sold a counter sale (booking.confirmed soldBy); null for online bookings. */
    soldBy: uuid('sold_by'),
    seatNumber: text('seat_number').notNull(),
    passengerName: text('passenger_name').notNull(),
    /** Stop order where the passenger boards; null on passes issued before segments (the first stop). */
    boardingStop: integer('boarding_stop'),
    /** Stop order where the passenger leaves the bus; null on passes issued before segments (the last stop). */
    alightingStop: integer('alighting_stop'),
    /**
     * The stops signed into the token when they differ from the pass's now (a route edit renumbered the trip's
     * stops after it was issued: booking.stops_changed); null while they are the same.
     */
    signedBoardingStop: integer('signed_boarding_stop'),
    signedAlightingStop: integer('signed_alighting_stop'),
    /** The trip version whose renumbering the stops follow (booking.stops_changed); an older one changes nothing. */
    stopsVersion: integer('stops_version'),
    /** Names the scanner shows, e.g. "Musanze Bus Park (Musanze)"; null when unknown. */
    boardingName: text('boarding_name'),
    alightingName: text('alighting_name'),
    token: text('token').notNull(),
    keyId: text('key_id').notNull(),
    validFrom: ts('valid_from').notNull(),
    validUntil: ts('valid_until').notNull(),
    /** The trip's departure when the booking was confirmed (`trip_departures` has the latest). */
    departureAt: ts('departure_at'),
    /**
     * The payment that confirmed the booking (booking.confirmed `paymentId`): only its refund revokes the pass.
     * Null on passes issued before it was recorded (any refund of the booking revokes those).
     */
    paymentId: uuid('payment_id'),
    status: passStatusEnum('status').notNull().default('ISSUED'),
    boardedAt: ts('boarded_at'),
    boardedBy: uuid('boarded_by'),
    revokedAt: ts('revoked_at'),
    revokedReason: text('revoked_reason'),
    issuedAt: ts('issued_at').notNull().defaultNow(),
  },
  (t) => [
    index('boarding_passes_booking_idx').on(t.bookingId),
    // A trip moved later extends its passes (trip.updated).
    index('boarding_passes_trip_idx').on(t.tripId),
  ],
);

export type BoardingPassRow = typeof boardingPasses.$inferSelect;

/**
 * Bookings cancelled or refunded. Events of different types may arrive out of order: a
 * booking.confirmed seen after its cancellation issues passes already revoked.
 */
export const revokedBookings = qrSchema.table('revoked_bookings', {
  bookingId: uuid('booking_id').primaryKey(),
  reason: text('reason').notNull(),
  revokedAt: ts('revoked_at').notNull().defaultNow(),
});

/**
 * Payments refunded (payment.refunded), for a booking.confirmed seen after the refund of its own payment: its
 * passes are issued revoked. The refund of another payment of the booking (a duplicate, one that failed before
 * cash was taken) leaves them valid.
 */
export const refundedPayments = qrSchema.table('refunded_payments', {
  paymentId: uuid('payment_id').primaryKey(),
  bookingId: uuid('booking_id').notNull(),
  refundedAt: ts('refunded_at').notNull().defaultNow(),
});

/**
 * Trips their company cancelled (trip.cancelled, or a snapshot saying CANCELLED): none of their passes boards, also
 * before ticketing's booking.cancelled has revoked each of them. Apart from the departures: a cancellation may be read
 * before the trip's first snapshot, and a trip stays cancelled whatever snapshot follows.
 */
export const cancelledTrips = qrSchema.table('cancelled_trips', {
  tripId: uuid('trip_id').primaryKey(),
  cancelledAt: ts('cancelled_at').notNull().defaultNow(),
});

/**
 * Each trip's latest departure time (trip.scheduled / trip.updated, applied when their version is
 * newer): boarding opens BOARDING_OPENS_MINUTES before it, also after a trip is rescheduled.
 */
export const tripDepartures = qrSchema.table('trip_departures', {
  tripId: uuid('trip_id').primaryKey(),
  departureAt: ts('departure_at').notNull(),
  /** Its latest arrival: passes stay valid until it plus the grace period, however late the trip was moved. */
  arrivalAt: ts('arrival_at'),
  version: integer('version').notNull(),
  /** The bus reached its last stop (trip status ARRIVED): none of the trip's passes boards any more. */
  arrived: boolean('arrived').notNull().default(false),
  /** The trip's driver's account (null: no driver, or none linked): the one driver whose scans board it. */
  driverUserId: uuid('driver_user_id'),
  /** The snapshots said who drives (those from before `driverUserId` did not: any company driver boards those). */
  driverKnown: boolean('driver_known').notNull().default(false),
});

/**
 * Counter sales taken into a passenger account (booking.claimed): their passes belong to `userId`.
 * Kept apart from the passes because a claim may arrive before the booking.confirmed that issues them
 * (or for a booking not yet paid): passes issued later are issued to the claimed owner.
 */
export const bookingClaims = qrSchema.table('booking_claims', {
  bookingId: uuid('booking_id').primaryKey(),
  userId: uuid('user_id').notNull(),
  previousUserId: uuid('previous_user_id'),
  claimedAt: ts('claimed_at').notNull(),
});

export type BookingClaimRow = typeof bookingClaims.$inferSelect;

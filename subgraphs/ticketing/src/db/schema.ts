import { eventTables } from '@busline/shared';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Every table of the ticketing subgraph lives in this Postgres schema. */
export const ticketingSchema = pgSchema('ticketing');

export const { outbox, processedEvents } = eventTables(ticketingSchema);

export const bookingStatusEnum = ticketingSchema.enum('booking_status', [
  'HELD',
  'PENDING_PAYMENT',
  'CONFIRMED',
  'CANCELLED',
  'EXPIRED',
  'REFUNDED',
]);
export const ticketStatusEnum = ticketingSchema.enum('ticket_status', [
  'HELD',
  'CONFIRMED',
  'CANCELLED',
  'EXPIRED',
  'REFUNDED',
  'BOARDED',
]);

export type BookingStatus = (typeof bookingStatusEnum.enumValues)[number];
/** Where a booking was sold (bookings.channel, GraphQL SalesChannel). */
export type SalesChannel = 'ONLINE' | 'COUNTER';
export type TicketStatus = (typeof ticketStatusEnum.enumValues)[number];

/** One tier of a company's refund policy (docs/events.md). */
export interface RefundTier {
  minHoursBeforeDeparture: number;
  refundPercent: number;
}

/** The fare of one seat from one stop (order) to a later one, in the trip's currency. */
export interface SegmentFare {
  boardingStop: number;
  alightingStop: number;
  amount: number;
}

/** The inventory side of a trip, replicated from the company subgraph's TripSnapshot events. */
export const trips = ticketingSchema.table('trips', {
  id: uuid('id').primaryKey(),
  companyId: uuid('company_id').notNull(),
  routeId: uuid('route_id'),
  /** Snapshot version from the company subgraph; older snapshots are ignored. */
  version: integer('version').notNull(),
  departureAt: timestamp('departure_at', { withTimezone: true, mode: 'date' }).notNull(),
  arrivalAt: timestamp('arrival_at', { withTimezone: true, mode: 'date' }).notNull(),
  status: text('status').notNull(),
  priceAmount: integer('price_amount').notNull(),
  currency: text('currency').notNull(),
  /** Number of trip_seats rows, kept with them so availability is seatCount minus active tickets. */
  seatCount: integer('seat_count').notNull(),
  refundTiers: jsonb('refund_tiers').$type<RefundTier[]>().notNull(),
  /**
   * Fare of each origin–destination pair of stops (TripSnapshot `fares`); pairs not listed are derived
   * (docs/segments.md).
   */
  fares: jsonb('fares').$type<SegmentFare[]>().notNull().default([]),
  /** IANA time zone of the company running it (TripSnapshot `timeZone`): search dates are local to it. */
  timeZone: text('time_zone').notNull().default('Africa/Kigali'),
});

/** Companies' current refund policies (company.created/updated), newer than the one in a trip snapshot. */
export const companyPolicies = ticketingSchema.table('company_policies', {
  companyId: uuid('company_id').primaryKey(),
  refundTiers: jsonb('refund_tiers').$type<RefundTier[]>().notNull(),
  /** occurredAt of the event it came from: an older event arriving late is ignored. */
  asOf: timestamp('as_of', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * trip.cancelled events that arrived before their trip's trip.scheduled (the two travel on separate streams): the
 * trip is stored cancelled when its snapshot comes.
 */
export const earlyCancellations = ticketingSchema.table(
  'early_cancellations',
  {
    tripId: uuid('trip_id').primaryKey(),
    version: integer('version').notNull().default(0),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  // The retention worker deletes the ones whose snapshot never came by it (retention.ts).
  (t) => [index('early_cancellations_received_idx').on(t.receivedAt)],
);

/** Every seat of a trip, from its bus layout. */
export const tripSeats = ticketingSchema.table(
  'trip_seats',
  {
    tripId: uuid('trip_id')
      .notNull()
      .references(() => trips.id),
    label: text('label').notNull(),
    deck: integer('deck').notNull().default(1),
    row: integer('row').notNull().default(1),
    column: text('column').notNull().default(''),
    /**
     * A seat the trip's current bus does not have, kept while an active ticket occupies it (a new layout came
     * after it was sold): never sold again, not in the seat map nor the seat count, and removed by a later snapshot
     * once no active ticket occupies it.
     */
    retired: boolean('retired').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.tripId, t.label] }),
    // Availability leaves tickets on retired seats out (trip-repository.ts): few rows, probed once per ticket.
    index('trip_seats_retired_idx')
      .on(t.tripId, t.label)
      .where(sql`${t.retired}`),
  ],
);

/** The stops of a trip, with when the bus leaves each one, so search can go by city and local date. */
export const tripStops = ticketingSchema.table(
  'trip_stops',
  {
    tripId: uuid('trip_id')
      .notNull()
      .references(() => trips.id),
    stopOrder: integer('stop_order').notNull(),
    stationId: text('station_id'),
    code: text('code').notNull().default(''),
    name: text('name').notNull().default(''),
    city: text('city').notNull(),
    /** lower(trim(city)): search is case-insensitive. */
    cityKey: text('city_key').notNull(),
    minutesFromDeparture: integer('minutes_from_departure').notNull(),
    departsAt: timestamp('departs_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Calendar date of departsAt in the trip's time zone (trips.time_zone). */
    localDate: date('local_date', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tripId, t.stopOrder] }),
    // Origin side of searchTrips: city + local date, ordered by departure.
    index('trip_stops_search_idx').on(t.cityKey, t.localDate, t.departsAt),
    // Destination side: does this trip reach that city later?
    index('trip_stops_trip_city_idx').on(t.tripId, t.cityKey),
  ],
);

/**
 * Stops a route edit took off a trip, as they were when it did: the ended tickets sold to or from them (those the
 * edit cancelled too) still name them (ticketSegment). One row per trip and station, the latest removal's.
 */
export const removedTripStops = ticketingSchema.table(
  'removed_trip_stops',
  {
    tripId: uuid('trip_id')
      .notNull()
      .references(() => trips.id),
    stationId: text('station_id').notNull(),
    /** Its order on the route before the edit that removed it. */
    stopOrder: integer('stop_order').notNull(),
    code: text('code').notNull().default(''),
    name: text('name').notNull().default(''),
    city: text('city').notNull(),
    cityKey: text('city_key').notNull(),
    minutesFromDeparture: integer('minutes_from_departure').notNull(),
    /** When the bus was due to leave it while the route still had it. */
    departsAt: timestamp('departs_at', { withTimezone: true, mode: 'date' }).notNull(),
    localDate: date('local_date', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tripId, t.stationId] })],
);

/**
 * Name of the unique index over (the account that made the hold, idempotency key): its violation means a retry lost
 * the race. That account is the seller of a counter sale (sold_by), else the owner: a claim moves user_id to the
 * passenger, never the key, so two sellers' keys (or a seller's and the passenger's own) never collide.
 */
export const BOOKING_IDEMPOTENCY_INDEX = 'bookings_holder_idempotency_key_idx';

export const bookings = ticketingSchema.table(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    tripId: uuid('trip_id')
      .notNull()
      .references(() => trips.id),
    /** Company running the trip, so its staff can be authorised without a join. */
    companyId: uuid('company_id').notNull(),
    status: bookingStatusEnum('status').notNull().default('HELD'),
    totalAmount: integer('total_amount').notNull(),
    currency: text('currency').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    /** Latest payment started for it (payment.started), the confirming one once CONFIRMED. */
    paymentId: text('payment_id'),
    cancellationReason: text('cancellation_reason'),
    /** Who cancelled it (booking.cancelled's cancelledBy); null for the trip's cancellation or a route change. */
    cancelledBy: uuid('cancelled_by'),
    refundAmount: integer('refund_amount'),
    /**
     * Money of payments that arrived after the booking was cancelled or expired, asked back (refund.requested); null
     * when none. Apart from refundAmount, whose null says the booking itself was never paid.
     */
    lateRefundAmount: integer('late_refund_amount'),
    /** The client's idempotency key for holdSeats: a retry with it gets this booking back. */
    idempotencyKey: text('idempotency_key'),
    /** The address the hold came from (an IPv6 /64 as one), for the seats one address may hold on a trip. */
    clientAddress: text('client_address'),
    /** Hash of the hold request the key was first used with; another request under the key conflicts. */
    requestHash: text('request_hash'),
    /** ONLINE (the passenger's own hold) or COUNTER (sold by company staff for a walk-in passenger). */
    channel: text('channel').$type<SalesChannel>().notNull().default('ONLINE'),
    /** Counter sales: the staff member who sold it (user_id is theirs too until the passenger claims it). */
    soldBy: uuid('sold_by'),
    /** Counter sales: the walk-in passenger, their phone in international form (+2507…) and language. */
    walkInName: text('walk_in_name'),
    walkInPhone: text('walk_in_phone'),
    walkInLanguage: text('walk_in_language'),
    walkInEmail: text('walk_in_email'),
    /** Counter sales: when claimBookings moved it into the passenger's account (user_id is theirs since). */
    claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'date' }),
    /** Every payment of the booking that failed (payment.failed): a start of one of them arriving late is ignored. */
    failedPaymentIds: text('failed_payment_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('bookings_user_created_idx').on(t.userId, t.createdAt, t.id),
    index('bookings_trip_status_idx').on(t.tripId, t.status),
    index('bookings_trip_address_idx')
      .on(t.tripId, t.clientAddress)
      .where(sql`status in ('HELD', 'PENDING_PAYMENT')`),
    // The expiry sweeper only looks at bookings that can still expire.
    index('bookings_expiring_idx')
      .on(t.expiresAt)
      .where(sql`status in ('HELD', 'PENDING_PAYMENT')`),
    // One booking per key and account, enforced by Postgres: of concurrent holds with one key, one commits.
    uniqueIndex(BOOKING_IDEMPOTENCY_INDEX)
      .on(sql`coalesce(${t.soldBy}, ${t.userId})`, t.idempotencyKey)
      .where(sql`idempotency_key is not null`),
    // counterSales: a company's counter sales newest first (per seller through the filter).
    index('bookings_counter_sales_idx')
      .on(t.companyId, t.channel, t.createdAt, t.id)
      .where(sql`channel = 'COUNTER'`),
    // The per-seller limit on open counter sales.
    index('bookings_sold_by_open_idx')
      .on(t.soldBy)
      .where(sql`channel = 'COUNTER' and status in ('HELD', 'PENDING_PAYMENT')`),
    // requestBookingClaim and claimBookings: the unclaimed counter sales of one phone.
    index('bookings_walk_in_phone_idx')
      .on(t.walkInPhone)
      .where(sql`channel = 'COUNTER' and claimed_at is null`),
  ],
);

/**
 * One requestBookingClaim: every request is recorded (the rate limits count them, whether or not the
 * phone has counter sales); the ones that found counter sales carry the hash of the code sent by SMS.
 */
export const bookingClaims = ticketingSchema.table(
  'booking_claims',
  {
    /** The request id (booking.claim_requested `requestId`). */
    id: uuid('id').primaryKey().defaultRandom(),
    /** The phone in international form (+2507…). */
    phone: text('phone').notNull(),
    /** The signed-in passenger who asked (the code works for any account: it proves the phone). */
    requestedBy: uuid('requested_by').notNull(),
    /**
     * sha256 of the request id, phone and code (hex); null when no code was sent (the phone had no unclaimed counter
     * sales, or had been sent as many codes as it may be).
     */
    codeHash: text('code_hash'),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Wrong codes tried against it; at MAX_CLAIM_ATTEMPTS it is void. */
    attempts: integer('attempts').notNull().default(0),
    /** When the code was used; a repeat of the same code until expiresAt answers `bookingIds` again. */
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    /** The bookings the successful claim moved. */
    bookingIds: jsonb('booking_ids').$type<string[]>(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    // Rate limits per phone and per account, and the latest code of a phone.
    index('booking_claims_phone_created_idx').on(t.phone, t.createdAt),
    index('booking_claims_requested_by_created_idx').on(t.requestedBy, t.createdAt),
    // The retention worker deletes old requests by it (retention.ts).
    index('booking_claims_created_idx').on(t.createdAt),
  ],
);

export const tickets = ticketingSchema.table(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id),
    tripId: uuid('trip_id').notNull(),
    seatLabel: text('seat_label').notNull(),
    passengerName: text('passenger_name').notNull(),
    status: ticketStatusEnum('status').notNull().default('HELD'),
    /** Stop order (trip_stops.stop_order) where the passenger boards. */
    boardingStop: integer('boarding_stop').notNull(),
    /** Stop order where the passenger leaves the bus; the seat is taken over [boardingStop, alightingStop). */
    alightingStop: integer('alighting_stop').notNull(),
    /**
     * Stations of the boarding and alighting stops when the ticket was sold (null on trips whose stops have no
     * station ids). A route edit moves only active tickets to new stop orders: an ended ticket names its stations by
     * these, whatever the edits since (docs/segments.md).
     */
    boardingStationId: text('boarding_station_id'),
    alightingStationId: text('alighting_station_id'),
  },
  (t) => [
    index('tickets_booking_idx').on(t.bookingId),
    index('tickets_trip_seat_idx').on(t.tripId, t.seatLabel),
    check('tickets_segment_check', sql`${t.boardingStop} < ${t.alightingStop}`),
    // A seat is never sold twice over any stretch of the trip: the exclusion constraint
    // tickets_active_segment_excl (migration 0005, drizzle-kit cannot declare it here) keeps the
    // active tickets of one (trip, seat) on non-overlapping int4range(boarding_stop, alighting_stop).
    // See docs/segments.md.
  ],
);

export type TripRow = typeof trips.$inferSelect;
export type TripSeatRow = typeof tripSeats.$inferSelect;
export type TripStopRow = typeof tripStops.$inferSelect;
export type BookingRow = typeof bookings.$inferSelect;
export type TicketRow = typeof tickets.$inferSelect;
export type BookingClaimRow = typeof bookingClaims.$inferSelect;

/** Name of the exclusion constraint over active tickets' segments: its violation (23P01) is a lost seat race. */
export const ACTIVE_SEGMENT_CONSTRAINT = 'tickets_active_segment_excl';

/** Ticket statuses that occupy their seat. */
export const ACTIVE_TICKET_STATUSES = ['HELD', 'CONFIRMED', 'BOARDED'] as const satisfies readonly TicketStatus[];
/** Booking statuses a hold expiry or trip cancellation can still end. */
export const OPEN_BOOKING_STATUSES = ['HELD', 'PENDING_PAYMENT'] as const satisfies readonly BookingStatus[];

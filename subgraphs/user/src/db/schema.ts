import { eventTables } from '@busline/shared';
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every table of the user subgraph lives in this Postgres schema. */
export const userSchema = pgSchema('user');

export const { outbox, processedEvents } = eventTables(userSchema);

/**
 * Numbers the platform admins' decisions about users (roles, suspensions) in the order they commit: each is drawn
 * under the lock that runs them one after another, and carried in the decision's event as `decision`, so that the
 * auth subgraph applies them in that order whatever the clocks of the replicas that made them.
 */
export const adminDecisions = userSchema.sequence('admin_decisions');

export const roleEnum = userSchema.enum('role', [
  'PASSENGER',
  'DRIVER',
  'COUNTER_AGENT',
  'COMPANY_ADMIN',
  'PLATFORM_ADMIN',
]);

/**
 * One row per registered user: the profile it owns, plus a local copy of the account facts
 * (email from `user.registered`; role, company and suspension from its own admin decisions)
 * so admins can list and filter users without calling auth.
 */
export const profiles = userSchema.table(
  'profiles',
  {
    userId: uuid('user_id').primaryKey(),
    fullName: text('full_name').notNull(),
    phone: text('phone'),
    avatarUrl: text('avatar_url'),
    language: text('language').notNull().default('en'),
    email: text('email').notNull(),
    role: roleEnum('role').notNull().default('PASSENGER'),
    companyId: uuid('company_id'),
    suspendedAt: timestamp('suspended_at', { withTimezone: true, mode: 'date' }),
    suspensionReason: text('suspension_reason'),
    registeredAt: timestamp('registered_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    // `users` pages by (registered_at, user_id), optionally within one role.
    index('profiles_registered_idx').on(t.registeredAt, t.userId),
    index('profiles_role_registered_idx').on(t.role, t.registeredAt, t.userId),
  ],
);

/**
 * Lower-cased words of each user's name and email, so the admin search can match word
 * prefixes through a btree index (text_pattern_ops) instead of scanning every profile.
 */
export const searchTerms = userSchema.table(
  'search_terms',
  {
    term: text('term').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => profiles.userId, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.term] }),
    index('search_terms_term_idx').on(t.term.op('text_pattern_ops'), t.userId),
  ],
);

export type ProfileRow = typeof profiles.$inferSelect;
export type NewProfile = typeof profiles.$inferInsert;

/*
 * Dashboard read models. Everything below is derived only from domain events (see
 * services/dashboard-projection.ts), so truncating these tables and replaying the event streams
 * rebuilds them. Rows are upserted with whatever an event knows, because events arrive in any
 * order: a payment may be seen before the booking it pays for.
 */

/** Company names for the platform dashboard (company.created / company.updated). */
export const dashCompanies = userSchema.table('dash_companies', {
  companyId: uuid('company_id').primaryKey(),
  name: text('name').notNull(),
  /** IANA zone the company's dashboard days are counted in; null until an event told it (Africa/Kigali then). */
  timeZone: text('time_zone'),
  /** ISO 4217 currency the company sells in; the single Money figures of its dashboards are in it. */
  currency: text('currency'),
  /** occurredAt of the event the name came from; older events do not overwrite it. */
  asOf: timestamp('as_of', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Trips as last announced by the company subgraph (trip.scheduled / updated / cancelled). */
export const dashTrips = userSchema.table(
  'dash_trips',
  {
    tripId: uuid('trip_id').primaryKey(),
    companyId: uuid('company_id').notNull(),
    routeId: uuid('route_id'),
    originCity: text('origin_city'),
    destinationCity: text('destination_city'),
    departureAt: timestamp('departure_at', { withTimezone: true, mode: 'date' }),
    arrivalAt: timestamp('arrival_at', { withTimezone: true, mode: 'date' }),
    seatCount: integer('seat_count').notNull().default(0),
    /** The stops in route order (order, city), for occupancy per segment and revenue per pair. */
    stops: jsonb('stops').$type<{ order: number; city: string }[]>(),
    /** The company's time zone as the snapshot told it (before its company event arrives). */
    timeZone: text('time_zone'),
    status: text('status').notNull(),
    /** Version of the snapshot the details come from (0 until a snapshot arrived). */
    snapshotVersion: integer('snapshot_version').notNull().default(0),
    /** Highest version applied, cancellations included. */
    version: integer('version').notNull(),
  },
  // Company dashboards read a company's trips departing in a window, ordered by departure.
  (t) => [index('dash_trips_company_departure_idx').on(t.companyId, t.departureAt, t.tripId)],
);

/** Bookings; status follows from which facts are known (a cancellation outranks a later-arriving confirmation). */
export const dashBookings = userSchema.table(
  'dash_bookings',
  {
    bookingId: uuid('booking_id').primaryKey(),
    userId: uuid('user_id'),
    tripId: uuid('trip_id'),
    companyId: uuid('company_id'),
    seats: integer('seats').notNull().default(0),
    /**
     * Stop orders of the segment bought (docs/segments.md); null for bookings from before segments (the whole route).
     */
    boardingStop: integer('boarding_stop'),
    alightingStop: integer('alighting_stop'),
    /**
     * The trip version whose renumbering the stop orders follow (booking.stops_changed: a route edit put the
     * booking's stations at other orders); 0 while they are the ones the booking was held or confirmed with.
     */
    stopsVersion: integer('stops_version').notNull().default(0),
    totalAmount: integer('total_amount'),
    currency: text('currency'),
    departureAt: timestamp('departure_at', { withTimezone: true, mode: 'date' }),
    arrivalAt: timestamp('arrival_at', { withTimezone: true, mode: 'date' }),
    heldAt: timestamp('held_at', { withTimezone: true, mode: 'date' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
    expiredAt: timestamp('expired_at', { withTimezone: true, mode: 'date' }),
    /** ONLINE or COUNTER (booking events' `channel`); null when no event said, which counts as ONLINE. */
    channel: text('channel'),
    /** For a counter sale: the staff member who sold it. */
    soldBy: uuid('sold_by'),
    /** When a counter sale was claimed into a passenger's account (booking.claimed); userId is then theirs for good. */
    claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'date' }),
    status: text('status')
      .notNull()
      .generatedAlwaysAs(
        sql`case when cancelled_at is not null then 'CANCELLED' when confirmed_at is not null then 'CONFIRMED' when expired_at is not null then 'EXPIRED' else 'HELD' end`,
      ),
  },
  (t) => [
    index('dash_bookings_user_idx').on(t.userId),
    index('dash_bookings_trip_idx').on(t.tripId),
    index('dash_bookings_company_confirmed_idx').on(t.companyId, t.confirmedAt),
    index('dash_bookings_company_cancelled_idx').on(t.companyId, t.cancelledAt),
  ],
);

/** Succeeded payments; companyId is copied from the booking once it is known. */
export const dashPayments = userSchema.table(
  'dash_payments',
  {
    paymentId: uuid('payment_id').primaryKey(),
    bookingId: uuid('booking_id').notNull(),
    userId: uuid('user_id'),
    companyId: uuid('company_id'),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    succeededAt: timestamp('succeeded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('dash_payments_company_time_idx').on(t.companyId, t.succeededAt),
    index('dash_payments_user_idx').on(t.userId),
    index('dash_payments_booking_idx').on(t.bookingId),
  ],
);

/** Refunds paid out; companyId is copied from the booking once it is known. */
export const dashRefunds = userSchema.table(
  'dash_refunds',
  {
    refundId: uuid('refund_id').primaryKey(),
    paymentId: uuid('payment_id').notNull(),
    bookingId: uuid('booking_id').notNull(),
    userId: uuid('user_id'),
    companyId: uuid('company_id'),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    refundedAt: timestamp('refunded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('dash_refunds_company_time_idx').on(t.companyId, t.refundedAt),
    index('dash_refunds_user_idx').on(t.userId),
    index('dash_refunds_booking_idx').on(t.bookingId),
  ],
);

/** Tickets scanned aboard (ticket.boarded), counted per trip. */
export const dashBoardings = userSchema.table(
  'dash_boardings',
  {
    ticketId: uuid('ticket_id').primaryKey(),
    bookingId: uuid('booking_id'),
    tripId: uuid('trip_id').notNull(),
    companyId: uuid('company_id'),
    boardedAt: timestamp('boarded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('dash_boardings_trip_idx').on(t.tripId)],
);

/** Every read model above, in the order a rebuild empties them. */
export const dashboardTables = [dashCompanies, dashTrips, dashBookings, dashPayments, dashRefunds, dashBoardings];

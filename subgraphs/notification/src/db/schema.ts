import { eventTables } from '@busline/shared';
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Every table of the notification subgraph lives in this Postgres schema. */
export const notificationSchema = pgSchema('notification');

export const { outbox, processedEvents } = eventTables(notificationSchema);

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const channelEnum = notificationSchema.enum('channel', ['SMS', 'EMAIL']);
export const messageKindEnum = notificationSchema.enum('message_kind', [
  'BOOKING_CONFIRMED',
  'HOLD_EXPIRING',
  'TRIP_DELAYED',
  'TRIP_RESCHEDULED',
  'TRIP_CANCELLED',
  'REFUND_SENT',
  'CLAIM_CODE',
  'ROUTE_CHANGED',
  'REFUND_DUE',
  'PASSWORD_RESET',
]);
export const messageStatusEnum = notificationSchema.enum('message_status', [
  'PENDING',
  'SENDING',
  'RETRYING',
  'SENT',
  'FAILED',
]);
export type Channel = (typeof channelEnum.enumValues)[number];
export type MessageKind = (typeof messageKindEnum.enumValues)[number];
export type MessageStatus = (typeof messageStatusEnum.enumValues)[number];

/**
 * How to reach a user: contact facts learnt from user.registered and user.profile_updated, and the
 * passenger's own choices (channels, language) set with updateNotificationPreferences.
 */
export const recipients = notificationSchema.table('recipients', {
  userId: uuid('user_id').primaryKey(),
  fullName: text('full_name'),
  email: text('email'),
  phone: text('phone'),
  /** The profile's language (BCP 47), as the user subgraph last said. */
  profileLanguage: text('profile_language'),
  /** Channels the passenger wants; null means every channel an address is known for. */
  channels: channelEnum('channels').array(),
  /** Language the passenger chose for messages; null follows the profile. */
  language: text('language'),
  /** occurredAt of the last profile event applied (an older one arriving late is ignored). */
  profileAt: ts('profile_at'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
export type RecipientRow = typeof recipients.$inferSelect;

/** A stop of a trip, origin first: where a passenger's segment starts and ends, and when the bus leaves it. */
export interface TripStop {
  order: number;
  city: string;
  minutesFromDeparture: number;
  /** Its station: the same stop after a route edit renumbered the stops (absent in snapshots stored before). */
  stationId?: string;
}

/** Each trip's latest schedule (trip.scheduled / trip.updated, newer `version` only), for texts and delay alerts. */
export const trips = notificationSchema.table('trips', {
  tripId: uuid('trip_id').primaryKey(),
  companyId: uuid('company_id').notNull(),
  origin: text('origin').notNull(),
  destination: text('destination').notNull(),
  departureAt: ts('departure_at').notNull(),
  status: text('status').notNull(),
  version: integer('version').notNull(),
  stops: jsonb('stops').$type<TripStop[]>().notNull().default([]),
});
export type TripRow = typeof trips.$inferSelect;

/**
 * Companies (company.created / company.updated): the name signed under the messages, and the IANA time zone
 * the times of their trips are written in (null: NOTIFICATION_TIME_ZONE).
 */
export const companies = notificationSchema.table('companies', {
  companyId: uuid('company_id').primaryKey(),
  name: text('name').notNull(),
  timeZone: text('time_zone'),
});
export type CompanyRow = typeof companies.$inferSelect;

/** A walk-in passenger's contact (booking.held / booking.confirmed of a counter sale). */
export interface WalkInContact {
  name: string | null;
  phone: string | null;
  email: string | null;
  language: string | null;
}

/**
 * Bookings as far as messages need them (booking.* and payment.refunded): who to tell about a trip,
 * and holds to remind before they lapse.
 */
export const bookings = notificationSchema.table(
  'bookings',
  {
    bookingId: uuid('booking_id').primaryKey(),
    tripId: uuid('trip_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** HELD, CONFIRMED, CANCELLED, EXPIRED or REFUNDED. */
    status: text('status').notNull(),
    tickets: jsonb('tickets').$type<{ ticketId: string; seatNumber: string; passengerName: string }[]>().notNull(),
    amount: integer('amount'),
    currency: text('currency'),
    /** Stop orders of the passenger's segment (docs/segments.md); null: the whole route. */
    boardingStop: integer('boarding_stop'),
    alightingStop: integer('alighting_stop'),
    /** The trip version whose renumbering the stop orders follow (booking.stops_changed); 0: as confirmed. */
    stopsVersion: integer('stops_version').notNull().default(0),
    /**
     * The stations of the passenger's segment (booking.confirmed, booking.stops_changed): their stops whatever a route
     * edit renumbered. Null for a booking confirmed before they were kept (its stop orders serve).
     */
    boardingStationId: text('boarding_station_id'),
    alightingStationId: text('alighting_station_id'),
    expiresAt: ts('expires_at'),
    /**
     * A counter sale's walk-in passenger: its messages go to this contact (userId is then the seller's)
     * until a passenger claims the booking; null for online bookings and once claimed.
     */
    contact: jsonb('contact').$type<WalkInContact>(),
    /** When a passenger took the counter sale into their account (booking.claimed): userId is theirs since. */
    claimedAt: ts('claimed_at'),
    /** The payment that confirmed it (booking.confirmed); null before, or when the event gave none. */
    paymentId: uuid('payment_id'),
    /** When the hold's reminder is due; null once queued or when the booking left HELD. */
    remindAt: ts('remind_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('bookings_trip_idx').on(t.tripId),
    index('bookings_remind_idx')
      .on(t.remindAt)
      .where(sql`remind_at is not null`),
  ],
);
export type BookingRow = typeof bookings.$inferSelect;

/**
 * Payments taken in cash at a counter (payment.succeeded with method CASH): their refunds are handed back
 * at the counter, so no "refund sent to your mobile money account" text is written for them.
 */
export const cashPayments = notificationSchema.table('cash_payments', {
  paymentId: uuid('payment_id').primaryKey(),
  bookingId: uuid('booking_id').notNull(),
});

/**
 * Every message and its delivery state. `dedupe_key` names what caused it (an event, a trip version, a
 * hold): with the recipient and channel it is unique, so a redelivered event never sends twice.
 */
export const messages = notificationSchema.table(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dedupeKey: text('dedupe_key').notNull(),
    /** The account it is for; null for a message to a phone no account has proven yet (a claim code). */
    userId: uuid('user_id'),
    channel: channelEnum('channel').notNull(),
    kind: messageKindEnum('kind').notNull(),
    /** Phone number or e-mail address, as it was when the message was written. */
    address: text('address').notNull(),
    /**
     * The phone or mailbox `address` reaches, however it is written (function `notification.mailbox`, migration 0016):
     * a phone without spaces or a trunk 0 after its country code, an e-mail in lower case without its `+tag` (and
     * Gmail's without dots). What the per-address limit counts by.
     */
    mailbox: text('mailbox')
      .notNull()
      .generatedAlwaysAs(sql`"notification"."mailbox"("address")`),
    language: text('language').notNull(),
    subject: text('subject'),
    /** The text as kept and shown: a code it carries (a claim or cash refund code) masked as CODE_MASK. */
    body: text('body').notNull(),
    /**
     * The code `subject` and `body` mask, put back as the message is sent; cleared by the database as the message
     * becomes SENT or FAILED (trigger `messages_forget_code`), so no code outlives its delivery.
     */
    code: text('code'),
    bookingId: uuid('booking_id'),
    tripId: uuid('trip_id'),
    /**
     * A change of a trip's time: when the bus was to leave the passenger's stop, as they had been told (the next change
     * not yet sent keeps it).
     */
    previousDepartureAt: ts('previous_departure_at'),
    /**
     * To an address a seller typed (a counter sale's walk-in passenger): the company of the sale. The hourly limit
     * on such an address counts that company's messages only.
     */
    typedByCompanyId: uuid('typed_by_company_id'),
    status: messageStatusEnum('status').notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    /**
     * When the message was first leased to be sent; null before. A message that cannot be sent is tried until
     * SEND_RETRY_FOR_MS after it (and SEND_MAX_ATTEMPTS times): a provider's outage is measured in time, not attempts.
     */
    firstAttemptAt: ts('first_attempt_at'),
    /**
     * After this the message says what is no longer so (a claim code past its expiry): given up (EXPIRED) rather than
     * sent, however many of its retries are left. Null: it is worth sending however late.
     */
    sendBefore: ts('send_before'),
    lastError: text('last_error'),
    /**
     * Why the message is no longer wanted, recorded while it was being sent (SENDING, its lease running) and left to
     * that send: should the send not be recorded (its sender stopped), the message is given up with it, not sent again.
     */
    giveUpReason: text('give_up_reason'),
    providerMessageId: text('provider_message_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('messages_dedupe_idx').on(t.dedupeKey, t.userId, t.channel),
    // The same for messages to no account (null user ids are never equal to each other).
    uniqueIndex('messages_dedupe_unaddressed_idx')
      .on(t.dedupeKey, t.channel)
      .where(sql`user_id is null`),
    index('messages_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`status in ('PENDING', 'RETRYING', 'SENDING')`),
    index('messages_created_idx').on(t.createdAt, t.id),
    index('messages_user_idx').on(t.userId),
    // A booking's messages: its trip's changes of time not delivered yet are replaced on every change and cancellation
    // (not partial: statements are prepared, and a generic plan cannot prove a partial index's predicate).
    index('messages_booking_idx').on(t.bookingId),
    // Messages per mailbox in the last hour (the per-address limit).
    index('messages_mailbox_created_idx').on(t.mailbox, t.createdAt),
  ],
);
export type MessageRow = typeof messages.$inferSelect;

/** The states a message went through, one row per change, oldest first. */
export const messageEvents = notificationSchema.table(
  'message_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id').notNull(),
    status: messageStatusEnum('status').notNull(),
    attempt: integer('attempt').notNull(),
    detail: text('detail'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('message_events_message_idx').on(t.messageId, t.at)],
);
export type MessageEventRow = typeof messageEvents.$inferSelect;

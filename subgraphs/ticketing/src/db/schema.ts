import { eventTables } from '@busline/shared';
import { sql } from 'drizzle-orm';
import { index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Every table of the ticketing subgraph lives in this Postgres schema. */
export const ticketingSchema = pgSchema('ticketing');

export const { outbox, processedEvents } = eventTables(ticketingSchema);

export const bookingStatusEnum = ticketingSchema.enum('booking_status', ['HELD', 'PENDING_PAYMENT', 'CONFIRMED', 'CANCELLED', 'EXPIRED', 'REFUNDED']);
export const ticketStatusEnum = ticketingSchema.enum('ticket_status', ['HELD', 'CONFIRMED', 'CANCELLED', 'EXPIRED', 'REFUNDED', 'BOARDED']);

/** The inventory side of a trip, replicated from the company subgraph's events. */
export const trips = ticketingSchema.table('trips', {
  id: uuid('id').primaryKey(),
  companyId: uuid('company_id').notNull(),
  departureAt: timestamp('departure_at', { withTimezone: true, mode: 'date' }).notNull(),
  status: text('status').notNull(),
  priceAmount: integer('price_amount').notNull(),
  currency: text('currency').notNull(),
});

/** Every seat of a trip, from its bus layout. */
export const tripSeats = ticketingSchema.table(
  'trip_seats',
  {
    tripId: uuid('trip_id').notNull().references(() => trips.id),
    label: text('label').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tripId, t.label] })],
);

export const bookings = ticketingSchema.table(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    tripId: uuid('trip_id').notNull().references(() => trips.id),
    /** Company running the trip, so its staff can be authorised without a join. */
    companyId: uuid('company_id').notNull(),
    status: bookingStatusEnum('status').notNull().default('HELD'),
    totalAmount: integer('total_amount').notNull(),
    currency: text('currency').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('bookings_user_created_idx').on(t.userId, t.createdAt)],
);

export const tickets = ticketingSchema.table(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id').notNull().references(() => bookings.id),
    tripId: uuid('trip_id').notNull(),
    seatLabel: text('seat_label').notNull(),
    passengerName: text('passenger_name').notNull(),
    status: ticketStatusEnum('status').notNull().default('HELD'),
  },
  (t) => [
    index('tickets_booking_idx').on(t.bookingId),
    // A seat is never sold twice: at most one active ticket per (trip, seat), enforced by Postgres.
    uniqueIndex('tickets_active_seat_key')
      .on(t.tripId, t.seatLabel)
      .where(sql`status in ('HELD', 'CONFIRMED', 'BOARDED')`),
  ],
);

export type TripRow = typeof trips.$inferSelect;
export type BookingRow = typeof bookings.$inferSelect;
export type TicketRow = typeof tickets.$inferSelect;

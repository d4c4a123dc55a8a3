import { eventTables } from '@busline/shared';
import { index, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every table of the qr subgraph lives in this Postgres schema. */
export const qrSchema = pgSchema('qr');

export const { outbox, processedEvents } = eventTables(qrSchema);

/** One signed boarding pass per confirmed ticket. */
export const boardingPasses = qrSchema.table(
  'boarding_passes',
  {
    ticketId: uuid('ticket_id').primaryKey(),
    bookingId: uuid('booking_id').notNull(),
    tripId: uuid('trip_id').notNull(),
    userId: uuid('user_id').notNull(),
    token: text('token').notNull(),
    keyId: text('key_id').notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('boarding_passes_booking_idx').on(t.bookingId)],
);

export type BoardingPassRow = typeof boardingPasses.$inferSelect;

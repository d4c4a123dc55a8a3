import { eventTables } from '@busline/shared';
import { index, integer, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every table of the payment subgraph lives in this Postgres schema. */
export const paymentSchema = pgSchema('payment');

export const { outbox, processedEvents } = eventTables(paymentSchema);

export const paymentStatusEnum = paymentSchema.enum('payment_status', ['PENDING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'REFUNDED']);
export const paymentMethodEnum = paymentSchema.enum('payment_method', ['MOBILE_MONEY', 'CARD']);

export const payments = paymentSchema.table(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id').notNull(),
    userId: uuid('user_id').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    method: paymentMethodEnum('method').notNull(),
    phone: text('phone'),
    status: paymentStatusEnum('status').notNull().default('PENDING'),
    providerReference: text('provider_reference'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('payments_booking_created_idx').on(t.bookingId, t.createdAt)],
);

export type PaymentRow = typeof payments.$inferSelect;

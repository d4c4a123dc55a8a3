import { eventTables } from '@busline/shared';
import { text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { pgSchema } from 'drizzle-orm/pg-core';

/** Every table of the auth subgraph lives in this Postgres schema. */
export const authSchema = pgSchema('auth');

export const { outbox, processedEvents } = eventTables(authSchema);

export const roleEnum = authSchema.enum('role', ['PASSENGER', 'DRIVER', 'COMPANY_ADMIN', 'PLATFORM_ADMIN']);
export const userStatusEnum = authSchema.enum('user_status', ['ACTIVE', 'SUSPENDED']);

export const users = authSchema.table(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-cased so lookups and the unique index ignore case. */
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: roleEnum('role').notNull().default('PASSENGER'),
    companyId: uuid('company_id'),
    status: userStatusEnum('status').notNull().default('ACTIVE'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

export type UserRow = typeof users.$inferSelect;

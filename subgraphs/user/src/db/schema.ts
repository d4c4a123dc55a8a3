import { eventTables } from '@busline/shared';
import { pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every table of the user subgraph lives in this Postgres schema. */
export const userSchema = pgSchema('user');

export const { outbox, processedEvents } = eventTables(userSchema);

export const profiles = userSchema.table('profiles', {
  userId: uuid('user_id').primaryKey(),
  fullName: text('full_name').notNull(),
  phone: text('phone'),
  avatarUrl: text('avatar_url'),
  language: text('language').notNull().default('en'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export type ProfileRow = typeof profiles.$inferSelect;
export type NewProfile = typeof profiles.$inferInsert;

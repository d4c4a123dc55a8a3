import { eventTables } from '@busline/shared';
import { index, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every table of the user subgraph lives in this Postgres schema. */
export const userSchema = pgSchema('user');

export const { outbox, processedEvents } = eventTables(userSchema);

export const roleEnum = userSchema.enum('role', ['PASSENGER', 'DRIVER', 'COMPANY_ADMIN', 'PLATFORM_ADMIN']);

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
  (t) => [primaryKey({ columns: [t.userId, t.term] }), index('search_terms_term_idx').on(t.term.op('text_pattern_ops'), t.userId)],
);

export type ProfileRow = typeof profiles.$inferSelect;
export type NewProfile = typeof profiles.$inferInsert;

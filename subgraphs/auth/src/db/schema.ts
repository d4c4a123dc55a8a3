import { eventTables } from '@busline/shared';
import {
  bigint,
  bigserial,
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

/** Every table of the auth subgraph lives in this Postgres schema. */
export const authSchema = pgSchema('auth');

export const { outbox, processedEvents } = eventTables(authSchema);

export const roleEnum = authSchema.enum('role', [
  'PASSENGER',
  'DRIVER',
  'COUNTER_AGENT',
  'COMPANY_ADMIN',
  'PLATFORM_ADMIN',
]);
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
    /** When the admin decision now in effect was made: events are unordered, an older one must not undo a newer. */
    roleDecidedAt: timestamp('role_decided_at', { withTimezone: true, mode: 'date' }),
    statusDecidedAt: timestamp('status_decided_at', { withTimezone: true, mode: 'date' }),
    /**
     * The user subgraph's number of that decision (its events' `decision`, in commit order): compared instead of the
     * times once both sides have one, since replicas' clocks may disagree and two decisions may share a millisecond.
     */
    roleDecision: bigint('role_decision', { mode: 'number' }),
    statusDecision: bigint('status_decision', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

/**
 * Opaque refresh tokens, stored only as SHA-256 hashes. Every rotation adds a row to the same
 * family; presenting a used or revoked token revokes the whole family (token theft detection).
 */
export const refreshTokens = authSchema.table(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Set when the token was exchanged for a newer one. */
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    /** A hash of the client's key for the exchange (refreshToken's idempotencyKey): a repeat with it is answered. */
    usedBy: text('used_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** When the sign-in (the family) began: no token of it outlives that by the sign-in's longest age. */
    familyStartedAt: timestamp('family_started_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('refresh_tokens_hash_key').on(t.tokenHash),
    index('refresh_tokens_family_idx').on(t.familyId),
    index('refresh_tokens_user_idx').on(t.userId),
    // The retention worker deletes token families long expired by it (retention.ts).
    index('refresh_tokens_expires_idx').on(t.expiresAt),
  ],
);

/**
 * Failed sign-ins (and registrations), counted per key over a sliding window: `pair:<email> <address>`,
 * `email:<email>`, `register:<address>`.
 * In Postgres so every auth instance sees the same counts.
 */
export const loginFailures = authSchema.table(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('login_failures_key_time_idx').on(t.key, t.failedAt),
    // The retention worker deletes failures past every window by it (retention.ts): a key that never fails again
    // (a mistyped address, a sprayed one) is not cleaned up by `record`.
    index('login_failures_failed_at_idx').on(t.failedAt),
  ],
);

/**
 * Where each account last signed in successfully from. Guesses spread over many addresses slow an
 * account down, but never from an address its owner has already used.
 */
export const signInAddresses = authSchema.table(
  'sign_in_addresses',
  {
    email: text('email').notNull(),
    address: text('address').notNull(),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.email, t.address] }),
    // The retention worker forgets addresses unused for long by it (retention.ts).
    index('sign_in_addresses_last_success_idx').on(t.lastSuccessAt),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

/**
 * Codes that set a new password (requestPasswordReset), sent by e-mail through notification: only a hash kept. A code
 * works until `expires_at`, for MAX_RESET_ATTEMPTS wrong tries from each address and MAX_RESET_TRIES in all; every
 * code of the account is used up by a reset or a password change.
 */
export const passwordResets = authSchema.table(
  'password_resets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Wrong tries per client address (its bucket): a guesser's tries use up the code for their address only. */
    wrongTries: jsonb('wrong_tries').$type<Record<string, number>>().notNull().default({}),
    /** The client address (its bucket) that asked for the code; null when unknown. */
    requestedFrom: text('requested_from'),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('password_resets_user_time_idx').on(t.userId, t.createdAt)],
);

export type PasswordResetRow = typeof passwordResets.$inferSelect;

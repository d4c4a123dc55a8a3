import { eventTables } from '@busline/shared';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Every table of the payment subgraph lives in this Postgres schema. */
export const paymentSchema = pgSchema('payment');

export const { outbox, processedEvents } = eventTables(paymentSchema);

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const paymentStatusEnum = paymentSchema.enum('payment_status', [
  'PENDING',
  'SUCCEEDED',
  'FAILED',
  'CANCELLED',
  'REFUNDED',
]);
// MOBILE_MONEY is the skeleton's generic value, kept (deprecated) so existing clients do not break.
export const paymentMethodEnum = paymentSchema.enum('payment_method', [
  'MOBILE_MONEY',
  'CARD',
  'MTN_MOMO',
  'AIRTEL_MONEY',
  'CASH',
]);
export type PaymentMethod = (typeof paymentMethodEnum.enumValues)[number];
export type PaymentStatus = (typeof paymentStatusEnum.enumValues)[number];

/**
 * Local replica of ticketing's bookings, fed by booking.* events: the price of a payment comes from
 * here, never from the client. A row may be a tombstone (expired/cancelled seen before held).
 */
export const payableBookings = paymentSchema.table('payable_bookings', {
  bookingId: uuid('booking_id').primaryKey(),
  userId: uuid('user_id').notNull(),
  companyId: uuid('company_id'),
  amount: integer('amount'),
  currency: text('currency'),
  expiresAt: ts('expires_at'),
  /** PAYABLE, EXPIRED or CANCELLED. */
  state: text('state').notNull().default('PAYABLE'),
  /** ONLINE or COUNTER (booking.held's `channel`; absent in events from before counter sales: ONLINE). */
  channel: text('channel').notNull().default('ONLINE'),
  /** The counter agent who sold a COUNTER booking: a cash refund with no staff canceller goes on their shift. */
  soldBy: uuid('sold_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
export type PayableBookingRow = typeof payableBookings.$inferSelect;

export const payments = paymentSchema.table(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id').notNull(),
    userId: uuid('user_id').notNull(),
    companyId: uuid('company_id'),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    method: paymentMethodEnum('method').notNull(),
    phone: text('phone'),
    status: paymentStatusEnum('status').notNull().default('PENDING'),
    /** Reference we give the provider (MoMo's X-Reference-Id), chosen before the request so retries are idempotent. */
    providerReference: text('provider_reference'),
    /**
     * The provider adapter that took the request (`mtn-momo`, `airtel-money`, `sandbox-momo`), chosen by
     * configuration when the payment starts; status checks, cancellation and refunds go to the same one.
     * Null on payments made before providers were configurable (they went to the sandbox).
     */
    provider: text('provider'),
    /** ISO 3166 country of the payer's wallet (from the phone number): the provider's market. */
    country: text('country'),
    failureReason: text('failure_reason'),
    /**
     * When the payment is next checked on the provider's status API: set at creation to just after the
     * expected callback and pushed back with each check while PENDING; kept on a payment we failed without
     * the provider's word (PROVIDER_UNAVAILABLE, UNKNOWN_TO_PROVIDER), whose payer may still approve; null once
     * settled. It is
     * also the lease that keeps other instances off.
     */
    nextCheckAt: ts('next_check_at'),
    /**
     * When the provider accepted the payment's push request. Null on a payment whose request was never sent or never
     * answered (its process died first, or a client's retry found the payment its lost commit made): once the
     * request's time is over, a status check that finds it unknown to the provider sends it again (same reference).
     */
    requestedAt: ts('requested_at'),
    /** Status checks made so far; the back-off grows with it. */
    statusChecks: integer('status_checks').notNull().default(0),
    settledAt: ts('settled_at'),
    /** W3C trace context of startPayment: the settlement, however late, continues that trace. */
    traceparent: text('traceparent'),
    /** CASH only: the cash shift it was taken in (never moves to another shift). */
    shiftId: uuid('shift_id'),
    /** CASH only: the staff member who took the cash. */
    agentId: uuid('agent_id'),
    /** CASH only: the cash received; the change handed back is this minus `amount`. */
    cashReceived: integer('cash_received'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('payments_booking_created_idx').on(t.bookingId, t.createdAt),
    // Push prompts per wallet in the last hour (startPayment's limit).
    index('payments_phone_created_idx')
      .on(t.phone, t.createdAt)
      .where(sql`phone is not null`),
    index('payments_shift_idx')
      .on(t.shiftId)
      .where(sql`shift_id is not null`),
    uniqueIndex('payments_provider_reference_idx').on(t.providerReference),
    // At most one payment per booking that is in flight or has collected the money.
    uniqueIndex('payments_one_active_per_booking_idx')
      .on(t.bookingId)
      .where(sql`status in ('PENDING', 'SUCCEEDED')`),
    // Only payments still being checked (PENDING, or FAILED by our own verdict) have a next check.
    index('payments_next_check_idx')
      .on(t.nextCheckAt)
      .where(sql`next_check_at is not null`),
  ],
);
export type PaymentRow = typeof payments.$inferSelect;

/** startPayment idempotency keys, kept 24 h: the first insert wins, later calls replay its payment. */
export const idempotencyKeys = paymentSchema.table(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    paymentId: uuid('payment_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/** Webhook deliveries already applied (provider event ids), so a replay changes nothing. */
export const webhookDeliveries = paymentSchema.table(
  'webhook_deliveries',
  {
    eventId: text('event_id').primaryKey(),
    providerReference: text('provider_reference').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  // The retention worker deletes old deliveries by it (retention.ts).
  (t) => [index('webhook_deliveries_received_idx').on(t.receivedAt)],
);

/**
 * DUE: a cash refund owed to a passenger who was not at the counter when it arose (a trip cancelled by the
 * company, an online cancellation, refund.requested); it becomes SUCCEEDED when staff hand the cash out.
 */
export const refundStatusEnum = paymentSchema.enum('refund_status', ['PENDING', 'SUCCEEDED', 'FAILED', 'DUE']);

/**
 * One refund per payment: a redelivered request never pays out twice, and every payment of a booking that has to go
 * back (two late successes of one expired booking) gets its own.
 */
export const refunds = paymentSchema.table(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id').notNull(),
    bookingId: uuid('booking_id').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    reason: text('reason').notNull(),
    status: refundStatusEnum('status').notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    /** Attempts the provider refused or that failed; at the limit the refund turns FAILED (manual follow-up). */
    failures: integer('failures').notNull().default(0),
    /**
     * The provider's reference of the current attempt (MoMo's X-Reference-Id); null until an attempt was
     * refused, meaning the refund's id. A new one is minted only once the previous one reads FAILED, so a
     * refused refund is sent again and one that may still be under way never is.
     */
    providerReference: text('provider_reference'),
    /**
     * An attempt got no clear answer (no answer, or the provider's 5xx): it may have gone through. Such
     * an attempt is not counted as a failure, and the provider's "already refunded" then means done.
     */
    outcomeUnknown: boolean('outcome_unknown').notNull().default(false),
    /**
     * An attempt is leased and its outcome not recorded yet: set by the lease, cleared whenever an attempt's outcome
     * is recorded. Still set when the next attempt is leased, the earlier one ended without a word (its process
     * died or was stopped) and may have reached the provider: that lease sets `outcome_unknown`.
     */
    attemptInFlight: boolean('attempt_in_flight').notNull().default(false),
    /** The provider's last refusal or the last error, for whoever follows a FAILED refund up. */
    lastError: text('last_error'),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    /** Refund of a CASH payment: the shift the cash was handed back on (no provider is involved); null while DUE. */
    shiftId: uuid('shift_id'),
    /** Refund of a CASH payment: the staff member whose till paid it back. */
    agentId: uuid('agent_id'),
    /**
     * DUE cash refund: the hash of the code texted to the passenger (payment.refund_due), which a counter agent
     * asks for before handing the cash out; null for other refunds and for DUE ones from before codes.
     */
    codeHash: text('code_hash'),
    /** Wrong codes given for the current code; at MAX_REFUND_CODE_ATTEMPTS it is void until a new one is sent. */
    codeAttempts: integer('code_attempts').notNull().default(0),
    /** Codes sent for this refund (the first when it became DUE included); at most MAX_REFUND_CODES. */
    codesSent: integer('codes_sent').notNull().default(0),
    codeSentAt: ts('code_sent_at'),
    /** How a DUE refund's hand-out was proven: CODE (the passenger's code) or ADMIN (an admin, without it). */
    handOutProof: text('hand_out_proof'),
    createdAt: ts('created_at').notNull().defaultNow(),
    completedAt: ts('completed_at'),
  },
  (t) => [
    uniqueIndex('refunds_payment_idx').on(t.paymentId),
    index('refunds_shift_idx')
      .on(t.shiftId)
      .where(sql`shift_id is not null`),
    index('refunds_pending_idx')
      .on(t.nextAttemptAt)
      .where(sql`status = 'PENDING'`),
    index('refunds_failed_idx')
      .on(t.createdAt)
      .where(sql`status = 'FAILED'`),
    // cashRefundsDue: the owed (DUE) cash refunds, oldest first. Not a partial index: a value added to an
    // enum cannot be used in the migration's transaction that adds it.
    index('refunds_status_created_idx').on(t.status, t.createdAt, t.id),
  ],
);
export type RefundRow = typeof refunds.$inferSelect;

export const cashShiftStatusEnum = paymentSchema.enum('cash_shift_status', ['OPEN', 'CLOSED']);
export type CashShiftStatus = (typeof cashShiftStatusEnum.enumValues)[number];

/**
 * A counter agent's period at the till. The first cash payment (or cash refund) with none open opens one;
 * closeCashShift closes it. Its totals are summed from the payments and refunds that name it.
 */
export const cashShifts = paymentSchema.table(
  'cash_shifts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agentId: uuid('agent_id').notNull(),
    companyId: uuid('company_id').notNull(),
    status: cashShiftStatusEnum('status').notNull().default('OPEN'),
    openedAt: ts('opened_at').notNull().defaultNow(),
    closedAt: ts('closed_at'),
    /** Who closed it: the agent, or an admin closing it for them. */
    closedBy: uuid('closed_by'),
  },
  (t) => [
    // One OPEN shift per agent: two first cash payments at once open it once (the loser reuses it).
    uniqueIndex('cash_shifts_one_open_per_agent_idx')
      .on(t.agentId)
      .where(sql`status = 'OPEN'`),
    index('cash_shifts_company_opened_idx').on(t.companyId, t.openedAt, t.id),
  ],
);
export type CashShiftRow = typeof cashShifts.$inferSelect;

/**
 * State of the built-in sandbox mobile-money provider (stands in for MTN MoMo's side). Kept in the
 * database so its status API answers across restarts and instances.
 */
export const sandboxRequests = paymentSchema.table('sandbox_requests', {
  referenceId: text('reference_id').primaryKey(),
  kind: text('kind').notNull(),
  amount: integer('amount').notNull(),
  currency: text('currency').notNull(),
  phone: text('phone'),
  callbackUrl: text('callback_url'),
  /** SUCCESSFUL, FAILED or CANCELLED once `settlesAt` has passed. */
  outcome: text('outcome').notNull(),
  reason: text('reason'),
  settlesAt: ts('settles_at').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

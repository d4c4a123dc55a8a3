import { parseEnv, subgraphEnv, z } from '@busline/shared';

const schema = z.object({
  ...subgraphEnv,
  PORT: subgraphEnv.PORT.default(8006),
  /** Shared secret of the MoMo callbacks (HMAC-SHA256); generated and kept under DATA_DIR outside production. */
  MOMO_WEBHOOK_SECRET: z.string().min(16, 'MOMO_WEBHOOK_SECRET must be at least 16 characters').optional(),
  /** Public URL of POST /webhooks/momo given to the provider; defaults to this service's own URL. */
  PAYMENT_WEBHOOK_URL: z.string().url().optional(),
  /** Sandbox provider: how long the payer takes to answer. */
  SANDBOX_CALLBACK_DELAY_MS: z.coerce.number().int().min(0).default(1500),
  /** Sandbox provider: when an unanswered request (number ending 9999) turns SUCCESSFUL on the status API. */
  SANDBOX_UNANSWERED_SETTLE_MS: z.coerce.number().int().min(0).default(90_000),
  /** When the provider's callback is expected after a payment request; defaults to SANDBOX_CALLBACK_DELAY_MS. */
  PAYMENT_CALLBACK_EXPECTED_MS: z.coerce.number().int().min(0).optional(),
  /**
   * A PENDING payment is first checked on the provider's status API this long after its expected callback
   * (formerly counted from the request, default 60 s).
   */
  RECONCILE_AFTER_MS: z.coerce.number().int().min(0).default(3000),
  /** Delay before the second status check; it doubles with each further check. */
  RECONCILE_BACKOFF_MS: z.coerce.number().int().min(10).default(5000),
  /** Longest delay between two status checks of a payment still PENDING. */
  RECONCILE_BACKOFF_MAX_MS: z.coerce.number().int().min(10).default(60_000),
  /** How often the reconciliation worker looks for payments and refunds that are due. */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(10).default(1000),
  /** Delay before retrying a refund the provider refused or that failed; it doubles with each failure. */
  REFUND_RETRY_MS: z.coerce.number().int().min(10).default(5000),
  /** Longest delay between two refund attempts. */
  REFUND_RETRY_MAX_MS: z.coerce.number().int().min(10).default(3_600_000),
  /** Failed attempts after which a refund is given up as FAILED (logged at error level, listed in failedRefunds). */
  REFUND_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(8),
  /** How long startPayment waits for the booking replica (booking.held) before answering UNAVAILABLE. */
  BOOKING_REPLICA_WAIT_MS: z.coerce.number().int().min(0).default(2000),
});

export type PaymentConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): PaymentConfig {
  return parseEnv('payment', schema, source);
}

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
  /** Payments PENDING longer than this are checked with the provider's status API. */
  RECONCILE_AFTER_MS: z.coerce.number().int().min(0).default(60_000),
  /** How often the reconciliation worker runs. */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(10).default(15_000),
  /** How long startPayment waits for the booking replica (booking.held) before answering UNAVAILABLE. */
  BOOKING_REPLICA_WAIT_MS: z.coerce.number().int().min(0).default(2000),
});

export type PaymentConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): PaymentConfig {
  return parseEnv('payment', schema, source);
}

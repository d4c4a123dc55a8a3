import { parseEnv, subgraphEnv, z } from '@busline/shared';

/** The payment subgraph's environment (descriptions feed docs/configuration.md). */
export const schema = z.object({
  ...subgraphEnv,
  PORT: subgraphEnv.PORT.default(8006),
  MOMO_WEBHOOK_SECRET: z
    .string()
    .min(16, 'MOMO_WEBHOOK_SECRET must be at least 16 characters')
    .optional()
    .describe(
      'Shared secret of the MoMo callbacks (HMAC-SHA256); required in production (`npm run keys`); generated and kept under DATA_DIR outside it',
    ),
  PAYMENT_WEBHOOK_URL: z
    .string()
    .url()
    .optional()
    .describe("Public URL of POST /webhooks/momo given to the provider; defaults to this service's own URL"),
  AIRTEL_WEBHOOK_URL: z
    .string()
    .url()
    .optional()
    .describe(
      "Public URL of POST /webhooks/airtel (registered in Airtel's portal); defaults to this service's own URL",
    ),
  PAYMENT_SIMULATOR_URL: z
    .string()
    .url()
    .optional()
    .describe(
      'URL of the provider simulator (its own process, `npm start -w packages/provider-simulator`): both adapters talk to it instead of MTN and Airtel. No money moves; allowed in production only as this explicit choice, which the logs and /readyz then report, and never together with provider credentials. Its host must be local or private (localhost, 127/8, 10/8, 172.16/12, 192.168/16, a name without dots, *.svc, *.cluster.local, *.internal)',
    ),
  PAYMENT_PROVIDERS: z
    .string()
    .optional()
    .describe(
      'Which provider takes a payment: JSON array of routes `{ provider, methods?, countries?, companies? }`, first match wins. Default: MTN MoMo for MTN_MOMO in RW and UG, Airtel Money for AIRTEL_MONEY in RW, UG, KE',
    ),
  MTN_MOMO_BASE_URL: z
    .string()
    .url()
    .default('https://sandbox.momodeveloper.mtn.com')
    .describe("MTN MoMo API host (default MTN's sandbox; https://proxy.momoapi.mtn.com in production)"),
  MTN_MOMO_TARGET_ENVIRONMENT: z
    .string()
    .trim()
    .min(1)
    .default('sandbox')
    .describe(
      'X-Target-Environment: `sandbox`, one value (mtnrwanda), or per country (RW=mtnrwanda,UG=mtnuganda; in production one for every country a route sends to mtn-momo: its countries, or RW and UG for a route without)',
    ),
  MTN_MOMO_API_USER: z.string().trim().min(1).optional().describe('MTN MoMo collection product: API user (a UUID)'),
  MTN_MOMO_API_KEY: z.string().trim().min(1).optional().describe('MTN MoMo collection product: API key'),
  MTN_MOMO_SUBSCRIPTION_KEY: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('MTN MoMo collection product: subscription key (Ocp-Apim-Subscription-Key)'),
  MTN_MOMO_DISBURSEMENT_API_USER: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('MTN MoMo disbursement product (refunds): API user'),
  MTN_MOMO_DISBURSEMENT_API_KEY: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('MTN MoMo disbursement product (refunds): API key'),
  MTN_MOMO_DISBURSEMENT_SUBSCRIPTION_KEY: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('MTN MoMo disbursement product (refunds): subscription key'),
  AIRTEL_MONEY_BASE_URL: z
    .string()
    .url()
    .default('https://openapiuat.airtel.africa')
    .describe(
      "Airtel Money API host (default Airtel's staging, https://openapiuat.airtel.africa; https://openapi.airtel.africa in production)",
    ),
  AIRTEL_MONEY_CLIENT_ID: z.string().trim().min(1).optional().describe('Airtel Money API client id'),
  AIRTEL_MONEY_CLIENT_SECRET: z.string().trim().min(1).optional().describe('Airtel Money API client secret'),
  AIRTEL_MONEY_CALLBACK_SECRET: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe(
      "Airtel's callback private key: when set, callbacks without its valid `hash` are refused; required in production when payments are routed to Airtel",
    ),
  PROVIDER_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(120_000)
    .default(10_000)
    .describe('How long one provider HTTP call may take'),
  PROVIDER_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(10)
    .default(3)
    .describe('Attempts of an idempotent provider call (MoMo request-to-pay under one reference, status reads)'),
  PROVIDER_RETRY_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(500)
    .describe('Delay before the second attempt; doubles with each further one'),
  SANDBOX_CALLBACK_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(600_000)
    .default(1500)
    .describe('Sandbox provider: how long the payer takes to answer'),
  SANDBOX_UNANSWERED_SETTLE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .default(90_000)
    .describe('Sandbox provider: when an unanswered request (number ending 9999) turns SUCCESSFUL on the status API'),
  PAYMENT_CALLBACK_EXPECTED_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .optional()
    .describe(
      "When the provider's callback is expected after a payment request; defaults to SANDBOX_CALLBACK_DELAY_MS",
    ),
  RECONCILE_AFTER_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .default(3000)
    .describe("A PENDING payment is first checked on the provider's status API this long after its expected callback"),
  RECONCILE_BACKOFF_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(3_600_000)
    .default(5000)
    .describe('Delay before the second status check; it doubles with each further check'),
  RECONCILE_BACKOFF_MAX_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(86_400_000)
    .default(60_000)
    .describe('Longest delay between two status checks of a payment still PENDING'),
  RECONCILE_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(600_000)
    .default(1000)
    .describe('How often the reconciliation worker looks for payments and refunds that are due'),
  REFUND_RETRY_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(3_600_000)
    .default(5000)
    .describe('Delay before retrying a refund the provider refused or that failed; it doubles with each failure'),
  REFUND_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(86_400_000)
    .default(3_600_000)
    .describe('Longest delay between two refund attempts'),
  REFUND_MAX_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .default(8)
    .describe(
      'Failed attempts after which a refund is given up as FAILED (logged at error level, listed in failedRefunds)',
    ),
  BOOKING_REPLICA_WAIT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(2000)
    .describe('How long startPayment waits for the booking replica (booking.held) before answering UNAVAILABLE'),
  PAYMENT_PROMPTS_PER_BOOKING: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(5)
    .describe('Mobile-money payments (push prompts) one booking may ask for; past it BAD_USER_INPUT TOO_MANY_ATTEMPTS'),
  PAYMENT_PROMPTS_PER_WALLET_PER_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(10)
    .describe(
      'Push prompts one phone number may receive in an hour over every booking and account; past it RATE_LIMITED',
    ),
});

export type PaymentConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): PaymentConfig {
  return parseEnv('payment', schema, source);
}

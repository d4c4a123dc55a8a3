import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isWeakSecret } from '@busline/shared';
import type { PaymentConfig } from './env';
import { providersFromEnv, type ProvidersConfig } from './provider/config';
import type { PaymentProvider } from './provider/types';

/** Configuration of the payment subgraph beyond SubgraphDeps; everything has a safe default for tests. */
export interface PaymentOptions {
  /** HMAC secret of MoMo callbacks; random per process when omitted. */
  webhookSecret?: string;
  /** Public URL of POST /webhooks/momo; derived from the listening URL when omitted. */
  webhookUrl?: string;
  /** Public URL of POST /webhooks/airtel (what is registered with Airtel); derived likewise. */
  airtelWebhookUrl?: string;
  /** MTN MoMo / Airtel Money adapters and their routes; without them the in-process sandbox (tests). */
  providers?: ProvidersConfig;
  sandboxCallbackDelayMs?: number;
  sandboxUnansweredSettleMs?: number;
  /** When the provider's callback is expected after a request; the sandbox's callback delay when omitted. */
  expectedCallbackMs?: number;
  /** First status check of a PENDING payment, counted from its expected callback. */
  reconcileAfterMs?: number;
  /** Second status check after the first; doubles with each further one up to `reconcileBackoffMaxMs`. */
  reconcileBackoffMs?: number;
  reconcileBackoffMaxMs?: number;
  /** How often the worker looks for due payments and refunds. */
  reconcileIntervalMs?: number;
  /** First refund retry delay; doubles with each failure up to `refundRetryMaxMs`. */
  refundRetryMs?: number;
  refundRetryMaxMs?: number;
  /** Failures after which a refund is given up as FAILED. */
  refundMaxAttempts?: number;
  bookingReplicaWaitMs?: number;
  /** Mobile-money payments one booking may ask for (each a push prompt to the payer's phone). */
  promptsPerBooking?: number;
  /** Push prompts one wallet (phone number) may receive in an hour, over every booking and account. */
  promptsPerWalletPerHour?: number;
  /** Wraps each provider (tests wrap the sandbox to count requests or inject faults). */
  provider?: (sandbox: PaymentProvider) => PaymentProvider;
}

type Optional = 'webhookUrl' | 'airtelWebhookUrl' | 'providers' | 'provider';
export type ResolvedPaymentOptions = Required<Omit<PaymentOptions, Optional>> & Pick<PaymentOptions, Optional>;

export function resolveOptions(options: PaymentOptions = {}): ResolvedPaymentOptions {
  return {
    webhookSecret: options.webhookSecret ?? randomBytes(32).toString('hex'),
    webhookUrl: options.webhookUrl,
    airtelWebhookUrl: options.airtelWebhookUrl,
    providers: options.providers,
    sandboxCallbackDelayMs: options.sandboxCallbackDelayMs ?? 1500,
    sandboxUnansweredSettleMs: options.sandboxUnansweredSettleMs ?? 90_000,
    expectedCallbackMs: options.expectedCallbackMs ?? options.sandboxCallbackDelayMs ?? 1500,
    reconcileAfterMs: options.reconcileAfterMs ?? 3000,
    reconcileBackoffMs: options.reconcileBackoffMs ?? 5000,
    reconcileBackoffMaxMs: options.reconcileBackoffMaxMs ?? 60_000,
    reconcileIntervalMs: options.reconcileIntervalMs ?? 1000,
    refundRetryMs: options.refundRetryMs ?? 5000,
    refundRetryMaxMs: options.refundRetryMaxMs ?? 3_600_000,
    refundMaxAttempts: options.refundMaxAttempts ?? 8,
    bookingReplicaWaitMs: options.bookingReplicaWaitMs ?? 2000,
    promptsPerBooking: options.promptsPerBooking ?? 5,
    promptsPerWalletPerHour: options.promptsPerWalletPerHour ?? 10,
    provider: options.provider,
  };
}

/**
 * Reads the payment options from the environment. In production it refuses to go on without every
 * routed provider's real credentials, unless PAYMENT_SIMULATOR_URL says to use the simulator. Without
 * MOMO_WEBHOOK_SECRET outside production, a secret is generated once and kept in `${DATA_DIR}/keys/payment.json` so
 * restarts keep accepting
 * callbacks signed before them.
 */
export async function loadServerOptions(config: PaymentConfig): Promise<PaymentOptions> {
  let webhookSecret = config.MOMO_WEBHOOK_SECRET;
  // It signs the callback URLs MTN is given: anyone who guesses it can make callbacks look like MTN's.
  if (webhookSecret && config.NODE_ENV === 'production' && isWeakSecret(webhookSecret))
    throw new Error(
      'MOMO_WEBHOOK_SECRET: a published example or too simple to be secret (generate one with `npm run keys`)',
    );
  if (!webhookSecret) {
    if (config.NODE_ENV === 'production') throw new Error('MOMO_WEBHOOK_SECRET is required in production');
    const file = join(config.DATA_DIR, 'keys', 'payment.json');
    if (existsSync(file)) {
      webhookSecret = (JSON.parse(readFileSync(file, 'utf8')) as { webhookSecret: string }).webhookSecret;
    } else {
      webhookSecret = randomBytes(32).toString('hex');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ webhookSecret }, null, 2), { mode: 0o600 });
    }
  }
  return {
    webhookSecret,
    webhookUrl: config.PAYMENT_WEBHOOK_URL,
    airtelWebhookUrl: config.AIRTEL_WEBHOOK_URL,
    // Throws in production without real credentials (or the explicit PAYMENT_SIMULATOR_URL).
    providers: providersFromEnv(config),
    sandboxCallbackDelayMs: config.SANDBOX_CALLBACK_DELAY_MS,
    sandboxUnansweredSettleMs: config.SANDBOX_UNANSWERED_SETTLE_MS,
    expectedCallbackMs: config.PAYMENT_CALLBACK_EXPECTED_MS,
    reconcileAfterMs: config.RECONCILE_AFTER_MS,
    reconcileBackoffMs: config.RECONCILE_BACKOFF_MS,
    reconcileBackoffMaxMs: config.RECONCILE_BACKOFF_MAX_MS,
    reconcileIntervalMs: config.RECONCILE_INTERVAL_MS,
    refundRetryMs: config.REFUND_RETRY_MS,
    refundRetryMaxMs: config.REFUND_RETRY_MAX_MS,
    refundMaxAttempts: config.REFUND_MAX_ATTEMPTS,
    bookingReplicaWaitMs: config.BOOKING_REPLICA_WAIT_MS,
    promptsPerBooking: config.PAYMENT_PROMPTS_PER_BOOKING,
    promptsPerWalletPerHour: config.PAYMENT_PROMPTS_PER_WALLET_PER_HOUR,
  };
}

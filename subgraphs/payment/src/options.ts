import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PaymentConfig } from './env';
import type { PaymentProvider } from './provider/types';

/** Configuration of the payment subgraph beyond SubgraphDeps; everything has a safe default for tests. */
export interface PaymentOptions {
  /** HMAC secret of MoMo callbacks; random per process when omitted. */
  webhookSecret?: string;
  /** Public URL of POST /webhooks/momo; derived from the listening URL when omitted. */
  webhookUrl?: string;
  sandboxCallbackDelayMs?: number;
  sandboxUnansweredSettleMs?: number;
  reconcileAfterMs?: number;
  reconcileIntervalMs?: number;
  bookingReplicaWaitMs?: number;
  /** Replaces the built-in sandbox (tests wrap it to count requests). */
  provider?: (sandbox: PaymentProvider) => PaymentProvider;
}

export type ResolvedPaymentOptions = Required<Omit<PaymentOptions, 'webhookUrl' | 'provider'>> & Pick<PaymentOptions, 'webhookUrl' | 'provider'>;

export function resolveOptions(options: PaymentOptions = {}): ResolvedPaymentOptions {
  return {
    webhookSecret: options.webhookSecret ?? randomBytes(32).toString('hex'),
    webhookUrl: options.webhookUrl,
    sandboxCallbackDelayMs: options.sandboxCallbackDelayMs ?? 1500,
    sandboxUnansweredSettleMs: options.sandboxUnansweredSettleMs ?? 90_000,
    reconcileAfterMs: options.reconcileAfterMs ?? 60_000,
    reconcileIntervalMs: options.reconcileIntervalMs ?? 15_000,
    bookingReplicaWaitMs: options.bookingReplicaWaitMs ?? 2000,
    provider: options.provider,
  };
}

/**
 * Reads the payment options from the environment. Without MOMO_WEBHOOK_SECRET outside production,
 * a secret is generated once and kept in `${DATA_DIR}/keys/payment.json` so restarts keep accepting
 * callbacks signed before them.
 */
export async function loadServerOptions(config: PaymentConfig): Promise<PaymentOptions> {
  let webhookSecret = config.MOMO_WEBHOOK_SECRET;
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
    sandboxCallbackDelayMs: config.SANDBOX_CALLBACK_DELAY_MS,
    sandboxUnansweredSettleMs: config.SANDBOX_UNANSWERED_SETTLE_MS,
    reconcileAfterMs: config.RECONCILE_AFTER_MS,
    reconcileIntervalMs: config.RECONCILE_INTERVAL_MS,
    bookingReplicaWaitMs: config.BOOKING_REPLICA_WAIT_MS,
  };
}

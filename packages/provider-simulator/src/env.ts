import { commonEnv, parseEnv, z } from '@busline/shared';
import type { SimulatorOptions } from './context';

const schema = z.object({
  ...commonEnv,
  PORT: z.coerce.number().int().min(0).max(65535).default(8090),
  HOST: z.string().default('0.0.0.0'),
  /** Credentials it accepts; default `simulator` for each (what payment uses with PAYMENT_SIMULATOR_URL). */
  SIMULATOR_MTN_API_USER: z.string().min(1).default('simulator'),
  SIMULATOR_MTN_API_KEY: z.string().min(1).default('simulator'),
  SIMULATOR_MTN_SUBSCRIPTION_KEY: z.string().min(1).default('simulator'),
  SIMULATOR_AIRTEL_CLIENT_ID: z.string().min(1).default('simulator'),
  SIMULATOR_AIRTEL_CLIENT_SECRET: z.string().min(1).default('simulator'),
  /** Where Airtel callbacks go (payment's POST /webhooks/airtel). */
  SIMULATOR_AIRTEL_CALLBACK_URL: z.string().url().optional(),
  /** Signs Airtel callbacks (payment's AIRTEL_MONEY_CALLBACK_SECRET). */
  SIMULATOR_AIRTEL_CALLBACK_SECRET: z.string().min(1).optional(),
  SIMULATOR_MTN_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).default(3600),
  SIMULATOR_AIRTEL_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).default(180),
  /** How long a payer takes to answer. */
  SIMULATOR_CALLBACK_DELAY_MS: z.coerce.number().int().min(0).default(1500),
  /** When a number ending 9999 (never calls back) shows SUCCESSFUL on the status API. */
  SIMULATOR_UNANSWERED_SETTLE_MS: z.coerce.number().int().min(0).default(90_000),
});

export type SimulatorConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): SimulatorConfig {
  return parseEnv('provider-simulator', schema, source);
}

export function optionsFrom(config: SimulatorConfig): Partial<SimulatorOptions> {
  const mtn = { apiUser: config.SIMULATOR_MTN_API_USER, apiKey: config.SIMULATOR_MTN_API_KEY, subscriptionKey: config.SIMULATOR_MTN_SUBSCRIPTION_KEY };
  return {
    mtnCollection: mtn,
    mtnDisbursement: mtn,
    mtnTokenTtlSeconds: config.SIMULATOR_MTN_TOKEN_TTL_SECONDS,
    airtelClientId: config.SIMULATOR_AIRTEL_CLIENT_ID,
    airtelClientSecret: config.SIMULATOR_AIRTEL_CLIENT_SECRET,
    airtelTokenTtlSeconds: config.SIMULATOR_AIRTEL_TOKEN_TTL_SECONDS,
    airtelCallbackUrl: config.SIMULATOR_AIRTEL_CALLBACK_URL,
    airtelCallbackSecret: config.SIMULATOR_AIRTEL_CALLBACK_SECRET,
    callbackDelayMs: config.SIMULATOR_CALLBACK_DELAY_MS,
    unansweredSettleMs: config.SIMULATOR_UNANSWERED_SETTLE_MS,
  };
}

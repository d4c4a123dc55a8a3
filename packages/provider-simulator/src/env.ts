import { commonEnv, parseEnv, z } from '@busline/shared';
import type { SimulatorOptions } from './context';

/** The provider simulator's environment (descriptions feed docs/configuration.md). */
export const schema = z.object({
  ...commonEnv,
  PORT: z.coerce.number().int().min(0).max(65535).default(8090).describe('Port of the simulator'),
  HOST: z.string().default('0.0.0.0').describe('Address the simulator listens on'),
  SIMULATOR_SMTP_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(8025)
    .describe("Port of the simulator's SMTP server, which accepts every e-mail (notification's SMTP_URL points at it)"),
  SIMULATOR_SMS_USERNAME: z
    .string()
    .min(1)
    .default('simulator')
    .describe("Africa's Talking username its SMS API accepts (notification's AFRICASTALKING_USERNAME)"),
  SIMULATOR_SMS_API_KEY: z
    .string()
    .min(1)
    .default('simulator')
    .describe("Africa's Talking API key its SMS API accepts (notification's AFRICASTALKING_API_KEY)"),
  SIMULATOR_MTN_API_USER: z
    .string()
    .min(1)
    .default('simulator')
    .describe(
      'MTN MoMo API user it accepts (collection and disbursement); payment uses `simulator` with PAYMENT_SIMULATOR_URL',
    ),
  SIMULATOR_MTN_API_KEY: z.string().min(1).default('simulator').describe('MTN MoMo API key it accepts'),
  SIMULATOR_MTN_SUBSCRIPTION_KEY: z
    .string()
    .min(1)
    .default('simulator')
    .describe('MTN MoMo subscription key (Ocp-Apim-Subscription-Key) it accepts'),
  SIMULATOR_AIRTEL_CLIENT_ID: z.string().min(1).default('simulator').describe('Airtel Money client id it accepts'),
  SIMULATOR_AIRTEL_CLIENT_SECRET: z
    .string()
    .min(1)
    .default('simulator')
    .describe('Airtel Money client secret it accepts'),
  SIMULATOR_AIRTEL_CALLBACK_URL: z
    .string()
    .url()
    .optional()
    .describe(
      "Where Airtel callbacks go (payment's POST /webhooks/airtel; Airtel has one callback URL per application)",
    ),
  SIMULATOR_AIRTEL_CALLBACK_SECRET: z
    .string()
    .min(1)
    .optional()
    .describe("Signs Airtel callbacks with `hash` (payment's AIRTEL_MONEY_CALLBACK_SECRET)"),
  SIMULATOR_MTN_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(3600)
    .describe('Lifetime of an MTN access token'),
  SIMULATOR_AIRTEL_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(180)
    .describe('Lifetime of an Airtel access token'),
  SIMULATOR_CALLBACK_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(600_000)
    .default(1500)
    .describe('How long a simulated payer takes to answer (`npm start`: SANDBOX_CALLBACK_DELAY_MS when unset)'),
  SIMULATOR_UNANSWERED_SETTLE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .default(90_000)
    .describe(
      'When a number ending 9999 (never calls back) shows SUCCESSFUL on the status API (`npm start`: SANDBOX_UNANSWERED_SETTLE_MS when unset)',
    ),
});

export type SimulatorConfig = z.infer<typeof schema>;

/** An empty setting (compose passes `${X:-}` through) counts as unset (parseEnv). */
export function loadConfig(source: Record<string, string | undefined> = process.env): SimulatorConfig {
  return parseEnv('provider-simulator', schema, source);
}

export function optionsFrom(config: SimulatorConfig): Partial<SimulatorOptions> {
  const mtn = {
    apiUser: config.SIMULATOR_MTN_API_USER,
    apiKey: config.SIMULATOR_MTN_API_KEY,
    subscriptionKey: config.SIMULATOR_MTN_SUBSCRIPTION_KEY,
  };
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
    smsUsername: config.SIMULATOR_SMS_USERNAME,
    smsApiKey: config.SIMULATOR_SMS_API_KEY,
  };
}

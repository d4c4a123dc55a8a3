import { createServer as createSimulator, loadConfig, optionsFrom } from '@busline/provider-simulator';
import type { Logger } from '@busline/shared';

/** Port of the provider simulator in `npm start` (README.md, Payments). */
export const PROVIDER_SIMULATOR_PORT = 8090;
/** Port of the simulator's SMTP server in `npm start` (README.md, Notifications). */
export const SIMULATOR_SMTP_PORT = 8025;

export type RunningSimulator = ReturnType<typeof createSimulator>;

/**
 * Which services the simulator stands in for: payment unless told to use another simulator
 * (PAYMENT_SIMULATOR_URL) or given real provider credentials; notification unless told to use
 * another one (NOTIFICATION_SIMULATOR_URL) or given Africa's Talking credentials. Never in production,
 * where the simulator is only ever an explicit choice.
 */
export function simulatorUsers(env: Record<string, string | undefined>): { payment: boolean; notification: boolean } {
  if (env.NODE_ENV === 'production') return { payment: false, notification: false };
  return {
    payment: !(env.PAYMENT_SIMULATOR_URL || env.MTN_MOMO_API_USER || env.AIRTEL_MONEY_CLIENT_ID),
    notification: !(env.NOTIFICATION_SIMULATOR_URL || env.AFRICASTALKING_API_KEY),
  };
}

/**
 * Starts the provider simulator (mobile money, SMS and SMTP) when payment or notification needs it
 * (see simulatorUsers). SANDBOX_CALLBACK_DELAY_MS and SANDBOX_UNANSWERED_SETTLE_MS, the in-process
 * sandbox's timings, still set the simulated payer's.
 */
export async function startProviderSimulator(options: {
  logger: Logger;
  env: Record<string, string | undefined>;
  host: string;
  port?: number;
  smtpPort?: number;
}): Promise<RunningSimulator | undefined> {
  const { env } = options;
  const users = simulatorUsers(env);
  if (!users.payment && !users.notification) return undefined;
  const config = loadConfig({
    ...env,
    PORT: undefined,
    SIMULATOR_CALLBACK_DELAY_MS: env.SIMULATOR_CALLBACK_DELAY_MS ?? env.SANDBOX_CALLBACK_DELAY_MS,
    SIMULATOR_UNANSWERED_SETTLE_MS: env.SIMULATOR_UNANSWERED_SETTLE_MS ?? env.SANDBOX_UNANSWERED_SETTLE_MS,
    SIMULATOR_AIRTEL_CALLBACK_SECRET: env.SIMULATOR_AIRTEL_CALLBACK_SECRET ?? env.AIRTEL_MONEY_CALLBACK_SECRET,
  });
  const simulator = createSimulator({
    logger: options.logger.child({ service: 'provider-simulator' }),
    options: optionsFrom(config),
  });
  await simulator.start(options.port ?? PROVIDER_SIMULATOR_PORT, options.host, options.smtpPort ?? SIMULATOR_SMTP_PORT);
  return simulator;
}

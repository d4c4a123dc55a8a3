import { createServer as createSimulator, loadConfig, optionsFrom } from '@busline/provider-simulator';
import type { Logger } from '@busline/shared';

/** Port of the provider simulator in `npm start` (README.md, Payments). */
export const PROVIDER_SIMULATOR_PORT = 8090;

export type RunningSimulator = ReturnType<typeof createSimulator>;

/**
 * Starts the mobile-money provider simulator for payment, unless payment is told to use another one
 * (PAYMENT_SIMULATOR_URL), has real provider credentials, or runs in production (where the simulator
 * is only ever an explicit choice). SANDBOX_CALLBACK_DELAY_MS and SANDBOX_UNANSWERED_SETTLE_MS, the
 * in-process sandbox's timings, still set the simulated payer's.
 */
export async function startProviderSimulator(options: {
  logger: Logger;
  env: Record<string, string | undefined>;
  host: string;
  port?: number;
}): Promise<RunningSimulator | undefined> {
  const { env } = options;
  if (env.PAYMENT_SIMULATOR_URL || env.MTN_MOMO_API_USER || env.AIRTEL_MONEY_CLIENT_ID || env.NODE_ENV === 'production') return undefined;
  const config = loadConfig({
    ...env,
    PORT: undefined,
    SIMULATOR_CALLBACK_DELAY_MS: env.SIMULATOR_CALLBACK_DELAY_MS ?? env.SANDBOX_CALLBACK_DELAY_MS,
    SIMULATOR_UNANSWERED_SETTLE_MS: env.SIMULATOR_UNANSWERED_SETTLE_MS ?? env.SANDBOX_UNANSWERED_SETTLE_MS,
    SIMULATOR_AIRTEL_CALLBACK_SECRET: env.SIMULATOR_AIRTEL_CALLBACK_SECRET ?? env.AIRTEL_MONEY_CALLBACK_SECRET,
  });
  const simulator = createSimulator({ logger: options.logger.child({ service: 'provider-simulator' }), options: optionsFrom(config) });
  await simulator.start(options.port ?? PROVIDER_SIMULATOR_PORT, options.host);
  return simulator;
}

import { createServer as createSimulator, type ProviderSimulator } from '@busline/provider-simulator';
import { testLogger } from '@busline/shared/testing';
import { DEFAULT_ROUTES } from '../src/provider/registry';
import type { PaymentOptions } from '../src/options';
import { startPaymentSubgraph, type PaymentSubgraph } from './helpers';

export const AIRTEL_CALLBACK_SECRET = 'airtel-callback-secret-for-tests';

/**
 * The payment subgraph with its MTN MoMo and Airtel Money adapters pointed at a provider simulator of
 * its own (payers answer after 50 ms; a number ending 9999 only after 400 ms). Status checks start
 * 1 s after a request, so a payment settled sooner was settled through its callback.
 */
export async function startWithSimulator(
  options: PaymentOptions = {},
): Promise<{ subgraph: PaymentSubgraph; simulator: ProviderSimulator }> {
  const simulator = createSimulator({
    logger: testLogger('provider-simulator'),
    options: { callbackDelayMs: 50, unansweredSettleMs: 400, airtelCallbackSecret: AIRTEL_CALLBACK_SECRET },
  });
  const url = await simulator.start(0);
  const http = { timeoutMs: 2000, attempts: 3, retryDelayMs: 20 };
  const subgraph = await startPaymentSubgraph({
    provider: undefined,
    sandboxCallbackDelayMs: 50,
    reconcileAfterMs: 1000,
    reconcileBackoffMs: 100,
    reconcileBackoffMaxMs: 200,
    refundMaxAttempts: 2,
    providers: {
      routes: DEFAULT_ROUTES,
      simulatorUrl: url,
      mtn: {
        baseUrl: url,
        targetEnvironment: 'sandbox',
        collection: { apiUser: 'simulator', apiKey: 'simulator', subscriptionKey: 'simulator' },
        disbursement: { apiUser: 'simulator', apiKey: 'simulator', subscriptionKey: 'simulator' },
        ...http,
      },
      airtel: {
        baseUrl: url,
        clientId: 'simulator',
        clientSecret: 'simulator',
        callbackSecret: AIRTEL_CALLBACK_SECRET,
        ...http,
      },
    },
    ...options,
  });
  simulator.setAirtelCallbackUrl(`${subgraph.server.url}/webhooks/airtel`);
  const stop = subgraph.stop.bind(subgraph);
  return {
    simulator,
    subgraph: Object.assign(subgraph, {
      async stop() {
        await stop();
        await simulator.stop();
      },
    }),
  };
}

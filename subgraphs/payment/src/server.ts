import { createEventRuntime, serveSubgraph, type SubgraphDeps, type Worker } from '@busline/shared';
import { buildContext } from './context';
import { retentionRules } from './db/retention';
import { outbox, processedEvents } from './db/schema';
import { createHandlers } from './events';
import { resolveOptions, type PaymentOptions } from './options';
import { AirtelMoneyProvider } from './provider/airtel-money';
import { MtnMomoProvider } from './provider/mtn-momo';
import { ProviderRegistry } from './provider/registry';
import { SandboxMomoProvider } from './provider/sandbox';
import { momoCallbackUrl } from './provider/signature';
import type { PaymentProvider } from './provider/types';
import { resolvers } from './resolvers';
import { CloseBookingsService } from './services/close-bookings';
import { ClaimPaymentsService } from './services/claim-payments';
import { CloseCashShiftService } from './services/close-cash-shift';
import { HandOutCashRefundService } from './services/hand-out-cash-refund';
import { SendCashRefundCodeService } from './services/refund-codes';
import { ReconcilePaymentsService } from './services/reconcile-payments';
import { RecordCashPaymentService } from './services/record-cash-payment';
import { RefundPaymentsService } from './services/refund-payments';
import type { RequestPaymentDeps } from './services/request-payment';
import { StartPaymentService } from './services/start-payment';
import { airtelWebhookRoute } from './webhooks/airtel';
import { momoWebhookRoutes } from './webhooks/momo';

export const SUBGRAPH = 'payment';

/** Builds the payment subgraph (not started: call `start(port)`, which resolves with its URL). */
export function createServer(deps: SubgraphDeps, options: PaymentOptions = {}) {
  const opts = resolveOptions(options);
  const logger = deps.logger;
  const db = deps.db.db;
  const providers = buildProviders(deps, opts);

  // Handlers reach the services lazily: the services need the runtime's transaction runner.
  let services:
    { closure: CloseBookingsService; refunds: RefundPaymentsService; claims: ClaimPaymentsService } | undefined;
  const events = createEventRuntime(
    SUBGRAPH,
    deps,
    { outbox, processedEvents },
    createHandlers(() => services!),
    {
      retention: retentionRules,
    },
  );
  const { runner } = events;
  const refunds = new RefundPaymentsService(db, runner, deps.pubsub, providers, logger, {
    baseMs: opts.refundRetryMs,
    maxMs: opts.refundRetryMaxMs,
    maxFailures: opts.refundMaxAttempts,
  });
  services = {
    closure: new CloseBookingsService(runner, deps.pubsub, providers, logger),
    refunds,
    claims: new ClaimPaymentsService(logger),
  };
  const cash = {
    recordCashPayment: new RecordCashPaymentService(db, runner, deps.pubsub, opts.bookingReplicaWaitMs),
    closeCashShift: new CloseCashShiftService(runner, logger),
    handOutCashRefund: new HandOutCashRefundService(db, runner, deps.pubsub, logger),
    sendCashRefundCode: new SendCashRefundCodeService(db, runner),
  };

  let webhookUrl = opts.webhookUrl;
  let airtelWebhookUrl = opts.airtelWebhookUrl;
  // What sending a payment's request needs: startPayment sends it, the reconciler one that was never sent.
  const requests: RequestPaymentDeps = {
    db,
    runner,
    pubsub: deps.pubsub,
    logger,
    firstCheckAfterMs: opts.expectedCallbackMs + opts.reconcileAfterMs,
    callbackUrl: (provider, referenceId) => {
      if (!webhookUrl || !airtelWebhookUrl) throw new Error('payment service not started: no webhook URL');
      if (provider === 'airtel-money') return airtelWebhookUrl;
      // MTN's callbacks are unsigned: the URL carries our tag of the reference instead.
      return provider === 'mtn-momo' ? momoCallbackUrl(webhookUrl, opts.webhookSecret, referenceId) : webhookUrl;
    },
  };
  const startPayment = new StartPaymentService({
    ...requests,
    providers,
    replicaWaitMs: opts.bookingReplicaWaitMs,
    promptsPerBooking: opts.promptsPerBooking,
    promptsPerWalletPerHour: opts.promptsPerWalletPerHour,
  });
  const reconciler = new ReconcilePaymentsService({
    ...requests,
    providers,
    refunds,
    backoffMs: opts.reconcileBackoffMs,
    backoffMaxMs: opts.reconcileBackoffMaxMs,
    intervalMs: opts.reconcileIntervalMs,
  });

  // Workers stop in reverse order: this one after the event consumer, whose handlers start first refund attempts, and
  // before the outbox relay, which publishes what they record. A graceful stop lets the attempts under way finish
  // (within its grace period); a stop at once does not wait for them.
  const firstRefundAttempts: Worker = {
    name: 'refund-first-attempts',
    start: () => undefined,
    stop: async () => {
      if (server.draining) await refunds.settleFirstAttempts();
    },
  };
  const relayWorkers = events.workers.filter((worker) => worker.name === 'outbox-relay');
  const otherEventWorkers = events.workers.filter((worker) => worker.name !== 'outbox-relay');

  const checkSoon = (paymentId: string) => reconciler.checkSoon(paymentId);
  const server = serveSubgraph(deps, {
    name: SUBGRAPH,
    schema: new URL('./schema.graphql', import.meta.url),
    resolvers,
    buildContext: (base) => buildContext(base, db, deps.pubsub, startPayment, cash),
    readiness: simulatorReadiness(opts.providers?.simulatorUrl),
    routes: [
      ...momoWebhookRoutes({
        db,
        logger,
        secret: opts.webhookSecret,
        checkSoon,
        sandbox: providers.providers.some((provider) => provider.name === 'sandbox-momo'),
      }),
      airtelWebhookRoute({ db, logger, checkSoon, callbackSecret: opts.providers?.airtel?.callbackSecret }),
    ],
    workers: [...relayWorkers, firstRefundAttempts, ...otherEventWorkers, reconciler.worker],
    onStop: async () => {
      for (const provider of providers.providers) await provider.close?.();
    },
  });

  const start = server.start.bind(server);
  return Object.assign(server, {
    reconciler,
    providers,
    events,
    /** The HMAC secret callbacks must be signed with (tests sign their own). */
    webhookSecret: opts.webhookSecret,
    async start(port?: number, host?: string): Promise<string> {
      const url = await start(port, host);
      webhookUrl ??= `${url}/webhooks/momo`;
      airtelWebhookUrl ??= `${url}/webhooks/airtel`;
      return url;
    },
  });
}

/**
 * The adapters the options configure (MTN MoMo, Airtel Money: real or the simulator), or else the
 * in-process sandbox, which only tests and a development start without any provider use.
 */
function buildProviders(deps: SubgraphDeps, opts: ReturnType<typeof resolveOptions>): ProviderRegistry {
  const logger = deps.logger;
  const wrap = opts.provider ?? ((provider: PaymentProvider) => provider);
  const config = opts.providers;
  if (!config) {
    const sandbox = new SandboxMomoProvider(
      deps.db.db,
      {
        webhookSecret: opts.webhookSecret,
        callbackDelayMs: opts.sandboxCallbackDelayMs,
        unansweredSettleMs: opts.sandboxUnansweredSettleMs,
      },
      logger.child({ component: 'sandbox-momo' }),
    );
    return new ProviderRegistry([wrap(sandbox)], 'all-to-first');
  }
  const adapters: PaymentProvider[] = [];
  if (config.mtn) adapters.push(wrap(new MtnMomoProvider(config.mtn, logger.child({ component: 'mtn-momo' }))));
  if (config.airtel)
    adapters.push(wrap(new AirtelMoneyProvider(config.airtel, logger.child({ component: 'airtel-money' }))));
  const names = adapters.map((provider) => provider.name);
  if (config.simulatorUrl) {
    logger.warn(
      { simulator: config.simulatorUrl, providers: names },
      'PAYMENT SIMULATOR: payments go to the provider simulator; no money is collected',
    );
    if (config.ignoredCredentials) {
      logger.warn(
        { ignored: config.ignoredCredentials },
        'PAYMENT SIMULATOR: real provider credentials are set but unused while PAYMENT_SIMULATOR_URL is set',
      );
    }
  } else {
    logger.info({ providers: names, routes: config.routes }, 'mobile-money providers configured');
  }
  return new ProviderRegistry(adapters, config.routes);
}

/** With the simulator, /readyz says so in a check's name, and that the simulator answers. */
function simulatorReadiness(simulatorUrl: string | undefined) {
  if (!simulatorUrl) return [];
  return [
    {
      name: 'payment-providers: SIMULATOR, no money is collected',
      check: async () => {
        const response = await fetch(`${simulatorUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
        if (!response.ok) throw new Error(`provider simulator answered ${response.status}`);
      },
    },
  ];
}

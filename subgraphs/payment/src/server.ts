import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { createEventRuntime, createSubgraphServer, readSchemaFile, standardReadiness, type SubgraphDeps } from '@busline/shared';
import { buildContext, type PaymentContext } from './context';
import { outbox, processedEvents } from './db/schema';
import { createHandlers } from './events';
import { resolveOptions, type PaymentOptions } from './options';
import { SandboxMomoProvider } from './provider/sandbox';
import { createResolvers } from './resolvers';
import { BookingClosure } from './services/cancellation';
import { Reconciler } from './services/reconciler';
import { RefundService } from './services/refunds';
import { StartPaymentService } from './services/start-payment';
import { momoWebhookRoute } from './webhooks/momo';

export const SUBGRAPH = 'payment';

/** Builds the payment subgraph (not started: call `start(port)`, which resolves with its URL). */
export function createServer(deps: SubgraphDeps, options: PaymentOptions = {}) {
  const opts = resolveOptions(options);
  const logger = deps.logger;
  const db = deps.db.db;
  const sandbox = new SandboxMomoProvider(db, { webhookSecret: opts.webhookSecret, callbackDelayMs: opts.sandboxCallbackDelayMs, unansweredSettleMs: opts.sandboxUnansweredSettleMs }, logger.child({ component: 'sandbox-momo' }));
  const provider = opts.provider ? opts.provider(sandbox) : sandbox;

  // Handlers reach the services lazily: the services need the runtime's transaction runner.
  let services: { closure: BookingClosure; refunds: RefundService } | undefined;
  const events = createEventRuntime(SUBGRAPH, deps, { outbox, processedEvents }, createHandlers(() => services!));
  const { runner } = events;
  const refunds = new RefundService(db, runner, deps.pubsub, provider, logger, { baseMs: opts.refundRetryMs, maxMs: opts.refundRetryMaxMs, maxFailures: opts.refundMaxAttempts });
  services = { closure: new BookingClosure(runner, deps.pubsub, provider, logger), refunds };

  let webhookUrl = opts.webhookUrl;
  const startPayment = new StartPaymentService({
    db,
    runner,
    pubsub: deps.pubsub,
    provider,
    logger,
    replicaWaitMs: opts.bookingReplicaWaitMs,
    firstCheckAfterMs: opts.expectedCallbackMs + opts.reconcileAfterMs,
    webhookUrl: () => {
      if (!webhookUrl) throw new Error('payment service not started: no webhook URL');
      return webhookUrl;
    },
  });
  const reconciler = new Reconciler({
    db,
    runner,
    pubsub: deps.pubsub,
    provider,
    refunds,
    logger,
    backoffMs: opts.reconcileBackoffMs,
    backoffMaxMs: opts.reconcileBackoffMaxMs,
    intervalMs: opts.reconcileIntervalMs,
  });

  const server = createSubgraphServer({
    name: SUBGRAPH,
    typeDefs: readSchemaFile(new URL('./schema.graphql', import.meta.url)),
    // The generated types model __resolveReference, which Apollo's resolver map type cannot express.
    resolvers: createResolvers({ startPayment, pubsub: deps.pubsub }) as GraphQLResolverMap<PaymentContext>,
    logger,
    verifier: deps.verifier,
    routerSecret: deps.routerSecret,
    buildContext: (base) => buildContext(base, db),
    readiness: standardReadiness(deps),
    routes: [momoWebhookRoute({ runner, pubsub: deps.pubsub, logger, secret: opts.webhookSecret })],
    workers: [...events.workers, reconciler.worker],
    onStop: async () => {
      await provider.close?.();
    },
  });

  const start = server.start.bind(server);
  return Object.assign(server, {
    reconciler,
    /** The HMAC secret callbacks must be signed with (tests sign their own). */
    webhookSecret: opts.webhookSecret,
    async start(port?: number, host?: string): Promise<string> {
      const url = await start(port, host);
      webhookUrl ??= `${url}/webhooks/momo`;
      return url;
    },
  });
}

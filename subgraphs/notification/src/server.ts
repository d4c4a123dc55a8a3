import { createEventRuntime, serveSubgraph, type SubgraphDeps } from '@busline/shared';
import { buildContext } from './context';
import { outbox, processedEvents } from './db/schema';
import { createHandlers } from './events';
import { resolveOptions, type NotificationOptions } from './options';
import { resolvers } from './resolvers';
import { SendMessagesService } from './services/send-messages';

export const SUBGRAPH = 'notification';

/**
 * Builds the notification subgraph (not started: call `start(port)`). Without `options.sms` or
 * `options.email` the messages of that channel fail as not configured; index.ts passes the
 * configured adapters, tests the simulator's.
 */
export function createServer(deps: SubgraphDeps, options: NotificationOptions = {}) {
  const opts = resolveOptions(options);
  const writing = { webUrl: opts.webUrl, timeZone: opts.timeZone, perAddressPerHour: opts.perAddressPerHour };
  const events = createEventRuntime(
    SUBGRAPH,
    deps,
    { outbox, processedEvents },
    createHandlers({
      writing,
      holdReminderMs: opts.holdReminderMs,
      maxEventAgeMs: opts.maxEventAgeMs,
      tripAlertSettleMs: opts.tripAlertSettleMs,
    }),
  );
  const dispatcher = new SendMessagesService({
    db: deps.db.db,
    runner: events.runner,
    sms: opts.sms,
    email: opts.email,
    retry: { baseMs: opts.retryMs, maxMs: opts.retryMaxMs, maxAttempts: opts.maxAttempts, forMs: opts.retryForMs },
    intervalMs: opts.dispatchIntervalMs,
    leaseMs: 60_000,
    remindersPerAccountPerDay: opts.remindersPerAccountPerDay,
    writing,
    logger: deps.logger.child({ component: 'sender' }),
  });
  if (opts.simulator)
    deps.logger.warn(
      'NOTIFICATION SIMULATOR: SMS and e-mail go to the provider simulator; no message reaches a passenger',
    );
  return serveSubgraph(deps, {
    name: SUBGRAPH,
    schema: new URL('./schema.graphql', import.meta.url),
    resolvers,
    buildContext: (base) => buildContext(base, deps.db.db),
    readiness: opts.simulator
      ? [{ name: 'notification-channels: SIMULATOR, no message reaches a passenger', check: async () => undefined }]
      : [],
    workers: [...events.workers, dispatcher.worker],
  });
}

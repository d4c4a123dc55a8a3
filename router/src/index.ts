// The router's entry point: the primary of ROUTER_WORKERS processes, or one router that listens itself.
import {
  assertProductionSecrets,
  assertProductionUrls,
  assertProductionDatastores,
  assertRedisKeepsKeys,
  createLogger,
  RedisStreamBus,
  startTracing,
  shutdownTimeoutMs,
  stopOnSignals,
  tokenVerification,
  type Logger,
  type RevocationList,
  type TokenVerifier,
} from '@busline/shared';
import { isRouterWorker, serveAsWorker, startRouterWorkers } from './cluster';
import { clusterMetrics } from './cluster-metrics';
import { announceListening, answerStatsRequests, processStats } from './cluster-stats';
import { loadConfig, subgraphUrlOverrides, urlsCarryingSecrets, type RouterConfig } from './env';
import { createServer, type RouterDeps } from './server';
import { routerTuning } from './settings';
import { loadSupergraphSdl } from './supergraph';

const config = loadConfig();
const logger = createLogger('router', { level: config.LOG_LEVEL, pretty: config.LOG_PRETTY });
try {
  assertProductionSecrets('router', config);
  assertProductionUrls('router', config, urlsCarryingSecrets(config));
  assertProductionDatastores('router', config);
  // The primary checks for its workers: they share its Redis.
  if (!isRouterWorker()) await assertRedisKeepsKeys('router', config, logger);
} catch (error) {
  logger.fatal({ err: error }, 'router refuses to start');
  process.exit(1);
}

if (config.ROUTER_WORKERS > 1 && !isRouterWorker()) await supervise(config, logger);
else await serve(config, logger);

/** The primary only supervises: the workers (this same module) listen on the port together. */
async function supervise(config: RouterConfig, logger: Logger): Promise<void> {
  // Each worker drains on its own (SIGTERM reaches the whole process group); the primary waits for it.
  const workers = startRouterWorkers({
    count: config.ROUTER_WORKERS,
    logger,
    stopTimeoutMs: shutdownTimeoutMs(config.SHUTDOWN_GRACE_MS),
  });
  try {
    const port = await workers.ready;
    logger.info({ workers: config.ROUTER_WORKERS, port }, 'router listening with workers');
    stopOnSignals(logger, () => workers.stop());
    if (process.send) answerStatsRequests(() => workers.stats(), logger);
    announceListening(port);
  } catch (error) {
    logger.fatal({ err: error }, 'router failed to start');
    process.exit(1);
  }
}

/** One router (alone, or one of the workers) that listens itself. */
async function serve(config: RouterConfig, logger: Logger): Promise<void> {
  // Off unless OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_TRACES_EXPORTER) is set.
  const tracing = startTracing('router');
  // The domain events that keep the response cache fresh (the router publishes none).
  const events =
    config.RESPONSE_CACHE && config.REDIS_URL
      ? new RedisStreamBus({
          url: config.REDIS_URL,
          prefix: config.EVENT_PREFIX,
          logger: logger.child({ component: 'events' }),
        })
      : undefined;
  // A worker's /metrics answers with every worker's metrics, summed by the primary.
  const workerMetrics = isRouterWorker() ? clusterMetrics() : undefined;
  // The revocations every subgraph reads: a token of an ended sign-in counts as its address in the rate limits.
  let revocations: RevocationList | undefined;
  try {
    const tokens = tokenVerification(config, logger);
    revocations = tokens.revocations;
    const router = createServer(routerDeps(config, logger, events, tokens.verifier, workerMetrics?.exposition));
    // A worker listens to its primary from the start: a stats request or a shutdown may come at any time.
    // SIGTERM drains: not ready, new requests refused, in-flight ones finish, sockets closed with 1001.
    const graceful = {
      get subscriptions() {
        return router.subscriptions;
      },
      stop: async () => {
        await router.stop({ graceMs: config.SHUTDOWN_GRACE_MS });
        await events?.close();
        await revocations?.close();
        await tracing?.shutdown();
      },
    };
    workerMetrics?.include(router.metrics);
    if (isRouterWorker()) serveAsWorker(graceful, logger);
    if (config.NODE_ENV === 'production' && !config.METRICS_TOKEN)
      logger.warn('METRICS_TOKEN is not set: /metrics is refused');
    const url = await router.start(config.PORT, config.HOST);
    if (!isRouterWorker()) {
      stopOnSignals(logger, graceful.stop, { timeoutMs: shutdownTimeoutMs(config.SHUTDOWN_GRACE_MS) });
      if (process.send) answerStatsRequests(async () => [processStats(router)], logger);
      announceListening(Number(new URL(url).port));
    }
  } catch (error) {
    logger.fatal({ err: error }, 'router failed to start');
    process.exit(1);
  }
}

/** The router's dependencies from its settings. */
function routerDeps(
  config: RouterConfig,
  logger: Logger,
  events: RedisStreamBus | undefined,
  verifier: TokenVerifier,
  metricsExposition: (() => Promise<string>) | undefined,
): RouterDeps {
  const tuning = routerTuning(config);
  return {
    logger,
    metricsExposition,
    supergraphSdl: loadSupergraphSdl({
      supergraphPath: config.SUPERGRAPH_PATH,
      configPath: config.SUPERGRAPH_CONFIG,
      logger,
    }),
    urls: subgraphUrlOverrides(config),
    routerSecret: config.ROUTER_SECRET,
    corsOrigins: config.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    introspection: config.INTROSPECTION ?? config.NODE_ENV !== 'production',
    metricsToken: config.METRICS_TOKEN,
    // The router is reachable from the internet: in production its metrics need the token.
    metricsWithoutToken: config.NODE_ENV !== 'production',
    verifier,
    ...tuning,
    rateLimit: { ...tuning.rateLimit, redisUrl: config.REDIS_URL },
    responseCache: {
      ...tuning.responseCache,
      bus: events,
      redisUrl: config.REDIS_URL,
      prefix: `${config.EVENT_PREFIX}:response-cache`,
    },
  };
}

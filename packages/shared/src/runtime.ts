import { join } from 'node:path';
import {
  assertProductionDatastores,
  assertProductionInfra,
  assertProductionSecrets,
  assertProductionUrls,
  AUTH_JWKS_CARRIES,
} from './config/env';
import { createMemoryRevocations, RedisRevocationList, type RevocationList } from './auth/revocations';
import { createTokenVerifier, type TokenVerifier } from './auth/token-verifier';
import { connectPostgres, openPglite, type DatabaseHandle } from './db/database';
import { runMigrations } from './db/migrate';
import { MemoryEventBus } from './events/memory-bus';
import { RedisStreamBus } from './events/redis-bus';
import type { EventBus } from './events/types';
import { assertRedisKeepsKeys } from './redis';
import { createLogger, type Logger } from './logger';
import { startTracing } from './observability/tracing';
import { createPubSub, type LivePubSub } from './pubsub';

/** The infrastructure a subgraph's `createServer(deps)` receives. */
export interface SubgraphDeps {
  db: DatabaseHandle;
  bus: EventBus;
  pubsub: LivePubSub;
  verifier: TokenVerifier;
  /** The revocations `verifier` refuses by; auth adds to them when a user is suspended or changes role. */
  revocations: RevocationList;
  logger: Logger;
  routerSecret?: string;
  /** Bearer token of the Prometheus scraper (METRICS_TOKEN), for the subgraph's /metrics. */
  metricsToken?: string;
}

export interface SubgraphInfraConfig {
  DATABASE_URL?: string;
  MIGRATIONS_DIR?: string;
  DATABASE_POOL_SIZE: number;
  DATABASE_PREPARED_STATEMENTS?: boolean;
  DATABASE_PIPELINE?: boolean;
  DATA_DIR: string;
  REDIS_URL?: string;
  AUTH_JWKS_URL: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  ROUTER_SECRET?: string;
  METRICS_TOKEN?: string;
}

/**
 * The access tokens' verifier of a process started on its own (a subgraph, the router), with the revocations it reads:
 * every process's through Redis, so a token of an ended sign-in (logout, password change or reset, suspension) is
 * refused by the subgraphs and counts as its address in the router's limits. Without Redis a subgraph runs alone:
 * only its own revocations (auth's) can reach it. Close the revocations when the process stops.
 */
export function tokenVerification(
  config: Pick<SubgraphInfraConfig, 'REDIS_URL' | 'AUTH_JWKS_URL' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>,
  logger: Logger,
): { verifier: TokenVerifier; revocations: RevocationList } {
  const revocations = config.REDIS_URL
    ? new RedisRevocationList({ url: config.REDIS_URL, logger: logger.child({ component: 'revocations' }) })
    : createMemoryRevocations();
  const verifier = createTokenVerifier({
    jwksUrl: config.AUTH_JWKS_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    revocations,
  });
  return { verifier, revocations };
}

/**
 * Connects what a subgraph running alone needs (its own Postgres database, or a PGlite
 * under DATA_DIR; Redis or in-memory bus) and applies its migrations.
 */
export async function connectSubgraphDeps(
  name: string,
  config: SubgraphInfraConfig,
  logger: Logger,
  migrationsFolder: string,
): Promise<SubgraphDeps & { close(): Promise<void> }> {
  const db = config.DATABASE_URL
    ? connectPostgres(config.DATABASE_URL, {
        poolSize: config.DATABASE_POOL_SIZE,
        applicationName: name,
        preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
        pipeline: config.DATABASE_PIPELINE,
      })
    : await openPglite(join(config.DATA_DIR, `pglite-${name}`));
  await runMigrations(db, { schema: name, folder: migrationsFolder });
  const bus: EventBus = config.REDIS_URL
    ? new RedisStreamBus({ url: config.REDIS_URL, logger: logger.child({ component: 'events' }) })
    : new MemoryEventBus(logger.child({ component: 'events' }));
  const pubsub = createPubSub(config.REDIS_URL);
  const { verifier, revocations } = tokenVerification(config, logger);
  return {
    db,
    bus,
    pubsub,
    verifier,
    revocations,
    logger,
    routerSecret: config.ROUTER_SECRET,
    metricsToken: config.METRICS_TOKEN,
    async close() {
      await revocations.close();
      await bus.close();
      await pubsub.close();
      await db.close();
    },
  };
}

/**
 * A signal this soon after the first is the same request delivered twice: Ctrl-C and `timeout` signal the whole
 * process group, and npm, itself in that group, forwards its own copy to the script's process.
 */
const REPEATED_SIGNAL_MS = 1000;

/** What closing takes after the drain (connections, the trace exporter's flush), at most. */
export const SHUTDOWN_CLOSE_MS = 5_000;

/**
 * How long a service's shutdown may take before the process exits anyway (code 1): its drain (SHUTDOWN_GRACE_MS)
 * and SHUTDOWN_CLOSE_MS to close. Within the orchestrator's grace (compose's stop_grace_period, Kubernetes'
 * terminationGracePeriodSeconds), so the process ends on its own and says why.
 */
export const shutdownTimeoutMs = (graceMs = 0): number => graceMs + SHUTDOWN_CLOSE_MS;

export interface StopOnSignalsOptions {
  /** Exit with 1 when `stop` has not finished this long after the signal (default: wait for it). */
  timeoutMs?: number;
}

/**
 * Stops a started service on SIGINT/SIGTERM, then the process (exit code 0, or 1 when `stop` failed). A later
 * signal during the shutdown exits at once.
 */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>, options: StopOnSignalsOptions = {}): void {
  let firstSignalAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt !== undefined) {
      if (performance.now() - firstSignalAt < REPEATED_SIGNAL_MS) return;
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    firstSignalAt = performance.now();
    logger.info({ signal }, 'shutting down');
    if (options.timeoutMs !== undefined) {
      const { timeoutMs } = options;
      setTimeout(() => {
        logger.error({ timeoutMs }, 'shutdown timed out: exiting now');
        process.exit(1);
      }, timeoutMs).unref();
    }
    stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // Kept for the whole shutdown: without a listener a second signal would kill the process outright.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * The whole `index.ts` of a subgraph running alone: read the config, connect its database
 * (migrated) and Redis, build it with `createServer(deps)`, listen, stop cleanly on signals.
 */
export async function runSubgraph<
  C extends SubgraphInfraConfig & {
    NODE_ENV: string;
    PORT: number;
    HOST: string;
    LOG_LEVEL: string;
    LOG_PRETTY?: boolean;
    SHUTDOWN_GRACE_MS?: number;
  },
>(options: {
  name: string;
  config: C;
  migrationsFolder: string;
  createServer: (deps: SubgraphDeps) => {
    start(port?: number, host?: string): Promise<string>;
    stop(options?: { graceMs?: number }): Promise<void>;
  };
}): Promise<void> {
  const { name, config } = options;
  const logger = createLogger(name, { level: config.LOG_LEVEL, pretty: config.LOG_PRETTY });
  // Off unless OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_TRACES_EXPORTER) is set.
  const tracing = startTracing(name);
  try {
    assertProductionSecrets(name, config);
    assertProductionInfra(name, config);
    assertProductionDatastores(name, config);
    assertProductionUrls(name, config, { AUTH_JWKS_URL: { url: config.AUTH_JWKS_URL, carries: AUTH_JWKS_CARRIES } });
    await assertRedisKeepsKeys(name, config, logger);
    if (!config.ROUTER_SECRET)
      logger.warn('ROUTER_SECRET is not set: this service answers anyone who reaches its port');
    const migrationsFolder = config.MIGRATIONS_DIR ? join(config.MIGRATIONS_DIR, name) : options.migrationsFolder;
    const deps = await connectSubgraphDeps(name, config, logger, migrationsFolder);
    const server = options.createServer(deps);
    await server.start(config.PORT, config.HOST);
    stopOnSignals(
      logger,
      async () => {
        // Drains first: not ready, new requests refused, in-flight requests and event handlers finish.
        await server.stop({ graceMs: config.SHUTDOWN_GRACE_MS });
        await deps.close();
        await tracing?.shutdown();
      },
      // Closing the pool waits for its connections: one whose statement waits on a lock would keep the process up.
      { timeoutMs: shutdownTimeoutMs(config.SHUTDOWN_GRACE_MS) },
    );
  } catch (error) {
    logger.fatal({ err: error }, `${name} failed to start`);
    process.exit(1);
  }
}

import { join } from 'node:path';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import {
  connectPostgres,
  createMemoryRevocations,
  createPubSub,
  createTokenVerifier,
  databaseUrl,
  ensureDatabase,
  MemoryEventBus,
  openPglite,
  RedisRevocationList,
  RedisStreamBus,
  runMigrations,
  type DatabaseHandle,
  type EventBus,
  type Logger,
  type RevocationList,
  type Service,
  type SubgraphDeps,
} from '@busline/shared';
import { createServer as createRouter } from '../../router/src/server';
import { schema as routerSchema } from '../../router/src/env';
import type { RouterTuning } from '../../router/src/settings';
import { simulatorUsers, startProviderSimulator, type RunningSimulator } from './provider-simulator';
import { loadSupergraphSdl } from '../../router/src/supergraph';
import { SUBGRAPHS, type SubgraphModule } from './subgraphs';

export const ROUTER_PORT = 8080;

export interface PlatformOptions {
  logger: Logger;
  /** Postgres server URL: each subgraph gets database `<databasePrefix><name>` (created if missing). */
  postgresUrl?: string;
  redisUrl?: string;
  /** Embedded mode keeps its PGlite database and generated keys here. */
  dataDir: string;
  /** In embedded mode, keep the PGlite database in memory (tests). */
  inMemory?: boolean;
  /** Port per service (`router` included); 0 picks a free one. Defaults to the ports in README.md. */
  ports?: Partial<Record<string, number>>;
  host?: string;
  databasePrefix?: string;
  /** Redis stream key prefix (tests isolate themselves with a unique one). */
  eventPrefix?: string;
  routerSecret?: string;
  /** Introspection and GraphiQL on the router (default on). */
  introspection?: boolean;
  /** Postgres connections of each subgraph in services mode (default 10). */
  databasePoolSize?: number;
  /** The router's limits and tuning (router/src/settings.ts; defaults: the router's). */
  routerTuning?: Partial<RouterTuning>;
  /** Environment the subgraphs read their own options from (keys, secrets). */
  env?: Record<string, string | undefined>;
  supergraphConfigPath: string;
}

export interface RunningSubgraph {
  module: SubgraphModule;
  deps: SubgraphDeps;
  server: Service;
  url: string;
}

export interface Platform {
  mode: 'embedded' | 'services';
  routerUrl: string;
  router: ReturnType<typeof createRouter>;
  subgraphs: Map<string, RunningSubgraph>;
  /**
   * The provider simulator payment and notification talk to, unless real providers or an outside one are configured.
   */
  simulator?: RunningSimulator;
  stop(): Promise<void>;
}

/** A key getter that points at auth's JWKS once auth listens (its port may be picked at start). */
function deferredJwks() {
  let remote: JWTVerifyGetKey | undefined;
  const getKey: JWTVerifyGetKey = (header, token) => {
    if (!remote) throw new Error('auth keys are not published yet');
    return remote(header, token);
  };
  return {
    getKey,
    point(url: string) {
      remote = createRemoteJWKSet(new URL(url), {
        cacheMaxAge: 10 * 60_000,
        cooldownDuration: 30_000,
        timeoutDuration: 5000,
      });
    },
  };
}

/**
 * Starts the seven subgraphs and the router in this process: embedded (one PGlite database with a
 * schema per subgraph, in-memory bus and pub/sub) or on real Postgres and Redis.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const { logger } = options;
  const mode = options.postgresUrl ? 'services' : 'embedded';
  const host = options.host ?? '127.0.0.1';
  const env: Record<string, string | undefined> = { ...process.env, ...options.env, DATA_DIR: options.dataDir };
  const closers: (() => Promise<void>)[] = [];
  const subgraphs = new Map<string, RunningSubgraph>();
  const stopAll = async () => {
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch (error) {
        logger.warn({ err: error }, 'shutdown step failed');
      }
    }
    closers.length = 0;
  };

  try {
    const databases = new Map<string, DatabaseHandle>();
    if (mode === 'embedded') {
      const handle = await openPglite(options.inMemory ? undefined : join(options.dataDir, 'pglite'));
      closers.push(() => handle.close());
      for (const module of SUBGRAPHS) databases.set(module.name, handle);
    } else {
      for (const module of SUBGRAPHS) {
        const name = `${options.databasePrefix ?? 'db_'}${module.name}`;
        await ensureDatabase(options.postgresUrl!, name);
        const handle = connectPostgres(databaseUrl(options.postgresUrl!, name), {
          poolSize: options.databasePoolSize ?? 10,
          applicationName: module.name,
        });
        closers.push(() => handle.close());
        databases.set(module.name, handle);
      }
    }
    for (const module of SUBGRAPHS) await runMigrations(databases.get(module.name)!, module.migrations);

    const bus: EventBus = options.redisUrl
      ? new RedisStreamBus({
          url: options.redisUrl,
          logger: logger.child({ component: 'events' }),
          prefix: options.eventPrefix,
        })
      : new MemoryEventBus(logger.child({ component: 'events' }));
    let busClosed: Promise<void> | undefined;
    const closeBus = () => (busClosed ??= bus.close());
    closers.push(closeBus);
    const pubsub = createPubSub(options.redisUrl);
    closers.push(() => pubsub.close());
    // One list for the whole process; with Redis, shared with every other process too.
    const revocations: RevocationList = options.redisUrl
      ? new RedisRevocationList({
          url: options.redisUrl,
          logger: logger.child({ component: 'revocations' }),
          prefix: `${options.eventPrefix ?? 'busline'}:`,
        })
      : createMemoryRevocations();
    closers.push(() => revocations.close());
    // Payments, SMS and e-mail go to the provider simulator (its own HTTP and SMTP service) unless configured
    // otherwise. It takes ports 8090 and 8025 beside the README's ports, free ones when the platform runs on ports of
    // its own.
    const ownPorts = options.ports?.router !== undefined;
    const simulatorFor = simulatorUsers(env);
    const simulator = await startProviderSimulator({
      logger,
      env,
      host,
      port: options.ports?.['provider-simulator'] ?? (ownPorts ? 0 : undefined),
      smtpPort: options.ports?.['simulator-smtp'] ?? (ownPorts ? 0 : undefined),
    });
    if (simulator) {
      closers.push(() => simulator.stop());
      if (simulatorFor.payment) env.PAYMENT_SIMULATOR_URL = simulator.url;
      // SMS and e-mail go to the simulator too: it keeps every message (GET /simulator/sms and /simulator/mail).
      if (simulatorFor.notification)
        Object.assign(env, { NOTIFICATION_SIMULATOR_URL: simulator.url, SMTP_URL: env.SMTP_URL ?? simulator.smtpUrl });
    }
    const jwks = deferredJwks();
    const verifier = createTokenVerifier({
      jwks: jwks.getKey,
      issuer: env.JWT_ISSUER ?? 'https://auth.busline.local',
      audience: env.JWT_AUDIENCE ?? 'busline',
      revocations,
    });

    for (const module of SUBGRAPHS) {
      const deps: SubgraphDeps = {
        db: databases.get(module.name)!,
        bus,
        pubsub,
        verifier,
        revocations,
        logger: logger.child({ service: module.name }),
        routerSecret: options.routerSecret,
        metricsToken: env.METRICS_TOKEN,
      };
      const server = await module.create(deps, env);
      const url = await server.start(options.ports?.[module.name] ?? module.port, host);
      closers.push(() => server.stop());
      subgraphs.set(module.name, { module, deps, server, url });
      if (module.name === 'auth') jwks.point(`${url}/.well-known/jwks.json`);
      if (module.name === 'payment') simulator?.setAirtelCallbackUrl(`${url}/webhooks/airtel`);
    }

    // On the way down the bus closes before any subgraph stops: a relay still running then fails to
    // publish and keeps its outbox rows for the next start, instead of handing events to consumers
    // that are already gone.
    closers.push(closeBus);

    const router = createRouter({
      logger: logger.child({ service: 'router' }),
      supergraphSdl: loadSupergraphSdl({ configPath: options.supergraphConfigPath, logger }),
      urls: Object.fromEntries([...subgraphs].map(([name, s]) => [name, `${s.url}/graphql`])),
      routerSecret: options.routerSecret,
      metricsToken: env.METRICS_TOKEN,
      // The router's /metrics is public without a token in development only.
      metricsWithoutToken: env.NODE_ENV !== 'production',
      introspection: options.introspection,
      verifier,
      ...options.routerTuning,
      // Answers to visitors, dropped by the events of this platform's bus (in Redis with Redis, shared with other
      // routers).
      responseCache: {
        ...options.routerTuning?.responseCache,
        // RESPONSE_CACHE as the router reads it (npm start and start:scaled read it with the router's settings).
        enabled:
          options.routerTuning?.responseCache?.enabled ?? routerSchema.shape.RESPONSE_CACHE.parse(env.RESPONSE_CACHE),
        bus,
        redisUrl: options.redisUrl,
        // As a router started on its own names it (router/src/index.ts): routers of one platform share one cache,
        // whose invalidations they share out in one consumer group.
        prefix: `${options.eventPrefix ?? 'busline'}:response-cache`,
      },
      rateLimit: {
        ...options.routerTuning?.rateLimit,
        redisUrl: options.redisUrl,
        prefix: `${options.eventPrefix ?? 'busline:'}ratelimit`,
      },
      corsOrigins: (env.CORS_ORIGINS ?? 'http://localhost:5173,http://127.0.0.1:5173')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    });
    const routerUrl = await router.start(options.ports?.router ?? ROUTER_PORT, host);
    closers.push(() => router.stop());
    return { mode, routerUrl, router, subgraphs, ...(simulator ? { simulator } : {}), stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

import {
  createPubSub,
  createTokenVerifier,
  RedisRevocationList,
  RedisStreamBus,
  type Logger,
  type Service,
} from '@busline/shared';
import { createServer as createRouter } from '../../router/src/server';
import { loadSupergraphSdl } from '../../router/src/supergraph';
import { startPlatform, type Platform, type PlatformOptions } from './platform';
import { SUBGRAPHS } from './subgraphs';

export interface ScaledPlatform {
  platform: Platform;
  /** The platform's router (A) and a second router (B) that sends ticketing work to the second instance. */
  routerUrls: [string, string];
  routers: [Platform['router'], Platform['router']];
  ticketingUrls: [string, string];
  stop(): Promise<void>;
}

/**
 * Two routers and two ticketing instances on one Postgres and one Redis: router A uses ticketing
 * instance 1, router B instance 2. Live updates cross instances through Redis pub/sub, domain events
 * through Redis Streams consumer groups (each event handled by one instance).
 */
export async function startScaledPlatform(
  options: PlatformOptions & { secondPorts?: { router?: number; ticketing?: number } },
): Promise<ScaledPlatform> {
  if (!options.postgresUrl || !options.redisUrl)
    throw new Error('Scale-out needs POSTGRES_URL and REDIS_URL (shared state between instances)');
  const logger: Logger = options.logger;
  const platform = await startPlatform(options);
  const closers: (() => Promise<void>)[] = [];
  try {
    const first = platform.subgraphs.get('ticketing')!;
    const ticketingModule = SUBGRAPHS.find((s) => s.name === 'ticketing')!;
    const bus = new RedisStreamBus({
      url: options.redisUrl,
      logger: logger.child({ component: 'events', instance: 2 }),
      prefix: options.eventPrefix,
    });
    closers.push(() => bus.close());
    const pubsub = createPubSub(options.redisUrl);
    closers.push(() => pubsub.close());
    const revocations = new RedisRevocationList({
      url: options.redisUrl,
      logger,
      prefix: `${options.eventPrefix ?? 'busline'}:`,
    });
    closers.push(() => revocations.close());
    const auth = platform.subgraphs.get('auth')!;
    const verifier = createTokenVerifier({
      revocations,
      jwksUrl: `${auth.url}/.well-known/jwks.json`,
      issuer: options.env?.JWT_ISSUER ?? 'https://auth.busline.local',
      audience: options.env?.JWT_AUDIENCE ?? 'busline',
    });
    const second: Service = await ticketingModule.create(
      {
        db: first.deps.db,
        bus,
        pubsub,
        verifier,
        revocations,
        logger: logger.child({ service: 'ticketing', instance: 2 }),
        routerSecret: options.routerSecret,
      },
      { ...process.env, ...options.env, DATA_DIR: options.dataDir },
    );
    const secondTicketingUrl = await second.start(options.secondPorts?.ticketing ?? 8014, options.host ?? '127.0.0.1');
    closers.push(() => second.stop());

    const urls = Object.fromEntries([...platform.subgraphs].map(([name, s]) => [name, `${s.url}/graphql`]));
    const routerB = createRouter({
      logger: logger.child({ service: 'router', instance: 2 }),
      supergraphSdl: loadSupergraphSdl({ configPath: options.supergraphConfigPath, logger }),
      urls: { ...urls, ticketing: `${secondTicketingUrl}/graphql` },
      routerSecret: options.routerSecret,
      // Router A's limits and tuning; its response cache is router A's alone.
      ...options.routerTuning,
      responseCache: undefined,
    });
    const routerBUrl = await routerB.start(options.secondPorts?.router ?? 8081, options.host ?? '127.0.0.1');
    closers.push(() => routerB.stop());
    return {
      platform,
      routerUrls: [platform.routerUrl, routerBUrl],
      routers: [platform.router, routerB],
      ticketingUrls: [first.url, secondTicketingUrl],
      async stop() {
        for (const close of closers.reverse())
          await close().catch((error) => logger.warn({ err: error }, 'shutdown step failed'));
        await platform.stop();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await platform.stop();
    throw error;
  }
}

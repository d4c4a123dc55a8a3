import { createLogger, stopOnSignals } from '@busline/shared';
import { loadConfig, subgraphUrlOverrides } from './env';
import { createServer } from './server';
import { loadSupergraphSdl } from './supergraph';

const config = loadConfig();
const logger = createLogger('router', { level: config.LOG_LEVEL, pretty: config.LOG_PRETTY });
try {
  const router = createServer({
    logger,
    supergraphSdl: loadSupergraphSdl({ supergraphPath: config.SUPERGRAPH_PATH, configPath: config.SUPERGRAPH_CONFIG, logger }),
    urls: subgraphUrlOverrides(config),
    routerSecret: config.ROUTER_SECRET,
    corsOrigins: config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    introspection: config.INTROSPECTION ?? config.NODE_ENV !== 'production',
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    subgraphConnections: config.SUBGRAPH_CONNECTIONS,
    trustProxy: config.TRUST_PROXY,
    limits: {
      maxDepth: config.MAX_DEPTH,
      maxAliases: config.MAX_ALIASES,
      maxTokens: config.MAX_TOKENS,
      maxCost: config.MAX_COST,
      maxBodyBytes: config.MAX_BODY_BYTES,
    },
  });
  await router.start(config.PORT, config.HOST);
  stopOnSignals(logger, () => router.stop());
} catch (error) {
  logger.fatal({ err: error }, 'router failed to start');
  process.exit(1);
}

import { connectSubgraphDeps, createLogger, stopOnSignals } from '@busline/shared';
import { migrations } from './db/migrations';
import { loadConfig } from './env';
import { createServer, SUBGRAPH } from './server';

const config = loadConfig();
const logger = createLogger(SUBGRAPH, { level: config.LOG_LEVEL, pretty: config.LOG_PRETTY });
const deps = await connectSubgraphDeps(SUBGRAPH, config, logger, migrations.folder);
const server = createServer(deps);
await server.start(config.PORT, config.HOST);
stopOnSignals(logger, async () => {
  await server.stop();
  await deps.close();
});

import { runSubgraph } from '@busline/shared';
import { migrations } from './db/migrations';
import { loadConfig } from './env';
import { loadServerOptions } from './options';
import { createServer, SUBGRAPH } from './server';

const config = loadConfig();
const options = loadServerOptions(config);
await runSubgraph({
  name: SUBGRAPH,
  config,
  migrationsFolder: migrations.folder,
  createServer: (deps) => createServer(deps, options),
});

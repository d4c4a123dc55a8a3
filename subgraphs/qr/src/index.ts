import { runSubgraph } from '@busline/shared';
import { migrations } from './db/migrations';
import { loadConfig } from './env';
import { createServer, SUBGRAPH } from './server';

await runSubgraph({ name: SUBGRAPH, config: loadConfig(), migrationsFolder: migrations.folder, createServer });

import { assertProductionSecrets, runSubgraph } from '@busline/shared';
import { migrations } from './db/migrations';
import { loadConfig } from './env';
import { loadServerOptions, type PaymentOptions } from './options';
import { createServer, SUBGRAPH } from './server';

const config = loadConfig();
let options: PaymentOptions;
try {
  // The router secret first, as every service checks it; then payment's own refusals.
  assertProductionSecrets(SUBGRAPH, config);
  options = await loadServerOptions(config);
} catch (error) {
  // A refusal to start (production without its secrets or real provider credentials): said plainly, exit 1.
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
await runSubgraph({
  name: SUBGRAPH,
  config,
  migrationsFolder: migrations.folder,
  createServer: (deps) => createServer(deps, options),
});

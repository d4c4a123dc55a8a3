// What scripts, benches and tests may import from the payment subgraph; everything else is its own business.
export { migrations } from './db/migrations';
export { loadConfig, schema as envSchema } from './env';
export { loadServerOptions } from './options';
export { providersFromEnv } from './provider/config';
export { createServer } from './server';

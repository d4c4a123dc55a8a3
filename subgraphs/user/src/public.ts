// What scripts, benches and tests may import from the user subgraph; everything else is its own business.
export { migrations } from './db/migrations';
export { loadConfig, schema as envSchema } from './env';
export { loadServerOptions } from './options';
export { createServer } from './server';
export { grantPlatformAdmin, OPERATOR_ID } from './first-admin';

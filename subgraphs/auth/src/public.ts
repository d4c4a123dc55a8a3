// What scripts, benches and tests may import from the auth subgraph; everything else is its own business.
export { generateSigningKeys, type PrivateSigningJwk } from './crypto/signing-keys';
export { migrations } from './db/migrations';
export { loadConfig, schema as envSchema } from './env';
export { loadServerOptions } from './options';
export { seedDemoAccounts } from './seed';
export { createServer, JWKS_PATH } from './server';

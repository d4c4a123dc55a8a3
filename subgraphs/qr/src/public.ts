// What scripts, benches and tests may import from the qr subgraph; everything else is its own business.
export { migrations } from './db/migrations';
export { loadConfig, schema as envSchema } from './env';
export { generateSigningJwk, KeyRing } from './keys/key-ring';
export { signPass } from './keys/pass-token';
export { loadServerOptions } from './options';
export { createServer, QR_KEYS_PATH } from './server';

// What scripts, benches and tests may import from the company subgraph; everything else is its own business.
export { migrations } from './db/migrations';
export { loadConfig, schema as envSchema } from './env';
export { seedCompanies, seedNetwork } from './seed';
export { loadServerOptions } from './options';
export { createServer } from './server';
export { MAX_SEATS } from './domain/seat-layout';
export { MAX_STOPS } from './services/route-input';

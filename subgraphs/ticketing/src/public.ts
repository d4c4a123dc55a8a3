// What scripts, benches and tests may import from the ticketing subgraph; everything else is its own business.
export { migrations } from './db/migrations';
export { loadConfig, schema as envSchema } from './env';
export { loadServerOptions } from './options';
export { BookingRepository } from './repositories/booking-repository';
export { localDateInKigali } from './services/local-dates';
export { topics } from './services/live';
export { createServer } from './server';
export { SEARCH_LIMIT } from './services/search-trips';

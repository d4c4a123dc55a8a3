import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  assertProductionDatastores,
  assertProductionSecrets,
  booleanString,
  commonEnv,
  ConfigError,
  parseEnv,
  subgraphEnv,
  z,
} from '@busline/shared';
import { schema as routerSchema } from '../../router/src/env';
import { TUNING_SETTINGS } from '../../router/src/settings';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The router's limits and tuning, read by `npm start` as by the router run alone (router/src/settings.ts). */
export const routerTuningSchema = routerSchema.pick(
  Object.fromEntries(TUNING_SETTINGS.map((name) => [name, true])) as { [K in (typeof TUNING_SETTINGS)[number]]: true },
);

/** What `npm start` reads (descriptions feed docs/configuration.md). */
export const schema = routerTuningSchema.extend({
  NODE_ENV: z
    .enum(['development', 'production', 'test'])
    .default('development')
    .describe(
      '`production`: POSTGRES_URL and REDIS_URL required (TLS to a public host), no demo data, no introspection unless INTROSPECTION=true',
    ),
  POSTGRES_URL: z
    .string()
    .url()
    .optional()
    .describe(
      'Postgres server (services mode): each subgraph gets its db_<name> database, created if missing; embedded PGlite when unset',
    ),
  REDIS_URL: z.string().url().optional().describe('Redis (services mode); in-memory event bus and pub/sub when unset'),
  DATABASE_POOL_SIZE: subgraphEnv.DATABASE_POOL_SIZE.describe('Postgres connections of each subgraph (services mode)'),
  DATA_DIR: z.string().default(`${root}.data`).describe('Folder of the embedded database and generated keys'),
  HOST: z.string().default('127.0.0.1').describe('Address every service listens on'),
  LOG_LEVEL: z.string().default('info').describe('Lowest level logged'),
  LOG_PRETTY: booleanString.optional().describe('Human-readable log lines instead of JSON'),
  SEED: booleanString
    .optional()
    .describe('Demo data with published passwords: seeded by default, refused in production'),
  INTROSPECTION: booleanString
    .optional()
    .describe('Introspection and GraphiQL: on by default, off in production unless set'),
  ROUTER_SECRET: z
    .string()
    .min(16)
    .optional()
    .describe(
      'Secret between the router and the subgraphs; a random one when unset; refused in production when guessable (a published example, fewer than 10 distinct characters, or fewer than 10^14 guesses as zxcvbn estimates them)',
    ),
  METRICS_TOKEN: commonEnv.METRICS_TOKEN.describe(
    "Bearer token a Prometheus scraper sends to every service's GET /metrics; refused in production when guessable or equal to ROUTER_SECRET",
  ),
});

export type StartConfig = Omit<z.infer<typeof schema>, 'SEED' | 'INTROSPECTION' | 'ROUTER_SECRET'> & {
  seed: boolean;
  introspection: boolean;
  routerSecret: string;
};

/**
 * What `npm start` runs with. Production never seeds the demo accounts (asking for it is an error,
 * not a warning) and hides introspection unless INTROSPECTION=true. Without ROUTER_SECRET the
 * subgraphs get a random one: they listen on ports of their own, and only the router may use them. A given
 * one passes the checks of every service run alone: production refuses a guessable secret or metrics token.
 */
export function loadStartConfig(source: Record<string, string | undefined> = process.env): StartConfig {
  const { SEED, INTROSPECTION, ROUTER_SECRET, ...config } = parseEnv('platform', schema, source);
  const production = config.NODE_ENV === 'production';
  if (production && SEED) {
    throw new ConfigError('platform', [
      'SEED: demo accounts with published passwords are never seeded when NODE_ENV=production',
    ]);
  }
  const routerSecret = ROUTER_SECRET ?? randomBytes(32).toString('hex');
  assertProductionSecrets('platform', { ...config, ROUTER_SECRET: routerSecret });
  if (production) {
    // As every subgraph run alone: the embedded database and in-memory events are for development.
    const missing = [
      ...(config.POSTGRES_URL
        ? []
        : ['POSTGRES_URL: required when NODE_ENV=production (the embedded database is for development)']),
      ...(config.REDIS_URL
        ? []
        : ['REDIS_URL: required when NODE_ENV=production (without it events never leave this process)']),
    ];
    if (missing.length > 0) throw new ConfigError('platform', missing);
  }
  // Before the first connection (creating the databases) sends the password: TLS to a public host.
  assertProductionDatastores(
    'platform',
    { NODE_ENV: config.NODE_ENV, DATABASE_URL: config.POSTGRES_URL, REDIS_URL: config.REDIS_URL },
    'POSTGRES_URL',
  );
  return {
    ...config,
    seed: SEED ?? !production,
    introspection: INTROSPECTION ?? !production,
    routerSecret,
  };
}

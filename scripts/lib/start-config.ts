import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { booleanString, ConfigError, parseEnv, z } from '@busline/shared';

const root = fileURLToPath(new URL('../..', import.meta.url));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  POSTGRES_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(`${root}.data`),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.string().default('info'),
  LOG_PRETTY: booleanString.optional(),
  /** Demo data with published passwords: seeded by default, refused in production. */
  SEED: booleanString.optional(),
  /** Introspection and GraphiQL: on by default, off in production unless set. */
  INTROSPECTION: booleanString.optional(),
  ROUTER_SECRET: z.string().min(16).optional(),
});

export type StartConfig = Omit<z.infer<typeof schema>, 'SEED' | 'INTROSPECTION' | 'ROUTER_SECRET'> & {
  seed: boolean;
  introspection: boolean;
  routerSecret: string;
};

/**
 * What `npm start` runs with. Production never seeds the demo accounts (asking for it is an error,
 * not a warning) and hides introspection unless INTROSPECTION=true. Without ROUTER_SECRET the
 * subgraphs get a random one: they listen on ports of their own, and only the router may use them.
 */
export function loadStartConfig(source: Record<string, string | undefined> = process.env): StartConfig {
  const { SEED, INTROSPECTION, ROUTER_SECRET, ...config } = parseEnv('platform', schema, source);
  const production = config.NODE_ENV === 'production';
  if (production && SEED) {
    throw new ConfigError('platform', ['SEED: demo accounts with published passwords are never seeded when NODE_ENV=production']);
  }
  return {
    ...config,
    seed: SEED ?? !production,
    introspection: INTROSPECTION ?? !production,
    routerSecret: ROUTER_SECRET ?? randomBytes(32).toString('hex'),
  };
}

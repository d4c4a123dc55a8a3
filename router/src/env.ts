import { fileURLToPath } from 'node:url';
import { booleanString, commonEnv, parseEnv, z } from '@busline/shared';

const SUBGRAPH_NAMES = ['auth', 'user', 'company', 'ticketing', 'qr', 'payment'] as const;

const schema = z.object({
  ...commonEnv,
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  /** supergraph.yaml composed at start-up; ignored when SUPERGRAPH_PATH points at a composed SDL. */
  SUPERGRAPH_CONFIG: z.string().default(fileURLToPath(new URL('../../supergraph.yaml', import.meta.url))),
  SUPERGRAPH_PATH: z.string().optional(),
  /** Extra browser origins allowed by CORS (comma separated); Apollo Sandbox is always allowed. */
  CORS_ORIGINS: z.string().default('http://localhost:5173,http://127.0.0.1:5173'),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SUBGRAPH_CONNECTIONS: z.coerce.number().int().min(1).max(1024).default(128),
  MAX_DEPTH: z.coerce.number().int().min(2).default(15),
  MAX_ALIASES: z.coerce.number().int().min(1).default(30),
  MAX_TOKENS: z.coerce.number().int().min(100).default(5000),
  MAX_COST: z.coerce.number().int().min(100).default(20_000),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(100_000),
  /** Introspection and GraphiQL; off by default in production. */
  INTROSPECTION: booleanString.optional(),
  /**
   * Proxies in front of the router whose X-Forwarded-For entries are trusted (for the client address
   * auth throttles on): 0 ignores the header. `true`/`false` (and yes/no) are read as 1/0.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .transform((value) => Number(({ true: '1', yes: '1', false: '0', no: '0' } as Record<string, string>)[value.toLowerCase()] ?? value))
    .pipe(z.number().int().min(0).max(32))
    .default(0),
  /** Auth's published keys, to count operations and connections per signed-in user (the subgraphs check access themselves). */
  AUTH_JWKS_URL: z.string().url().default('http://localhost:8001/.well-known/jwks.json'),
  JWT_ISSUER: z.string().default('https://auth.busline.local'),
  JWT_AUDIENCE: z.string().default('busline'),
  /** GraphQL operations per minute of one signed-in user, and from one address without a token (0: no limit). */
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_ADDRESS_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  /** WebSocket connections per address and per signed-in user, subscriptions per connection, connection_init wait. */
  WS_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(200),
  WS_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).default(10),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).default(50),
  WS_CONNECTION_INIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  /** graphql-ws ping interval; a client that misses one is disconnected. */
  WS_KEEPALIVE_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** Router processes sharing the port (node:cluster); set it to the number of cores to spread subscription fan-out. */
  ROUTER_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_${name.toUpperCase()}_URL`, z.string().url().optional()])),
});

export type RouterConfig = z.infer<typeof schema> & Partial<Record<`SUBGRAPH_${Uppercase<(typeof SUBGRAPH_NAMES)[number]>}_URL`, string>>;

export function loadConfig(source: Record<string, string | undefined> = process.env): RouterConfig {
  return parseEnv('router', schema, source) as RouterConfig;
}

/** Routing URL overrides from SUBGRAPH_<NAME>_URL. */
export function subgraphUrlOverrides(config: RouterConfig): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = config[`SUBGRAPH_${name.toUpperCase()}_URL` as keyof RouterConfig];
    if (typeof url === 'string') urls[name] = url;
  }
  return urls;
}

// The router's settings: environment variables parsed with zod (their descriptions feed docs/configuration.md).
import { fileURLToPath } from 'node:url';
import { AUTH_JWKS_CARRIES, booleanString, commonEnv, parseEnv, z, type SecretCarryingUrl } from '@busline/shared';

const SUBGRAPH_NAMES = ['auth', 'user', 'company', 'ticketing', 'qr', 'payment', 'notification'] as const;

/** The router's environment (descriptions feed docs/configuration.md). */
export const schema = z.object({
  ...commonEnv,
  PORT: z.coerce.number().int().min(0).max(65535).default(8080).describe('Port to listen on'),
  HOST: z.string().default('0.0.0.0').describe('Address to listen on'),
  SUPERGRAPH_CONFIG: z
    .string()
    .default(fileURLToPath(new URL('../../supergraph.yaml', import.meta.url)))
    .describe('supergraph.yaml composed at start-up; ignored when SUPERGRAPH_PATH is set'),
  SUPERGRAPH_PATH: z
    .string()
    .optional()
    .describe(
      'A composed supergraph SDL (supergraph.graphql) to serve instead of composing at start-up; the images set it',
    ),
  CORS_ORIGINS: z
    .string()
    .default('http://localhost:5173,http://127.0.0.1:5173')
    .describe('Browser origins allowed by CORS (comma separated; empty: none); Apollo Sandbox is always allowed'),
  SUBGRAPH_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(120_000)
    .default(10_000)
    .describe('How long the router waits for a subgraph (sent along as x-request-deadline)'),
  SUBGRAPH_CONNECTIONS: z.coerce
    .number()
    .int()
    .min(1)
    .max(1024)
    .default(128)
    .describe('Keep-alive connections to each subgraph'),
  DEDUPE_INFLIGHT_FETCHES: booleanString
    .default(true)
    .describe(
      'Identical queries to a subgraph in flight at the same time for the same caller (same body ' +
        'and Authorization) go out once and share the answer; never across users, never for ' +
        'mutations',
    ),
  RESPONSE_CACHE: booleanString
    .default(true)
    .describe(
      'Caches answers to queries sent without credentials (searches, trips, stations) in Redis, ' +
        'shared by every router, and drops them on the domain events and mutations that change ' +
        'them; a router process of its own caches only with REDIS_URL (the events come from there).' +
        ' Off when false',
    ),
  EVENT_PREFIX: z
    .string()
    .regex(/^[\w:.-]+$/)
    .default('busline')
    .describe(
      'Key prefix of the domain event streams in Redis: the subgraphs publish under busline, so only a router ' +
        'of a platform with other streams (tests sharing one Redis) changes it; the response cache keeps its answers ' +
        'under <prefix>:response-cache',
    ),
  RESPONSE_CACHE_TTL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(3_600_000)
    .default(60_000)
    .describe(
      'Longest a cached answer is kept, whatever the events (bounds what no event reports, such ' +
        'as a trip that has departed)',
    ),
  RESPONSE_CACHE_MAX_ENTRIES: z.coerce
    .number()
    .int()
    .min(100)
    .default(10_000)
    .describe(
      'Cached answers kept at most, all together (in memory the least recently used go first; in Redis the answers nearest their expiry go first)',
    ),
  RESPONSE_CACHE_MAX_ENTRY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(512 * 1024)
    .describe('Larger answers (serialized JSON) are not cached'),
  RESPONSE_CACHE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024 * 1024)
    .default(128 * 1024 * 1024)
    .describe(
      'Bytes of cached answers (serialized JSON) kept at most, all together: what the cache may take of Redis (or of each router in memory)',
    ),
  MAX_DEPTH: z.coerce
    .number()
    .int()
    .min(2)
    .default(15)
    .describe('Deepest operation accepted (QUERY_LIMIT_EXCEEDED past it)'),
  MAX_ALIASES: z.coerce.number().int().min(1).default(30).describe('Most aliases in one operation'),
  MAX_FIELDS: z.coerce
    .number()
    .int()
    .min(10)
    .default(250)
    .describe('Most field selections in one operation, fragments counted as written (refused before validation)'),
  MAX_PLANNING_MS_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(0)
    .default(5000)
    .describe(
      'Milliseconds the router may spend planning the operations of one address (an IPv6 /64) in a minute: past it, operations it has no plan for are answered RATE_LIMITED (a plan it keeps is not made again; a literal changed makes a new operation); 0: no limit',
    ),
  MAX_TOKENS: z.coerce.number().int().min(100).default(5000).describe('Most tokens in one operation'),
  MAX_COST: z.coerce.number().int().min(100).default(20_000).describe('Highest estimated cost of one operation'),
  MAX_LIST_ITEMS: z.coerce
    .number()
    .int()
    .min(100)
    .default(25_000)
    .describe(
      'Most objects in lists one operation may ask for: page sizes (first/last; an assumed size for a list without) multiplied through nested lists',
    ),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(100_000)
    .describe('Largest request body (413 past it) and graphql-ws message'),
  INTROSPECTION: booleanString
    .optional()
    .describe('Introspection and GraphiQL; on by default, off in production unless set'),
  TRUST_PROXY: z
    .string()
    .trim()
    .transform((value) =>
      Number(({ true: '1', yes: '1', false: '0', no: '0' } as Record<string, string>)[value.toLowerCase()] ?? value),
    )
    .pipe(z.number().int().min(0).max(32))
    .default(0)
    .describe(
      'Proxies in front of the router whose X-Forwarded-For entries are trusted for the client ' +
        'address: 0 ignores the header; `true`/`false` (and yes/no) are read as 1/0',
    ),
  AUTH_JWKS_URL: z
    .string()
    .url()
    .default('http://localhost:8001/.well-known/jwks.json')
    .describe(
      "Auth's published keys, to count operations and connections per signed-in user (the " +
        'subgraphs check access themselves); in production https unless the host is private',
    ),
  JWT_ISSUER: z.string().default('https://auth.busline.local').describe('`iss` of access tokens'),
  JWT_AUDIENCE: z.string().default('busline').describe('`aud` of access tokens'),
  RATE_LIMIT_USER_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(0)
    .default(600)
    .describe(
      'GraphQL operations per minute of one signed-in user (0: no limit); shared by every router through Redis',
    ),
  RATE_LIMIT_ADDRESS_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(0)
    .default(1200)
    .describe('GraphQL operations per minute from one address without a token (0: no limit)'),
  WS_MAX_CONNECTIONS_PER_ADDRESS: z.coerce
    .number()
    .int()
    .min(1)
    .default(200)
    .describe('WebSocket connections open per address, per router process (HTTP subscription streams: as many more)'),
  HTTP_MAX_CONNECTIONS_PER_ADDRESS: z.coerce
    .number()
    .int()
    .min(0)
    .default(256)
    .describe(
      'TCP connections (WebSocket ones included) open per address, per router process, when TRUST_PROXY=0 ' +
        '(past it: 429 and closed; 0: no limit); behind proxies they cap their clients',
    ),
  WS_MAX_CONNECTIONS_PER_USER: z.coerce
    .number()
    .int()
    .min(1)
    .default(10)
    .describe(
      'WebSocket connections open per signed-in user, per router process (HTTP subscription streams: as many more)',
    ),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce
    .number()
    .int()
    .min(1)
    .default(50)
    .describe('Subscriptions open on one WebSocket connection'),
  WS_MAX_SUBSCRIPTIONS_PER_ADDRESS: z.coerce
    .number()
    .int()
    .min(1)
    .default(1000)
    .describe(
      'Subscriptions open at once over all the WebSocket connections of one address without a token (an IPv6 /64 counts as one), per router process: each is its own work per event',
    ),
  WS_MAX_SUBSCRIPTIONS_PER_USER: z.coerce
    .number()
    .int()
    .min(1)
    .default(100)
    .describe(
      'Subscriptions open at once over all the WebSocket connections of one signed-in user, per router process',
    ),
  WS_CONNECTION_INIT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(60_000)
    .default(3000)
    .describe('How long a WebSocket client has to send connection_init'),
  WS_KEEPALIVE_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(600_000)
    .default(30_000)
    .describe('graphql-ws ping interval; a client that misses one is disconnected'),
  ROUTER_WORKERS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(1)
    .describe(
      'Router processes sharing the port (node:cluster); set it to the number of cores to spread subscription fan-out',
    ),
  ...Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [
      `SUBGRAPH_${name.toUpperCase()}_URL`,
      z
        .string()
        .url()
        .optional()
        .describe(
          `GraphQL URL of the ${name} subgraph, instead of supergraph.yaml's routing URL; in production https ` +
            'unless the host is private (loopback, a private address, a name without dots, *.svc, ' +
            '*.cluster.local, *.internal)',
        ),
    ]),
  ),
});

export type RouterConfig = z.infer<typeof schema> &
  Partial<Record<`SUBGRAPH_${Uppercase<(typeof SUBGRAPH_NAMES)[number]>}_URL`, string>>;

export function loadConfig(source: Record<string, string | undefined> = process.env): RouterConfig {
  return parseEnv('router', schema, source, { emptyIsAValue: ['CORS_ORIGINS'] }) as RouterConfig;
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

/**
 * The settings whose URLs carry secrets, for assertProductionUrls: the router sends ROUTER_SECRET and the caller's
 * bearer token with every subgraph fetch, and believes the token keys auth's key set returns.
 */
export function urlsCarryingSecrets(config: RouterConfig): Record<string, SecretCarryingUrl> {
  const urls: Record<string, SecretCarryingUrl> = {
    AUTH_JWKS_URL: { url: config.AUTH_JWKS_URL, carries: AUTH_JWKS_CARRIES },
  };
  for (const [name, url] of Object.entries(subgraphUrlOverrides(config)))
    urls[`SUBGRAPH_${name.toUpperCase()}_URL`] = {
      url,
      carries: "the router secret and the caller's bearer token travel with every request",
    };
  return urls;
}

import { createRequire } from 'node:module';
import { z } from 'zod';
import { isPrivateHost } from './private-host';

export { z };

/** Thrown at start-up when the environment does not describe a runnable service. */
export class ConfigError extends Error {
  constructor(service: string, issues: string[]) {
    super(`Invalid configuration for ${service}:\n  - ${issues.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses and validates the environment once, at start-up, into a typed config object. A variable set to an empty
 * or blank value counts as unset (its default applies, or a required one is refused): that is what compose's
 * `${X:-}`, a `X=` line in an env file or an empty ConfigMap entry give, and read as a number it would be 0, which
 * for most limits means "none". `emptyIsAValue` names the variables where empty says something (an empty list);
 * NODE_ENV is always one (an empty one is refused: taken as unset it would be development).
 */
export function parseEnv<S extends z.ZodType>(
  service: string,
  schema: S,
  source: Record<string, string | undefined> = process.env,
  options: { emptyIsAValue?: readonly string[] } = {},
): z.infer<S> {
  // An empty NODE_ENV is refused rather than read as development: it would switch off production's checks.
  const kept = new Set(['NODE_ENV', ...(options.emptyIsAValue ?? [])]);
  const set = Object.fromEntries(
    Object.entries(source).filter(([key, value]) => value === undefined || value.trim() !== '' || kept.has(key)),
  );
  const result = schema.safeParse(set);
  if (!result.success) {
    throw new ConfigError(
      service,
      result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
  return result.data;
}

/** The placeholder values the example deployment files show: published, so never secret. */
const PUBLISHED_EXAMPLES = new Set([
  'at-least-16-characters-known-to-the-router-and-every-subgraph',
  'the-bearer-token-your-prometheus-sends-to-metrics',
  'the-hmac-secret-the-mobile-money-provider-signs-callbacks-with',
  'airtel-callback-private-key',
]);

/** A secret anyone could guess: a published example, or fewer than 10 distinct characters (`aaaaaaaaaaaaaaaa`). */
export function isGuessableSecret(value: string): boolean {
  return PUBLISHED_EXAMPLES.has(value) || new Set(value).size < 10;
}

/** Words an attacker tries first against this platform's secrets, beside zxcvbn's dictionaries. */
const PLATFORM_WORDS = [
  'busline',
  'bus',
  'router',
  'subgraph',
  'secret',
  'metrics',
  'prometheus',
  'token',
  'webhook',
  'callback',
  'momo',
  'mtn',
  'airtel',
  'ticket',
  'kigali',
  'rwanda',
];

/**
 * The fewest guesses (as log10) a secret the operator generates must take by zxcvbn's estimate: 16 random characters
 * take 10^16 (the settings' minimum length), `1234567890123456` or `qwertyuiopasdfgh` 10^4, `routersecret1234` 10^8.
 */
export const SECRET_GUESSES_LOG10_MIN = 14;

const requireOnUse = createRequire(import.meta.url);
let estimate: ((value: string) => number) | undefined;

/**
 * log10 of the guesses zxcvbn (`@zxcvbn-ts/core`) estimates `value` takes: dictionary words and common passwords,
 * keyboard walks, sequences, repeats, dates and the platform's own words. Its dictionaries (megabytes) are loaded
 * on first use: only production checks its secrets.
 */
export function secretGuessesLog10(value: string): number {
  if (!estimate) {
    const { zxcvbn, zxcvbnOptions } = requireOnUse('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
    const common = requireOnUse('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    zxcvbnOptions.setOptions({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
    estimate = (secret) => zxcvbn(secret, PLATFORM_WORDS).guessesLog10;
  }
  return estimate(value);
}

/**
 * A secret the operator generates (`npm run keys`) that is guessable (isGuessableSecret) or that zxcvbn estimates
 * takes fewer than 10^SECRET_GUESSES_LOG10_MIN guesses. Not for keys a provider issues: their form is the provider's.
 */
export function isWeakSecret(value: string): boolean {
  return isGuessableSecret(value) || secretGuessesLog10(value) < SECRET_GUESSES_LOG10_MIN;
}

/**
 * Production refuses to start without the router secret: without it a subgraph answers anyone who
 * reaches its port, bypassing the router's authentication pass-through, limits and rate limits. A
 * guessable one (isWeakSecret) is as good as none, and a metrics token equal to it would let every
 * scraper in (subgraphs accept the router secret on /metrics). (Each subgraph's own secrets — signing keys,
 * webhook secret — are required where they are read.)
 */
export function assertProductionSecrets(
  service: string,
  config: { NODE_ENV?: string; ROUTER_SECRET?: string; METRICS_TOKEN?: string },
): void {
  if (config.NODE_ENV !== 'production') return;
  const problems: string[] = [];
  if (!config.ROUTER_SECRET)
    problems.push('ROUTER_SECRET: required when NODE_ENV=production (generate one with `npm run keys`)');
  else if (isWeakSecret(config.ROUTER_SECRET))
    problems.push('ROUTER_SECRET: a published example or too simple to be secret (generate one with `npm run keys`)');
  if (config.METRICS_TOKEN && isWeakSecret(config.METRICS_TOKEN))
    problems.push('METRICS_TOKEN: a published example or too simple to be secret (generate one with `npm run keys`)');
  if (config.METRICS_TOKEN && config.METRICS_TOKEN === config.ROUTER_SECRET)
    problems.push('METRICS_TOKEN: must differ from ROUTER_SECRET (a subgraph takes the router secret on /metrics)');
  if (problems.length > 0) throw new ConfigError(service, problems);
}

/** A URL a secret travels with, and what that secret is (for the error naming the setting). */
export interface SecretCarryingUrl {
  url: string | undefined;
  carries: string;
}

/** What travels with AUTH_JWKS_URL: whoever answers a fetch of it decides which access tokens are genuine. */
export const AUTH_JWKS_CARRIES = 'the keys access tokens are checked against come from it';

const PRIVATE_HOSTS = 'loopback, a private address, a name without dots, *.svc, *.cluster.local, *.internal';

/**
 * Production refuses plain http to a host on a public network for a URL a secret travels with: anyone on the way
 * reads the secret, and whoever answers in the host's place is believed. Loopback, private addresses and names only
 * a private network resolves (compose's and Kubernetes' service names) may stay http, as the providers' may.
 */
export function assertProductionUrls(
  service: string,
  config: { NODE_ENV?: string },
  urls: Record<string, SecretCarryingUrl>,
): void {
  if (config.NODE_ENV !== 'production') return;
  const problems = Object.entries(urls)
    .filter(([, { url }]) => url !== undefined && isCleartextToPublicHost(url))
    .map(
      ([name, { carries }]) =>
        `${name}: must be https when NODE_ENV=production unless its host is private (${PRIVATE_HOSTS}): ${carries}`,
    );
  if (problems.length > 0) throw new ConfigError(service, problems);
}

function isCleartextToPublicHost(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol !== 'https:' && !isPrivateHost(parsed.hostname);
}

/** sslmode values with which node-postgres speaks TLS (or refuses to connect without it). */
const TLS_SSLMODES = new Set(['require', 'verify-ca', 'verify-full']);

/**
 * Production refuses a datastore URL that would send its password, and everything after it, in clear to a host on a
 * public network: Redis without TLS (`rediss://`: whoever has its password writes events, a forged payment.succeeded
 * included) and Postgres without `sslmode=require` or stricter (node-postgres hands the password to whoever asks
 * for it on the way). Private hosts (PRIVATE_HOSTS, a Unix socket) may stay in clear.
 */
export function assertProductionDatastores(
  service: string,
  config: { NODE_ENV?: string; DATABASE_URL?: string; REDIS_URL?: string },
  /** The variable the database's URL is read from, as problems name it (`npm start` reads POSTGRES_URL). */
  databaseVariable = 'DATABASE_URL',
): void {
  if (config.NODE_ENV !== 'production') return;
  const problems: string[] = [];
  // The host the client connects to: node-postgres and ioredis take a `host` query parameter over the URL's own (for
  // Postgres, a path is a Unix socket directory).
  const hostOf = (url: URL) => url.searchParams.get('host') ?? url.hostname;
  const publicHost = (url: URL) => {
    const host = hostOf(url);
    return host !== '' && !host.startsWith('/') && !isPrivateHost(host);
  };
  const redis = parsedUrl(config.REDIS_URL);
  if (redis && redis.protocol !== 'rediss:' && publicHost(redis))
    problems.push(
      `REDIS_URL: must be rediss:// (TLS) when NODE_ENV=production unless its host is private (${PRIVATE_HOSTS}): ` +
        'its password and every event travel with it',
    );
  const database = parsedUrl(config.DATABASE_URL);
  // sslmode decides when given (node-postgres lets it override ssl=true); else ssl=true.
  const sslmode = database?.searchParams.get('sslmode');
  const ssl = database?.searchParams.get('ssl');
  const tls = sslmode != null ? TLS_SSLMODES.has(sslmode) : ssl === 'true' || ssl === '1';
  if (database && !tls && publicHost(database))
    problems.push(
      `${databaseVariable}: must ask for TLS (sslmode=verify-full, or require) when NODE_ENV=production ` +
        'unless its host is ' +
        `private (${PRIVATE_HOSTS}): its password and every row travel with it`,
    );
  if (problems.length > 0) throw new ConfigError(service, problems);
}

const parsedUrl = (url: string | undefined): URL | undefined => {
  if (!url) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
};

/**
 * Production refuses a subgraph without its Postgres database and Redis: it would run on an embedded database
 * of its own, lost with its container, and keep its events in memory (no other service would hear of a payment).
 */
export function assertProductionInfra(
  service: string,
  config: { NODE_ENV?: string; DATABASE_URL?: string; REDIS_URL?: string },
): void {
  if (config.NODE_ENV !== 'production') return;
  const problems: string[] = [];
  if (!config.DATABASE_URL)
    problems.push('DATABASE_URL: required when NODE_ENV=production (the embedded database is for development)');
  if (!config.REDIS_URL)
    problems.push('REDIS_URL: required when NODE_ENV=production (without it events never leave this process)');
  if (problems.length > 0) throw new ConfigError(service, problems);
}

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Variables every Busline process understands (descriptions feed docs/configuration.md, `npm run docs:config`). */
export const commonEnv = {
  NODE_ENV: z
    .enum(['development', 'production', 'test'])
    .default('development')
    .describe(
      "`production` requires the secrets (a ROUTER_SECRET that is not guessable, each service's keys), a subgraph's DATABASE_URL and REDIS_URL, and turns introspection off",
    ),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('Lowest level of the JSON log lines written to stdout'),
  LOG_PRETTY: booleanString.optional().describe('Human-readable log lines instead of JSON (development)'),
  REDIS_URL: z
    .string()
    .url()
    .optional()
    .describe(
      "Redis (services mode): domain events, live updates, revocations, the router's shared rate limits; in-memory when unset. In production rediss:// (TLS) unless the host is private",
    ),
  ROUTER_SECRET: z
    .string()
    .min(16, 'ROUTER_SECRET must be at least 16 characters')
    .optional()
    .describe(
      'Secret the router sends to every subgraph (x-router-secret); subgraphs refuse requests without it. Required in production',
    ),
  // Empty is unset (parseEnv): docker-compose.yml passes `${METRICS_TOKEN:-}` to every service.
  METRICS_TOKEN: z
    .string()
    .min(16, 'METRICS_TOKEN must be at least 16 characters')
    .optional()
    .describe(
      'Bearer token a Prometheus scraper sends to GET /metrics (docs/operations.md); the router refuses to serve /metrics in production without it. Empty is unset',
    ),
  SHUTDOWN_GRACE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(600_000)
    .default(25_000)
    .describe(
      'On SIGTERM: how long in-flight requests and event handlers get to finish while the service reports not ready',
    ),
};

/** Variables of a subgraph service (each subgraph extends these with its own). */
export const subgraphEnv = {
  ...commonEnv,
  PORT: z.coerce.number().int().min(0).max(65535).describe('Port to listen on'),
  HOST: z.string().default('0.0.0.0').describe('Address to listen on'),
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .describe(
      'Postgres database of this subgraph; without it the service runs on an embedded PGlite under DATA_DIR. In production sslmode=verify-full (or require) unless the host is private',
    ),
  DATA_DIR: z
    .string()
    .default('.data')
    .describe('Folder of the embedded database and of keys generated outside production'),
  DATABASE_POOL_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(10)
    .describe('Postgres connections of one process'),
  DATABASE_PREPARED_STATEMENTS: booleanString
    .default(true)
    .describe(
      'Send statements with parameters as named prepared statements, planned once per connection; false behind a pooler in transaction mode that cannot keep them',
    ),
  DATABASE_PIPELINE: booleanString
    .default(true)
    .describe(
      "Send a statement without waiting for the answers to those before it (a transaction's BEGIN with its first statement); false sends one at a time",
    ),
  MIGRATIONS_DIR: z
    .string()
    .optional()
    .describe("Folder holding `<subgraph>/` migration folders; defaults to the repository's drizzle/"),
  AUTH_JWKS_URL: z
    .string()
    .url()
    .default('http://localhost:8001/.well-known/jwks.json')
    .describe(
      "Auth's published keys, to verify access tokens; in production https unless the host is private (loopback, a private address, a name without dots, *.svc, *.cluster.local, *.internal)",
    ),
  JWT_ISSUER: z
    .string()
    .default('https://auth.busline.local')
    .describe('`iss` of access tokens (auth signs with it, every service checks it)'),
  JWT_AUDIENCE: z
    .string()
    .default('busline')
    .describe('`aud` of access tokens (auth signs with it, every service checks it)'),
};

export { booleanString };

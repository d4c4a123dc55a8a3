// The router's tuning from its settings, shared by the router's own process (index.ts) and `npm start`
// (scripts/start-all.ts), which runs the same router in one process with the subgraphs.
import type { RouterConfig } from './env';
import type { RouterDeps } from './server';

/** The settings read here: both programs accept them, with the same names, defaults and limits. */
export const TUNING_SETTINGS = [
  'SUBGRAPH_TIMEOUT_MS',
  'SUBGRAPH_CONNECTIONS',
  'DEDUPE_INFLIGHT_FETCHES',
  'TRUST_PROXY',
  'WS_KEEPALIVE_MS',
  'RESPONSE_CACHE',
  'RESPONSE_CACHE_TTL_MS',
  'RESPONSE_CACHE_MAX_ENTRIES',
  'RESPONSE_CACHE_MAX_ENTRY_BYTES',
  'RESPONSE_CACHE_MAX_BYTES',
  'MAX_DEPTH',
  'MAX_ALIASES',
  'MAX_FIELDS',
  'MAX_PLANNING_MS_PER_MINUTE',
  'MAX_TOKENS',
  'MAX_COST',
  'MAX_LIST_ITEMS',
  'MAX_BODY_BYTES',
  'RATE_LIMIT_USER_PER_MINUTE',
  'RATE_LIMIT_ADDRESS_PER_MINUTE',
  'WS_MAX_CONNECTIONS_PER_ADDRESS',
  'HTTP_MAX_CONNECTIONS_PER_ADDRESS',
  'WS_MAX_CONNECTIONS_PER_USER',
  'WS_MAX_SUBSCRIPTIONS_PER_CONNECTION',
  'WS_MAX_SUBSCRIPTIONS_PER_ADDRESS',
  'WS_MAX_SUBSCRIPTIONS_PER_USER',
  'WS_CONNECTION_INIT_TIMEOUT_MS',
] as const satisfies readonly (keyof RouterConfig)[];

export type TuningConfig = Pick<RouterConfig, (typeof TUNING_SETTINGS)[number]>;

export type RouterTuning = Pick<
  RouterDeps,
  | 'subgraphTimeoutMs'
  | 'subgraphConnections'
  | 'dedupeInflightFetches'
  | 'trustProxy'
  | 'wsKeepAliveMs'
  | 'rateLimit'
  | 'connectionLimits'
  | 'limits'
> & {
  /** Whether it caches, and its bounds (where it keeps answers and which events drop them are the caller's). */
  responseCache: { enabled: boolean; ttlMs: number; maxEntries: number; maxEntryBytes: number; maxBytes: number };
};

/**
 * Timeouts, connections, deduplication, proxies, the response cache's bounds, and the rate, connection and query
 * limits.
 */
export function routerTuning(config: TuningConfig): RouterTuning {
  return {
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    subgraphConnections: config.SUBGRAPH_CONNECTIONS,
    dedupeInflightFetches: config.DEDUPE_INFLIGHT_FETCHES,
    trustProxy: config.TRUST_PROXY,
    wsKeepAliveMs: config.WS_KEEPALIVE_MS,
    responseCache: {
      enabled: config.RESPONSE_CACHE,
      ttlMs: config.RESPONSE_CACHE_TTL_MS,
      maxEntries: config.RESPONSE_CACHE_MAX_ENTRIES,
      maxEntryBytes: config.RESPONSE_CACHE_MAX_ENTRY_BYTES,
      maxBytes: config.RESPONSE_CACHE_MAX_BYTES,
    },
    rateLimit: {
      perUserPerMinute: config.RATE_LIMIT_USER_PER_MINUTE,
      perAddressPerMinute: config.RATE_LIMIT_ADDRESS_PER_MINUTE,
    },
    connectionLimits: {
      perAddress: config.WS_MAX_CONNECTIONS_PER_ADDRESS,
      perUser: config.WS_MAX_CONNECTIONS_PER_USER,
      subscriptionsPerConnection: config.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      subscriptionsPerAddress: config.WS_MAX_SUBSCRIPTIONS_PER_ADDRESS,
      subscriptionsPerUser: config.WS_MAX_SUBSCRIPTIONS_PER_USER,
      initTimeoutMs: config.WS_CONNECTION_INIT_TIMEOUT_MS,
      socketsPerAddress: config.HTTP_MAX_CONNECTIONS_PER_ADDRESS,
    },
    limits: {
      maxDepth: config.MAX_DEPTH,
      maxAliases: config.MAX_ALIASES,
      maxFields: config.MAX_FIELDS,
      maxPlanningMsPerMinute: config.MAX_PLANNING_MS_PER_MINUTE,
      maxTokens: config.MAX_TOKENS,
      maxCost: config.MAX_COST,
      maxListItems: config.MAX_LIST_ITEMS,
      maxBodyBytes: config.MAX_BODY_BYTES,
    },
  };
}

// Rate limits per user and per client address.
import type { IncomingMessage } from 'node:http';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { addressBucket, bearerToken, reconnectOnReadOnly, watchConnection, type TokenVerifier } from '@busline/shared';

export interface RateLimitSettings {
  /** GraphQL operations (requests and subscriptions) per minute of one signed-in user; 0 turns it off. */
  perUserPerMinute: number;
  /** Operations per minute from one address without a valid token; 0 turns it off. */
  perAddressPerMinute: number;
  /** With Redis every router counts in the same buckets; without it each process counts its own. */
  redisUrl?: string;
  /** Key prefix in Redis (tests isolate themselves with their own). */
  prefix?: string;
}

export const DEFAULT_RATE_LIMITS = { perUserPerMinute: 600, perAddressPerMinute: 1200 };

/** Who an operation is counted against: the signed-in user, else the client's address. */
export type Identity = { userId: string } | { address: string };

export interface RateLimiter {
  /** Counts one operation; resolves with the seconds to wait when it is over the limit, else undefined. */
  consume(identity: Identity): Promise<number | undefined>;
  /** Resolves once Redis answers (at most `timeoutMs`; until then each router counts on its own). */
  ready(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Per-user and per-address operation budgets (rate-limiter-flexible). A signed-in user is counted
 * on their own budget only: behind a carrier NAT thousands of people share an address, and their
 * signed-in traffic must not be refused because of someone else's. Anonymous traffic (searches,
 * sign-in) is counted per address. While Redis is away, each router falls back to counting in its
 * own memory rather than letting everything through or refusing everything.
 */
export function createRateLimiter(settings: RateLimitSettings): RateLimiter {
  const redis = settings.redisUrl
    ? new Redis(settings.redisUrl, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        reconnectOnError: reconnectOnReadOnly,
      })
    : undefined;
  redis?.on('error', () => undefined);
  // Without an answer a limited request would wait for good: a connection that went silent is made again.
  const unwatch = redis ? watchConnection(redis, { primary: true }) : () => undefined;
  const prefix = settings.prefix ?? 'busline:ratelimit';
  const make = (name: string, points: number): RateLimiterAbstract | undefined => {
    if (points <= 0) return undefined;
    const memory = new RateLimiterMemory({ keyPrefix: `${prefix}:${name}`, points, duration: 60 });
    if (!redis) return memory;
    return new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:${name}`,
      points,
      duration: 60,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
  };
  const perUser = make('user', settings.perUserPerMinute);
  const perAddress = make('address', settings.perAddressPerMinute);
  return {
    async consume(identity) {
      const [limiter, key] = 'userId' in identity ? [perUser, identity.userId] : [perAddress, identity.address];
      if (!limiter) return undefined;
      try {
        await limiter.consume(key);
        return undefined;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw rejection;
      }
    },
    async ready(timeoutMs = 2000) {
      if (!redis || redis.status === 'ready') return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        redis.once('ready', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    async close() {
      unwatch();
      redis?.disconnect();
    },
  };
}

/**
 * The caller's identity for counting: a verified token's subject, else the address (tokens that
 * fail count as anonymous), an IPv6 address by its /64 (one client's network, as the subgraphs count it:
 * addressBucket), or one client would have 2^64 budgets.
 */
export async function identify(
  authorization: string | null | undefined,
  address: string | undefined,
  verifier: TokenVerifier | undefined,
): Promise<Identity> {
  // Read as every subgraph reads it: credentials a subgraph takes for a user are that user's here too.
  const token = bearerToken(authorization);
  if (token && verifier) {
    try {
      return { userId: (await verifier.verify(token)).userId };
    } catch {
      // Refused by the subgraphs anyway; counted as the address it came from.
    }
  }
  return { address: addressBucket(address) ?? 'unknown' };
}

export const rateLimitedError = (retryAfterSeconds: number) =>
  new GraphQLError(`Too many requests; try again in ${retryAfterSeconds} seconds`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
  });

/**
 * Mutation fields that check a password or make an account: counted against the client's address whatever token
 * comes with them. Signed-in traffic is otherwise counted against the user only, so a password sprayer attaching the
 * token of a throwaway account of their own moved every guess onto that account's budget (ten such accounts an hour
 * from one address: thousands of guesses a minute).
 */
const ADDRESS_COUNTED_FIELDS = new Set(['login', 'register', 'requestPasswordReset', 'resetPassword']);

/** How many of the operation's root fields (through fragments) are ADDRESS_COUNTED_FIELDS; 0 for a query. */
export function addressCountedFields(document: DocumentNode, operationName?: string | null): number {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (operation?.operation !== 'mutation') return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const seen = new Set<string>();
  const count = (set: SelectionSetNode): number => {
    let n = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) n += ADDRESS_COUNTED_FIELDS.has(selection.name.value) ? 1 : 0;
      else if (selection.kind === Kind.INLINE_FRAGMENT) n += count(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) n += count(fragment.selectionSet);
      }
    }
    return n;
  };
  return count(operation.selectionSet);
}

/**
 * Counts every GraphQL request over HTTP; past the budget: 429 with Retry-After, before parsing. Sign-in mutations
 * (ADDRESS_COUNTED_FIELDS) are counted against the address, each field, once parsed (HTTP and WebSocket).
 */
export function useRateLimit(
  limiter: RateLimiter,
  options: {
    verifier?: TokenVerifier;
    address: (req: IncomingMessage | undefined) => string | undefined;
    /** Told who each request was counted against (the access log's user id). */
    identified?: (request: Request, identity: Identity) => void;
  },
): Plugin {
  return {
    async onRequest({ request, serverContext, endResponse }) {
      if (request.method === 'OPTIONS') return;
      const identity = await identify(
        request.headers.get('authorization'),
        options.address((serverContext as { req?: IncomingMessage } | undefined)?.req),
        options.verifier,
      );
      options.identified?.(request, identity);
      const retryAfter = await limiter.consume(identity);
      if (retryAfter === undefined) return;
      endResponse(
        new Response(JSON.stringify({ errors: [rateLimitedError(retryAfter).toJSON()] }), {
          status: 429,
          headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retryAfter) },
        }),
      );
    },
    // Over HTTP and WebSocket alike (an operation on a socket has been counted once, against its identity, by
    // admitSubscribe): each sign-in field counts against the address, less the one point an anonymous operation
    // has already cost it there.
    async onExecute({ args, setResultAndStopExecution }) {
      const fields = addressCountedFields(args.document, args.operationName);
      if (fields === 0) return;
      const context = args.contextValue as { authorization?: string; clientIp?: string };
      const identity = await identify(context.authorization, context.clientIp, options.verifier);
      const address = addressBucket(context.clientIp) ?? 'unknown';
      const counted = 'userId' in identity ? 0 : 1;
      for (let i = counted; i < fields; i++) {
        const retryAfter = await limiter.consume({ address });
        if (retryAfter !== undefined) return setResultAndStopExecution({ errors: [rateLimitedError(retryAfter)] });
      }
    },
  };
}

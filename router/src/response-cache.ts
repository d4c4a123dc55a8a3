// The public response cache: answers to visitors without credentials, dropped by the events that change them.
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import {
  getNamedType,
  getOperationAST,
  isCompositeType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { EventBus, EventSubscription, Logger } from '@busline/shared';
import {
  consumeInvalidations,
  mutationEntitiesByField,
  mutationNeedsEcho,
  PUBLIC_TYPES,
  REPLICA_ECHO_DELAYS_MS,
} from './cache-invalidation';
import {
  createMemoryStore,
  createRedisStore,
  type CacheEntityRecord,
  type ResponseStore,
} from './response-cache-store';

export interface ResponseCacheSettings {
  /** Default on; off without `bus` (nothing would keep the answers fresh). */
  enabled?: boolean;
  /** Longest an answer is kept (default 60 s): a bound for what no event reports (trips that departed). */
  ttlMs?: number;
  /** Answers kept at most in memory (default 10 000). */
  maxEntries?: number;
  /** Larger answers are not cached (default 512 KiB, serialized). */
  maxEntryBytes?: number;
  /** Shares the answers between every router through Redis; in memory without it. */
  redisUrl?: string;
  /** Redis key prefix (default `busline:response-cache`). */
  prefix?: string;
  /** The domain events that invalidate answers. */
  bus?: EventBus;
}

export const DEFAULT_RESPONSE_CACHE = { ttlMs: 60_000, maxEntries: 10_000, maxEntryBytes: 512 * 1024 };

interface CallerContext {
  authorization?: string;
  connectionParams?: unknown;
  upgradeAuthorization?: string;
}

/**
 * Only a plain HTTP request with no credentials at all: its answer is what every visitor gets. A
 * signed-in caller may see more, or other, than a visitor, so nothing of theirs is cached or served
 * from the cache (WebSocket operations neither: their credentials travel in connection params).
 */
export function isAnonymous(request: Request | undefined, context: CallerContext | undefined): boolean {
  if (!request || request.headers.has('authorization')) return false;
  return !context?.authorization && context?.connectionParams === undefined && !context?.upgradeAuthorization;
}

/** Whether an operation selects only public types (checked once per parsed document). */
function publicSelection(schema: GraphQLSchema) {
  const known = new WeakMap<DocumentNode, boolean>();
  return (document: DocumentNode): boolean => {
    let isPublic = known.get(document);
    if (isPublic === undefined) {
      isPublic = true;
      const typeInfo = new TypeInfo(schema);
      visit(
        document,
        visitWithTypeInfo(typeInfo, {
          Field() {
            const type = typeInfo.getType();
            const named = type ? getNamedType(type) : undefined;
            if (!named || (isCompositeType(named) && !PUBLIC_TYPES.has(named.name))) isPublic = false;
          },
        }),
      );
      known.set(document, isPublic);
    }
    return isPublic;
  };
}

export interface PublicResponseCache {
  /** Yoga plugins, placed after the gateway executor (they wrap its execute). */
  plugins(schema: GraphQLSchema): Plugin[];
  /** Drops the answers holding these entities. */
  invalidate(entities: CacheEntityRecord[]): Promise<void>;
  start(): void;
  close(): Promise<void>;
}

/** The cache, or undefined when it is off. */
export function createPublicResponseCache(
  settings: ResponseCacheSettings,
  logger: Logger,
): PublicResponseCache | undefined {
  if (settings.enabled === false || !settings.bus) return undefined;
  const bus = settings.bus;
  const limits = {
    maxTtlMs: settings.ttlMs ?? DEFAULT_RESPONSE_CACHE.ttlMs,
    maxEntries: settings.maxEntries ?? DEFAULT_RESPONSE_CACHE.maxEntries,
    maxEntryBytes: settings.maxEntryBytes ?? DEFAULT_RESPONSE_CACHE.maxEntryBytes,
  };
  const log = logger.child({ component: 'response-cache' });
  const store: ResponseStore = settings.redisUrl
    ? createRedisStore({
        url: settings.redisUrl,
        prefix: settings.prefix ?? 'busline:response-cache',
        logger: log,
        ...limits,
      })
    : createMemoryStore(limits);
  let subscription: EventSubscription | undefined;
  const echoes = echoInvalidations(store);
  return {
    plugins: (schema) => cachePlugins(schema, store, limits.maxTtlMs, echoes.echo),
    invalidate: (entities) => store.invalidateOrThrow(entities),
    start() {
      subscription ??= consumeInvalidations(
        bus,
        (entities) => store.invalidateOrThrow(entities),
        echoes.echo,
        log,
        limits.maxTtlMs + REPLICA_ECHO_DELAYS_MS.at(-1)! + 60_000,
      );
    },
    async close() {
      await subscription?.stop();
      subscription = undefined;
      echoes.cancel();
      await store.close();
    },
  };
}

/**
 * Invalidates again a little later: what other subgraphs copy from the change may lag it. Entities
 * due after the same delay are gathered, so that a burst of events makes one write.
 */
function echoInvalidations(store: ResponseStore): { echo(entities: CacheEntityRecord[]): void; cancel(): void } {
  const slots = REPLICA_ECHO_DELAYS_MS.map(() => ({
    entities: new Map<string, CacheEntityRecord>(),
    timer: undefined as NodeJS.Timeout | undefined,
  }));
  return {
    echo(entities) {
      REPLICA_ECHO_DELAYS_MS.forEach((delay, i) => {
        const slot = slots[i]!;
        for (const entity of entities) slot.entities.set(`${entity.typename}:${entity.id ?? ''}`, entity);
        slot.timer ??= setTimeout(() => {
          const due = [...slot.entities.values()];
          slot.entities.clear();
          slot.timer = undefined;
          void store.invalidate(due);
        }, delay).unref();
      });
    },
    cancel() {
      for (const slot of slots) clearTimeout(slot.timer);
    },
  };
}

/** Yoga plugins: which answers may be stored, the cache itself, and invalidation by mutations. */
function cachePlugins(
  schema: GraphQLSchema,
  store: ResponseStore,
  maxTtlMs: number,
  echo: (entities: CacheEntityRecord[]) => void,
): Plugin[] {
  // Every type but the public ones is private: an answer holding one is never stored.
  const scopePerSchemaCoordinate = Object.fromEntries(
    Object.keys(schema.getTypeMap())
      .filter((name) => !name.startsWith('__') && !PUBLIC_TYPES.has(name))
      .map((name) => [name, 'PRIVATE' as const]),
  );
  const selectsOnlyPublic = publicSelection(schema);
  /** Contexts whose operation selects a private type (`me`, `myBookings`, a trip's manifest). */
  const selectsPrivate = new WeakSet<object>();
  const classify: Plugin = {
    onExecute({ args }) {
      // Queries only: with invalidateViaMutation off the plugin would treat a mutation like a query.
      const isQuery = getOperationAST(args.document, args.operationName)?.operation === 'query';
      if ((!isQuery || !selectsOnlyPublic(args.document)) && args.contextValue)
        selectsPrivate.add(args.contextValue as object);
    },
  };
  const invalidateOnMutation: Plugin = {
    onExecute({ args }) {
      const fields = mutationEntitiesByField(args, schema);
      if (fields.length === 0) return;
      return {
        // Before the answer leaves: the caller's next read is already fresh. Only for the fields that succeeded:
        // a refused one changed nothing (its subgraph's transaction rolled back), and invalidating for it would let
        // anyone empty the cache of any trip at will; a change that committed although its answer failed (a
        // timeout) is invalidated by its event.
        onExecuteDone: ({ result }) => {
          const succeeded = (key: string) =>
            isAsyncIterable(result) ||
            (result.data != null && !result.errors?.some((error) => error.path?.[0] === key));
          const entities = fields.filter((field) => succeeded(field.key)).flatMap((field) => field.entities);
          if (entities.length === 0) return;
          if (mutationNeedsEcho(args)) echo(entities);
          return store.invalidate(entities);
        },
      };
    },
  };
  return [
    classify,
    useResponseCache<CallerContext>({
      cache: store,
      session: () => null,
      // Looked up again when the operation runs: by then `classify` has seen what it selects.
      enabled: (request, context) => isAnonymous(request, context) && !selectsPrivate.has(context as object),
      ttl: maxTtlMs,
      scopePerSchemaCoordinate,
      // Answers with any error (a field refused to a visitor, a subgraph away) are never stored.
      shouldCacheResult: ({ result }) => !result.errors?.length,
      includeExtensionMetadata: false,
      // Mutations of signed-in callers (most of them) never reach this plugin: invalidateOnMutation does it
      // for all.
      invalidateViaMutation: false,
    }),
    invalidateOnMutation,
  ];
}

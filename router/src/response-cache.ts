// The public response cache: answers to visitors without credentials, dropped by the events that change them.
import { hashSHA256, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import {
  getNamedType,
  getOperationAST,
  isCompositeType,
  Kind,
  parse,
  stripIgnoredCharacters,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { EventBus, EventSubscription, Logger } from '@busline/shared';
import {
  consumeInvalidations,
  EVENT_INVALIDATED_TYPES,
  mutationChanges,
  PUBLIC_TYPES,
  REPLICA_ECHO_DELAYS_MS,
} from './cache-invalidation';
import {
  createMemoryStore,
  createRedisStore,
  type CacheEntityRecord,
  type ResponseStore,
} from './response-cache-store';
import { normalizedAuthorization } from './subscription-keys';

export interface ResponseCacheSettings {
  /** Default on; off without `bus` (nothing would keep the answers fresh). */
  enabled?: boolean;
  /** Longest an answer is kept (default 60 s): a bound for what no event reports (trips that departed). */
  ttlMs?: number;
  /** Answers kept at most in memory (default 10 000). */
  maxEntries?: number;
  /** Larger answers are not cached (default 512 KiB, serialized). */
  maxEntryBytes?: number;
  /** Bytes of live answers kept at most, all together (default 128 MiB, serialized); past it nothing is stored. */
  maxBytes?: number;
  /** Shares the answers between every router through Redis; in memory without it. */
  redisUrl?: string;
  /** Redis key prefix (default `busline:response-cache`). */
  prefix?: string;
  /** The domain events that invalidate answers. */
  bus?: EventBus;
}

export const DEFAULT_RESPONSE_CACHE = {
  ttlMs: 60_000,
  maxEntries: 10_000,
  maxEntryBytes: 512 * 1024,
  maxBytes: 128 * 1024 * 1024,
};

/**
 * Mutations a caller may invalidate cached answers with in a minute, before the answer leaves (read your own write).
 * Past them the events do it, a few milliseconds later; a change that has no event (an idempotent replay) nothing.
 */
const MUTATION_INVALIDATIONS_PER_MINUTE = 30;

interface CallerContext {
  requestId?: string;
  authorization?: string;
  connectionParams?: unknown;
  upgradeAuthorization?: string;
}

/** The cache key of a request whose answer is never looked up nor stored (a signed-in caller's). */
const NOT_LOOKED_UP = 'not-looked-up';

/**
 * Only a plain HTTP request with no credentials at all: its answer is what every visitor gets. A
 * signed-in caller may see more, or other, than a visitor, so nothing of theirs is cached or served
 * from the cache (WebSocket operations neither: their credentials travel in connection params).
 */
export function isAnonymous(request: Request | undefined, context: CallerContext | undefined): boolean {
  if (!request || request.headers.has('authorization')) return false;
  return !context?.authorization && context?.connectionParams === undefined && !context?.upgradeAuthorization;
}

/**
 * Whether an operation's answer may be cached (checked once per parsed document): it selects only public
 * types, and never hides an `id` behind @skip/@include (an answer without its entities' ids could not be found
 * by their invalidation).
 */
function cacheableSelection(schema: GraphQLSchema) {
  const known = new WeakMap<DocumentNode, boolean>();
  return (document: DocumentNode): boolean => {
    let cacheable = known.get(document);
    if (cacheable === undefined) {
      cacheable = true;
      const typeInfo = new TypeInfo(schema);
      visit(
        document,
        visitWithTypeInfo(typeInfo, {
          Field(node) {
            const type = typeInfo.getType();
            const named = type ? getNamedType(type) : undefined;
            if (!named || (isCompositeType(named) && !PUBLIC_TYPES.has(named.name))) cacheable = false;
            if (node.name.value === 'id' && node.directives?.some((d) => CONDITIONS.has(d.name.value)))
              cacheable = false;
          },
        }),
      );
      known.set(document, cacheable);
    }
    return cacheable;
  };
}

const CONDITIONS = new Set(['skip', 'include']);

/** Nesting of variables a cache key is made of, at most: deeper ones (no input of the schema nests so) get none. */
const MAX_VARIABLE_DEPTH = 32;

/**
 * JSON with object keys sorted: the same variables make the same cache key whatever their order. Undefined past
 * MAX_VARIABLE_DEPTH levels (a client's 40,000 nested lists would overflow the stack of a recursive walk).
 */
function stableJson(value: unknown, depth = 0): string | undefined {
  if (depth > MAX_VARIABLE_DEPTH) return undefined;
  const parts = (values: unknown[]) => {
    const out: string[] = [];
    for (const item of values) {
      const json = stableJson(item, depth + 1);
      if (json === undefined) return undefined;
      out.push(json);
    }
    return out;
  };
  if (Array.isArray(value)) {
    const items = parts(value);
    return items && `[${items.join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const items = parts(keys.map((key) => (value as Record<string, unknown>)[key]));
    return items && `{${keys.map((key, i) => `${JSON.stringify(key)}:${items[i]}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Of a document's text and the operation named to run, the text its answer is cached under: that operation without
 * its name, and the fragments it spreads (however deep) in name order, each as its tokens with nothing ignored
 * between them (no comments, white space or commas: graphql-js's stripIgnoredCharacters). A comment, an operation name
 * of the caller's choosing, another operation or an unused fragment left beside it would otherwise make a cache key of
 * their own per request: a way past the cache to the subgraphs for anyone. Two texts are one key only when their
 * tokens are the same, so one answer never serves another query. Linear in the text (it runs before the depth and
 * field limits: a printed document's indentation grows with the square of its depth). Undefined for a text that does
 * not parse within `maxTokens` (refused before it runs) or has no such operation.
 */
export function cacheKeyText(
  documentString: string,
  operationName: string | null | undefined,
  maxTokens: number,
): string | undefined {
  return cacheKeyOf(documentString, operationName, maxTokens)?.text;
}

/**
 * cacheKeyText, and the variables the operation declares: the only ones its answer can depend on (a variable sent
 * that it does not declare changes nothing; one it uses without declaring it is refused). Read from the parsed
 * operation, linear in the text, never by a pattern over the text: `$` and a name may have any white space, commas
 * or comments between them, and a pattern that allows that backtracks without end on a `$` followed by many of them.
 */
function cacheKeyOf(
  documentString: string,
  operationName: string | null | undefined,
  maxTokens: number,
): { text: string; variables: string[] } | undefined {
  let document: DocumentNode;
  try {
    document = parse(documentString, { maxTokens });
  } catch {
    return undefined;
  }
  const operation = getOperationAST(document, operationName);
  if (!operation?.loc) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  // The fragments the operation spreads, and those they spread.
  const used = new Map<string, FragmentDefinitionNode>();
  const pending: SelectionSetNode[] = [operation.selectionSet];
  for (let set = pending.pop(); set; set = pending.pop())
    for (const selection of set.selections) {
      if (selection.kind !== Kind.FRAGMENT_SPREAD) {
        if (selection.selectionSet) pending.push(selection.selectionSet);
        continue;
      }
      const fragment = fragments.get(selection.name.value);
      if (!fragment || used.has(fragment.name.value)) continue;
      used.set(fragment.name.value, fragment);
      pending.push(fragment.selectionSet);
    }
  const text = (from: number, to: number) => documentString.slice(from, to);
  const { start, end } = operation.loc;
  const unnamed = operation.name?.loc
    ? `${text(start, operation.name.loc.start)} ${text(operation.name.loc.end, end)}`
    : text(start, end);
  const texts = [
    unnamed,
    ...[...used.keys()].sort().map((name) => text(used.get(name)!.loc!.start, used.get(name)!.loc!.end)),
  ];
  const stripped = texts.map((text) => stripIgnoredCharacters(text));
  // `query {…}` without variables or directives is the shorthand `{…}`.
  if (stripped[0]!.startsWith('query{')) stripped[0] = stripped[0]!.slice('query'.length);
  const variables = (operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value);
  return { text: stripped.join('\n'), variables };
}

/** cacheKeyText of the texts seen lately (a document is parsed once however often it is sent), bounded in bytes. */
function keyTextMemo(maxTokens: number) {
  const texts = new LRUCache<string, { key: ReturnType<typeof cacheKeyOf> }>({
    maxSize: 8 * 1024 * 1024,
    sizeCalculation: (value, key) =>
      key.length + (value.key ? value.key.text.length + value.key.variables.join().length : 0) + 1,
  });
  return {
    get(documentString: string, operationName: string | null | undefined): ReturnType<typeof cacheKeyOf> {
      // The name's length first: no name, an empty one (which selects nothing) and one holding the separator are
      // three keys, never one text's memo for another.
      const memoKey = `${operationName == null ? -1 : operationName.length}:${operationName ?? ''}\u0000${documentString}`;
      let known = texts.get(memoKey);
      if (!known) texts.set(memoKey, (known = { key: cacheKeyOf(documentString, operationName, maxTokens) }));
      return known.key;
    },
  };
}

/**
 * What a visitor's request is cached under (hashed): the operation's tokens (cacheKeyText) and the sent variables it
 * declares. One it does not declare changes nothing of the answer, and must not make another cache key (a counter in
 * a junk variable stored one answer per request). Undefined (the request goes uncached) for a text that does not
 * parse or selects no operation by the name sent (an empty name among them: such a request may still run, and a key
 * without its variables would serve its answer to every other request of that text), and for variables nested too
 * deep to key (validation answers them). Linear in the text and the variables.
 */
export function cacheKeySource(maxTokens: number) {
  const keyTexts = keyTextMemo(maxTokens);
  return (
    documentString: string,
    operationName: string | null | undefined,
    variableValues: Record<string, unknown> | null | undefined,
  ): string | undefined => {
    // A name that is not a string (a JSON array sent as `operationName`) selects nothing, and must not stand for one.
    if (operationName != null && typeof operationName !== 'string') return undefined;
    const keyed = keyTexts.get(documentString, operationName);
    if (!keyed) return undefined;
    const names = new Set(keyed.variables);
    const declared = Object.entries(variableValues ?? {}).filter(([name]) => names.has(name));
    const variables = stableJson(Object.fromEntries(declared));
    return variables === undefined ? undefined : `${keyed.text}|${variables}`;
  };
}

/**
 * The index keys every answer of an operation is also stored under: `Query.<field>` per root field
 * (`Query.searchTrips`: what an event that changes which trips a search finds invalidates), and every public type its
 * selection can hold, whether the answer holds one or not: an empty list (`trips`, `stations`) holds no `Trip` for the
 * store to index it under, and a new trip or station (invalidated by type) would leave it cached empty.
 */
function operationTags(
  document: DocumentNode,
  operationName: string | null | undefined,
  schema: GraphQLSchema,
): CacheEntityRecord[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const fields = new Set<string>();
  const seen = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) fields.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  const operation = getOperationAST(document, operationName);
  if (operation) collect(operation.selectionSet);
  const types = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const type = typeInfo.getType();
        const name = type ? getNamedType(type).name : undefined;
        if (name && PUBLIC_TYPES.has(name)) types.add(name);
      },
    }),
  );
  return [
    ...[...fields].map((field) => ({ typename: `Query.${field}` })),
    ...[...types].map((typename) => ({ typename })),
  ];
}

export interface PublicResponseCache {
  /**
   * Yoga plugins, placed after the gateway executor (they wrap its execute). `maxTokens`: the router's token limit,
   * which the document texts parsed for cache keys (cacheKeyText) are held to as well.
   */
  plugins(schema: GraphQLSchema, limits: { maxTokens: number }): Plugin[];
  /** Drops the answers holding these entities. */
  invalidate(entities: CacheEntityRecord[]): Promise<void>;
  /**
   * Notes that a request was answered by a subgraph fetch already in flight for another one (`leaderRequestId`):
   * what it read may predate the request's own cache lookup (and an invalidation since), so its answer is not
   * stored. Unless both have one cache key: the key's lookup noted then is the older one's, and the store checks
   * the invalidations since (a crowd asking the same search at once still gets it stored).
   */
  answeredBySharedFetch(requestId: string, leaderRequestId: string | undefined): void;
  start(): void;
  /**
   * Stops listening to events and closes the store. `settleEchoes` (a graceful stop) first makes the invalidations
   * still due after an event (REPLICA_ECHO_DELAYS_MS) at their time, at most 5 s on: the events were acknowledged
   * on the first invalidation, so no other router would make them.
   */
  close(options?: { settleEchoes?: boolean }): Promise<void>;
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
    maxBytes: settings.maxBytes ?? DEFAULT_RESPONSE_CACHE.maxBytes,
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
  // The cache key of each cacheable request under way, by request id (requests end within the subgraph timeout;
  // the bounds only cap a flood).
  const keyOfRequest = new LRUCache<string, string>({ max: 10_000, ttl: 120_000 });
  return {
    plugins: (schema, { maxTokens }) =>
      cachePlugins(schema, store, limits.maxTtlMs, echoes.echo, keyOfRequest, maxTokens),
    invalidate: (entities) => store.invalidateOrThrow(entities),
    answeredBySharedFetch(requestId, leaderRequestId) {
      const key = keyOfRequest.get(requestId);
      if (key === undefined) return;
      if (leaderRequestId !== undefined && keyOfRequest.get(leaderRequestId) === key) return;
      store.forgetMisses(key);
    },
    start() {
      subscription ??= consumeInvalidations(
        bus,
        (entities) => store.invalidateOrThrow(entities),
        echoes.echo,
        log,
        limits.maxTtlMs + REPLICA_ECHO_DELAYS_MS.at(-1)! + 60_000,
      );
    },
    async close(options = {}) {
      await subscription?.stop();
      subscription = undefined;
      if (options.settleEchoes) await echoes.settle();
      else echoes.cancel();
      await store.close();
    },
  };
}

/**
 * Invalidates again a little later: what other subgraphs copy from the change may lag it. Entities
 * due after the same delay are gathered, so that a burst of events makes one write.
 */
function echoInvalidations(store: ResponseStore): {
  echo(entities: CacheEntityRecord[]): void;
  /** Makes the invalidations still due at their time (a slot's time: its first entity's delay). */
  settle(): Promise<void>;
  cancel(): void;
} {
  const slots = REPLICA_ECHO_DELAYS_MS.map(() => ({
    entities: new Map<string, CacheEntityRecord>(),
    timer: undefined as NodeJS.Timeout | undefined,
    dueAt: 0,
  }));
  // Writes under way: a slot's timer may have flushed it just before a graceful stop, whose store then closes.
  const writing = new Set<Promise<void>>();
  const flush = (slot: (typeof slots)[number]) => {
    clearTimeout(slot.timer);
    const due = [...slot.entities.values()];
    slot.entities.clear();
    slot.timer = undefined;
    const written = Promise.resolve(store.invalidate(due));
    writing.add(written);
    void written.finally(() => writing.delete(written));
    return written;
  };
  return {
    echo(entities) {
      REPLICA_ECHO_DELAYS_MS.forEach((delay, i) => {
        const slot = slots[i]!;
        for (const entity of entities) slot.entities.set(`${entity.typename}:${entity.id ?? ''}`, entity);
        if (slot.timer) return;
        slot.dueAt = Date.now() + delay;
        slot.timer = setTimeout(() => void flush(slot), delay).unref();
      });
    },
    async settle() {
      await Promise.all(
        slots
          .filter((slot) => slot.timer)
          .map(async (slot) => {
            await new Promise((resolve) => setTimeout(resolve, Math.max(0, slot.dueAt - Date.now())));
            await flush(slot);
          }),
      );
      await Promise.all([...writing]);
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
  keyOfRequest: LRUCache<string, string>,
  maxTokens: number,
): Plugin[] {
  const keySource = cacheKeySource(maxTokens);
  // Every type but the public ones is private: an answer holding one is never stored.
  const scopePerSchemaCoordinate = Object.fromEntries(
    Object.keys(schema.getTypeMap())
      .filter((name) => !name.startsWith('__') && !PUBLIC_TYPES.has(name))
      .map((name) => [name, 'PRIVATE' as const]),
  );
  const isCacheable = cacheableSelection(schema);
  /**
   * Contexts whose answer is never cached: their operation selects a private type (`me`, `myBookings`, a trip's
   * manifest) or hides an id, or they have no key (cacheKeySource).
   */
  const selectsPrivate = new WeakSet<object>();
  /** Each request's cache key (computed before the operation runs). */
  const keyOf = new WeakMap<object, string>();
  /**
   * Contexts whose operation runs (classified): the cache is looked up there only, once per request. The plugin would
   * also look up from the request's parameters and from an `If-None-Match` header before it runs: a second lookup
   * per request left the store unable to tell how many answers of a key are under way (MissLedger in
   * response-cache-store.ts), and the header path answered anyone whether any key is cached, for free.
   */
  const executing = new WeakSet<object>();
  /** The tags of the answer each cache key stands for (see operationTags); one document text, one list. */
  const tagsOf = new LRUCache<string, CacheEntityRecord[]>({ max: 10_000, ttl: 120_000 });
  const classify: Plugin = {
    onExecute({ args }) {
      if (!args.contextValue) return;
      const context = args.contextValue as CallerContext;
      executing.add(context);
      // Queries only: with invalidateViaMutation off the plugin would treat a mutation like a query.
      const isQuery = getOperationAST(args.document, args.operationName)?.operation === 'query';
      if (!isQuery || !isCacheable(args.document)) {
        selectsPrivate.add(context);
        return;
      }
      const key = keyOf.get(context);
      if (key === undefined) return;
      if (!tagsOf.has(key)) tagsOf.set(key, operationTags(args.document, args.operationName, schema));
      if (context.requestId) keyOfRequest.set(context.requestId, key);
    },
  };
  const tagged: ResponseStore = {
    ...store,
    set(key, result, entities, ttl) {
      const tags = tagsOf.get(key);
      if (!tags) return;
      return store.set(key, result, [...entities, ...tags], ttl);
    },
  };
  /** Mutation invalidations per caller (token, or address without one) in the current minute. */
  const invalidationsOf = new LRUCache<string, { count: number }>({ max: 10_000, ttl: 60_000 });
  const withinBudget = (context: CallerContext & { clientIp?: string }) => {
    // One credential however its header is spelled (`bearer x`, `Bearer  x`), as the rate limits count it.
    const caller = context.authorization ? normalizedAuthorization(context.authorization) : (context.clientIp ?? '');
    // The minute starts at the caller's first mutation (the entry's TTL; reading it does not extend it).
    let spent = invalidationsOf.get(caller);
    if (!spent) invalidationsOf.set(caller, (spent = { count: 0 }));
    spent.count += 1;
    return spent.count <= MUTATION_INVALIDATIONS_PER_MINUTE;
  };
  const invalidateOnMutation: Plugin = {
    onExecute({ args }) {
      const { fields, needsEcho } = mutationChanges(args, schema);
      if (fields.length === 0) return;
      // Past the caller's minute's share, its changes are left to their events (a replayed idempotent hold, which
      // changes nothing and has none, emptied a trip's cached searches 600 times a minute). Only changes that an
      // event invalidates too: stations, routes and buses have none, and theirs are always invalidated here.
      const coveredByEvents = fields.every((field) =>
        field.entities.every((entity) => EVENT_INVALIDATED_TYPES.has(entity.typename)),
      );
      if (coveredByEvents && !withinBudget((args.contextValue ?? {}) as CallerContext & { clientIp?: string })) return;
      return {
        // Before the answer leaves: the caller's next read is already fresh. Only for the fields that ran: a
        // refused one changed nothing (its subgraph's transaction rolled back), and invalidating for it would let
        // anyone empty the cache of any trip at will; a change that committed although its answer failed (a
        // timeout) is invalidated by its event, where it has one.
        onExecuteDone: ({ result }) => {
          const ran = (key: string) => {
            if (isAsyncIterable(result)) return true;
            const errors = result.errors ?? [];
            // The field itself failed (refused, or no answer from its subgraph): nothing to say it changed anything.
            if (errors.some((error) => error.path?.length === 1 && error.path[0] === key)) return false;
            // An error below it (a field of its answer) shows it returned: the change committed.
            const below = errors.some((error) => error.path?.[0] === key && error.path.length > 1);
            if (result.data == null) return below;
            // Absent: never ran (left out by @skip/@include; mutationChanges leaves those out already).
            if (!Object.hasOwn(result.data, key)) return false;
            return result.data[key] != null || below;
          };
          const entities = fields.filter((field) => ran(field.key)).flatMap((field) => field.entities);
          if (entities.length === 0) return;
          if (needsEcho) echo(entities);
          return store.invalidate(entities);
        },
      };
    },
  };
  return [
    classify,
    useResponseCache<CallerContext>({
      cache: tagged,
      buildResponseCacheKey: async ({ documentString, variableValues, operationName, request, context }) => {
        // A signed-in caller's answer is never looked up nor stored (`enabled`): no key to hash (every hold).
        if (!isAnonymous(request, context as CallerContext | undefined)) return NOT_LOOKED_UP;
        const source = keySource(documentString, operationName, variableValues);
        if (source === undefined) {
          if (context) selectsPrivate.add(context as object);
          return NOT_LOOKED_UP;
        }
        const key = await hashSHA256(source);
        if (context) keyOf.set(context as object, key);
        return key;
      },
      session: () => null,
      // Looked up when the operation runs only: by then `classify` has seen what it selects.
      enabled: (request, context) =>
        executing.has(context as object) && isAnonymous(request, context) && !selectsPrivate.has(context as object),
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

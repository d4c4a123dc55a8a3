// What each domain event and each mutation makes stale in the public response cache.
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getOperationAST,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  valueFromASTUntyped,
  type ExecutionArgs,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { CacheEntityRecord } from './response-cache-store';
import { coercedVariables as coercedOnce } from './variables';
import type { DomainEvent, EventBus, EventSubscription, Logger } from '@busline/shared';

/**
 * The types a response may hold to be cached: what any visitor may read of the network and its
 * trips. Every other type (bookings, payments, tickets, users, drivers, dashboards, and any type
 * added later) makes a response private.
 */
export const PUBLIC_TYPES: ReadonlySet<string> = new Set([
  'Query',
  'Money',
  'PageInfo',
  'Company',
  'CompanyConnection',
  'CompanyEdge',
  'RefundPolicy',
  'RefundTier',
  'Station',
  'StationConnection',
  'StationEdge',
  'Bus',
  'SeatLayout',
  'DeckLayout',
  'Seat',
  'Route',
  'RouteConnection',
  'RouteEdge',
  'RouteStop',
  'Trip',
  'TripConnection',
  'TripEdge',
  'SeatStatus',
]);

/**
 * Events of data that other subgraphs copy (ticketing keeps trips for its searches, from company's
 * events): when the router hears one, the copy may not be updated yet, so an answer computed right
 * after its invalidation can still be old. Their entities are invalidated again after these delays.
 */
export const REPLICA_ECHO_DELAYS_MS = [1_000, 5_000];

/** Events raised with the change of the data they name (seats: ticketing's own): no echo needed. */
const SOURCE_EVENTS = new Set([
  'booking.held',
  'booking.confirmed',
  'booking.cancelled',
  'booking.expired',
  'booking.stops_changed',
  'booking.refunded',
]);

export const needsEcho = (type: string) => !SOURCE_EVENTS.has(type);

/**
 * Every cached search (answers are also indexed by their root fields: response-cache.ts). A search leaves out the
 * trips without enough free seats for its passengers, so an answer without the trip is made stale by seats freed
 * on it: it is not indexed under the trip it left out.
 */
const SEARCHES: CacheEntityRecord = { typename: 'Query.searchTrips' };

/** Events that change public answers, and what they make stale. */
export const INVALIDATING_EVENTS: Record<string, (payload: Record<string, unknown>) => CacheEntityRecord[]> = {
  // Seats held or sold: the trip's seat count and seat map (a search that found the trip holds it).
  'booking.held': (p) => trip(p.tripId),
  'booking.confirmed': (p) => trip(p.tripId),
  'trip.cancelled': (p) => trip(p.tripId),
  // Seats freed: also the searches that left the trip out for want of seats.
  'booking.cancelled': (p) => [...trip(p.tripId), SEARCHES],
  'booking.expired': (p) => [...trip(p.tripId), SEARCHES],
  // Ticketing applied a route edit to the trip (sent with it, however late after the company's trip.updated).
  'booking.stops_changed': (p) => [...trip(p.tripId), SEARCHES],
  // A confirmed booking refunded without a cancellation frees its seats (ticketIds); one cancelled or expired
  // before had freed them then, and its refund changes no public answer.
  'booking.refunded': (p) =>
    Array.isArray(p.ticketIds) && p.ticketIds.length === 0 ? [] : [...trip(p.tripId), SEARCHES],
  // A new trip, or a trip whose times or stops changed, may now answer searches it was not in.
  'trip.scheduled': () => [{ typename: 'Trip' }],
  'trip.updated': () => [{ typename: 'Trip' }],
  'company.created': () => [{ typename: 'Company' }],
  'company.updated': (p) =>
    typeof p.companyId === 'string' ? [{ typename: 'Company', id: p.companyId }] : [{ typename: 'Company' }],
};

/**
 * The entity types some event of INVALIDATING_EVENTS invalidates (answers holding them are dropped by events too):
 * a mutation changing only these may leave its invalidation to its event.
 */
export const EVENT_INVALIDATED_TYPES: ReadonlySet<string> = new Set(['Trip', 'Company', SEARCHES.typename]);

function trip(id: unknown): CacheEntityRecord[] {
  // An event without a usable id still makes every trip answer stale rather than none.
  return typeof id === 'string' ? [{ typename: 'Trip', id }] : [{ typename: 'Trip' }];
}

/**
 * Consumes the invalidating events (one consumer group for all routers: with the cache in Redis
 * one invalidation serves them all). A store that cannot invalidate throws, and the bus redelivers.
 */
export function consumeInvalidations(
  bus: EventBus,
  invalidate: (entities: CacheEntityRecord[]) => Promise<void>,
  echo: (entities: CacheEntityRecord[]) => void,
  logger: Logger,
  /** Events older than this (ms) are already in every answer still cached: skipped. */
  olderThanAnswersMs: number,
): EventSubscription {
  return bus.subscribe({
    group: 'router-response-cache',
    types: Object.keys(INVALIDATING_EVENTS),
    handler: async (event: DomainEvent) => {
      // The backlog a new consumer group reads first (the seed's thousands of trips) changes nothing cached.
      if (Date.now() - Date.parse(event.occurredAt) > olderThanAnswersMs) return;
      const entities = INVALIDATING_EVENTS[event.type]?.((event.payload ?? {}) as Record<string, unknown>) ?? [];
      if (entities.length === 0) return;
      await invalidate(entities);
      if (needsEcho(event.type)) echo(entities);
      logger.debug({ type: event.type, entities }, 'response cache invalidated by event');
    },
  });
}

const capitalize = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

const MAX_ID_LENGTH = 64;

/** `tripId: "t1"` anywhere in the arguments → Trip:t1 (for public types only). */
function collectIds(value: unknown, into: CacheEntityRecord[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectIds(item, into);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    const typename = key.endsWith('Id') ? capitalize(key.slice(0, -2)) : undefined;
    if (typename && PUBLIC_TYPES.has(typename) && (typeof item === 'string' || typeof item === 'number')) {
      // Ids are uuids: a longer one names no entity (and would only name a key in the store).
      if (String(item).length <= MAX_ID_LENGTH) into.push({ typename, id: item });
    } else collectIds(item, into);
  }
}

type Variables = Record<string, unknown>;

/**
 * The root fields an operation runs, as graphql-js collects them: through inline fragments and fragment spreads, and
 * without those `@skip`/`@include` leave out under `variables` (coerced: defaults filled in). A field written at the
 * root directly is not the only way to run one, and a skipped one runs nothing.
 */
function rootFields(args: ExecutionArgs, operation: OperationDefinitionNode, variables: Variables): FieldNode[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of args.document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const included = (node: FieldNode | SelectionSetNode['selections'][number]) => {
    try {
      if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
      return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
    } catch {
      // A directive's value that cannot be read fails the operation's own execution: counted as run.
      return true;
    }
  };
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const collect = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return fields;
}

/** The operation's variables coerced by the schema (defaults filled in); as sent when they cannot be. */
function coercedVariables(args: ExecutionArgs, schema: GraphQLSchema, operation: OperationDefinitionNode): Variables {
  const inputs = (args.variableValues ?? {}) as Variables;
  try {
    return coercedOnce(schema, operation, inputs).coerced ?? inputs;
  } catch {
    return inputs;
  }
}

/**
 * What a mutation makes stale beyond the entities it returns: the public entities named in its
 * arguments (`holdSeats(input: { tripId })` → that trip, whatever the client selected), the entity
 * of `update<Type>(id)`, and for `create…`/`schedule…` every answer holding the created type (lists
 * and searches it may now belong to).
 */
export function mutationEntities(args: ExecutionArgs, schema: GraphQLSchema): CacheEntityRecord[] {
  return mutationChanges(args, schema).fields.flatMap((field) => field.entities);
}

/** A field's arguments as it runs them (variables' and arguments' defaults in); as written when they cannot be read. */
function argumentValues(
  field: FieldNode,
  definition: Parameters<typeof getArgumentValues>[0] | undefined,
  variables: Variables,
): Record<string, unknown> {
  if (definition) {
    try {
      return getArgumentValues(definition, field, variables);
    } catch {
      // Invalid arguments fail the field itself: read as written below.
    }
  }
  return Object.fromEntries(
    (field.arguments ?? []).map((argument) => [argument.name.value, valueFromASTUntyped(argument.value, variables)]),
  );
}

/**
 * What a mutation makes stale (mutationEntities) per root field that runs, by the field's key in the answer (its
 * alias or name), and whether its invalidation is echoed: a change other subgraphs copy later (through events), any
 * root field but holdSeats. One pass over the operation for both (every hold goes through here).
 */
export function mutationChanges(
  args: ExecutionArgs,
  schema: GraphQLSchema,
): { fields: { key: string; entities: CacheEntityRecord[] }[]; needsEcho: boolean } {
  const operation = getOperationAST(args.document, args.operationName);
  if (operation?.operation !== 'mutation') return { fields: [], needsEcho: false };
  const mutationType = schema.getMutationType();
  const variables = coercedVariables(args, schema, operation);
  const fields: { key: string; entities: CacheEntityRecord[] }[] = [];
  const selections = rootFields(args, operation, variables);
  for (const selection of selections) {
    const entities: CacheEntityRecord[] = [];
    fields.push({ key: selection.alias?.value ?? selection.name.value, entities });
    const name = selection.name.value;
    const definition = mutationType?.getFields()[name];
    const values = argumentValues(selection, definition, variables);
    collectIds(values, entities);
    const returned = definition ? getNamedType(definition.type).name : undefined;
    const updated = /^update([A-Z]\w*)$/.exec(name)?.[1];
    if (updated && PUBLIC_TYPES.has(updated) && (typeof values.id === 'string' || typeof values.id === 'number'))
      entities.push({ typename: updated, id: values.id });
    if (/^(create|schedule)[A-Z]/.test(name) && returned && PUBLIC_TYPES.has(returned))
      entities.push({ typename: returned });
  }
  return {
    fields: fields.filter((field) => field.entities.length > 0),
    needsEcho: selections.some((field) => field.name.value !== 'holdSeats'),
  };
}

// Query limits: depth, aliases, tokens, directives and cost, checked before any subgraph is called; introspection off.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import {
  getNamedType,
  getNullableType,
  getOperationAST,
  GraphQLError,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  NoSchemaIntrospectionCustomRule,
  valueFromASTUntyped,
  type DocumentNode,
  type ExecutionArgs,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { describeParseError, LIMIT_EXCEEDED } from './error-codes';
import { hideSuggestions } from './error-masking';
import { coercedVariables } from './variables';

export interface Limits {
  maxDepth: number;
  maxAliases: number;
  /** Most field selections in a document (useFieldLimit). */
  maxFields: number;
  /** Milliseconds of query planning one client address may cost the router in a minute (plan-budget.ts); 0: none. */
  maxPlanningMsPerMinute: number;
  maxTokens: number;
  maxCost: number;
  /** Most list items an operation's answer may hold, by its page sizes (see listItems). */
  maxListItems: number;
  maxBodyBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxDepth: 15,
  maxAliases: 30,
  // Three times the web client's largest operation (79).
  maxFields: 250,
  // A new operation takes 1-20 ms to plan, one of 30 lookups joining five subgraphs 400 ms; a plan kept costs 0.
  maxPlanningMsPerMinute: 5000,
  maxTokens: 5000,
  maxCost: 20_000,
  // A search of 100 trips with their seat maps and stops (19,100) and room beside it.
  maxListItems: 25_000,
  maxBodyBytes: 100_000,
};

/** What a list of objects without a page size (`first`/`last`) and without a LIST_SIZES entry is taken to hold. */
const UNSIZED_LIST_ITEMS = 10;

/** The most items a page holds (the subgraphs' own maximum): a paged field asked without a size counts that many. */
const MAX_PAGE_SIZE = 100;

/**
 * The lists without a page size that may hold more, at the most the subgraphs return (test/list-sizes.test.ts holds
 * these to the subgraphs' own limits): a search's trips, a bus's seats, a route's stops and every pair of them.
 */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  'Query.searchTrips': 100,
  // A rider a seat; cancelled and expired tickets are not listed. A trip sold stretch by stretch has more riders (at
  // most seats × stretches), which this counts short: the manifests are for the company's staff.
  'Query.tripManifest': 150,
  'Query.tripStopManifest': 40,
  'StopManifest.boarding': 150,
  'StopManifest.alighting': 150,
  'Trip.seatMap': 150,
  'SeatLayout.seats': 150,
  'Trip.stops': 40,
  'Route.stops': 40,
  'Trip.fares': 780,
  'Route.fares': 780,
  'CompanyDashboard.revenuePerDay': 366,
  'CompanyDashboard.segmentOccupancy': 780,
  'CompanyDashboard.revenueByPair': 780,
};

/**
 * How many objects in lists an operation's answer may hold at most: each list of objects counts its size times the
 * sizes of the lists around it (lists of scalars, such as a bus's amenities, count nothing). A list's size is its
 * `first`/`last` argument, or that of the connection field just above it (`trips(first: 100) { edges }`), else
 * its LIST_SIZES entry, else UNSIZED_LIST_ITEMS. The cost limit weighs fields by depth, not by how many times
 * they repeat: `trips(first: 100) { … seatMap }` under eight aliases costs the same there as a single trip, and
 * asks for 800 seat maps.
 */
export function listItems(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  stopAbove = Infinity,
): number {
  const known = counted.get(document)?.get(operationName ?? '');
  if (known?.schema === schema && known.stopAbove === stopAbove) return known.total;
  const operation = getOperationAST(document, operationName);
  const root = operation ? schema.getRootType(operation.operation) : undefined;
  if (!operation || !root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  // The variables as the operation runs with them (its own defaults for those not sent), coerced only when a page
  // size names one: most operations (every hold) page nothing by a variable.
  let values: Record<string, unknown> | undefined;
  const variableValues = () => (values ??= coercedVariables(schema, operation, variables).coerced ?? {});
  /** A paged field's page size: its first/last as sent, else the argument's default, else the most a page holds. */
  const pageSize = (field: FieldNode, definition: GraphQLField<unknown, unknown>): number | undefined => {
    const paging = definition.args.filter((argument) => argument.name === 'first' || argument.name === 'last');
    if (paging.length === 0) return undefined;
    for (const argument of field.arguments ?? []) {
      if (argument.name.value !== 'first' && argument.name.value !== 'last') continue;
      const value = valueFromASTUntyped(
        argument.value,
        argument.value.kind === Kind.VARIABLE ? variableValues() : undefined,
      );
      if (typeof value === 'number' && value >= 0) return value;
    }
    const defaults = paging.map((argument) => argument.defaultValue).filter((value) => typeof value === 'number');
    return defaults.length > 0 ? Math.max(...(defaults as number[])) : MAX_PAGE_SIZE;
  };
  let total = 0;
  const walk = (
    set: SelectionSetNode,
    parent: GraphQLCompositeType,
    times: number,
    inherited: number | undefined,
    /** Fragments already spread into this selection: as in execution, a fragment counts once per selection. */
    spread: Set<string>,
  ): void => {
    for (const selection of set.selections) {
      if (total > stopAbove) return;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) walk(selection.selectionSet, type, times, inherited, spread);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !type || !isCompositeType(type) || spread.has(fragment.name.value)) continue;
        spread.add(fragment.name.value);
        walk(fragment.selectionSet, type, times, inherited, spread);
        continue;
      }
      const definition =
        isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
      if (!definition) continue;
      const named = getNamedType(definition.type);
      let count = times;
      let type = getNullableType(definition.type);
      const own = pageSize(selection, definition);
      let size = own ?? inherited ?? LIST_SIZES[`${parent.name}.${definition.name}`];
      // Each level of list nesting multiplies ([[Seat]]: rows of seats).
      while (isListType(type) && isCompositeType(named)) {
        count *= size ?? UNSIZED_LIST_ITEMS;
        total += count;
        size = undefined;
        type = getNullableType(type.ofType);
      }
      // A paged field that is no list (a connection): its size is its edges' and nodes'.
      if (selection.selectionSet && isCompositeType(named))
        walk(selection.selectionSet, named, count, count === times ? own : undefined, new Set());
    }
  };
  walk(operation.selectionSet, root, 1, undefined, new Set());
  // No page size read from the variables: the count is the document's, whatever they are.
  if (values === undefined) {
    const byName = counted.get(document) ?? new Map<string, CountedItems>();
    byName.set(operationName ?? '', { schema, stopAbove, total });
    counted.set(document, byName);
  }
  return total;
}

interface CountedItems {
  schema: GraphQLSchema;
  stopAbove: number;
  total: number;
}

/**
 * listItems' counts per parsed document (Yoga's parser cache hands every request of the same text the same one) and
 * operation name, kept only when no page size came from the variables: an operation's count walks its whole
 * selection, and every hold asked for it again.
 */
const counted = new WeakMap<DocumentNode, Map<string, CountedItems>>();

/**
 * Refuses an operation whose answer may hold more than `maxListItems` list items (listItems), before any
 * subgraph is called (QUERY_LIMIT_EXCEEDED). Runs with the variables, so `first: $first` counts as sent.
 */
export function useListItemsLimit(maxListItems: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refused = listItemsRefusal(maxListItems, args);
      if (refused) setResultAndStopExecution({ errors: [refused] });
    },
  };
}

/**
 * The error refusing an operation whose answer may hold more than `maxListItems` list items, if it may. Queries and
 * mutations are checked by useListItemsLimit; subscriptions, whose every event is such an answer, by the
 * subscription executor, which both their transports reach without Yoga's execute.
 */
export function listItemsRefusal(
  maxListItems: number,
  args: Pick<ExecutionArgs, 'schema' | 'document' | 'operationName' | 'variableValues'>,
): GraphQLError | undefined {
  const items = listItems(args.schema, args.document, args.operationName, args.variableValues, maxListItems);
  if (items <= maxListItems) return undefined;
  return new GraphQLError(
    `This operation may return more than ${maxListItems} list items (page sizes multiply); ask for fewer or smaller pages`,
    { extensions: { code: LIMIT_EXCEEDED, maxListItems } },
  );
}

/** Reports a limit through the validation context, so every violation is listed, each with its code. */
function reportLimit(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(
    createGraphQLError(describeParseError(error.message).message, { extensions: { code: LIMIT_EXCEEDED } }),
  );
}

/**
 * Depth (introspection counted: a deep `__schema` query is as costly as any other), alias, token,
 * directive and cost limits, checked while parsing and validating, before any subgraph is called.
 * Their errors get their code from useErrorCodes (error-codes.ts), registered after this plugin.
 */
export function useLimits(limits: Limits): Plugin {
  // Report through the validation context instead of armor's default of throwing a "Syntax Error".
  const report = { propagateOnRejection: false, onReject: [reportLimit], exposeLimits: true };
  return EnvelopArmorPlugin({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: false, flattenFragments: true, ...report },
    // __typename counts too: a thousand aliased __typename fields are still a thousand fields.
    maxAliases: { n: limits.maxAliases, allowList: [], ...report },
    maxTokens: { n: limits.maxTokens, exposeLimits: true },
    maxDirectives: { n: 50, ...report },
    costLimit: { maxCost: limits.maxCost, ...report },
    // Armor's masks graphql-js's `Did you mean "x"?` only, not its enum values' wording: useHiddenSuggestions.
    blockFieldSuggestion: { enabled: false },
  }) as Plugin;
}

/** Hides the suggestions in `errors`' messages, in place (as armor does: the errors keep their class and fields). */
function hideIn(errors: readonly unknown[] | undefined): void {
  for (const error of errors ?? [])
    if (error instanceof Error && error.message.includes('Did you mean'))
      error.message = hideSuggestions(error.message);
}

/**
 * With introspection off the schema's names must not leak through error messages either: graphql-js suggests the
 * field, argument, type or enum value a misspelled one resembles, and a client could read the schema off them a
 * letter at a time. Hidden in validation errors and in those of executing and subscribing (a variable's enum value is
 * checked there), over HTTP and WebSocket alike; a subgraph's, in a stream's events too, by sanitizeError.
 */
export function useHiddenSuggestions(): Plugin {
  const hideInResult = (result: unknown) => {
    if (result && typeof result === 'object' && 'errors' in result) hideIn(result.errors as unknown[] | undefined);
  };
  return {
    onValidate:
      () =>
      ({ result }) =>
        hideIn(result),
    onExecute: () => ({ onExecuteDone: ({ result }) => hideInResult(result) }),
    onSubscribe: () => ({ onSubscribeResult: ({ result }) => hideInResult(result) }),
  };
}

/** How many field selections a document has (each fragment as written, once), counting no further than past `max`. */
export function countFields(document: DocumentNode, max = Infinity): number {
  let fields = 0;
  const sets: SelectionSetNode[] = [];
  for (const definition of document.definitions)
    if ('selectionSet' in definition && definition.selectionSet) sets.push(definition.selectionSet);
  while (sets.length > 0 && fields <= max) {
    for (const selection of sets.pop()!.selections) {
      if (selection.kind === Kind.FIELD) fields++;
      if ('selectionSet' in selection && selection.selectionSet) sets.push(selection.selectionSet);
    }
  }
  return fields;
}

/**
 * Refuses a document of more than `maxFields` field selections (QUERY_LIMIT_EXCEEDED) before it is validated:
 * validation compares the fields that share a response name pair by pair, and 300 copies of one small field (5 kB,
 * within every other limit) cost the router's thread a fifth of a second per request.
 */
export function useFieldLimit(maxFields: number): Plugin {
  return {
    onValidate({ params, setResult }) {
      const fields = countFields(params.documentAST, maxFields);
      if (fields <= maxFields) return;
      setResult([
        createGraphQLError(`Fields limit of ${maxFields} exceeded: ask for fewer fields in one operation`, {
          extensions: { code: LIMIT_EXCEEDED, maxFields },
        }),
      ]);
    },
  };
}

/** Refuses introspection (production without INTROSPECTION=true). */
export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

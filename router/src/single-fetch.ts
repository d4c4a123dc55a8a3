// Single-fetch operations: those one subgraph answers whole, in the very shape the client asked for.
import type { QueryPlan } from '@apollo/query-planner';
import {
  getNamedType,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  parse,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  BREAK,
  type DocumentNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** The one fetch of a plan whose subgraph answer is the client's answer, as is. */
export interface SingleFetch {
  serviceName: string;
  /** Exactly what the gateway sends: the planned operation, and the client's variables it uses. */
  operation: string;
  operationName: string | undefined;
  variableUsages: readonly string[];
  document: DocumentNode | undefined;
  /** The client's operation, to check its variables as the gateway does before any fetch. */
  clientOperation: OperationDefinitionNode;
  /**
   * Whether a subgraph's `data` is already what the gateway's result shaping would give back: false sends it
   * through the gateway, which drops, nulls or reorders what does not fit the client's selection.
   */
  fits: (data: unknown) => boolean;
}

/**
 * Enums the supergraph declares with more values than the API schema shows (@inaccessible values): a
 * subgraph may answer with a hidden value, which the gateway's result shaping turns into null.
 */
export function enumsWithHiddenValues(supergraphSdl: string, apiSchema: GraphQLSchema): Set<string> {
  const declared = new Map<string, number>();
  for (const definition of parse(supergraphSdl).definitions)
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION || definition.kind === Kind.ENUM_TYPE_EXTENSION)
      declared.set(
        definition.name.value,
        (declared.get(definition.name.value) ?? 0) + (definition.values?.length ?? 0),
      );
  const hidden = new Set<string>();
  for (const [name, count] of declared) {
    const type = apiSchema.getType(name);
    if (!isEnumType(type) || type.getValues().length !== count) hidden.add(name);
  }
  return hidden;
}

/**
 * Whether the gateway's result shaping (merging fetched data, then filtering and ordering it by the
 * client's operation) gives back the subgraph's data unchanged: the plan is one fetch with no entity
 * representations or rewrites, and that fetch selects exactly what the client selected, over object,
 * scalar and enum types only (no fragments, no directives, no introspection, no abstract type whose
 * __typename the gateway checks, no enum with hidden values).
 */
export function singleFetchOf(
  plan: QueryPlan,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  schema: GraphQLSchema,
  hiddenEnums: ReadonlySet<string>,
): SingleFetch | undefined {
  const fetch = plan.node;
  if (fetch?.kind !== 'Fetch' || fetch.requires || fetch.hasDefers) return undefined;
  if (fetch.inputRewrites?.length || fetch.outputRewrites?.length || fetch.contextRewrites?.length) return undefined;
  if (document.definitions.some((definition) => definition.kind !== Kind.OPERATION_DEFINITION)) return undefined;
  const planned = (fetch.operationDocumentNode ?? parse(fetch.operation)).definitions[0];
  if (planned?.kind !== Kind.OPERATION_DEFINITION || planned.operation !== operation.operation) return undefined;
  if (print(planned.selectionSet) !== print(operation.selectionSet) || !plainSelection(operation, schema, hiddenEnums))
    return undefined;
  const fits = objectCheck(operation.selectionSet, schema.getRootType(operation.operation)!, schema);
  if (!fits) return undefined;
  return {
    serviceName: fetch.serviceName,
    operation: fetch.operation,
    operationName: fetch.operationName,
    variableUsages: fetch.variableUsages ?? [],
    document: fetch.operationDocumentNode,
    clientOperation: operation,
    fits,
  };
}

type Check = (value: unknown) => boolean;

// The gateway nulls an Int or ID it cannot read as an integer string; 32 bits is what graphql-js serializes.
const isInt: Check = (value) =>
  Number.isInteger(value) && (value as number) <= 2147483647 && (value as number) >= -2147483648;
const BUILT_IN: Record<string, Check> = {
  Int: isInt,
  Float: (value) => typeof value === 'number' && Number.isFinite(value),
  String: (value) => typeof value === 'string',
  Boolean: (value) => typeof value === 'boolean',
  // The gateway passes an ID given as a number on as a number: stricter here, such answers take its path.
  ID: (value) => typeof value === 'string',
};

/**
 * The check of an object answered for a selection set: its keys are the selected response names in order
 * (the gateway writes them so), each value fits its field's type. Undefined when a selection set repeats a
 * response name (the gateway merges those; not worth mirroring).
 */
function objectCheck(
  selectionSet: SelectionSetNode,
  parent: GraphQLObjectType,
  schema: GraphQLSchema,
): Check | undefined {
  const names: string[] = [];
  const checks: Check[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return undefined;
    const name = selection.alias?.value ?? selection.name.value;
    if (names.includes(name)) return undefined;
    let check: Check | undefined;
    if (selection.name.value === '__typename') check = (value) => value === parent.name;
    else {
      const field = parent.getFields()[selection.name.value];
      check = field && typeCheck(field.type, selection.selectionSet, schema);
    }
    if (!check) return undefined;
    names.push(name);
    checks.push(check);
  }
  const count = names.length;
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    let index = 0;
    for (const key in value) {
      if (index === count || key !== names[index]) return false;
      if (!checks[index]!((value as Record<string, unknown>)[key])) return false;
      index++;
    }
    return index === count;
  };
}

function typeCheck(
  type: GraphQLOutputType,
  selectionSet: SelectionSetNode | undefined,
  schema: GraphQLSchema,
): Check | undefined {
  if (isNonNullType(type)) {
    const inner = typeCheck(type.ofType, selectionSet, schema);
    return inner && ((value) => value !== null && inner(value));
  }
  let check: Check | undefined;
  if (isListType(type)) {
    const item = typeCheck(type.ofType, selectionSet, schema);
    check = item && ((value) => Array.isArray(value) && value.every(item));
  } else if (isObjectType(type)) check = selectionSet && objectCheck(selectionSet, type, schema);
  else if (isEnumType(type)) {
    const values = new Set(type.getValues().map((value) => value.name));
    check = (value) => typeof value === 'string' && values.has(value);
  } else if (isScalarType(type))
    // The gateway passes a custom scalar's value on whatever it is (federation-internals' isValidLeafValue).
    check = BUILT_IN[type.name] ?? ((value) => value !== undefined);
  return check && ((value) => value === null || check(value));
}

function plainSelection(
  operation: OperationDefinitionNode,
  schema: GraphQLSchema,
  hiddenEnums: ReadonlySet<string>,
): boolean {
  let plain = true;
  const typeInfo = new TypeInfo(schema);
  const refuse = () => {
    plain = false;
    return BREAK;
  };
  visit(
    operation,
    visitWithTypeInfo(typeInfo, {
      InlineFragment: refuse,
      FragmentSpread: refuse,
      Directive: refuse,
      Field(node) {
        const name = node.name.value;
        // __typename of an object type is the subgraph's own answer; at the root the gateway answers it.
        if (name === '__typename')
          return !node.alias && typeInfo.getParentType() !== schema.getRootType(operation.operation)
            ? undefined
            : refuse();
        if (name.startsWith('__') || node.alias?.value.startsWith('__')) return refuse();
        const type = typeInfo.getType();
        const named = type ? getNamedType(type) : undefined;
        if (!named || isAbstractType(named) || hiddenEnums.has(named.name)) return refuse();
        return undefined;
      },
    }),
  );
  return plain;
}

/** The client's variables the planned operation uses, picked as the gateway picks them. */
export function fetchVariables(fetch: SingleFetch, provided: Record<string, unknown>): Record<string, unknown> {
  const variables: Record<string, unknown> = Object.create(null);
  for (const name of fetch.variableUsages)
    if (Object.hasOwn(provided, name) && provided[name] !== undefined) variables[name] = provided[name];
  return variables;
}

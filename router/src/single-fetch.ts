// Single-fetch operations: those one subgraph answers whole, in the very shape the client asked for.
import type { QueryPlan } from '@apollo/query-planner';
import {
  getNamedType,
  getVariableValues,
  isAbstractType,
  isEnumType,
  Kind,
  parse,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  BREAK,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
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
  return {
    serviceName: fetch.serviceName,
    operation: fetch.operation,
    operationName: fetch.operationName,
    variableUsages: fetch.variableUsages ?? [],
    document: fetch.operationDocumentNode,
    clientOperation: operation,
  };
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

/** Whether the client's variables pass the gateway's check (the gateway answers those that fail). */
export function validVariables(fetch: SingleFetch, schema: GraphQLSchema, provided: Record<string, unknown>): boolean {
  const definitions = fetch.clientOperation.variableDefinitions;
  return !definitions?.length || !getVariableValues(schema, definitions, provided).errors;
}

// An operation's variables coerced by the schema, once per request: the gateway checks them, the response cache reads
// a mutation's arguments with them and the list-items limit its page sizes, each before execution.
import { getVariableValues, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

type Coerced = ReturnType<typeof getVariableValues>;

/** Per variables object as the request carries it (the same object reaches every plugin and the executor). */
const coercions = new WeakMap<object, { schema: GraphQLSchema; operation: OperationDefinitionNode; result: Coerced }>();

/**
 * graphql-js's getVariableValues for `operation` over `inputs` (defaults filled in, or the errors that refuse them),
 * computed once for a request's variables object. Its answer is shared: read it, never change it.
 */
export function coercedVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  inputs: Record<string, unknown> | null | undefined,
): Coerced {
  if (!inputs) return getVariableValues(schema, operation.variableDefinitions ?? [], {});
  const known = coercions.get(inputs);
  if (known?.schema === schema && known.operation === operation) return known.result;
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], inputs);
  coercions.set(inputs, { schema, operation, result });
  return result;
}

import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationContext } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

export interface Limits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  maxBodyBytes: number;
}

/**
 * Depth (introspection counted: a deep `__schema` query is as costly as any other), alias, token,
 * directive and cost limits, checked while parsing and validating, before any subgraph is called.
 */
export function useLimits(limits: Limits): Plugin[] {
  // Report through the validation context (so every violation is listed, with a code) instead of
  // armor's default of throwing a "Syntax Error".
  const report = { propagateOnRejection: false, onReject: [reportLimit], exposeLimits: true };
  return [
    EnvelopArmorPlugin({
      maxDepth: { n: limits.maxDepth, ignoreIntrospection: false, flattenFragments: true, ...report },
      // __typename counts too: a thousand aliased __typename fields are still a thousand fields.
      maxAliases: { n: limits.maxAliases, allowList: [], ...report },
      maxTokens: { n: limits.maxTokens, exposeLimits: true },
      maxDirectives: { n: 50, ...report },
      costLimit: { maxCost: limits.maxCost, ...report },
      blockFieldSuggestion: { enabled: true },
    }) as Plugin,
    useErrorCodes(),
  ];
}

export const LIMIT_EXCEEDED = 'QUERY_LIMIT_EXCEEDED';

/** Armor words every refusal as a "Syntax Error"; a limit is not one, and says so with its own code. */
export function describeParseError(message: string): { message: string; code: string } {
  if (/limit of \d+ exceeded/.test(message)) return { message: message.replace(/^Syntax Error: /, ''), code: LIMIT_EXCEEDED };
  return { message, code: 'GRAPHQL_PARSE_FAILED' };
}

function reportLimit(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(createGraphQLError(describeParseError(error.message).message, { extensions: { code: LIMIT_EXCEEDED } }));
}

/** Every error a client sees carries a code: parse and validation errors get theirs here. */
function useErrorCodes(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || !('errors' in result) || !result.errors) return;
      const errors = (result.errors as GraphQLError[]).map((error) => {
        // Yoga codes every parse error GRAPHQL_PARSE_FAILED already, the token limit's included.
        const syntax = error.message.startsWith('Syntax Error');
        if (error.extensions?.code && !syntax) return error;
        const { message, code } = syntax ? describeParseError(error.message) : { message: error.message, code: undefined };
        // Yoga's own error class, so Yoga still reads (and then hides) its `http` status hint.
        return createGraphQLError(message, {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          path: error.path,
          extensions: {
            ...error.extensions,
            code: code ?? (error.extensions?.http && !error.nodes ? 'BAD_REQUEST' : 'GRAPHQL_VALIDATION_FAILED'),
          },
        });
      });
      setResult({ ...result, errors } as never);
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

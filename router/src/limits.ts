// Query limits: depth, aliases, tokens, directives and cost, checked before any subgraph is called; introspection off.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { NoSchemaIntrospectionCustomRule, type GraphQLError, type ValidationContext } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { describeParseError, LIMIT_EXCEEDED } from './error-codes';

export interface Limits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  maxBodyBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxDepth: 15,
  maxAliases: 30,
  maxTokens: 5000,
  maxCost: 20_000,
  maxBodyBytes: 100_000,
};

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
    blockFieldSuggestion: { enabled: true },
  }) as Plugin;
}

/** Refuses introspection (production without INTROSPECTION=true). */
export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

// Query limits: depth, aliases, tokens, directives and cost, checked before any subgraph is called; introspection off.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { reportLimit, useErrorCodes } from './error-masking';

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

/** Refuses introspection (production without INTROSPECTION=true). */
export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

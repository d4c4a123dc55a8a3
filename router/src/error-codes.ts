// Error codes: every parse and validation error a client sees gets one, a query limit its own.
import type { GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

export const LIMIT_EXCEEDED = 'QUERY_LIMIT_EXCEEDED';

/** Armor words every refusal as a "Syntax Error"; a limit is not one, and says so with its own code. */
export function describeParseError(message: string): { message: string; code: string } {
  if (/limit of \d+ exceeded/.test(message))
    return { message: message.replace(/^Syntax Error: /, ''), code: LIMIT_EXCEEDED };
  return { message, code: 'GRAPHQL_PARSE_FAILED' };
}

/** Every error a client sees carries a code: parse and validation errors get theirs here. */
export function useErrorCodes(): Plugin {
  return {
    // Yoga reads a GET's `variables` and `extensions` with a bare JSON.parse: a parameter that is not JSON (a
    // truncated link) was answered INTERNAL_SERVER_ERROR, as a fault of the router. A client's mistake, said so.
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          throw createGraphQLError("The request's variables or extensions are not valid JSON", {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
      });
    },
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || !('errors' in result) || !result.errors)
        return;
      setResult({ ...result, errors: (result.errors as GraphQLError[]).map(withCode) } as never);
    },
  };
}

function withCode(error: GraphQLError): GraphQLError {
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
}

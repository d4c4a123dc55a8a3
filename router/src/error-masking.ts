// What a client sees of an error: subgraph errors masked to their code and safe details, parse and validation errors coded.
import { GraphQLError, type GraphQLFormattedError, type ValidationContext } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { DEPENDENCY_RETRY_AFTER_SECONDS, type Logger } from '@busline/shared';

/** What the gateway and HTTP layers add to a subgraph error's extensions, never meant for a client. */
const TRANSPORT_EXTENSIONS = new Set([
  'response',
  'exception',
  'stacktrace',
  'http',
  'code',
  'serviceName',
  'retryAfterSeconds',
]);

function clientDetails(extensions: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extensions).filter(([key]) => !TRANSPORT_EXTENSIONS.has(key)));
}

/** Keeps what a client may see of a subgraph error: message, path, locations, code, subgraph name, retry hint and the details of a known code. */
export function sanitizeError(error: GraphQLFormattedError | GraphQLError, logger: Logger): GraphQLError {
  let extensions = (error.extensions ?? {}) as Record<string, unknown>;
  let message = error.message;
  // A subgraph that refused the whole request (401, 403, 503) put its own error in the body.
  const refused = (extensions.response as { body?: { errors?: GraphQLFormattedError[] } } | undefined)?.body
    ?.errors?.[0];
  if (refused?.extensions?.code) {
    message = refused.message;
    extensions = { ...refused.extensions, serviceName: extensions.serviceName };
  }
  const code = typeof extensions.code === 'string' ? extensions.code : undefined;
  const serviceName = typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined;
  const known = code && code !== 'INTERNAL_SERVER_ERROR' && code !== 'DOWNSTREAM_SERVICE_ERROR';
  if (!known) logger.warn({ error: { message, extensions } }, 'subgraph error (masked)');
  const unreachable = !code && /fetch|ECONNREFUSED|timed? ?out|aborted|socket/i.test(message);
  // A subgraph's hint (its database is restarting, a sign-in is throttled) reaches the client; an
  // unreachable subgraph, or one down without a hint, gets the default one.
  const given = known && typeof extensions.retryAfterSeconds === 'number' ? extensions.retryAfterSeconds : undefined;
  const retryAfterSeconds =
    given ?? ((known && code === 'UNAVAILABLE') || unreachable ? DEPENDENCY_RETRY_AFTER_SECONDS : undefined);
  return new GraphQLError(
    known ? message : unreachable ? `The ${serviceName ?? 'upstream'} service is unavailable` : 'Unexpected error',
    {
      path: error.path as readonly (string | number)[] | undefined,
      extensions: {
        // A known code's details were written for the client (a field, a limit, a retry hint): they stay.
        ...(known ? clientDetails(extensions) : {}),
        code: known ? code : unreachable ? 'UNAVAILABLE' : 'INTERNAL_SERVER_ERROR',
        ...(serviceName ? { serviceName } : {}),
        ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      },
    },
  );
}

export const LIMIT_EXCEEDED = 'QUERY_LIMIT_EXCEEDED';

/** Armor words every refusal as a "Syntax Error"; a limit is not one, and says so with its own code. */
export function describeParseError(message: string): { message: string; code: string } {
  if (/limit of \d+ exceeded/.test(message))
    return { message: message.replace(/^Syntax Error: /, ''), code: LIMIT_EXCEEDED };
  return { message, code: 'GRAPHQL_PARSE_FAILED' };
}

export function reportLimit(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(
    createGraphQLError(describeParseError(error.message).message, { extensions: { code: LIMIT_EXCEEDED } }),
  );
}

/** Every error a client sees carries a code: parse and validation errors get theirs here. */
export function useErrorCodes(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || !('errors' in result) || !result.errors)
        return;
      const errors = (result.errors as GraphQLError[]).map((error) => {
        // Yoga codes every parse error GRAPHQL_PARSE_FAILED already, the token limit's included.
        const syntax = error.message.startsWith('Syntax Error');
        if (error.extensions?.code && !syntax) return error;
        const { message, code } = syntax
          ? describeParseError(error.message)
          : { message: error.message, code: undefined };
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

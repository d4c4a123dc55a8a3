// What a client sees of an error: a subgraph's reduced to its code and safe details, the router's own masked.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { createErrorMasker, DEPENDENCY_RETRY_AFTER_SECONDS, type Logger } from '@busline/shared';

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

/** graphql-js's suggestions: fields, arguments and types (`Did you mean "x"?`), enum values (`the enum value "x"`). */
const SUGGESTION = /Did you mean (?:the enum value )?".+"\?/g;

/** `message` without the names graphql-js suggests in it (useHiddenSuggestions, limits.ts). */
export function hideSuggestions(message: string): string {
  return message.replace(SUGGESTION, '[Suggestion hidden]').trim();
}

/**
 * Keeps what a client may see of a subgraph error: message, path, locations, code, subgraph name,
 * retry hint and the details of a known code.
 */
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
  // The router's own word that a subgraph gave no answer (data-source.ts): the cause is for the log alone.
  else if (error instanceof GraphQLError && error.originalError && code === 'UNAVAILABLE')
    logger.warn({ serviceName, err: error.originalError }, 'subgraph unreachable');
  // Without a code, the message is the transport's: a refused or cut connection (undici says "other side closed" when
  // a subgraph cuts a request as it stops), a timeout.
  const unreachable = !code && /fetch|ECONNREFUSED|UND_ERR|other side closed|timed? ?out|aborted|socket/i.test(message);
  // A subgraph's hint (its database is restarting, a sign-in is throttled) reaches the client; an
  // unreachable subgraph, or one down without a hint, gets the default one.
  const given = known && typeof extensions.retryAfterSeconds === 'number' ? extensions.retryAfterSeconds : undefined;
  const retryAfterSeconds =
    given ?? ((known && code === 'UNAVAILABLE') || unreachable ? DEPENDENCY_RETRY_AFTER_SECONDS : undefined);
  return new GraphQLError(
    // A subgraph's own validation (a subscription's variables) suggests names as the router's would.
    known
      ? hideSuggestions(message)
      : unreachable
        ? `The ${serviceName ?? 'upstream'} service is unavailable`
        : 'Unexpected error',
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

/**
 * Yoga's maskError for the router's own errors: client errors kept, a dependency that is down answered
 * UNAVAILABLE, anything unexpected hidden from the client and logged.
 */
export function routerErrorMasker(logger: Logger) {
  return createErrorMasker({
    onMasked: (error) =>
      logger.error(
        { err: (error as { originalError?: unknown }).originalError ?? error },
        'unexpected router error (masked)',
      ),
  });
}

/**
 * The errors of a gateway answer in which a subgraph answered null, without an error, for a field that cannot be
 * null (an entity it would not resolve for this caller): the gateway nulls the nearest nullable parent and says so
 * only in `extensions.valueCompletion` (and only when nothing else failed), so a client got `data: null` or a null
 * field and no error. Masked (they may name internal types), with their paths, and logged; undefined when none.
 */
export function completionErrors(result: { extensions?: unknown }, logger: Logger): GraphQLError[] | undefined {
  const completion = (result.extensions as { valueCompletion?: readonly GraphQLError[] } | undefined)?.valueCompletion;
  if (!completion?.length) return undefined;
  logger.warn(
    { errors: completion.map((error) => ({ message: error.message, path: error.path })) },
    'a subgraph answered null for a field that cannot be null',
  );
  return completion.map(
    (error) =>
      new GraphQLError('Unexpected error.', { path: error.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
  );
}

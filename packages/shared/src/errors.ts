import { GraphQLError } from 'graphql';
import { postgresErrorCode, unavailableDependency, type Dependency } from './error-chain';

export * from './error-chain';

/** Error codes that clients may see in `extensions.code` (the public API contract: README.md lists them). */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  SEAT_UNAVAILABLE: 'SEAT_UNAVAILABLE',
  HOLD_EXPIRED: 'HOLD_EXPIRED',
  /** An account's hold limit (seats per trip, open bookings, holds per hour); `limit` and `max` in extensions. */
  HOLD_LIMIT_REACHED: 'HOLD_LIMIT_REACHED',
  /** Too many subscriptions open at once (per connection, or streams per user or address); `max` in extensions. */
  SUBSCRIPTION_LIMIT_REACHED: 'SUBSCRIPTION_LIMIT_REACHED',
  PAYMENT_FAILED: 'PAYMENT_FAILED',
  IDEMPOTENCY_CONFLICT: 'IDEMPOTENCY_CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  /** Retry later: a dependency or replica is not ready yet. */
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The one error type domain code throws. Its message and code reach the client;
 * `details` go to `extensions` too (e.g. the field that failed validation).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toGraphQLError(): GraphQLError {
    return new GraphQLError(this.message, {
      originalError: this,
      extensions: { code: this.code, ...this.details },
    });
  }
}

export const forbidden = (message = 'Not allowed') => new AppError(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
export const badInput = (message: string, field?: string) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : undefined);

/** Codes produced by GraphQL tooling itself (parsing, validation, limits) that are safe to show. */
const PASS_THROUGH_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'DOWNSTREAM_SERVICE_ERROR',
  // The router's operation limits (depth, aliases, list items), a subscription's among them.
  'QUERY_LIMIT_EXCEEDED',
]);

/** instanceof fails across the CommonJS and ES module copies of graphql-js that tools may load. */
function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError || (error instanceof Error && error.name === 'GraphQLError');
}

function findAppError(error: unknown): AppError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof AppError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

export interface MaskErrorOptions {
  /**
   * Called with every error whose own message is hidden from the client (unexpected errors, and
   * errors of a dependency that is down), so it is logged with its stack.
   */
  onMasked?: (error: unknown) => void;
  /** The service named in the message of a dependency that is down ("The ticketing service's database …"). */
  service?: string;
  /**
   * Called with every error the database raised for a value (see REFUSED_VALUES), answered as BAD_USER_INPUT: the
   * operation lacks a check of its own before the database, or (when the value was not the client's: a total it
   * computed, data it stored) it has a bug. Logged as an error either way.
   */
  onRefusedValue?: (error: unknown) => void;
}

/**
 * Postgres data exceptions a value causes, and what the client is told of them: a safety net under the services' own
 * checks (which name the field), so that input a check missed is a client error, not a masked INTERNAL_SERVER_ERROR.
 * The failing statement's transaction is rolled back; what an operation committed before it (a payment recorded
 * before its provider was asked) stays.
 */
const REFUSED_VALUES: Record<string, string> = {
  // character_not_in_repertoire: text with a NUL character; untranslatable_character: \u0000 in JSON.
  '22021': 'A text value holds a NUL character, which cannot be stored',
  '22P05': 'A text value holds a NUL character, which cannot be stored',
  // string_data_right_truncation; program_limit_exceeded (an index entry over its size limit).
  '22001': 'A value is longer than allowed',
  '54000': 'A value is longer than allowed',
  // numeric_value_out_of_range; datetime_field_overflow; invalid_time_zone_displacement_value (a year past 9999
  // written as +010000-…); invalid_datetime_format.
  '22003': 'A number is out of range',
  '22008': 'A date or time is out of range',
  '22009': 'A date or time is out of range',
  '22007': 'A date or time is not valid',
  // invalid_text_representation: e.g. an id that is not one.
  '22P02': 'A value is not in the expected format',
};

/** The BAD_USER_INPUT answer for a value the database refused, or undefined for any other error. */
function refusedValue(error: unknown): AppError | undefined {
  const code = postgresErrorCode(error);
  const message = code ? REFUSED_VALUES[code] : undefined;
  return message ? new AppError(ErrorCode.BAD_USER_INPUT, message) : undefined;
}

/** How long a client should wait before retrying an operation that met a dependency that is down. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

const DEPENDENCY_NAMES: Record<Dependency, string> = {
  database: 'database',
  redis: 'Redis',
  upstream: 'upstream service',
};

/** The UNAVAILABLE answer for an operation that met a dependency that is down. */
export function dependencyUnavailable(dependency: Dependency, service?: string): AppError {
  const owner = service ? `The ${service} service's` : "This service's";
  return new AppError(ErrorCode.UNAVAILABLE, `${owner} ${DEPENDENCY_NAMES[dependency]} is unavailable; retry shortly`, {
    retryAfterSeconds: DEPENDENCY_RETRY_AFTER_SECONDS,
  });
}

/**
 * Keeps AppErrors and GraphQL's own client errors as they are, answers an error of a dependency
 * that is down (Postgres, Redis) with UNAVAILABLE and a retry hint, a value the database refused
 * (REFUSED_VALUES) with BAD_USER_INPUT, and hides everything else behind a generic message:
 * internals (SQL, stack traces) never reach a client.
 */
export function createErrorMasker(options: MaskErrorOptions = {}) {
  return (error: unknown, message: string): Error => {
    let appError = findAppError(error);
    const dependency = appError ? undefined : unavailableDependency(error);
    if (dependency) {
      options.onMasked?.(error);
      appError = dependencyUnavailable(dependency, options.service);
    }
    if (!appError) {
      appError = refusedValue(error);
      if (appError) options.onRefusedValue?.(error);
    }
    if (appError) {
      if (error instanceof GraphQLError) {
        return new GraphQLError(appError.message, {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          path: error.path,
          originalError: appError,
          extensions: { ...error.extensions, code: appError.code, ...appError.details },
        });
      }
      return appError.toGraphQLError();
    }
    if (isGraphQLError(error)) {
      const code = error.extensions?.code;
      const isClientError = !error.originalError || isGraphQLError(error.originalError);
      if ((typeof code === 'string' && PASS_THROUGH_CODES.has(code)) || (isClientError && code === undefined)) {
        return error;
      }
      if (error.extensions?.http && isClientError) return error;
    }
    options.onMasked?.(error);
    return new GraphQLError(message || 'Unexpected error.', {
      nodes: error instanceof GraphQLError ? error.nodes : undefined,
      path: error instanceof GraphQLError ? error.path : undefined,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    });
  };
}

/** The error masker without side effects (nothing logged): what answeredCode asks. */
const plainMasker = createErrorMasker();

/**
 * The code an error is answered with, as the error masker gives it (an AppError's own, UNAVAILABLE for a dependency
 * away, INTERNAL_SERVER_ERROR for a bug): what an operation's log line, error metric and span record. They see the
 * errors before the masker does, when a subgraph's carry no code yet.
 */
export function answeredCode(error: unknown): string {
  const own = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  if (typeof own === 'string') return own;
  const code = (plainMasker(error, '') as GraphQLError).extensions?.code;
  return typeof code === 'string' ? code : ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * The codes a list of errors is answered with, each once (in the order first met): what a log line or span lists. A
 * request answered with a hundred errors of one code would otherwise cost a line a hundred codes long.
 */
export function answeredCodes(errors: readonly unknown[]): string[] {
  return [...new Set(errors.map(answeredCode))];
}

import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

export interface LoggerConfig {
  level?: string;
  /** Human-readable output (pino-pretty); meant for a developer's terminal only. */
  pretty?: boolean;
  /** Where lines go (default: standard output). */
  destination?: DestinationStream;
}

/** Fields that carry credentials or personal data, at the top of a log line or one level down. */
const SECRET_FIELDS = [
  'authorization',
  'password',
  'refreshToken',
  'accessToken',
  'token',
  'phone',
  'partyId',
  'msisdn',
  'variables',
  'connectionParams',
];

/**
 * What Postgres quotes of a value in a message (`invalid input syntax for type uuid: "…"`, `value "…" is out of
 * range`): from the first double quote to the last. Postgres writes the value as it came, quotes and backslashes
 * unescaped, so nothing inside it can be taken for its end.
 */
export const QUOTED_VALUE = /"[\s\S]*"/;

/**
 * What an error may say in a log line. A failed SQL statement's error carries its parameters
 * (drizzle writes them into the message: e-mails, phone numbers, password hashes) and Postgres
 * repeats offending values in `detail` ("Key (email)=(…) already exists") and, for a value it cannot take, in its
 * message: all are cut, the statement and the constraint stay. A Redis error keeps its command's name, not its
 * arguments.
 */
export function sanitizeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 5) return error;
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error & Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(error)) copy[key] = (error as unknown as Record<string, unknown>)[key];
  const withParams = error as Error & { query?: unknown; params?: unknown };
  if (typeof withParams.query === 'string' && 'params' in withParams) {
    const safeMessage = `Failed query: ${withParams.query}`;
    copy.stack = (error.stack ?? '').replace(error.message, safeMessage);
    copy.message = safeMessage;
    delete copy.params;
  }
  if (typeof copy.detail === 'string') copy.detail = copy.detail.replace(/=\(.*\)/s, '=([redacted])');
  // A data exception (SQLSTATE class 22) quotes the value refused in its message (`invalid input syntax for type
  // uuid: "…"`, `value "…" is out of range`): a client's input, whatever it put there.
  if (typeof copy.code === 'string' && copy.code.startsWith('22') && typeof copy.message === 'string') {
    const cut = copy.message.replace(QUOTED_VALUE, '"[redacted]"');
    if (typeof copy.stack === 'string') copy.stack = copy.stack.replace(copy.message, cut);
    copy.message = cut;
  }
  // ioredis puts the failed command on its errors with every argument: a whole event (a claim code, a phone number).
  const command = copy.command as { name?: unknown } | undefined;
  if (command && typeof command === 'object') copy.command = { name: command.name };
  // A refused MULTI (EXECABORT) carries each queued command's error, with its arguments.
  if (Array.isArray(copy.previousErrors))
    copy.previousErrors = copy.previousErrors.map((each: unknown) => sanitizeError(each, depth + 1));
  if (copy.cause) copy.cause = sanitizeError(copy.cause, depth + 1);
  return copy;
}

/**
 * An error's message as it may be kept (a dead letter's, which stays until an operator acts and is printed by the
 * events CLI): without what sanitizeError removes from log lines (a failed query's parameters).
 */
export function keptErrorMessage(error: unknown): string {
  const sanitized = sanitizeError(error);
  return sanitized instanceof Error ? sanitized.message : String(sanitized);
}

/** The one logger of the platform. Services derive child loggers carrying their ids. */
export function createLogger(name: string, config: LoggerConfig = {}): Logger {
  const options: LoggerOptions = {
    name,
    level: config.level ?? 'info',
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]),
      ],
      censor: '[redacted]',
    },
    serializers: { err: (error: unknown) => pino.stdSerializers.err(sanitizeError(error) as Error) },
  };
  if (config.pretty) {
    return pino({
      ...options,
      transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } },
    });
  }
  return config.destination ? pino(options, config.destination) : pino(options);
}

/**
 * A child of `parent` made when first used: most requests never log, and pino's child serializes its bindings. Not a
 * getter on a request's context: Yoga copies a context's properties into its own (Object.assign reads every getter).
 */
export function lazyChild(parent: Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined;
  const made = () => (child ??= parent.child(bindings));
  return new Proxy({} as Logger, {
    get(_target, property) {
      const logger = made();
      const value: unknown = Reflect.get(logger, property, logger);
      return typeof value === 'function' ? value.bind(logger) : value;
    },
    set: (_target, property, value) => Reflect.set(made(), property, value),
    has: (_target, property) => Reflect.has(made(), property),
  });
}

import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** The most Money.amount (a GraphQL Int, 32 bits) holds: 2,147,483,647 minor units (21.4 million KES in cents). */
export const MONEY_AMOUNT_MAX = 2_147_483_647;

const INVALID_DATE_TIME = 'DateTime must be an ISO 8601 date-time of the years 1 to 9999, e.g. 2026-12-01T07:00:00Z';

function toDate(value: unknown): Date {
  const date =
    value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(INVALID_DATE_TIME, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return date;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** The instants Postgres's timestamps take in and give back as ISO 8601: the years 1 to 9999 in UTC. */
const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * `value` as a Date when it is an ISO 8601 date-time with an offset, of a day its month has (JavaScript would take
 * 2026-02-30 for March 2nd), within the years 1 to 9999 in UTC (9999-12-31T23:59-23:59 is year 10000 there, and
 * year 0 does not exist for Postgres); undefined otherwise.
 */
export function parseIsoDateTime(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !ISO_DATE_TIME.test(value)) return undefined;
  const date = new Date(value);
  const time = date.getTime();
  if (Number.isNaN(time) || time < EARLIEST || time > LATEST) return undefined;
  const day = value.slice(0, 10);
  if (new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) return undefined;
  return date;
}

/** Whether the instant `time` (ms since the epoch) is one parseIsoDateTime takes: of the years 1 to 9999 in UTC. */
export function isStorableTime(time: number): boolean {
  return time >= EARLIEST && time <= LATEST;
}

function parseDateTime(value: unknown): Date {
  const date = parseIsoDateTime(value);
  if (!date) throw new GraphQLError(INVALID_DATE_TIME, { extensions: { code: 'BAD_USER_INPUT' } });
  return date;
}

/** ISO 8601 date-time with an offset; always serialised in UTC. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO 8601 date-time with a UTC offset, e.g. 2026-12-01T07:00:00Z.',
  serialize: (value) => toDate(value).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

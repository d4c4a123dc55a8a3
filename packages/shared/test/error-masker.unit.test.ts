import { DrizzleQueryError } from 'drizzle-orm/errors';
import { GraphQLError } from 'graphql';
import { MaxRetriesPerRequestError } from 'ioredis/built/errors/index.js';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createErrorMasker, postgresErrorCode } from '../src/errors';

/** What node-postgres hands over for an error the server reported (SQLSTATE in `code`). */
function postgresError(code: string, message: string): pg.DatabaseError {
  const error = new pg.DatabaseError(message, message.length, 'error');
  error.code = code;
  error.severity = 'FATAL';
  return error;
}

/** A Node socket error as node-postgres passes it on (`connect ECONNREFUSED …`). */
function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), {
    code,
    errno: -111,
    syscall: 'connect',
    address: '127.0.0.1',
    port: 5432,
  });
}

/** How drizzle reports a failed statement: its own error, the driver's in `cause`. */
const inQuery = (cause: Error) =>
  new DrizzleQueryError('select "id" from "ticketing"."bookings" where "id" = $1', ['b-1'], cause);

/** How Yoga hands a resolver's error to the masker: located at a path, the thrown error as originalError. */
const fromResolver = (error: Error) => new GraphQLError(error.message, { path: ['booking'], originalError: error });

const mask = (error: Error, options: Parameters<typeof createErrorMasker>[0] = { service: 'ticketing' }) =>
  createErrorMasker(options)(fromResolver(error), 'Unexpected error') as GraphQLError;

const DATABASE_DOWN = {
  message: "The ticketing service's database is unavailable; retry shortly",
  code: 'UNAVAILABLE',
  retryAfterSeconds: 5,
};
const answer = (error: GraphQLError) => ({ message: error.message, ...error.extensions });

describe('the error masker, for a dependency that is down', () => {
  it('answers UNAVAILABLE with a retry hint when a query finds the database refusing connections', () => {
    expect(answer(mask(inQuery(socketError('ECONNREFUSED'))))).toEqual(DATABASE_DOWN);
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P03', 'the database system is starting up'],
    ['53300', 'sorry, too many clients already'],
    ['08006', 'connection failure'],
  ])('answers UNAVAILABLE when Postgres reports %s (%s)', (code, message) => {
    expect(answer(mask(inQuery(postgresError(code, message))))).toEqual(DATABASE_DOWN);
  });

  it('answers UNAVAILABLE when the connection is cut in the middle of a query', () => {
    expect(answer(mask(inQuery(new Error('Connection terminated unexpectedly'))))).toEqual(DATABASE_DOWN);
  });

  it('answers UNAVAILABLE when no pooled connection can be had in time', () => {
    expect(answer(mask(new Error('timeout exceeded when trying to connect')))).toEqual(DATABASE_DOWN);
  });

  it('answers UNAVAILABLE when a transaction cannot open its connection (a socket error outside any query)', () => {
    expect(answer(mask(socketError('ECONNRESET')))).toEqual(DATABASE_DOWN);
  });

  it('names Redis when a Redis command gives up on a connection that is away', () => {
    // Its declared type lacks Error's fields (redis-errors is untyped); it is an Error at run time.
    expect(answer(mask(new MaxRetriesPerRequestError(1) as unknown as Error))).toEqual({
      message: "The ticketing service's Redis is unavailable; retry shortly",
      code: 'UNAVAILABLE',
      retryAfterSeconds: 5,
    });
  });

  it('names an upstream service when a fetch cannot connect', () => {
    const fetchFailed = new TypeError('fetch failed', { cause: socketError('ECONNREFUSED') });
    expect(mask(fetchFailed).message).toBe("The ticketing service's upstream service is unavailable; retry shortly");
  });

  it('still hands the original error to the log', () => {
    const logged: unknown[] = [];
    const original = inQuery(socketError('ECONNREFUSED'));
    mask(original, { service: 'ticketing', onMasked: (error) => logged.push(error) });
    expect(logged).toEqual([fromResolver(original)]);
    expect((logged[0] as GraphQLError).originalError).toBe(original);
  });

  it('says "This service" when it was not told which service it serves', () => {
    expect(mask(inQuery(socketError('ECONNREFUSED')), {}).message).toBe(
      "This service's database is unavailable; retry shortly",
    );
  });
});

describe('the error masker, for everything else', () => {
  const MASKED = { message: 'Unexpected error', code: 'INTERNAL_SERVER_ERROR' };

  it('masks a constraint violation', () => {
    expect(
      answer(mask(inQuery(postgresError('23505', 'duplicate key value violates unique constraint "bookings_pkey"')))),
    ).toEqual(MASKED);
  });

  it('masks a statement the database refused as wrong', () => {
    expect(answer(mask(inQuery(postgresError('42601', 'syntax error at or near "form"'))))).toEqual(MASKED);
  });

  it('masks a bug in the code', () => {
    expect(answer(mask(new TypeError("Cannot read properties of undefined (reading 'id')")))).toEqual(MASKED);
  });
});

describe('the error masker, for a value the database refused', () => {
  it.each([
    [
      '22021',
      'invalid byte sequence for encoding "UTF8": 0x00',
      'A text value holds a NUL character, which cannot be stored',
    ],
    ['22P05', 'unsupported Unicode escape sequence', 'A text value holds a NUL character, which cannot be stored'],
    ['22001', 'value too long for type character varying(64)', 'A value is longer than allowed'],
    ['54000', 'index row size 3016 exceeds btree version 4 maximum 2704', 'A value is longer than allowed'],
    ['22003', 'integer out of range', 'A number is out of range'],
    ['22008', 'date/time field value out of range', 'A date or time is out of range'],
    ['22009', 'time zone displacement out of range: "+010000-01-01"', 'A date or time is out of range'],
    ['22007', 'invalid input syntax for type timestamp', 'A date or time is not valid'],
    ['22P02', 'invalid input syntax for type uuid: "x"', 'A value is not in the expected format'],
  ])('answers BAD_USER_INPUT for %s (%s), without the statement or value', (code, raised, message) => {
    expect(answer(mask(inQuery(postgresError(code, raised))))).toEqual({ message, code: 'BAD_USER_INPUT' });
  });

  it('hands the error to onRefusedValue, not to onMasked', () => {
    const refused: unknown[] = [];
    const masked: unknown[] = [];
    const original = inQuery(postgresError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'));
    mask(original, { onMasked: (error) => masked.push(error), onRefusedValue: (error) => refused.push(error) });
    expect(refused).toEqual([fromResolver(original)]);
    expect(masked).toEqual([]);
  });

  it("still masks another data exception (a division by zero is the code's)", () => {
    expect(answer(mask(inQuery(postgresError('22012', 'division by zero'))))).toEqual({
      message: 'Unexpected error',
      code: 'INTERNAL_SERVER_ERROR',
    });
  });
});

describe('postgresErrorCode', () => {
  it('finds the SQLSTATE of the Postgres error under drizzle and GraphQL wrappers', () => {
    expect(postgresErrorCode(fromResolver(inQuery(postgresError('23505', 'duplicate key'))))).toBe('23505');
  });

  it('takes no socket error code for a SQLSTATE', () => {
    expect(postgresErrorCode(inQuery(socketError('EPIPE')))).toBeUndefined();
  });
});

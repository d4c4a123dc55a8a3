import { describe, expect, it } from 'vitest';
import { z } from '../src/config/env';
import { AppError, ErrorCode } from '../src/errors';
import { classifyFailure, EventNotReadyError, MalformedEventError } from '../src/events/failures';
import { decideRetry } from '../src/events/retry-policy';

/** How drizzle reports a failed statement: its own error with the driver's in `cause`. */
const failedQuery = (code: string, message: string) =>
  new Error('Failed query: update "fixture"."applied" set ...', { cause: Object.assign(new Error(message), { code }) });

/** How ioredis reports an error reply. */
const redisReply = (message: string) => Object.assign(new Error(message), { name: 'ReplyError' });

const zodError = (() => {
  try {
    z.object({ bookingId: z.string() }).parse({});
  } catch (error) {
    return error;
  }
})();

describe('what the event bus makes of a handler failure', () => {
  it.each([
    ['a serialization failure', failedQuery('40001', 'could not serialize access due to concurrent update')],
    ['a deadlock', failedQuery('40P01', 'deadlock detected')],
    ['a lock timeout', failedQuery('55P03', 'canceling statement due to lock timeout')],
    ['a statement timeout', failedQuery('57014', 'canceling statement due to statement timeout')],
    ['Postgres shutting down', failedQuery('57P01', 'terminating connection due to administrator command')],
    ['a connection failure', failedQuery('08006', 'connection failure')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    ['Redis away', new Error('Connection is closed.')],
    ['Redis out of memory', redisReply("OOM command not allowed when used memory > 'maxmemory'.")],
    ['Redis loading its data', redisReply('LOADING Redis is loading the dataset in memory')],
    ['a read-only Redis replica', redisReply("READONLY You can't write against a read only replica.")],
    ['an UNAVAILABLE answer', new AppError(ErrorCode.UNAVAILABLE, 'ticketing is not ready')],
  ])('retries %s as transient', (_, error) => {
    expect(classifyFailure(error)).toBe('transient');
  });

  it.each([
    ['an EventNotReadyError', new EventNotReadyError('passes of booking 7 not issued yet')],
    ['an EventNotReadyError wrapped', new Error('handler failed', { cause: new EventNotReadyError('not yet') })],
  ])('waits for %s (retried as long as a transient failure, pausing nothing)', (_, error) => {
    expect(classifyFailure(error)).toBe('waiting');
  });

  it.each([
    ['a MalformedEventError', new MalformedEventError('no tickets')],
    [
      'a MalformedEventError wrapped by another error',
      new Error('handler failed', { cause: new MalformedEventError('no tickets') }),
    ],
    ['a payload failing its zod schema', zodError],
  ])('dead-letters %s as malformed', (_, error) => {
    expect(classifyFailure(error)).toBe('malformed');
  });

  it.each([
    ['a unique violation', failedQuery('23505', 'duplicate key value violates unique constraint')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['state that is not there yet', new Error('trip 42 not known yet; retry')],
    ['a domain refusal', new AppError(ErrorCode.BAD_USER_INPUT, 'seat 99Z does not exist')],
    [
      'a Redis command refused as wrong',
      redisReply('WRONGTYPE Operation against a key holding the wrong kind of value'),
    ],
    // A statement the server cannot take (more than 65,535 parameters): the same event fails the same way again.
    ['a protocol violation', failedQuery('08P01', 'bind message has 2065 parameter formats but 0 parameters')],
  ])('gives %s a few attempts as any other failure', (_, error) => {
    expect(classifyFailure(error)).toBe('failed');
  });
});

describe('how long a failing event is retried', () => {
  const policy = { retryForMs: 60_000, baseDelayMs: 10, maxDelayMs: 1_000, maxAttempts: 3 };

  it('retries an event waiting for an earlier one for as long as a transient failure, whatever its attempts', () => {
    expect(decideRetry(policy, 'waiting', 50, 0, 59_999)).toEqual({ deadLetter: false, delayMs: 1_000 });
    expect(decideRetry(policy, 'waiting', 2, 0, 60_000)).toEqual({ deadLetter: true });
    expect(decideRetry(policy, 'failed', 3, 0, 1)).toEqual({ deadLetter: true });
  });
});

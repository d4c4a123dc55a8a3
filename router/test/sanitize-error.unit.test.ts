import { describe, expect, it } from 'vitest';
import { testLogger } from '@busline/shared/testing';
import { sanitizeError } from '../src/error-masking';

/** What the client sees of a subgraph error (queries, mutations and every subscription event). */
const seen = (error: Parameters<typeof sanitizeError>[0]) => {
  const sanitized = sanitizeError(error, testLogger('router'));
  return { message: sanitized.message, extensions: sanitized.extensions };
};

describe("the router's view of a subgraph error", () => {
  it("keeps a subgraph's UNAVAILABLE with its retry hint", () => {
    const message = "The ticketing service's database is unavailable; retry shortly";
    expect(
      seen({ message, extensions: { code: 'UNAVAILABLE', retryAfterSeconds: 5, serviceName: 'ticketing' } }),
    ).toEqual({
      message,
      extensions: { code: 'UNAVAILABLE', serviceName: 'ticketing', retryAfterSeconds: 5 },
    });
  });

  it('gives a subgraph it cannot reach UNAVAILABLE with the default retry hint', () => {
    expect(
      seen({
        message: 'request to http://ticketing/graphql failed, reason: connect ECONNREFUSED',
        extensions: { serviceName: 'ticketing' },
      }),
    ).toEqual({
      message: 'The ticketing service is unavailable',
      extensions: { code: 'UNAVAILABLE', serviceName: 'ticketing', retryAfterSeconds: 5 },
    });
  });

  it('keeps the details a subgraph wrote for the client with a known code, and drops transport internals', () => {
    const limit = {
      code: 'HOLD_LIMIT_REACHED',
      limit: 'SEATS_PER_TRIP',
      max: 6,
      serviceName: 'ticketing',
      http: { status: 200 },
      stacktrace: ['at x'],
    };
    expect(seen({ message: 'Hold limit reached', extensions: limit })).toEqual({
      message: 'Hold limit reached',
      extensions: { code: 'HOLD_LIMIT_REACHED', limit: 'SEATS_PER_TRIP', max: 6, serviceName: 'ticketing' },
    });
    expect(
      seen({
        message: 'Too many failed sign-in attempts',
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 900, serviceName: 'auth' },
      }),
    ).toEqual({
      message: 'Too many failed sign-in attempts',
      extensions: { code: 'RATE_LIMITED', serviceName: 'auth', retryAfterSeconds: 900 },
    });
  });

  it('gives no hint and no details with a code it masks', () => {
    expect(
      seen({
        message: 'relation "x" does not exist',
        extensions: { code: 'INTERNAL_SERVER_ERROR', table: 'x', serviceName: 'ticketing' },
      }),
    ).toEqual({
      message: 'Unexpected error',
      extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'ticketing' },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { testLogger } from '@busline/shared/testing';
import { sanitizeError } from '../src/gateway';

/** What the client sees of a subgraph error (queries, mutations and every subscription event). */
const seen = (error: Parameters<typeof sanitizeError>[0]) => {
  const sanitized = sanitizeError(error, testLogger('router'));
  return { message: sanitized.message, extensions: sanitized.extensions };
};

describe("the router's view of a subgraph error", () => {
  it("keeps a subgraph's UNAVAILABLE with its retry hint", () => {
    const message = "The ticketing service's database is unavailable; retry shortly";
    expect(seen({ message, extensions: { code: 'UNAVAILABLE', retryAfterSeconds: 5, serviceName: 'ticketing' } })).toEqual({
      message,
      extensions: { code: 'UNAVAILABLE', serviceName: 'ticketing', retryAfterSeconds: 5 },
    });
  });

  it('gives a subgraph it cannot reach UNAVAILABLE with the default retry hint', () => {
    expect(seen({ message: 'request to http://ticketing/graphql failed, reason: connect ECONNREFUSED', extensions: { serviceName: 'ticketing' } })).toEqual({
      message: 'The ticketing service is unavailable',
      extensions: { code: 'UNAVAILABLE', serviceName: 'ticketing', retryAfterSeconds: 5 },
    });
  });

  it('gives no retry hint with other codes', () => {
    expect(seen({ message: 'Booking not found', extensions: { code: 'NOT_FOUND', retryAfterSeconds: 5, serviceName: 'ticketing' } })).toEqual({
      message: 'Booking not found',
      extensions: { code: 'NOT_FOUND', serviceName: 'ticketing' },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { defaultFieldResolver, type GraphQLResolveInfo } from 'graphql';
import {
  LIVE_TRACEPARENT,
  liveTraceparent,
  resultWithDeliveryTrace,
  traceSubscriptionDeliveries,
  withLiveTraceparent,
} from '../src/observability/live-tracing';

/** Trace context across subscription events with tracing off (e2e/tracing.test.ts covers it on). */
describe('live updates without tracing', () => {
  it('publishes the payload as is: no field added, the same object', () => {
    const payload = { bookingId: 'b-1' };
    expect(withLiveTraceparent(payload)).toBe(payload);
    expect(withLiveTraceparent('text')).toBe('text');
  });

  it('reads the traceparent a payload carries, and nothing from anything else', () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect(liveTraceparent({ bookingId: 'b-1', [LIVE_TRACEPARENT]: traceparent })).toBe(traceparent);
    expect(liveTraceparent({ bookingId: 'b-1' })).toBeUndefined();
    expect(liveTraceparent({ [LIVE_TRACEPARENT]: 42 })).toBeUndefined();
    expect(liveTraceparent(null)).toBeUndefined();
  });

  it('wraps only the Subscription fields, and they resolve as before (the default resolver included)', async () => {
    const info = (fieldName: string) => ({ fieldName }) as GraphQLResolveInfo;
    const query = { booking: () => 'unchanged' };
    const resolvers = traceSubscriptionDeliveries('ticketing', {
      Query: query,
      Subscription: {
        bookingStatusChanged: {
          subscribe: () => undefined,
          resolve: (payload: { bookingId: string }) => `booking ${payload.bookingId}`,
        },
        tripSeatsChanged: { subscribe: () => undefined },
      },
    });
    expect(resolvers.Query).toBe(query);
    const subscription = resolvers.Subscription as unknown as Record<
      string,
      { resolve: typeof defaultFieldResolver; subscribe: unknown }
    >;
    expect(
      await subscription.bookingStatusChanged!.resolve({ bookingId: 'b-1' }, {}, {}, info('bookingStatusChanged')),
    ).toBe('booking b-1');
    expect(
      await subscription.tripSeatsChanged!.resolve(
        { tripSeatsChanged: { id: 't-1' } },
        {},
        {},
        info('tripSeatsChanged'),
      ),
    ).toEqual({ id: 't-1' });
    expect(subscription.tripSeatsChanged!.subscribe).toBeTypeOf('function');
  });

  it('sends a result untouched when its payload was not delivered in a traced span', () => {
    expect(resultWithDeliveryTrace({}, { data: { x: 1 } })).toBeUndefined();
    expect(resultWithDeliveryTrace(undefined, { data: { x: 1 } })).toBeUndefined();
  });
});

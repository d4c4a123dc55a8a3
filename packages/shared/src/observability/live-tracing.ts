import { SpanKind } from '@opentelemetry/api';
import { defaultFieldResolver, type ExecutionResult, type GraphQLFieldResolver } from 'graphql';
import { contextFromTraceparent, currentTraceparent, endingSpan, serviceTracer, tracingActive } from './tracing';

/**
 * Trace context across subscription events. A live update published while a trace is active (a
 * mutation, an event handler) carries its `traceparent` under LIVE_TRACEPARENT; the subgraph delivers
 * each payload in a span continuing that trace and sends the delivery span's traceparent in the
 * `next` message's `extensions.traceparent`, from which the router continues it for its own
 * delivery span (entity fetches included).
 */
export const LIVE_TRACEPARENT = '__traceparent';

/** `payload` with the active trace's traceparent added (as is without tracing, or when it is not an object). */
export function withLiveTraceparent<T>(payload: T): T {
  if (!tracingActive() || !payload || typeof payload !== 'object' || Array.isArray(payload)) return payload;
  const traceparent = currentTraceparent();
  return traceparent ? { ...payload, [LIVE_TRACEPARENT]: traceparent } : payload;
}

/** The traceparent a live update carries, if any. */
export function liveTraceparent(payload: unknown): string | undefined {
  const value =
    payload && typeof payload === 'object' ? (payload as Record<string, unknown>)[LIVE_TRACEPARENT] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Per subscription context: the traceparent of the payload being delivered, until its `next` message is sent. */
const deliveries = new WeakMap<object, string>();

type ResolverMap = Record<string, unknown>;

/**
 * Wraps the `resolve` of every Subscription field of `resolvers` so that each payload carrying a
 * traceparent is resolved in a `deliver <field>` span of `service` continuing its trace.
 */
export function traceSubscriptionDeliveries<T extends ResolverMap>(service: string, resolvers: T): T {
  const subscription = resolvers.Subscription as
    Record<string, { resolve?: GraphQLFieldResolver<unknown, unknown> }> | undefined;
  if (!subscription) return resolvers;
  const traced = Object.fromEntries(
    Object.entries(subscription).map(([field, definition]) => {
      const resolve = definition.resolve ?? defaultFieldResolver;
      const wrapped: GraphQLFieldResolver<unknown, unknown> = (payload, args, context, info) => {
        const traceparent = tracingActive() ? liveTraceparent(payload) : undefined;
        if (!traceparent) return resolve(payload, args, context, info);
        return serviceTracer(service).startActiveSpan(
          `deliver ${field}`,
          { kind: SpanKind.CONSUMER, attributes: { 'busline.subscription.field': field } },
          contextFromTraceparent(traceparent),
          (span) => {
            if (context && typeof context === 'object') deliveries.set(context, currentTraceparent()!);
            return endingSpan(span, async () => resolve(payload, args, context, info));
          },
        );
      };
      return [field, { ...definition, resolve: wrapped }];
    }),
  );
  return { ...resolvers, Subscription: traced };
}

/**
 * For graphql-ws's `onNext`: the result with `extensions.traceparent` of the delivery span that
 * produced it, or undefined (sent as is) when it was not traced.
 */
export function resultWithDeliveryTrace(contextValue: unknown, result: ExecutionResult): ExecutionResult | undefined {
  if (!contextValue || typeof contextValue !== 'object') return undefined;
  const traceparent = deliveries.get(contextValue);
  if (!traceparent) return undefined;
  deliveries.delete(contextValue);
  return { ...result, extensions: { ...result.extensions, traceparent } };
}

/**
 * Runs the router's handling of one upstream event in a `deliver <name>` span continuing the trace
 * the subgraph sent in `extensions.traceparent` (as is when there is none or tracing is off).
 */
export function traceLiveDelivery<T>(
  service: string,
  name: string,
  extensions: Record<string, unknown> | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  const traceparent = typeof extensions?.traceparent === 'string' ? extensions.traceparent : undefined;
  if (!tracingActive() || !traceparent) return fn();
  return serviceTracer(service).startActiveSpan(
    `deliver ${name}`,
    { kind: SpanKind.CONSUMER },
    contextFromTraceparent(traceparent),
    (span) => endingSpan(span, fn),
  );
}

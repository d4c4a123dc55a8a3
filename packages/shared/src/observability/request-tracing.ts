import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { DomainEvent } from '../events/types';
import {
  contextFromTraceparent,
  endingSpan,
  serviceTracer,
  tracingActive,
  tracingSamplerDecidesAlone,
} from './tracing';
import { answeredCodes } from '../errors';

/** Longest operation name a log line or span carries: clients choose names, and one may be ~100 KB. */
export const MAX_OPERATION_NAME_LENGTH = 100;

/** An operation name as logs and traces carry it: cut to MAX_OPERATION_NAME_LENGTH characters. */
export function shortOperationName(name: string | null | undefined): string | undefined {
  return name == null ? undefined : name.slice(0, MAX_OPERATION_NAME_LENGTH);
}

/** Paths whose requests are not traced: probes and scrapes would drown the traces that matter. */
const UNTRACED = new Set(['/healthz', '/readyz', '/metrics']);

/** Longest path a span's `url.path` carries: a client chooses it. */
const MAX_PATH_LENGTH = 200;

export interface TraceRequestOptions {
  /** Paths the span is named by (`POST /graphql`); any other path's span is named by its method alone. */
  paths?: ReadonlySet<string>;
  /**
   * The callers are clients, not Busline services (the router): when the sampler decides by itself, their trace is
   * linked, not continued. A subgraph's caller is the router, whose trace it continues whatever the sampler.
   */
  clientsCall?: boolean;
}

/**
 * Handles one HTTP request in a server span of `service` that continues the caller's trace
 * (`traceparent` header: the router's, or a client's), so everything the request does nests under it. Where clients
 * call (the router) and the sampler decides by itself (samplerDecidesAlone: by trace id), a new trace begins, linked
 * to the caller's: a client choosing its trace ids would otherwise choose what is sampled.
 */
export function traceRequest(
  service: string,
  req: IncomingMessage,
  res: ServerResponse,
  handle: () => void,
  options: TraceRequestOptions = {},
): void {
  const path = (req.url ?? '/').split('?')[0]!;
  if (!tracingActive() || UNTRACED.has(path)) return handle();
  // The trace context alone: a caller's `tracestate` (up to 512 characters of anything) is not carried on.
  const traceparent = req.headers.traceparent;
  const caller = typeof traceparent === 'string' ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
  const callerSpan = options.clientsCall && tracingSamplerDecidesAlone() ? trace.getSpanContext(caller) : undefined;
  const parent = callerSpan ? ROOT_CONTEXT : caller;
  const method = req.method ?? '';
  const span = serviceTracer(service).startSpan(
    options.paths?.has(path) ? `${method} ${path}` : method,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': method, 'url.path': path.slice(0, MAX_PATH_LENGTH) },
      links: callerSpan ? [{ context: callerSpan }] : undefined,
    },
    parent,
  );
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  context.with(trace.setSpan(parent, span), handle);
}

/** Names the request's span after its GraphQL operation (`mutation HoldSeats`) and records its error codes. */
export function useOperationTracing(): Plugin {
  return {
    onExecute({ args }) {
      const span = tracingActive() ? trace.getActiveSpan() : undefined;
      if (!span) return undefined;
      const operation = getOperationAST(args.document, args.operationName ?? undefined);
      const name = shortOperationName(args.operationName ?? operation?.name?.value);
      span.updateName(`${operation?.operation ?? 'operation'} ${name ?? 'anonymous'}`);
      span.setAttributes({
        'graphql.operation.type': operation?.operation ?? 'unknown',
        ...(name ? { 'graphql.operation.name': name } : {}),
      });
      return {
        onExecuteDone({ result }) {
          const errors = (result as { errors?: readonly unknown[] }).errors;
          if (errors?.length) span.setAttribute('graphql.error.codes', answeredCodes(errors));
        },
      };
    },
  };
}

/** Handles an event in a consumer span of `service` that continues the trace of the change that caused it. */
export function traceEventHandler(
  service: string,
  handler: (event: DomainEvent) => Promise<void>,
): (event: DomainEvent) => Promise<void> {
  return (event) => {
    if (!tracingActive()) return handler(event);
    return serviceTracer(service).startActiveSpan(
      `handle ${event.type}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.message.id': event.id,
          'busline.event.type': event.type,
          'busline.event.source': event.source,
        },
      },
      contextFromTraceparent(event.traceparent),
      (span) => endingSpan(span, () => handler(event)),
    );
  };
}

/**
 * Runs a fetch from `service` to `target` in a client span and writes its context into `headers`
 * (`traceparent`), so the target continues the trace. Without tracing, runs `fetch` as is.
 */
export function traceFetch<T>(
  service: string,
  target: string,
  headers: { set(key: string, value: string): void } | undefined,
  fetch: () => Promise<T>,
): Promise<T> {
  if (!tracingActive()) return fetch();
  return serviceTracer(service).startActiveSpan(
    `fetch ${target}`,
    { kind: SpanKind.CLIENT, attributes: { 'busline.subgraph': target } },
    (span) => {
      if (headers)
        propagation.inject(context.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
      return endingSpan(span, fetch);
    },
  );
}

// Trace context across subscription events.
export {
  LIVE_TRACEPARENT,
  liveTraceparent,
  resultWithDeliveryTrace,
  traceLiveDelivery,
  traceSubscriptionDeliveries,
  withLiveTraceparent,
} from './live-tracing';

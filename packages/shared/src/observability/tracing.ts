import { createRequire } from 'node:module';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  NodeTracerProvider,
  type ReadableSpan,
  type Span as SdkSpan,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { QUOTED_VALUE, sanitizeError } from '../logger';

/**
 * OpenTelemetry tracing, off unless configured by the standard variables: OTEL_EXPORTER_OTLP_ENDPOINT
 * (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), or OTEL_TRACES_EXPORTER=otlp. OTEL_SDK_DISABLED=true and
 * OTEL_TRACES_EXPORTER=none turn it off. The exporter (OTLP over HTTP, JSON) reads its own OTEL_*
 * settings (headers, timeout); the sampler follows OTEL_TRACES_SAMPLER (default: parent-based, always on).
 */
export function tracingConfigured(env: Record<string, string | undefined> = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter === 'none') return false;
  return Boolean(exporter || env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

export interface Tracing {
  /** Sends what is buffered (tests, and before exit). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

let active: { processor: SpanProcessor; tracing: Tracing; decidesAlone: boolean } | undefined;

/** Longest span name exported: names carry a client's operation name (cut to 100) after a verb. */
const MAX_SPAN_NAME_LENGTH = 150;
/** Longest attribute value exported (a statement's text is rarely longer): a span cannot carry a 100 KB body. */
const MAX_ATTRIBUTE_LENGTH = 4_096;
/** Attributes that hold a client's operation name (@apollo/gateway's spans): cut as logs cut it. */
const OPERATION_NAME_ATTRIBUTES = ['operationName', 'graphql.operation.name'];
const MAX_OPERATION_NAME_ATTRIBUTE_LENGTH = 100;

/**
 * Cuts what a client chooses to a bounded size before a span is exported, whoever made the span (ours, the gateway's):
 * its name, and the attributes holding an operation name. Every other attribute is bounded by the providers' limit.
 */
const boundedSpans = (processor: SpanProcessor): SpanProcessor => ({
  onStart: (span, parentContext) => processor.onStart(span, parentContext),
  onEnding(span: SdkSpan) {
    if (span.name.length > MAX_SPAN_NAME_LENGTH) span.updateName(span.name.slice(0, MAX_SPAN_NAME_LENGTH));
    // A failed statement's span carries Postgres's message, which quotes a value it refused (`invalid input syntax
    // for type uuid: "…"`): a client's input, cut as log lines cut it.
    // Other errors quote names (a constraint's, a relation's), kept as log lines keep them; the SQLSTATE is in the
    // instrumentation's exception event ("… (code: 22P02)"), and a value is cut when it cannot be told.
    const { message } = span.status;
    if (span.instrumentationScope.name === PG_INSTRUMENTATION && message) {
      const told = span.events.find((event) => event.name === 'exception')?.attributes?.['exception.message'];
      const sqlState = typeof told === 'string' ? /\(code: (\w{5})\)/.exec(told)?.[1] : undefined;
      if (!sqlState || sqlState.startsWith('22'))
        span.setStatus({ code: span.status.code, message: message.replace(QUOTED_VALUE, '"[redacted]"') });
    }
    for (const key of OPERATION_NAME_ATTRIBUTES) {
      const value = span.attributes[key];
      if (typeof value === 'string' && value.length > MAX_OPERATION_NAME_ATTRIBUTE_LENGTH)
        span.setAttribute(key, value.slice(0, MAX_OPERATION_NAME_ATTRIBUTE_LENGTH));
    }
  },
  onEnd: (span: ReadableSpan) => processor.onEnd(span),
  forceFlush: () => processor.forceFlush(),
  shutdown: () => processor.shutdown(),
});

/** The instrumentation that makes the spans of Postgres statements. */
const PG_INSTRUMENTATION = '@opentelemetry/instrumentation-pg';

/** What every provider of the process limits a span to. */
const SPAN_LIMITS = { attributeValueLengthLimit: MAX_ATTRIBUTE_LENGTH };

/**
 * True when OTEL_TRACES_SAMPLER decides by itself from the trace id (`traceidratio`, a remote sampler: not
 * `parentbased_*`, the default, nor `always_on`/`always_off`, which read no id): such a sampler must not take the trace
 * id from a client, who could then choose what is sampled.
 */
export function samplerDecidesAlone(env: Record<string, string | undefined> = process.env): boolean {
  const sampler = env.OTEL_TRACES_SAMPLER?.trim();
  return Boolean(sampler) && !sampler!.startsWith('parentbased') && sampler !== 'always_on' && sampler !== 'always_off';
}

/** One provider per service name, sharing the process's exporter: embedded mode runs seven services in one process. */
const providers = new Map<string, BasicTracerProvider>();

/**
 * Starts tracing for this process (once; later calls return the same handle), or returns undefined
 * when it is not configured. `serviceName` names the spans that belong to no Busline service
 * (database and Redis calls): the service itself when it runs alone, `busline` for `npm start`.
 */
export function startTracing(
  serviceName: string,
  env: Record<string, string | undefined> = process.env,
): Tracing | undefined {
  if (active) return active.tracing;
  if (!tracingConfigured(env)) return undefined;
  const processor = boundedSpans(new BatchSpanProcessor(new OTLPTraceExporter()));
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? serviceName }),
    spanProcessors: [processor],
    spanLimits: SPAN_LIMITS,
  });
  // W3C trace context only (no baggage: a client's baggage header would ride along to every
  // subgraph); AsyncLocalStorage context: a request's database calls nest under its span.
  provider.register({ propagator: new W3CTraceContextPropagator() });
  registerInstrumentations({
    instrumentations: [
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  // The instrumentations patch the client classes when the modules are required; an ES module import
  // of them does not pass through require, so require them here: the classes are the same objects.
  const require = createRequire(import.meta.url);
  require('pg');
  require('ioredis');
  const tracing: Tracing = {
    flush: () => processor.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      providers.clear();
      active = undefined;
    },
  };
  active = { processor, tracing, decidesAlone: samplerDecidesAlone(env) };
  return tracing;
}

/** True once tracing is started in this process: code on hot paths skips span work otherwise. */
export const tracingActive = (): boolean => active !== undefined;

/** True when tracing is on and its sampler decides by itself (samplerDecidesAlone). */
export const tracingSamplerDecidesAlone = (): boolean => active?.decidesAlone ?? false;

/** The tracer of one Busline service: its spans carry `service.name` = `service`. */
export function serviceTracer(service: string): Tracer {
  if (!active) return trace.getTracer(service);
  let provider = providers.get(service);
  if (!provider) {
    provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': service }),
      spanProcessors: [active.processor],
      spanLimits: SPAN_LIMITS,
    });
    providers.set(service, provider);
  }
  return provider.getTracer('busline');
}

/** The W3C `traceparent` of the active span (undefined outside a trace): what an event envelope carries. */
export function currentTraceparent(): string | undefined {
  if (!active) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** The context a `traceparent` (from headers or an event envelope) continues. */
export function contextFromTraceparent(traceparent: string | undefined | null): Context {
  if (!traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

/**
 * Runs `fn` in a span of `service` that continues the trace of `traceparent` (a stored one: a
 * payment settled long after its request). Without tracing, or without a traceparent, runs `fn` as is.
 */
export async function inTrace<T>(
  service: string,
  name: string,
  traceparent: string | null | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  if (!active || !traceparent) return fn();
  return serviceTracer(service).startActiveSpan(name, {}, contextFromTraceparent(traceparent), (span) =>
    endingSpan(span, fn),
  );
}

/**
 * Runs `fn` inside `span`: records what it throws as the span's error (as a log line may tell it: without a failed
 * statement's parameters), and ends the span either way.
 */
export async function endingSpan<T>(span: Span, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    span.recordException(sanitizeError(error) as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

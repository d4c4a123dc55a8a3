import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One span as a collector received it (OTLP/HTTP JSON). */
export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** The W3C `tracestate` the span carries, if any. */
  traceState?: string;
  attributes: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
  /** Its status: code 2 is an error, with the message the instrumentation gave. */
  status?: { code?: number; message?: string };
  /** The spans this one is linked to (not its parent). */
  links: { traceId: string; spanId: string }[];
}

export interface OtlpCollector {
  /** Its base URL: OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  /** Every span received so far. */
  spans: ReceivedSpan[];
  close(): Promise<void>;
}

type Attribute = { key: string; value: Record<string, unknown> };
const value = (v: Record<string, unknown>) =>
  v.stringValue ?? v.intValue ?? v.boolValue ?? v.doubleValue ?? v.arrayValue;
const attributes = (list: Attribute[] = []) => Object.fromEntries(list.map((a) => [a.key, value(a.value)]));

/** A local OTLP/HTTP (JSON) collector on a free port: keeps every span posted to /v1/traces. */
export function startOtlpCollector(): Promise<OtlpCollector> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces' && req.headers['content-type']?.includes('json')) {
        for (const resourceSpans of JSON.parse(body).resourceSpans ?? []) {
          const service = String(attributes(resourceSpans.resource?.attributes)['service.name']);
          for (const scope of resourceSpans.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              spans.push({
                service,
                traceId: span.traceId,
                spanId: span.spanId,
                parentSpanId: span.parentSpanId || undefined,
                name: span.name,
                traceState: span.traceState || undefined,
                attributes: attributes(span.attributes),
                events: (span.events ?? []).map((e: { name: string; attributes?: Attribute[] }) => ({
                  name: e.name,
                  attributes: attributes(e.attributes),
                })),
                status: span.status,
                links: (span.links ?? []).map((l: { traceId: string; spanId: string }) => ({
                  traceId: l.traceId,
                  spanId: l.spanId,
                })),
              });
            }
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        spans,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

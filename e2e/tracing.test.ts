import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, type Tracing } from '@busline/shared';
import { eventually, graphqlRequest } from '@busline/shared/testing';
import { kigaliDate, startTestPlatform, type TestPlatform } from './harness';

/** One span as the collector received it (OTLP/HTTP JSON). */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

/** A local OTLP/HTTP collector: keeps every span posted to /v1/traces. */
function startCollector(): Promise<{ url: string; spans: ReceivedSpan[]; server: Server }> {
  const spans: ReceivedSpan[] = [];
  const value = (v: Record<string, unknown>) => v.stringValue ?? v.intValue ?? v.boolValue ?? v.doubleValue ?? v.arrayValue;
  const attributes = (list: { key: string; value: Record<string, unknown> }[] = []) => Object.fromEntries(list.map((a) => [a.key, value(a.value)]));
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces' && req.headers['content-type']?.includes('json')) {
        for (const resourceSpans of JSON.parse(body).resourceSpans ?? []) {
          const service = String(attributes(resourceSpans.resource?.attributes)['service.name']);
          for (const scope of resourceSpans.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              spans.push({ service, traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId || undefined, name: span.name, attributes: attributes(span.attributes) });
            }
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, server })));
}

let collector: Awaited<ReturnType<typeof startCollector>>;
let tracing: Tracing;
let busline: TestPlatform;

beforeAll(async () => {
  collector = await startCollector();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = collector.url;
  tracing = startTracing('busline')!;
  busline = await startTestPlatform({ seed: true, env: { SANDBOX_CALLBACK_DELAY_MS: '100' } });
});
afterAll(async () => {
  await busline?.stop();
  await tracing?.shutdown();
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  collector?.server.close();
});

describe('tracing', () => {
  it('exports one trace of hold → pay → CONFIRMED with spans of the router, ticketing, payment, qr and the database', { timeout: 60_000 }, async () => {
    const passenger = await busline.login('passenger@busline.test', 'Passenger-demo-2026');
    const url = `${busline.routerUrl}/graphql`;
    // The client's own trace: both of its requests carry it, as an instrumented app would send them.
    const traceId = randomBytes(16).toString('hex');
    const traced = { authorization: `Bearer ${passenger}`, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` };

    const search = await graphqlRequest<{ searchTrips: { id: string; company: { name: string }; seatMap: { label: string; state: string }[] }[] }>(
      url,
      'query($input: SearchTripsInput!) { searchTrips(input: $input) { id company { name } seatMap { label state } } }',
      { input: { originCity: 'Kigali', destinationCity: 'Musanze', date: kigaliDate(2), passengers: 1 } },
    );
    const trip = search.data!.searchTrips.find((t) => t.company.name === 'Volcano Coaches')!;
    const held = await graphqlRequest<{ holdSeats: { id: string } }>(
      url,
      'mutation TracedHold($input: HoldSeatsInput!) { holdSeats(input: $input) { id } }',
      { input: { tripId: trip.id, seats: [trip.seatMap.find((s) => s.state === 'AVAILABLE')!.label], passengers: [{ name: 'Aline Mukamana' }] } },
      traced,
    );
    expect(held.errors).toBeUndefined();
    const bookingId = held.data!.holdSeats.id;
    const paid = await graphqlRequest(
      url,
      'mutation TracedPay($input: StartPaymentInput!, $key: String!) { startPayment(input: $input, idempotencyKey: $key) { id } }',
      { input: { bookingId, method: 'MTN_MOMO', phone: '0788123456' }, key: randomUUID() },
      traced,
    );
    expect(paid.errors).toBeUndefined();
    // Polled without the trace: what qr and ticketing do in it comes from the events alone.
    await eventually(async () => {
      const view = await graphqlRequest<{ booking: { status: string; tickets: { qr: { token: string } | null }[] } }>(
        url,
        'query($id: ID!) { booking(id: $id) { status tickets { qr { token } } } }',
        { id: bookingId },
        { authorization: `Bearer ${passenger}` },
      );
      return view.data?.booking.status === 'CONFIRMED' && view.data.booking.tickets[0]?.qr;
    }, 20_000);

    const spans = await eventually(async () => {
      await tracing.flush();
      const inTrace = collector.spans.filter((s) => s.traceId === traceId);
      const handled = (service: string, type: string) => inTrace.some((s) => s.service === service && s.name === `handle ${type}`);
      return handled('ticketing', 'payment.succeeded') && handled('qr', 'booking.confirmed') ? inTrace : undefined;
    }, 20_000);

    const services = new Set(spans.map((s) => s.service));
    for (const service of ['router', 'ticketing', 'payment', 'qr']) expect(services).toContain(service);
    const names = spans.map((s) => `${s.service}: ${s.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'router: mutation TracedHold',
        'router: fetch ticketing',
        'ticketing: mutation TracedHold__ticketing__0',
        'router: mutation TracedPay',
        'payment: payment settled',
        'ticketing: handle payment.succeeded',
        'qr: handle booking.confirmed',
      ]),
    );
    // Every span but the client's own root has its parent in the trace: one tree, not fragments.
    const ids = new Set(spans.map((s) => s.spanId));
    const orphans = spans.filter((s) => s.parentSpanId && !ids.has(s.parentSpanId));
    expect(new Set(orphans.map((s) => s.parentSpanId)).size).toBe(1);
    if (busline.platform.mode === 'services') {
      const database = spans.filter((s) => s.attributes['db.system'] === 'postgresql' || s.attributes['db.system.name'] === 'postgresql');
      expect(database.length).toBeGreaterThan(0);
      expect(new Set(database.map((s) => s.service))).toEqual(new Set(['busline']));
    }
  });
});

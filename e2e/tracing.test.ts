import { randomBytes, randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, type Tracing } from '@busline/shared';
import {
  eventually,
  graphqlRequest,
  startOtlpCollector,
  untilSubscribed,
  type OtlpCollector,
  type ReceivedSpan,
} from '@busline/shared/testing';
import { topics } from '../subgraphs/ticketing/src/public';
import { kigaliDate, startTestPlatform, type TestPlatform } from './harness';

let collector: OtlpCollector;
let tracing: Tracing;
let busline: TestPlatform;

beforeAll(async () => {
  collector = await startOtlpCollector();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = collector.url;
  tracing = startTracing('busline')!;
  busline = await startTestPlatform({ seed: true, env: { SANDBOX_CALLBACK_DELAY_MS: '100' } });
});
afterAll(async () => {
  await busline?.stop();
  await tracing?.shutdown();
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  await collector?.close();
});

describe('tracing', () => {
  it(
    'exports one trace of hold → pay → CONFIRMED with spans of the router, ticketing, payment, qr and the database',
    { timeout: 60_000 },
    async () => {
      const passenger = await busline.login('passenger@busline.test', 'Passenger-demo-2026');
      const url = `${busline.routerUrl}/graphql`;
      // The client's own trace: both of its requests carry it, as an instrumented app would send them.
      const traceId = randomBytes(16).toString('hex');
      const traced = {
        authorization: `Bearer ${passenger}`,
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      };

      const search = await graphqlRequest<{
        searchTrips: { id: string; company: { name: string }; seatMap: { label: string; state: string }[] }[];
      }>(
        url,
        'query($input: SearchTripsInput!) { searchTrips(input: $input) { id company { name } seatMap { label state } } }',
        { input: { originCity: 'Kigali', destinationCity: 'Musanze', date: kigaliDate(2), passengers: 1 } },
      );
      const trip = search.data!.searchTrips.find((t) => t.company.name === 'Volcano Coaches')!;
      const held = await graphqlRequest<{ holdSeats: { id: string } }>(
        url,
        'mutation TracedHold($input: HoldSeatsInput!) { holdSeats(input: $input) { id } }',
        {
          input: {
            tripId: trip.id,
            seats: [trip.seatMap.find((s) => s.state === 'AVAILABLE')!.label],
            passengers: [{ name: 'Aline Mukamana' }],
          },
        },
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
        const handled = (service: string, type: string) =>
          inTrace.some((s) => s.service === service && s.name === `handle ${type}`);
        // Spans are exported as they end, each process on its own schedule: wait for the whole tree (every
        // parent but the client's own root received), not only for the last handlers.
        const ids = new Set(inTrace.map((s) => s.spanId));
        const missingParents = new Set(
          inTrace.filter((s) => s.parentSpanId && !ids.has(s.parentSpanId)).map((s) => s.parentSpanId),
        );
        const complete =
          handled('ticketing', 'payment.succeeded') && handled('qr', 'booking.confirmed') && missingParents.size === 1;
        return complete ? inTrace : undefined;
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
        const database = spans.filter(
          (s) => s.attributes['db.system'] === 'postgresql' || s.attributes['db.system.name'] === 'postgresql',
        );
        expect(database.length).toBeGreaterThan(0);
        expect(new Set(database.map((s) => s.service))).toEqual(new Set(['busline']));
      }
    },
  );

  it(
    'continues the trace of a change in the delivery of the subscription events it causes, in ticketing and in the router',
    { timeout: 60_000 },
    async () => {
      const passenger = await busline.login('passenger@busline.test', 'Passenger-demo-2026');
      const url = `${busline.routerUrl}/graphql`;
      const traceId = randomBytes(16).toString('hex');
      const traced = {
        authorization: `Bearer ${passenger}`,
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      };
      const search = await graphqlRequest<{
        searchTrips: { id: string; seatMap: { label: string; state: string }[] }[];
      }>(url, 'query($input: SearchTripsInput!) { searchTrips(input: $input) { id seatMap { label state } } }', {
        input: { originCity: 'Kigali', destinationCity: 'Rubavu', date: kigaliDate(2), passengers: 1 },
      });
      const trip = search.data!.searchTrips[0]!;
      const ticketing = busline.platform.subgraphs.get('ticketing')!.deps.pubsub;

      const client: Client = createClient({
        url: `${busline.routerUrl.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${passenger}` },
      });
      const received: { op: string; data: Record<string, unknown> }[] = [];
      const follow = (op: string, query: string, variables: Record<string, unknown>) =>
        client.subscribe<Record<string, unknown>>(
          { query, variables },
          {
            next: (r) => r.data && received.push({ op, data: r.data }),
            error: () => undefined,
            complete: () => undefined,
          },
        );
      try {
        // The company's name comes from another subgraph: the router fetches it for every event, in its delivery span.
        follow(
          'seats',
          'subscription SeatWatch($t: ID!) { tripSeatsChanged(tripId: $t) { id availableSeats company { name } } }',
          { t: trip.id },
        );
        await untilSubscribed(ticketing, topics.tripSeats(trip.id));
        const held = await graphqlRequest<{ holdSeats: { id: string } }>(
          url,
          'mutation LiveHold($input: HoldSeatsInput!) { holdSeats(input: $input) { id } }',
          {
            input: {
              tripId: trip.id,
              seats: [trip.seatMap.find((s) => s.state === 'AVAILABLE')!.label],
              passengers: [{ name: 'Eric Habimana' }],
            },
          },
          traced,
        );
        expect(held.errors).toBeUndefined();
        const bookingId = held.data!.holdSeats.id;
        await eventually(() => received.some((r) => r.op === 'seats'), 10_000);

        // A change caused by an event: payment.succeeded confirms the booking in ticketing's handler.
        follow('booking', 'subscription BookingWatch($b: ID!) { bookingStatusChanged(bookingId: $b) { id status } }', {
          b: bookingId,
        });
        await untilSubscribed(ticketing, topics.booking(bookingId));
        const paid = await graphqlRequest(
          url,
          'mutation LivePay($input: StartPaymentInput!, $key: String!) { startPayment(input: $input, idempotencyKey: $key) { id } }',
          { input: { bookingId, method: 'MTN_MOMO', phone: '0788123456' }, key: randomUUID() },
          traced,
        );
        expect(paid.errors).toBeUndefined();
        await eventually(
          () =>
            received.some(
              (r) => r.op === 'booking' && (r.data.bookingStatusChanged as { status: string }).status === 'CONFIRMED',
            ),
          20_000,
        );
      } finally {
        await client.dispose();
      }
      // What the subscriber received carries no trace of ours.
      expect(JSON.stringify(received)).not.toContain('traceparent');

      /** `service: name` of every ancestor of `span` in `spans`, nearest first. */
      const ancestors = (spans: ReceivedSpan[], span: ReceivedSpan) => {
        const byId = new Map(spans.map((s) => [s.spanId, s]));
        const names: string[] = [];
        for (let at = byId.get(span.parentSpanId ?? ''); at; at = byId.get(at.parentSpanId ?? ''))
          names.push(`${at.service}: ${at.name}`);
        return names;
      };
      /**
       * The router's deliveries of CONFIRMED-time events: those that descend from ticketing's handler of
       * payment.succeeded.
       */
      const confirmedDeliveries = (spans: ReceivedSpan[]) =>
        spans.filter(
          (s) =>
            s.service === 'router' &&
            s.name === 'deliver BookingWatch' &&
            ancestors(spans, s).includes('ticketing: handle payment.succeeded'),
        );
      const spans = await eventually(async () => {
        await tracing.flush();
        const inTrace = collector.spans.filter((s) => s.traceId === traceId);
        return inTrace.some((s) => s.service === 'router' && s.name === 'deliver SeatWatch') &&
          confirmedDeliveries(inTrace).length
          ? inTrace
          : undefined;
      }, 20_000);
      const named = (service: string, name: string) => spans.filter((s) => s.service === service && s.name === name);

      // The hold's seat change: ticketing delivers it inside the mutation's trace, the router continues from
      // ticketing's delivery.
      const seatsInTicketing = named('ticketing', 'deliver tripSeatsChanged');
      expect(seatsInTicketing.length).toBeGreaterThan(0);
      const [seatsInRouter] = named('router', 'deliver SeatWatch');
      expect(seatsInTicketing.map((s) => s.spanId)).toContain(seatsInRouter!.parentSpanId);
      // The router's entity fetch for the event (the company's name) runs inside its delivery span.
      const companyFetches = named('router', 'fetch company').filter((s) =>
        ancestors(spans, s).includes('router: deliver SeatWatch'),
      );
      expect(companyFetches.length).toBeGreaterThan(0);
      // Ticketing published the change while handling the mutation: the delivery descends from the hold's operation.
      expect(ancestors(spans, seatsInRouter!)).toEqual(
        expect.arrayContaining(['ticketing: deliver tripSeatsChanged', 'router: mutation LiveHold']),
      );
      // CONFIRMED was published by ticketing's handler of payment.succeeded: ticketing's delivery span sits between.
      expect(ancestors(spans, confirmedDeliveries(spans)[0]!)[0]).toBe('ticketing: deliver bookingStatusChanged');
    },
  );
});

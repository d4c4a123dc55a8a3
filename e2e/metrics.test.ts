import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, metricValue } from '@busline/shared/testing';
import { routerListening } from '../router/src/cluster-stats';
import { kigaliDate, startTestPlatform, type TestPlatform } from './harness';

/** /metrics of the router and the subgraphs, scraped around one booking saga (hold → pay → CONFIRMED → boarded). */
let busline: TestPlatform;
let passenger: string;
let driver: string;
const ROUTER_SECRET = 'e2e-router-secret-0123456789abcdef';

const scrape = async (base: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${base}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
};
const subgraphUrl = (name: string) => busline.platform.subgraphs.get(name)!.url;
const scrapeSubgraph = (name: string) => scrape(subgraphUrl(name), { 'x-router-secret': ROUTER_SECRET });

/** The figures the saga should move, from every service's /metrics. */
async function figures() {
  const [router, ticketing, payment, qr] = await Promise.all([
    scrape(busline.routerUrl),
    scrapeSubgraph('ticketing'),
    scrapeSubgraph('payment'),
    scrapeSubgraph('qr'),
  ]);
  const v = (text: string, name: string, labels: Record<string, string> = {}) => metricValue(text, name, labels) ?? 0;
  return {
    holdOps: v(router, 'busline_graphql_operations_total', {
      operation: 'MetricsHold',
      type: 'mutation',
      outcome: 'ok',
    }),
    holdLatencyCount: v(router, 'busline_graphql_operation_duration_seconds_count', { operation: 'MetricsHold' }),
    ticketingFetches: v(router, 'busline_subgraph_fetches_total', { subgraph: 'ticketing', outcome: 'ok' }),
    paymentFetches: v(router, 'busline_subgraph_fetches_total', { subgraph: 'payment', outcome: 'ok' }),
    forbiddenErrors: v(router, 'busline_graphql_errors_total', { operation: 'MetricsForbidden', code: 'FORBIDDEN' }),
    held: v(ticketing, 'busline_bookings_total', { status: 'held', service: 'ticketing' }),
    confirmed: v(ticketing, 'busline_bookings_total', { status: 'confirmed' }),
    started: v(payment, 'busline_payments_total', { status: 'started', service: 'payment' }),
    succeeded: v(payment, 'busline_payments_total', { status: 'succeeded' }),
    boardings: v(qr, 'busline_boardings_total', { service: 'qr' }),
    ticketingSubgraphOps: v(ticketing, 'busline_graphql_operations_total', { service: 'ticketing' }),
  };
}

beforeAll(async () => {
  // Boarding open for the whole week of trips: the driver scans a ticket of a trip two days ahead.
  busline = await startTestPlatform({
    seed: true,
    env: { SANDBOX_CALLBACK_DELAY_MS: '100', BOARDING_OPENS_MINUTES: String(7 * 24 * 60) },
  });
  passenger = await busline.login('passenger@busline.test', 'Passenger-demo-2026');
  driver = await busline.login('driver@volcano.busline.test', 'Driver-demo-2026');
});
afterAll(() => busline?.stop());

describe('metrics', () => {
  it('counts a booking saga on the router and in ticketing, payment and qr', { timeout: 60_000 }, async () => {
    const before = await figures();

    const search = await busline.request<{
      searchTrips: {
        id: string;
        departureAt: string;
        company: { name: string };
        seatMap: { label: string; state: string }[];
      }[];
    }>(
      'query MetricsSearch($input: SearchTripsInput!) { searchTrips(input: $input) { id departureAt company { name } seatMap { label state } } }',
      { input: { originCity: 'Kigali', destinationCity: 'Musanze', date: kigaliDate(2), passengers: 1 } },
    );
    const trip = search.data!.searchTrips.find((t) => t.company.name === 'Volcano Coaches')!;
    const seat = trip.seatMap.find((s) => s.state === 'AVAILABLE')!.label;
    const held = await busline.request<{ holdSeats: { id: string } }>(
      'mutation MetricsHold($input: HoldSeatsInput!) { holdSeats(input: $input) { id } }',
      { input: { tripId: trip.id, seats: [seat], passengers: [{ name: 'Aline Mukamana' }] } },
      passenger,
    );
    expect(held.errors).toBeUndefined();
    const bookingId = held.data!.holdSeats.id;
    const paid = await busline.request(
      'mutation MetricsPay($input: StartPaymentInput!, $key: String!) { startPayment(input: $input, idempotencyKey: $key) { id } }',
      { input: { bookingId, method: 'MTN_MOMO', phone: '0788123456' }, key: randomUUID() },
      passenger,
    );
    expect(paid.errors).toBeUndefined();
    const token = await eventually(async () => {
      const view = await busline.request<{ booking: { status: string; tickets: { qr: { token: string } | null }[] } }>(
        'query MetricsBooking($id: ID!) { booking(id: $id) { status tickets { qr { token } } } }',
        { id: bookingId },
        passenger,
      );
      return view.data?.booking.status === 'CONFIRMED' ? view.data.booking.tickets[0]?.qr?.token : undefined;
    }, 20_000);
    const boarded = await busline.request<{ verifyTicket: { result: string } }>(
      'mutation MetricsVerify($t: String!) { verifyTicket(token: $t) { result } }',
      { t: token },
      driver,
    );
    expect(boarded.data?.verifyTicket.result).toBe('VALID');
    // A passenger may not scan tickets: an error the router counts by its code.
    const refused = await busline.request(
      'mutation MetricsForbidden($t: String!) { verifyTicket(token: $t) { result } }',
      { t: token },
      passenger,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Counters of committed events move once the relays and consumers have caught up.
    const after = await eventually(async () => {
      const now = await figures();
      return now.boardings > before.boardings && now.confirmed > before.confirmed ? now : undefined;
    }, 15_000);
    expect(after.holdOps - before.holdOps).toBe(1);
    expect(after.holdLatencyCount - before.holdLatencyCount).toBe(1);
    expect(after.ticketingFetches).toBeGreaterThan(before.ticketingFetches);
    expect(after.paymentFetches).toBeGreaterThan(before.paymentFetches);
    expect(after.forbiddenErrors - before.forbiddenErrors).toBe(1);
    expect(after.held - before.held).toBe(1);
    expect(after.confirmed - before.confirmed).toBe(1);
    expect(after.started - before.started).toBe(1);
    expect(after.succeeded - before.succeeded).toBe(1);
    expect(after.boardings - before.boardings).toBe(1);
    expect(after.ticketingSubgraphOps).toBeGreaterThan(before.ticketingSubgraphOps);
  });

  it('reports the outbox backlog, consumer lag and dead letters of each subgraph', async () => {
    const ticketing = await scrapeSubgraph('ticketing');
    await eventually(async () => metricValue(await scrapeSubgraph('ticketing'), 'busline_outbox_backlog') === 0);
    expect(metricValue(ticketing, 'busline_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    if (busline.platform.mode === 'services') {
      // Ticketing consumes payment.succeeded: its group's lag on that stream is known and caught up.
      const text = await eventually(async () => {
        const t = await scrapeSubgraph('ticketing');
        return metricValue(t, 'busline_event_consumer_lag', { stream: 'payment.succeeded' }) === 0 ? t : undefined;
      });
      expect(metricValue(text, 'busline_event_consumer_pending', { stream: 'payment.succeeded' })).toBe(0);
      expect(metricValue(text, 'busline_event_dead_letters')).toBe(0);
    }
  });

  it("labels every series with its service, so the seven servers of one process don't collide", async () => {
    const router = await scrape(busline.routerUrl);
    const qr = await scrapeSubgraph('qr');
    expect(metricValue(router, 'process_resident_memory_bytes', { service: 'router' })).toBeGreaterThan(0);
    expect(metricValue(qr, 'process_resident_memory_bytes', { service: 'qr' })).toBeGreaterThan(0);
    expect(metricValue(qr, 'busline_graphql_operations_total', { service: 'router' })).toBeUndefined();
  });

  it("refuses a subgraph's /metrics without the router secret, like its GraphQL endpoint", async () => {
    const response = await fetch(`${subgraphUrl('ticketing')}/metrics`);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('busline_');
  });
});

/**
 * One request on a connection of its own (`agent: false`): the cluster's primary hands each new connection to the next
 * worker.
 */
function freshConnection(url: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: body ? 'POST' : 'GET', agent: false, headers: body ? { 'content-type': 'application/json' } : {} },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('metrics of a router with workers', () => {
  it('sums every worker on /metrics, whichever worker answers the scrape', { timeout: 90_000 }, async () => {
    // The router's own entry point with ROUTER_WORKERS=2, on the platform's subgraphs.
    const subgraphs = [...busline.platform.subgraphs];
    const router = fork(fileURLToPath(new URL('../router/src/index.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        ROUTER_WORKERS: '2',
        // Port 0, told back over IPC: a port chosen here could be taken by another file's server before the router
        // binds it, and that server would answer the requests below.
        PORT: '0',
        HOST: '127.0.0.1',
        ROUTER_SECRET,
        AUTH_JWKS_URL: `${subgraphUrl('auth')}/.well-known/jwks.json`,
        RATE_LIMIT_USER_PER_MINUTE: '0',
        RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
        ...Object.fromEntries(subgraphs.map(([name, s]) => [`SUBGRAPH_${name.toUpperCase()}_URL`, `${s.url}/graphql`])),
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    try {
      const base = `http://127.0.0.1:${await routerListening(router)}`;
      await eventually(
        async () => (await freshConnection(`${base}/readyz`).catch(() => ({ status: 0 }))).status === 200,
        60_000,
        200,
      );
      const REQUESTS = 20;
      for (let i = 0; i < REQUESTS; i++) {
        const answer = await freshConnection(
          `${base}/graphql`,
          JSON.stringify({ query: 'query WorkersMe { me { id } }' }),
        );
        expect(answer.status).toBe(200);
      }
      // Two scrapes on new connections: one per worker. Each must count all the requests, not its worker's half.
      for (let scrape = 0; scrape < 2; scrape++) {
        const { status, text } = await freshConnection(`${base}/metrics`);
        expect(status).toBe(200);
        expect(metricValue(text, 'busline_router_workers_reporting')).toBe(2);
        expect(
          metricValue(text, 'busline_graphql_operations_total', {
            operation: 'WorkersMe',
            type: 'query',
            outcome: 'ok',
          }),
        ).toBe(REQUESTS);
        expect(metricValue(text, 'busline_graphql_operation_duration_seconds_count', { operation: 'WorkersMe' })).toBe(
          REQUESTS,
        );
      }
    } finally {
      const exited = new Promise((resolve) => router.once('exit', resolve));
      router.kill('SIGTERM');
      await exited;
    }
  });
});

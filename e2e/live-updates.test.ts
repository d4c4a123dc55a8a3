import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, untilSubscribed } from '@busline/shared/testing';
import { topics } from '../subgraphs/ticketing/src/public';
import { kigaliDate, startTestPlatform, type TestPlatform } from './harness';

/** Subscriptions through the router: the booking saga followed live, joined across subgraphs. */
let busline: TestPlatform;
let passenger: string;
let other: string;

async function holdSeat(token: string) {
  const search = await busline.request<{ searchTrips: { id: string; seatMap: { label: string; state: string }[] }[] }>(
    'query($i: SearchTripsInput!) { searchTrips(input: $i) { id seatMap { label state } } }',
    { i: { originCity: 'Kigali', destinationCity: 'Musanze', date: kigaliDate(2), passengers: 1 } },
  );
  if (!search.data?.searchTrips[0]) throw new Error(`no trip: ${JSON.stringify(search)}`);
  const trip = search.data.searchTrips[0];
  const seat = trip.seatMap.find((s) => s.state === 'AVAILABLE')!.label;
  const held = await busline.request<{ holdSeats: { id: string } }>(
    'mutation($i: HoldSeatsInput!) { holdSeats(input: $i) { id } }',
    { i: { tripId: trip.id, seats: [seat], passengers: [{ name: 'Grace Uwimana' }] } },
    token,
  );
  expect(held.errors).toBeUndefined();
  return { bookingId: held.data!.holdSeats.id, tripId: trip.id };
}

/**
 * Waits until ticketing has registered the subscription to this booking's updates (the router's
 * upstream subscription has started): PENDING_PAYMENT published earlier would reach nobody.
 */
const bookingFollowed = (bookingId: string) =>
  untilSubscribed(busline.platform.subgraphs.get('ticketing')!.deps.pubsub, topics.booking(bookingId));

const pay = (bookingId: string, token: string) =>
  busline.request(
    'mutation($i: StartPaymentInput!, $k: String!) { startPayment(input: $i, idempotencyKey: $k) { id } }',
    { i: { bookingId, method: 'MTN_MOMO', phone: '0788123456' }, k: randomUUID() },
    token,
  );

const FOLLOW = `subscription($id: ID!) {
  bookingStatusChanged(bookingId: $id) {
    status
    trip { departureAt route { origin { name } } }
    payments { status }
    tickets { seatNumber qr { token } }
  }
}`;

interface Followed {
  status: string;
  trip: { departureAt: string; route: { origin: { name: string } } };
  payments: { status: string }[];
  tickets: { seatNumber: string; qr: { token: string } | null }[];
}

function wsClient(token?: string): Client {
  return createClient({
    url: `${busline.routerUrl.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
}

/** Collects events until `until` holds; resolves with them (or rejects with the stream's error). */
function follow<T>(client: Client, query: string, variables: Record<string, unknown>, until: (events: T[]) => boolean) {
  const events: T[] = [];
  const errors: unknown[] = [];
  let stop = () => {};
  const done = new Promise<T[]>((resolve, reject) => {
    stop = client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) errors.push(...result.errors);
          if (result.data) events.push(result.data as T);
          if (until(events)) resolve(events);
        },
        error: (error) => reject(error),
        complete: () => (errors.length ? reject(errors) : resolve(events)),
      },
    );
  });
  done.catch(() => undefined);
  return { events, errors, done, stop: () => stop() };
}

/** Holds a seat, subscribes to its booking over a streaming HTTP protocol, pays, reads until CONFIRMED. */
async function followOverHttp(accept: string): Promise<{ contentType: string | null; text: string }> {
  const { bookingId } = await holdSeat(passenger);
  const controller = new AbortController();
  const response = await fetch(`${busline.routerUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${passenger}` },
    body: JSON.stringify({ query: FOLLOW, variables: { id: bookingId } }),
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  await bookingFollowed(bookingId);
  await pay(bookingId, passenger);
  const reader = response.body!.getReader();
  let text = '';
  while (!text.includes('"CONFIRMED"')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  controller.abort();
  return { contentType: response.headers.get('content-type'), text };
}

beforeAll(async () => {
  busline = await startTestPlatform({ seed: true, env: { SANDBOX_CALLBACK_DELAY_MS: '150' } });
  passenger = await busline.login('passenger@busline.test', 'Passenger-demo-2026');
  other = await busline.login('ops@volcano.busline.test', 'Company-demo-2026');
});
afterAll(() => busline?.stop());

describe('live updates through the router', () => {
  it('follows a booking from HELD to CONFIRMED over graphql-ws, with payment and QR joined from other subgraphs', async () => {
    const { bookingId } = await holdSeat(passenger);
    const client = wsClient(passenger);
    try {
      const stream = follow<{ bookingStatusChanged: Followed }>(client, FOLLOW, { id: bookingId }, (events) =>
        events.some((e) => e.bookingStatusChanged.status === 'CONFIRMED' && e.bookingStatusChanged.tickets[0]?.qr),
      );
      await bookingFollowed(bookingId);
      expect((await pay(bookingId, passenger)).errors).toBeUndefined();
      const events = (await stream.done).map((e) => e.bookingStatusChanged);
      stream.stop();
      const statuses = events.map((e) => e.status);
      expect(statuses).toContain('PENDING_PAYMENT');
      expect(statuses.at(-1)).toBe('CONFIRMED');
      const confirmed = events.at(-1)!;
      expect(confirmed.payments.map((p) => p.status)).toContain('SUCCEEDED');
      expect(confirmed.tickets[0]!.qr!.token.split('.')).toHaveLength(3);
      expect(confirmed.trip.route.origin.name).toBe('Nyabugogo Bus Park');
    } finally {
      await client.dispose();
    }
  });

  it('follows a booking over Server-Sent Events', async () => {
    const { contentType, text } = await followOverHttp('text/event-stream');
    expect(contentType).toContain('text/event-stream');
    expect(text).toContain('"PENDING_PAYMENT"');
    expect(text).toMatch(/"status":"CONFIRMED"/);
  });

  it("follows a booking over Apollo's multipart HTTP subscription protocol", async () => {
    const { contentType, text } = await followOverHttp(
      'multipart/mixed;boundary="graphql";subscriptionSpec=1.0,application/json',
    );
    expect(contentType).toContain('subscriptionSpec="1.0"');
    const parts = text
      .split('\r\n--graphql')
      .map((p) => p.split('\r\n\r\n')[1])
      .filter(Boolean)
      .map((p) => JSON.parse(p!));
    expect(parts[0]).toEqual({});
    const payloads = parts.filter((p) => p.payload).map((p) => p.payload.data.bookingStatusChanged.status);
    expect(payloads).toContain('PENDING_PAYMENT');
    expect(payloads.at(-1)).toBe('CONFIRMED');
  });

  it("refuses a subscription to someone else's booking", async () => {
    const { bookingId } = await holdSeat(passenger);
    const client = wsClient(other);
    try {
      const stream = follow(client, FOLLOW, { id: bookingId }, () => false);
      const outcome = await stream.done.then(
        () => stream.errors,
        (error) => error,
      );
      expect(JSON.stringify(outcome)).toContain('FORBIDDEN');
      expect(stream.events).toEqual([]);
    } finally {
      await client.dispose();
    }
  });

  it('closes every upstream subscription when 1,000 clients leave', async () => {
    const { tripId } = await holdSeat(passenger);
    const clients = Array.from({ length: 20 }, () => wsClient());
    const streams = Array.from({ length: 1000 }, (_, i) =>
      follow(
        clients[i % clients.length]!,
        'subscription($t: ID!) { tripSeatsChanged(tripId: $t) { availableSeats } }',
        { t: tripId },
        () => false,
      ),
    );
    await eventually(() => {
      expect(busline.platform.router.subscriptions!.stats().subscribers, 'subscribers registered at the router').toBe(
        1000,
      );
      return true;
    }, 30_000);
    expect(busline.platform.router.subscriptions!.stats().upstreamSubscriptions).toBe(1);
    for (const stream of streams) stream.stop();
    await Promise.all(clients.map((c) => c.dispose()));
    await eventually(() => {
      const stats = busline.platform.router.subscriptions!.stats();
      return stats.subscribers === 0 && stats.upstreamSubscriptions === 0;
    });
    // Its own timeout, above the 30 s given to the subscribers to register: a slow run fails there with the count
    // reached.
  }, 60_000);
});

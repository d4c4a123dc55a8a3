import { eq } from 'drizzle-orm';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Viewer } from '@busline/shared';
import { untilSubscribed } from '@busline/shared/testing';
import { bookings } from '../src/db/schema';
import { topics } from '../src/services/live';
import { deliverer, HOLD, holdInput, passenger, startTicketing, tripSnapshot, type TicketingTestSubgraph } from './fixtures';

let subgraph: TicketingTestSubgraph;
const trip = tripSnapshot({ rows: 3 });
const clients: Client[] = [];

async function connect(viewer: Viewer | null): Promise<Client> {
  const auth = viewer ? await subgraph.tokens.authorization(viewer) : {};
  const client = createClient({ url: subgraph.graphqlUrl.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: auth, retryAttempts: 0 });
  clients.push(client);
  return client;
}

/** Collects the payloads of one subscription; `next(n)` waits until n have arrived. */
function follow(client: Client, query: string, variables: Record<string, unknown>) {
  const received: { data?: any; errors?: any[] }[] = [];
  const waiters: (() => void)[] = [];
  client.subscribe({ query, variables }, {
    next: (value) => {
      received.push(value as (typeof received)[number]);
      waiters.splice(0).forEach((w) => w());
    },
    error: (error) => {
      received.push({ errors: Array.isArray(error) ? error : [error] });
      waiters.splice(0).forEach((w) => w());
    },
    complete: () => undefined,
  });
  const next = async (count: number, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (received.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`only ${received.length} of ${count} updates arrived`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return received;
  };
  return { received, next };
}

/** A live update published before its subscription is registered would reach nobody. */
const subscribed = (topic: string) => untilSubscribed(subgraph.deps.pubsub, topic);
const BOOKING_CHANGED = 'subscription($id: ID!) { bookingStatusChanged(bookingId: $id) { id status } }';

beforeAll(async () => {
  subgraph = await startTicketing({ sweepIntervalMs: 100 });
  await deliverer(subgraph)('trip.scheduled', trip);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});
afterAll(() => subgraph.stop());

describe('subscriptions', () => {
  it('tells the owner when their hold expires', async () => {
    const owner = passenger();
    const booking = (await subgraph.request(HOLD, holdInput(trip.tripId, ['1A']), owner)).data!.holdSeats;
    const updates = follow(await connect(owner), BOOKING_CHANGED, { id: booking.id });
    await subscribed(topics.booking(booking.id));
    await subgraph.database.handle.db.update(bookings).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(bookings.id, booking.id));
    const [update] = await updates.next(1);
    expect(update?.data?.bookingStatusChanged).toEqual({ id: booking.id, status: 'EXPIRED' });
  });

  it('tells the owner when their booking is cancelled', async () => {
    const owner = passenger();
    const booking = (await subgraph.request(HOLD, holdInput(trip.tripId, ['1B']), owner)).data!.holdSeats;
    const updates = follow(await connect(owner), BOOKING_CHANGED, { id: booking.id });
    await subscribed(topics.booking(booking.id));
    await subgraph.request('mutation($id: ID!) { cancelBooking(bookingId: $id) { id } }', { id: booking.id }, owner);
    const [update] = await updates.next(1);
    expect(update?.data?.bookingStatusChanged).toEqual({ id: booking.id, status: 'CANCELLED' });
  });

  it('refuses anyone but the owner with FORBIDDEN', async () => {
    const booking = (await subgraph.request(HOLD, holdInput(trip.tripId, ['2A']), passenger())).data!.holdSeats;
    const [outcome] = await follow(await connect(passenger()), BOOKING_CHANGED, { id: booking.id }).next(1);
    expect(outcome?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("streams a trip's seat changes to anyone, with fresh availability", async () => {
    const updates = follow(await connect(null), 'subscription($id: ID!) { tripSeatsChanged(tripId: $id) { id availableSeats } }', { id: trip.tripId });
    await subscribed(topics.tripSeats(trip.tripId));
    const before = (await subgraph.request('query($r: [_Any!]!) { _entities(representations: $r) { ... on Trip { availableSeats } } }', { r: [{ __typename: 'Trip', id: trip.tripId }] })).data?._entities[0].availableSeats;
    await subgraph.request(HOLD, holdInput(trip.tripId, ['3A', '3B']), passenger());
    const [update] = await updates.next(1);
    expect(update?.data?.tripSeatsChanged).toEqual({ id: trip.tripId, availableSeats: before - 2 });
  });
});

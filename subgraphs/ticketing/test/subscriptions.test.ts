import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Viewer } from '@busline/shared';
import { untilSubscribed } from '@busline/shared/testing';
import { bookings } from '../src/db/schema';
import { topics } from '../src/services/live';
import {
  deliverer,
  HOLD,
  holdInput,
  passenger,
  startTicketing,
  tripSnapshot,
  type TicketingTestSubgraph,
} from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;
const trip = tripSnapshot({ rows: 3 });
const clients: Client[] = [];

async function connect(viewer: Viewer | null): Promise<Client> {
  const auth = viewer ? await subgraph.tokens.authorization(viewer) : {};
  const client = createClient({
    url: subgraph.graphqlUrl.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: auth,
    retryAttempts: 0,
  });
  clients.push(client);
  return client;
}

/** Collects the payloads of one subscription; `next(n)` waits until n have arrived. */
function follow(client: Client, query: string, variables: Record<string, unknown>) {
  const received: { data?: any; errors?: any[] }[] = [];
  const waiters: (() => void)[] = [];
  client.subscribe(
    { query, variables },
    {
      next: (value) => {
        received.push(value as (typeof received)[number]);
        waiters.splice(0).forEach((w) => w());
      },
      error: (error) => {
        received.push({ errors: Array.isArray(error) ? error : [error] });
        waiters.splice(0).forEach((w) => w());
      },
      complete: () => undefined,
    },
  );
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
  deliver = deliverer(subgraph);
  await deliver('trip.scheduled', trip);
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
    await subgraph.database.handle.db
      .update(bookings)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(bookings.id, booking.id));
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

  it("pushes a delay of the trip to every booked passenger's booking stream with the new times", async () => {
    const delayed = tripSnapshot({ rows: 2 });
    await deliver('trip.scheduled', delayed);
    const [held, paid, cancelled] = [passenger(), passenger(), passenger()];
    const heldBooking = (
      await subgraph.request(HOLD, { input: { ...holdInput(delayed.tripId, ['1A']).input, boardingStop: 1 } }, held)
    ).data!.holdSeats;
    const cancelledBooking = (await subgraph.request(HOLD, holdInput(delayed.tripId, ['1B']), cancelled)).data!
      .holdSeats;
    await subgraph.request(
      'mutation($id: ID!) { cancelBooking(bookingId: $id) { id } }',
      { id: cancelledBooking.id },
      cancelled,
    );
    const paidBooking = (await subgraph.request(HOLD, holdInput(delayed.tripId, ['2A']), paid)).data!.holdSeats;
    await deliver('payment.succeeded', {
      paymentId: randomUUID(),
      bookingId: paidBooking.id,
      amount: paidBooking.totalAmount,
    });

    const WITH_TIMES =
      'subscription($id: ID!) { bookingStatusChanged(bookingId: $id) { id status segment { boarding { city departsAt } alighting { departsAt } } } }';
    const streams = [
      follow(await connect(held), WITH_TIMES, { id: heldBooking.id }),
      follow(await connect(paid), WITH_TIMES, { id: paidBooking.id }),
      follow(await connect(cancelled), WITH_TIMES, { id: cancelledBooking.id }),
    ];
    await Promise.all([heldBooking, paidBooking, cancelledBooking].map((b) => subscribed(topics.booking(b.id))));

    // The company delays the trip by 45 minutes (updateTrip → trip.updated).
    const later = (iso: string) => new Date(new Date(iso).getTime() + 45 * 60_000).toISOString();
    await deliver('trip.updated', {
      ...delayed,
      version: 2,
      departureAt: later(delayed.departureAt),
      arrivalAt: later(delayed.arrivalAt),
    });
    const musanze = new Date(new Date(delayed.departureAt).getTime() + (45 + 75) * 60_000).toISOString();
    const arrival = new Date(new Date(delayed.departureAt).getTime() + (45 + 180) * 60_000).toISOString();
    const [heldUpdate] = await streams[0]!.next(1);
    expect(heldUpdate?.data?.bookingStatusChanged).toEqual({
      id: heldBooking.id,
      status: 'HELD',
      segment: { boarding: { city: 'Muhanga', departsAt: musanze }, alighting: { departsAt: arrival } },
    });
    const [paidUpdate] = await streams[1]!.next(1);
    expect(paidUpdate?.data?.bookingStatusChanged).toMatchObject({
      id: paidBooking.id,
      status: 'CONFIRMED',
      segment: { alighting: { departsAt: arrival } },
    });

    // A snapshot that changes no time (a new driver) tells nobody; a cancelled booking hears nothing of either.
    await deliver('trip.updated', {
      ...delayed,
      version: 3,
      departureAt: later(delayed.departureAt),
      arrivalAt: later(delayed.arrivalAt),
    });
    await deliver('trip.updated', {
      ...delayed,
      version: 4,
      departureAt: later(later(delayed.departureAt)),
      arrivalAt: later(later(delayed.arrivalAt)),
    });
    // Its second update is the second delay's: the unchanged snapshot between them sent nothing.
    const [, second] = await streams[1]!.next(2);
    expect(second?.data?.bookingStatusChanged.segment.alighting.departsAt).toBe(
      new Date(new Date(arrival).getTime() + 45 * 60_000).toISOString(),
    );
    expect(await streams[0]!.next(2)).toHaveLength(2);
    // Published in the same commit as the two above, so it would have arrived with them.
    expect(streams[2]!.received).toEqual([]);
  });

  it('says which segment of the trip changed on tripSeatsChanged', async () => {
    const updates = follow(
      await connect(null),
      'subscription($id: ID!) { tripSeatsChanged(tripId: $id) { id changedSegment { boardingStop alightingStop } availableSeats(boardingStop: 1, alightingStop: 2) } }',
      { id: trip.tripId },
    );
    await subscribed(topics.tripSeats(trip.tripId));
    await subgraph.request(
      HOLD,
      { input: { ...holdInput(trip.tripId, ['3C']).input, boardingStop: 0, alightingStop: 1 } },
      passenger(),
    );
    const [update] = await updates.next(1);
    expect(update?.data?.tripSeatsChanged.changedSegment).toEqual({ boardingStop: 0, alightingStop: 1 });
  });

  it("streams a trip's seat changes to anyone, with fresh availability", async () => {
    const updates = follow(
      await connect(null),
      'subscription($id: ID!) { tripSeatsChanged(tripId: $id) { id availableSeats } }',
      { id: trip.tripId },
    );
    await subscribed(topics.tripSeats(trip.tripId));
    const before = (
      await subgraph.request(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Trip { availableSeats } } }',
        { r: [{ __typename: 'Trip', id: trip.tripId }] },
      )
    ).data?._entities[0].availableSeats;
    await subgraph.request(HOLD, holdInput(trip.tripId, ['3A', '3B']), passenger());
    const [update] = await updates.next(1);
    expect(update?.data?.tripSeatsChanged).toEqual({ id: trip.tripId, availableSeats: before - 2 });
  });
});

// A route edit gives a trip's stops new orders. Active tickets move with their stations; a cancelled, expired or
// refunded one keeps the orders it ended with, which then belong to other stations. Its booking must go on naming the
// stations it was sold for, and their fare, whatever the edits since: a station taken off the route, stops reordered,
// and the bookings the edit itself cancels (ROUTE_CHANGED).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@busline/shared';
import { deliverer, passenger, payFor, startTicketing, tripSnapshot, type TicketingTestSubgraph } from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;
beforeAll(async () => {
  subgraph = await startTicketing();
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

const HOLD = `mutation($input: HoldSeatsInput!) { holdSeats(input: $input) { id totalAmount { amount } } }`;
const CANCEL = 'mutation($id: ID!) { cancelBooking(bookingId: $id) { id status } }';
const SEGMENT = 'boardingStop alightingStop boarding { name } alighting { name } fare { amount currency }';
const BOOKING = `query($id: ID!) { booking(id: $id) { status cancellationReason segment { ${SEGMENT} }
  tickets { id status segment { ${SEGMENT} } } } }`;
const TICKET = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticket { segment { ${SEGMENT} } } } }`;

type Snapshot = ReturnType<typeof tripSnapshot>;
type Stop = Snapshot['stops'][number];

interface Segment {
  boardingStop: number;
  alightingStop: number;
  boarding: { name: string } | null;
  alighting: { name: string } | null;
  fare: { amount: number; currency: string };
}

/** A stop of the fixtures' kind, in its own city. */
const stop = (name: string, order: number, minutesFromDeparture: number): Stop => ({
  stationId: randomUUID(),
  code: name.slice(0, 3).toUpperCase(),
  name,
  city: name,
  order,
  minutesFromDeparture,
});

/** A fare for every pair of `stops`, `perStop` for each stretch between two neighbours. */
const faresOf = (stops: readonly Stop[], perStop: number[]) =>
  stops.flatMap((from, i) =>
    stops.slice(i + 1).map((to, j) => ({
      boardingStop: from.order,
      alightingStop: to.order,
      price: { amount: perStop.slice(i, i + j + 1).reduce((sum, amount) => sum + amount, 0), currency: 'RWF' },
    })),
  );

async function hold(tripId: string, seats: string[], boardingStop: number, alightingStop: number, viewer: Viewer) {
  const passengers = seats.map((seat) => ({ name: `Passenger ${seat}` }));
  const result = await subgraph.request(
    HOLD,
    { input: { tripId, seats, passengers, boardingStop, alightingStop } },
    viewer,
  );
  expect(result.errors).toBeUndefined();
  return { id: result.data!.holdSeats.id as string, amount: result.data!.holdSeats.totalAmount.amount as number };
}

async function paid(tripId: string, seats: string[], boardingStop: number, alightingStop: number, viewer: Viewer) {
  const booking = await hold(tripId, seats, boardingStop, alightingStop, viewer);
  await payFor(deliver, booking.id, { amount: booking.amount });
  return booking;
}

async function cancel(bookingId: string, viewer: Viewer) {
  const result = await subgraph.request(CANCEL, { id: bookingId }, viewer);
  expect(result.errors).toBeUndefined();
}

/** The booking's segment, each of its tickets' (as a nested field and as an entity), and its status. */
async function segmentsOf(bookingId: string, viewer: Viewer) {
  const result = await subgraph.request(BOOKING, { id: bookingId }, viewer);
  expect(result.errors).toBeUndefined();
  const booking = result.data!.booking;
  const tickets = booking.tickets as { id: string; segment: Segment }[];
  const entities = await subgraph.request(
    TICKET,
    { r: tickets.map((ticket) => ({ __typename: 'Ticket', id: ticket.id })) },
    viewer,
  );
  expect(entities.errors).toBeUndefined();
  const asEntities = entities.data!._entities as { segment: Segment }[];
  return {
    status: booking.status as string,
    reason: booking.cancellationReason as string | null,
    segment: booking.segment as Segment,
    tickets: [...tickets, ...asEntities].map((ticket) => ticket.segment),
  };
}

const named = (segment: Segment) => `${segment.boarding?.name} → ${segment.alighting?.name}`;

describe('bookings that ended before a route edit', () => {
  it('keep the stations and fare they were sold for when a stop is added before them', async () => {
    // Nyabugogo (0) → Muhanga (1) → Huye (2), 2,000 and 3,000 RWF a stretch.
    const [nyabugogo, muhanga, huye] = [stop('Nyabugogo', 0, 0), stop('Muhanga', 1, 75), stop('Huye', 2, 180)];
    const trip = tripSnapshot({
      stops: [nyabugogo, muhanga, huye],
      fares: faresOf([nyabugogo, muhanga, huye], [2000, 3000]),
    });
    await deliver('trip.scheduled', trip);

    // A passenger pays Muhanga → Huye, then cancels it (refunded by the tiers).
    const alice = passenger();
    const refunded = await paid(trip.tripId, ['1A'], 1, 2, alice);
    expect(refunded.amount).toBe(3000);
    await cancel(refunded.id, alice);
    // Another holds Muhanga → Huye and lets the hold go.
    const bob = passenger();
    const released = await hold(trip.tripId, ['2A'], 1, 2, bob);
    await cancel(released.id, bob);

    // Ruyenzi comes between Nyabugogo and Muhanga: Muhanga is order 2 now, Huye 3; 1,000 RWF a stretch to Muhanga.
    const ruyenzi = stop('Ruyenzi', 1, 30);
    const edited = [nyabugogo, ruyenzi, { ...muhanga, order: 2 }, { ...huye, order: 3 }];
    await deliver('trip.updated', { ...trip, version: 2, stops: edited, fares: faresOf(edited, [1000, 1000, 3000]) });

    // Orders 1 → 2 are Ruyenzi → Muhanga now, at 1,000 RWF: the bookings name what they were sold.
    for (const [booking, viewer] of [
      [refunded, alice],
      [released, bob],
    ] as const) {
      const { status, segment, tickets } = await segmentsOf(booking.id, viewer);
      expect(status).toBe('CANCELLED');
      for (const each of [segment, ...tickets])
        expect(each).toEqual({
          boardingStop: 2,
          alightingStop: 3,
          boarding: { name: 'Muhanga' },
          alighting: { name: 'Huye' },
          fare: { amount: 3000, currency: 'RWF' },
        });
    }
  });

  it('keep naming a removed station, as do the bookings the edit cancels, at what they cost a seat', async () => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    const [nyabugogo, , huye] = trip.stops;
    // One cancelled Muhanga → Huye; two seats paid Nyabugogo → Muhanga, which the edit cancels.
    const alice = passenger();
    const cancelled = await paid(trip.tripId, ['1A'], 1, 2, alice);
    await cancel(cancelled.id, alice);
    const bob = passenger();
    const toMuhanga = await paid(trip.tripId, ['2A', '2B'], 0, 1, bob);

    // Muhanga leaves the route, and a later edit puts another station at its order.
    await deliver('trip.updated', { ...trip, version: 2, stops: [nyabugogo!, { ...huye!, order: 1 }] });
    const rubavu = stop('Rubavu', 1, 90);
    await deliver('trip.updated', { ...trip, version: 3, stops: [nyabugogo!, rubavu, { ...huye!, order: 2 }] });

    const stillNamed = (segment: Segment, route: string, amount: number) => {
      expect(named(segment)).toBe(route);
      expect(segment.fare).toEqual({ amount, currency: 'RWF' });
    };
    const first = await segmentsOf(cancelled.id, alice);
    for (const segment of [first.segment, ...first.tickets]) stillNamed(segment, 'Muhanga → Huye', cancelled.amount);

    const second = await segmentsOf(toMuhanga.id, bob);
    expect(second).toMatchObject({ status: 'CANCELLED', reason: 'ROUTE_CHANGED' });
    expect(second.tickets).toHaveLength(4);
    for (const segment of [second.segment, ...second.tickets])
      stillNamed(segment, 'Nyabugogo → Muhanga', toMuhanga.amount / 2);
  });

  it('keep their stations when reordered stops put them the other way round', async () => {
    const stops = [stop('Kigali', 0, 0), stop('Muhanga', 1, 60), stop('Nyanza', 2, 120), stop('Huye', 3, 180)];
    const trip = tripSnapshot({ stops });
    await deliver('trip.scheduled', trip);
    const [kigali, muhanga, nyanza, huye] = stops;
    const carol = passenger();
    const ended = await paid(trip.tripId, ['3C'], 1, 2, carol);
    await cancel(ended.id, carol);
    // Kigali → Nyanza → Muhanga → Huye.
    await deliver('trip.updated', {
      ...trip,
      version: 2,
      stops: [kigali!, { ...nyanza!, order: 1 }, { ...muhanga!, order: 2, minutesFromDeparture: 120 }, huye!],
    });
    const { segment, tickets } = await segmentsOf(ended.id, carol);
    for (const each of [segment, ...tickets])
      expect(each).toEqual({
        boardingStop: 2,
        alightingStop: 1,
        boarding: { name: 'Muhanga' },
        alighting: { name: 'Nyanza' },
        fare: { amount: ended.amount, currency: 'RWF' },
      });
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@busline/shared';
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
const owner = passenger();
const admin: Viewer = { userId: randomUUID(), role: 'COMPANY_ADMIN', companyId: trip.companyId };
const driver: Viewer = { userId: randomUUID(), role: 'DRIVER', companyId: trip.companyId };
const platform: Viewer = { userId: randomUUID(), role: 'PLATFORM_ADMIN', companyId: null };
const otherAdmin: Viewer = { userId: randomUUID(), role: 'COMPANY_ADMIN', companyId: randomUUID() };
const bookingIds: string[] = [];

const MY =
  'query($first: Int, $after: String, $status: BookingStatus) { myBookings(first: $first, after: $after, status: $status) { edges { node { id status } } pageInfo { hasNextPage endCursor } } }';
const MANIFEST =
  'query($id: ID!) { tripManifest(tripId: $id) { seatNumber passengerName status booking { id } ticket { id } } }';

beforeAll(async () => {
  subgraph = await startTicketing();
  deliver = deliverer(subgraph);
  await deliver('trip.scheduled', trip);
  for (const seats of [['1A'], ['1B', '1C'], ['2A']]) {
    const result = await subgraph.request(HOLD, holdInput(trip.tripId, seats), owner);
    bookingIds.push(result.data!.holdSeats.id);
  }
  await deliver('payment.started', {
    paymentId: 'p',
    bookingId: bookingIds[2],
    userId: owner.userId,
    amount: { amount: 5000, currency: 'RWF' },
    method: 'MTN_MOMO',
  });
  await subgraph.request(HOLD, holdInput(trip.tripId, ['3A']), passenger());
});
afterAll(() => subgraph.stop());

describe('booking', () => {
  it("shows a booking to its owner, the trip company's staff and platform admins", async () => {
    for (const viewer of [owner, admin, driver, platform]) {
      const result = await subgraph.request(
        'query($id: ID!) { booking(id: $id) { id tickets { seatNumber } } }',
        { id: bookingIds[1] },
        viewer,
      );
      expect(result.data?.booking).toEqual({
        id: bookingIds[1],
        tickets: [{ seatNumber: '1B' }, { seatNumber: '1C' }],
      });
    }
  });

  it("answers null for another passenger or another company's admin, and UNAUTHENTICATED without a token", async () => {
    for (const viewer of [passenger(), otherAdmin]) {
      const result = await subgraph.request(
        'query($id: ID!) { booking(id: $id) { id } }',
        { id: bookingIds[0] },
        viewer,
      );
      expect(result.data?.booking).toBeNull();
    }
    const anonymous = await subgraph.request('query($id: ID!) { booking(id: $id) { id } }', { id: bookingIds[0] });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('resolves Booking and Ticket references only for viewers who may see them', async () => {
    const query =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Booking { status } ... on Ticket { seatNumber } } }';
    const ticketId = (
      await subgraph.request('query($id: ID!) { booking(id: $id) { tickets { id } } }', { id: bookingIds[0] }, owner)
    ).data?.booking.tickets[0].id;
    const r = [
      { __typename: 'Booking', id: bookingIds[0] },
      { __typename: 'Ticket', id: ticketId },
    ];
    expect((await subgraph.request(query, { r }, owner)).data?._entities).toEqual([
      { status: 'HELD' },
      { seatNumber: '1A' },
    ]);
    expect((await subgraph.request(query, { r }, passenger())).data?._entities).toEqual([null, null]);
  });
});

describe('Trip', () => {
  it('counts seats without an active ticket as available, for many trips in one request', async () => {
    const empty = tripSnapshot({ rows: 1 });
    await deliver('trip.scheduled', empty);
    const result = await subgraph.request(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Trip { availableSeats } } }',
      {
        r: [
          { __typename: 'Trip', id: trip.tripId },
          { __typename: 'Trip', id: empty.tripId },
        ],
      },
    );
    expect(result.data?._entities).toEqual([{ availableSeats: 12 - 5 }, { availableSeats: 4 }]);
  });
});

describe('myBookings', () => {
  it("pages through the viewer's own bookings, newest first", async () => {
    const first = await subgraph.request(MY, { first: 2 }, owner);
    const second = await subgraph.request(MY, { first: 2, after: first.data?.myBookings.pageInfo.endCursor }, owner);
    const ids = [...(first.data?.myBookings.edges ?? []), ...(second.data?.myBookings.edges ?? [])].map(
      (e: { node: { id: string } }) => e.node.id,
    );
    expect(ids).toEqual([...bookingIds].reverse());
    expect([first.data?.myBookings.pageInfo.hasNextPage, second.data?.myBookings.pageInfo.hasNextPage]).toEqual([
      true,
      false,
    ]);
  });

  it('rejects a cursor it did not issue with BAD_USER_INPUT', async () => {
    const forged = Buffer.from(JSON.stringify(['not a date', 'x'])).toString('base64url');
    const result = await subgraph.request(MY, { after: forged }, owner);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters by status', async () => {
    const result = await subgraph.request(MY, { status: 'PENDING_PAYMENT' }, owner);
    expect(result.data?.myBookings.edges).toEqual([{ node: { id: bookingIds[2], status: 'PENDING_PAYMENT' } }]);
  });
});

describe('tripManifest', () => {
  it("lists every passenger by seat for the trip company's admin and driver", async () => {
    for (const viewer of [admin, driver, platform]) {
      const result = await subgraph.request(MANIFEST, { id: trip.tripId }, viewer);
      expect(result.errors).toBeUndefined();
      const rows = result.data?.tripManifest as { seatNumber: string; passengerName: string; status: string }[];
      expect(rows.map((r) => [r.seatNumber, r.passengerName, r.status])).toEqual([
        ['1A', 'Passenger 1A', 'HELD'],
        ['1B', 'Passenger 1B', 'HELD'],
        ['1C', 'Passenger 1C', 'HELD'],
        ['2A', 'Passenger 2A', 'HELD'],
        ['3A', 'Passenger 3A', 'HELD'],
      ]);
    }
  });

  it('lists no ticket of a cancelled hold: a trip keeps those, as many as holds were made on it', async () => {
    const other = tripSnapshot({ rows: 2, companyId: trip.companyId });
    await deliver('trip.scheduled', other);
    const CANCEL = 'mutation($id: ID!) { cancelBooking(bookingId: $id) { status } }';
    for (let round = 0; round < 5; round++) {
      const someone = passenger();
      const held = await subgraph.request(HOLD, holdInput(other.tripId, ['1A', '1B']), someone);
      expect(held.errors).toBeUndefined();
      expect((await subgraph.request(CANCEL, { id: held.data!.holdSeats.id }, someone)).errors).toBeUndefined();
    }
    const rider = await subgraph.request(HOLD, holdInput(other.tripId, ['2A']), passenger());
    expect(rider.errors).toBeUndefined();
    const STOPS = 'query($id: ID!) { tripStopManifest(tripId: $id) { boarding { seatNumber } } }';
    for (const viewer of [admin, driver]) {
      const manifest = await subgraph.request(MANIFEST, { id: other.tripId }, viewer);
      expect(manifest.errors).toBeUndefined();
      expect(manifest.data?.tripManifest.map((r: { seatNumber: string }) => r.seatNumber)).toEqual(['2A']);
      const stops = await subgraph.request(STOPS, { id: other.tripId }, viewer);
      expect(stops.data?.tripStopManifest.flatMap((s: { boarding: unknown[] }) => s.boarding)).toEqual([
        { seatNumber: '2A' },
      ]);
    }
  });

  it("refuses passengers and another company's staff with FORBIDDEN", async () => {
    for (const viewer of [owner, otherAdmin, { ...driver, companyId: randomUUID() }]) {
      const result = await subgraph.request(MANIFEST, { id: trip.tripId }, viewer);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itConcurrent } from '@busline/shared/testing';
import { outbox, tickets } from '../src/db/schema';
import { localDateInKigali } from '../src/services/local-dates';
import { overlaps, type StopRange } from '../src/services/segments';
import { deliverer, HOLD, passenger, startTicketing, tripSnapshot, type TicketingTestSubgraph } from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;

const HOUR = 3_600_000;
/**
 * 08:00 in Kigali two days on (32 to 56 hours away, the 90 % refund tier), so that every stop of a three-hour
 * trip is reached on the searched date whatever the time of day the test runs (from 22:00 a departure 48
 * hours on reaches Musanze after midnight, on the next date).
 */
const date = localDateInKigali(new Date(Date.now() + 48 * HOUR));
const departureAt = new Date(`${date}T08:00:00+02:00`);

/** Kigali (0) → Musanze (1) → Rubavu (2), 5 000 RWF for the whole route, 3 000 listed for Kigali → Musanze. */
function network(
  cities = ['Kigali', 'Musanze', 'Rubavu'],
  fares = [{ boardingStop: 0, alightingStop: 1, price: { amount: 3000, currency: 'RWF' } }],
) {
  return tripSnapshot({
    departureAt: departureAt.toISOString(),
    stops: cities.map((city, order) => ({
      stationId: randomUUID(),
      code: city.slice(0, 3).toUpperCase(),
      name: city,
      city,
      order,
      minutesFromDeparture: order * 60,
    })),
    fares,
  });
}

const segmentHold = (tripId: string, seats: string[], segment?: Partial<StopRange>) => ({
  input: { tripId, seats, passengers: seats.map((s) => ({ name: `Passenger ${s}` })), ...segment },
});

const HOLD_SEGMENT = `mutation($input: HoldSeatsInput!, $key: String) { holdSeats(input: $input, idempotencyKey: $key) {
  id totalAmount { amount currency } tickets { seatNumber segment { boardingStop alightingStop boarding { city } alighting { city } fare { amount } } }
} }`;

const SEATS = `query($id: ID!, $b: Int, $a: Int) { _entities(representations: [{ __typename: "Trip", id: $id }]) { ... on Trip {
  availableSeats(boardingStop: $b, alightingStop: $a) seatMap(boardingStop: $b, alightingStop: $a) { label state }
} } }`;

async function seats(tripId: string, segment: Partial<StopRange> = {}) {
  const result = await subgraph.request(SEATS, { id: tripId, b: segment.boardingStop, a: segment.alightingStop });
  expect(result.errors).toBeUndefined();
  const trip = result.data?._entities[0] as { availableSeats: number; seatMap: { label: string; state: string }[] };
  return {
    available: trip.availableSeats,
    state: (label: string) => trip.seatMap.find((s) => s.label === label)?.state,
  };
}

const activeSegments = async (tripId: string, seat: string) =>
  (
    await subgraph.database.handle.db
      .select()
      .from(tickets)
      .where(
        and(
          eq(tickets.tripId, tripId),
          eq(tickets.seatLabel, seat),
          inArray(tickets.status, ['HELD', 'CONFIRMED', 'BOARDED']),
        ),
      )
  ).map((t) => ({ boardingStop: t.boardingStop, alightingStop: t.alightingStop }));

beforeAll(async () => {
  subgraph = await startTicketing();
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

describe('seats sold per segment', () => {
  it('sells 3A Kigali → Musanze and Musanze → Rubavu to two passengers and refuses 3A Kigali → Rubavu', async () => {
    const trip = network();
    await deliver('trip.scheduled', trip);
    const total = trip.seats.length;

    const first = await subgraph.request(
      HOLD_SEGMENT,
      segmentHold(trip.tripId, ['3A'], { boardingStop: 0, alightingStop: 1 }),
      passenger(),
    );
    expect(first.errors).toBeUndefined();
    expect(first.data?.holdSeats.tickets[0].segment).toMatchObject({
      boardingStop: 0,
      alightingStop: 1,
      boarding: { city: 'Kigali' },
      alighting: { city: 'Musanze' },
    });

    // Sold Kigali → Musanze: taken there and on the whole trip, free from Musanze on.
    expect((await seats(trip.tripId, { boardingStop: 0, alightingStop: 1 })).state('3A')).toBe('HELD');
    expect((await seats(trip.tripId)).state('3A')).toBe('HELD');
    const onward = await seats(trip.tripId, { boardingStop: 1, alightingStop: 2 });
    expect(onward.state('3A')).toBe('AVAILABLE');
    expect(onward.available).toBe(total);
    expect((await seats(trip.tripId)).available).toBe(total - 1);

    const second = await subgraph.request(
      HOLD_SEGMENT,
      segmentHold(trip.tripId, ['3A'], { boardingStop: 1, alightingStop: 2 }),
      passenger(),
    );
    expect(second.errors).toBeUndefined();

    const third = await subgraph.request(
      HOLD_SEGMENT,
      segmentHold(trip.tripId, ['3A'], { boardingStop: 0, alightingStop: 2 }),
      passenger(),
    );
    expect(third.errors?.[0]?.extensions?.code).toBe('SEAT_UNAVAILABLE');
    const whole = await subgraph.request(HOLD, segmentHold(trip.tripId, ['3A']), passenger());
    expect(whole.errors?.[0]?.extensions?.code).toBe('SEAT_UNAVAILABLE');

    expect(await activeSegments(trip.tripId, '3A')).toEqual(
      expect.arrayContaining([
        { boardingStop: 0, alightingStop: 1 },
        { boardingStop: 1, alightingStop: 2 },
      ]),
    );
    expect(await activeSegments(trip.tripId, '3A')).toHaveLength(2);
  });

  it('refuses a seat map asked for backwards with BAD_USER_INPUT', async () => {
    const trip = network();
    await deliver('trip.scheduled', trip);
    const result = await subgraph.request(SEATS, { id: trip.tripId, b: 2, a: 1 });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'alightingStop' });
  });

  it('holds the whole route for a client that sends no stops, as before segments', async () => {
    const trip = network();
    await deliver('trip.scheduled', trip);
    const old = await subgraph.request(HOLD_SEGMENT, segmentHold(trip.tripId, ['1A']), passenger());
    expect(old.data?.holdSeats).toMatchObject({
      totalAmount: { amount: 5000 },
      tickets: [{ segment: { boardingStop: 0, alightingStop: 2 } }],
    });
    for (const segment of [
      { boardingStop: 0, alightingStop: 1 },
      { boardingStop: 1, alightingStop: 2 },
    ]) {
      const later = await subgraph.request(HOLD_SEGMENT, segmentHold(trip.tripId, ['1A'], segment), passenger());
      expect(later.errors?.[0]?.extensions?.code).toBe('SEAT_UNAVAILABLE');
    }
  });

  it('frees the segment again when the hold is cancelled', async () => {
    const trip = network();
    await deliver('trip.scheduled', trip);
    const viewer = passenger();
    const held = await subgraph.request(
      HOLD_SEGMENT,
      segmentHold(trip.tripId, ['2B'], { boardingStop: 1, alightingStop: 2 }),
      viewer,
    );
    await subgraph.request(
      'mutation($id: ID!) { cancelBooking(bookingId: $id) { status } }',
      { id: held.data?.holdSeats.id },
      viewer,
    );
    expect((await seats(trip.tripId, { boardingStop: 1, alightingStop: 2 })).state('2B')).toBe('AVAILABLE');
    const again = await subgraph.request(
      HOLD_SEGMENT,
      segmentHold(trip.tripId, ['2B'], { boardingStop: 0, alightingStop: 2 }),
      passenger(),
    );
    expect(again.errors).toBeUndefined();
  });

  it.each([
    [{ boardingStop: 1, alightingStop: 1 }, 'alightingStop'],
    [{ boardingStop: 2, alightingStop: 0 }, 'alightingStop'],
    [{ boardingStop: 0, alightingStop: 7 }, 'alightingStop'],
    [{ boardingStop: -1 }, 'boardingStop'],
    [{ boardingStop: 2 }, 'alightingStop'],
  ])('refuses the stops %o with BAD_USER_INPUT on %s and holds nothing', async (segment, field) => {
    const trip = network();
    await deliver('trip.scheduled', trip);
    const result = await subgraph.request(HOLD_SEGMENT, segmentHold(trip.tripId, ['1C'], segment), passenger());
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await activeSegments(trip.tripId, '1C')).toEqual([]);
  });

  it('answers a retry with the same key and stops with the first booking, and other stops under the key with IDEMPOTENCY_CONFLICT', async () => {
    const trip = network();
    await deliver('trip.scheduled', trip);
    const viewer = passenger();
    const key = randomUUID();
    const first = await subgraph.request(
      HOLD_SEGMENT,
      { ...segmentHold(trip.tripId, ['2C'], { boardingStop: 0, alightingStop: 1 }), key },
      viewer,
    );
    const retry = await subgraph.request(
      HOLD_SEGMENT,
      { ...segmentHold(trip.tripId, ['2C'], { boardingStop: 0, alightingStop: 1 }), key },
      viewer,
    );
    expect(retry.data?.holdSeats.id).toBe(first.data?.holdSeats.id);
    const other = await subgraph.request(
      HOLD_SEGMENT,
      { ...segmentHold(trip.tripId, ['2C'], { boardingStop: 1, alightingStop: 2 }), key },
      viewer,
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
  });
});

describe('fares per pair', () => {
  // A late bus (SCHEDULED past its departure) keeps its stops when a route edit reaches it, but stored the snapshot's
  // fares, per pair of the new route's orders: delayed back into the future, it sold Kigali → Musanze at the fare of
  // the new first pair (Kigali → Gicumbi).
  it("keeps the fares of the stops a trip under way keeps, when a route edit's snapshot reaches it", async () => {
    const late = network(
      ['Kigali', 'Musanze', 'Rubavu'],
      [{ boardingStop: 0, alightingStop: 1, price: { amount: 4000, currency: 'RWF' } }],
    );
    const past = new Date(Date.now() - 5 * 60_000);
    await deliver('trip.scheduled', { ...late, departureAt: past.toISOString() });
    const [kigali, musanze, rubavu] = late.stops;
    const gicumbi = { stationId: randomUUID(), code: 'GIC', name: 'Gicumbi', city: 'Gicumbi', order: 1 };
    const later = new Date(Date.now() + 60 * 60_000);
    await deliver('trip.updated', {
      ...late,
      version: 2,
      departureAt: later.toISOString(),
      arrivalAt: new Date(later.getTime() + 3 * HOUR).toISOString(),
      stops: [kigali!, { ...gicumbi, minutesFromDeparture: 20 }, { ...musanze!, order: 2 }, { ...rubavu!, order: 3 }],
      fares: [
        { boardingStop: 0, alightingStop: 1, price: { amount: 650, currency: 'RWF' } },
        { boardingStop: 0, alightingStop: 2, price: { amount: 4000, currency: 'RWF' } },
      ],
    });
    const held = await subgraph.request(
      HOLD_SEGMENT,
      segmentHold(late.tripId, ['1A'], { boardingStop: 0, alightingStop: 1 }),
      passenger(),
    );
    expect(held.errors).toBeUndefined();
    const bought = held.data?.holdSeats;
    expect(bought.tickets[0].segment).toMatchObject({ boarding: { city: 'Kigali' }, alighting: { city: 'Musanze' } });
    expect(bought.totalAmount.amount).toBe(4000);
  });

  it('prices a hold by the fare of its pair: listed, whole route, or derived from the route fare by minutes', async () => {
    const trip = network(['Kigali', 'Musanze', 'Rubavu', 'Gisenyi']);
    await deliver('trip.scheduled', trip);
    const priced = async (seat: string, segment: StopRange) =>
      (await subgraph.request(HOLD_SEGMENT, segmentHold(trip.tripId, [seat], segment), passenger())).data?.holdSeats
        .totalAmount.amount;
    expect(await priced('1A', { boardingStop: 0, alightingStop: 1 })).toBe(3000);
    expect(await priced('1B', { boardingStop: 0, alightingStop: 3 })).toBe(5000);
    // 60 of the route's 180 minutes, no fare listed: a third of 5 000.
    expect(await priced('1C', { boardingStop: 2, alightingStop: 3 })).toBe(1667);
    const two = await subgraph.request(
      HOLD_SEGMENT,
      segmentHold(trip.tripId, ['2A', '2B'], { boardingStop: 0, alightingStop: 1 }),
      passenger(),
    );
    expect(two.data?.holdSeats.totalAmount).toEqual({ amount: 6000, currency: 'RWF' });
  });

  it('gives searchTrips results the searched pair, its fare and the seats free on it', async () => {
    const trip = network();
    await deliver('trip.scheduled', trip);
    await subgraph.request(
      HOLD_SEGMENT,
      segmentHold(trip.tripId, ['1A'], { boardingStop: 0, alightingStop: 1 }),
      passenger(),
    );
    const SEARCH = `query($input: SearchTripsInput!) { searchTrips(input: $input) {
      id availableSeats seatMap { label state } searchedSegment { boardingStop alightingStop boarding { city } alighting { city } fare { amount currency } }
    } }`;
    const found = async (originCity: string, destinationCity: string) => {
      const result = await subgraph.request(SEARCH, { input: { originCity, destinationCity, date, passengers: 1 } });
      expect(result.errors).toBeUndefined();
      return (
        result.data?.searchTrips as {
          id: string;
          availableSeats: number;
          seatMap: { label: string; state: string }[];
          searchedSegment: unknown;
        }[]
      ).find((t) => t.id === trip.tripId)!;
    };
    const onward = await found('Musanze', 'Rubavu');
    expect(onward.searchedSegment).toEqual({
      boardingStop: 1,
      alightingStop: 2,
      boarding: { city: 'Musanze' },
      alighting: { city: 'Rubavu' },
      fare: { amount: 2500, currency: 'RWF' },
    });
    expect(onward.availableSeats).toBe(trip.seats.length);
    expect(onward.seatMap.find((s) => s.label === '1A')?.state).toBe('AVAILABLE');
    const first = await found('Kigali', 'Musanze');
    expect(first.searchedSegment).toMatchObject({ fare: { amount: 3000 } });
    expect(first.availableSeats).toBe(trip.seats.length - 1);
    expect(first.seatMap.find((s) => s.label === '1A')?.state).toBe('HELD');
  });

  it('refunds a cancelled segment booking from what it cost, not from the whole-route price', async () => {
    const trip = network();
    await deliver('trip.scheduled', trip);
    const owner = passenger();
    const held = await subgraph.request(
      HOLD_SEGMENT,
      segmentHold(trip.tripId, ['2D'], { boardingStop: 0, alightingStop: 1 }),
      owner,
    );
    const bookingId = held.data?.holdSeats.id as string;
    await deliver('payment.succeeded', {
      paymentId: randomUUID(),
      bookingId,
      amount: { amount: 3000, currency: 'RWF' },
    });
    const cancelled = await subgraph.request(
      'mutation($id: ID!) { cancelBooking(bookingId: $id) { status refund { amount currency } } }',
      { id: bookingId },
      owner,
    );
    // 32 to 56 hours before departure: the 90 % tier, of 3 000.
    expect(cancelled.data?.cancelBooking).toEqual({ status: 'CANCELLED', refund: { amount: 2700, currency: 'RWF' } });
  });

  it('writes the segment into booking.held', async () => {
    const trip = network();
    await deliver('trip.scheduled', trip);
    const held = await subgraph.request(
      HOLD_SEGMENT,
      segmentHold(trip.tripId, ['3C'], { boardingStop: 1, alightingStop: 2 }),
      passenger(),
    );
    const rows = await subgraph.database.handle.db.select().from(outbox).where(eq(outbox.type, 'booking.held'));
    const event = rows
      .map((r) => r.payload as Record<string, unknown>)
      .find((p) => p.bookingId === held.data?.holdSeats.id);
    expect(event).toMatchObject({ boardingStop: 1, alightingStop: 2, totalAmount: { amount: 2500, currency: 'RWF' } });
  });
});

describe('concurrent holds of overlapping segments', () => {
  itConcurrent(
    'lets exactly one of 50 holds win per set of mutually overlapping segments, and never oversells',
    async () => {
      // Kigali (0) → Musanze (1) → Rubavu (2) → Gisenyi (3). Set A: Kigali → Musanze. Set B: Musanze → Rubavu and
      // Musanze → Gisenyi, which overlap each other but not A.
      const trip = network(['Kigali', 'Musanze', 'Rubavu', 'Gisenyi']);
      await deliver('trip.scheduled', trip);
      const segments: StopRange[] = [
        { boardingStop: 0, alightingStop: 1 },
        { boardingStop: 1, alightingStop: 2 },
        { boardingStop: 1, alightingStop: 3 },
      ];
      const attempts = Array.from({ length: 50 }, (_, i) => segments[i % 3]!);
      const results = await Promise.all(
        attempts.map((segment) =>
          subgraph.request(HOLD_SEGMENT, segmentHold(trip.tripId, ['3A'], segment), passenger()),
        ),
      );
      const won = attempts.filter((_, i) => results[i]!.data?.holdSeats);
      expect(
        results.filter((r) => !r.data?.holdSeats).every((r) => r.errors?.[0]?.extensions?.code === 'SEAT_UNAVAILABLE'),
      ).toBe(true);
      expect(won.filter((s) => s.boardingStop === 0)).toHaveLength(1);
      expect(won.filter((s) => s.boardingStop === 1)).toHaveLength(1);
      expect(await activeSegments(trip.tripId, '3A')).toHaveLength(2);
    },
  );

  itConcurrent(
    'keeps 50 holds of random segments of one seat to winners that never overlap, refusing only overlapping ones',
    async () => {
      const trip = network(['Kigali', 'Musanze', 'Rubavu', 'Gisenyi', 'Kibuye']);
      await deliver('trip.scheduled', trip);
      const attempts = Array.from({ length: 50 }, () => {
        const boardingStop = Math.floor(Math.random() * 4);
        return { boardingStop, alightingStop: boardingStop + 1 + Math.floor(Math.random() * (4 - boardingStop)) };
      });
      const results = await Promise.all(
        attempts.map((segment) =>
          subgraph.request(HOLD_SEGMENT, segmentHold(trip.tripId, ['3D'], segment), passenger()),
        ),
      );
      const active = await activeSegments(trip.tripId, '3D');
      expect(active).toHaveLength(results.filter((r) => r.data?.holdSeats).length);
      for (const [i, a] of active.entries()) for (const b of active.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
      // Every refused hold asked for a stretch someone else got.
      attempts.forEach((segment, i) => {
        if (!results[i]!.data?.holdSeats) {
          expect(results[i]!.errors?.[0]?.extensions?.code).toBe('SEAT_UNAVAILABLE');
          expect(active.some((a) => overlaps(a, segment))).toBe(true);
        }
      });
    },
  );
});

describe('manifest by stop', () => {
  it('lists who boards and who leaves at each stop, for the trip company staff only', async () => {
    const trip = network();
    await deliver('trip.scheduled', trip);
    await subgraph.request(
      HOLD_SEGMENT,
      segmentHold(trip.tripId, ['1A'], { boardingStop: 0, alightingStop: 1 }),
      passenger(),
    );
    await subgraph.request(
      HOLD_SEGMENT,
      segmentHold(trip.tripId, ['1A'], { boardingStop: 1, alightingStop: 2 }),
      passenger(),
    );
    await subgraph.request(HOLD_SEGMENT, segmentHold(trip.tripId, ['2B']), passenger());
    const STOPS = `query($id: ID!) { tripStopManifest(tripId: $id) { stop { order city } boarding { seatNumber } alighting { seatNumber } } }`;
    const driver = { userId: randomUUID(), role: 'DRIVER' as const, companyId: trip.companyId };
    const result = await subgraph.request(STOPS, { id: trip.tripId }, driver);
    expect(result.data?.tripStopManifest).toEqual([
      { stop: { order: 0, city: 'Kigali' }, boarding: [{ seatNumber: '1A' }, { seatNumber: '2B' }], alighting: [] },
      { stop: { order: 1, city: 'Musanze' }, boarding: [{ seatNumber: '1A' }], alighting: [{ seatNumber: '1A' }] },
      { stop: { order: 2, city: 'Rubavu' }, boarding: [], alighting: [{ seatNumber: '1A' }, { seatNumber: '2B' }] },
    ]);
    const outsider = { userId: randomUUID(), role: 'DRIVER' as const, companyId: randomUUID() };
    expect((await subgraph.request(STOPS, { id: trip.tripId }, outsider)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await subgraph.request(STOPS, { id: trip.tripId }, passenger())).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});

// Holds against changes of their trip (cancelled, a new bus, the bus gone): no hold outlives what it was made on.
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteExpired, sql, type Tx, type Viewer } from '@busline/shared';
import { inFlight, untilWaiting } from '@busline/shared/testing';
import { bookings, earlyCancellations, outbox, tickets, trips, tripSeats, tripStops } from '../src/db/schema';
import { EARLY_CANCELLATIONS_RETENTION_MS } from '../src/db/retention';
import { TripRepository } from '../src/repositories/trip-repository';
import { localDateInKigali } from '../src/services/local-dates';
import {
  deliverer,
  HOLD,
  holdInput,
  holdingLocks,
  lockWaiters,
  passenger,
  payFor,
  startTicketing,
  tripSnapshot,
  type TicketingTestSubgraph,
} from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;
const db = () => subgraph.database.handle.db;
const MINUTE = 60_000;

beforeAll(async () => {
  subgraph = await startTicketing();
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

const hold = (tripId: string, seats: string[], viewer: Viewer = passenger()) =>
  subgraph.request(HOLD, holdInput(tripId, seats), viewer);
const bookingRow = async (id: string) => (await db().select().from(bookings).where(eq(bookings.id, id)))[0]!;
const refundsRequested = async (bookingId: string) =>
  (await db().select().from(outbox).where(eq(outbox.type, 'refund.requested')))
    .map((row) => row.payload as { bookingId: string; reason: string })
    .filter((payload) => payload.bookingId === bookingId);
/**
 * A change of the trip committed while a hold waits: `change` runs in a transaction that holds the trip row
 * FOR UPDATE, as replication does, and commits once the hold is waiting on it.
 */
async function whileHoldWaits(tripId: string, seats: string[], change: (tx: Tx) => Promise<void>) {
  const replication = await holdingLocks(subgraph, async (tx) => {
    await new TripRepository(tx).lockById(tripId);
    await change(tx);
  });
  const request = inFlight(hold(tripId, seats));
  await untilWaiting(request, async () => (await lockWaiters(subgraph)) >= 1);
  await replication.release();
  return request.answer;
}

describe('a hold and a change of its trip committed meanwhile', () => {
  it('refuses a hold on a trip cancelled while the hold waited for it', async () => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    const result = await whileHoldWaits(trip.tripId, ['2A'], async (tx) => {
      await tx.update(trips).set({ status: 'CANCELLED' }).where(eq(trips.id, trip.tripId));
    });
    expect(result.errors?.[0]).toMatchObject({
      message: 'This trip is no longer open for booking',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses a seat the new bus dropped while the hold waited for the trip', async () => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    const result = await whileHoldWaits(trip.tripId, ['3D'], async (tx) => {
      await tx.delete(tripSeats).where(sql`${tripSeats.tripId} = ${trip.tripId} and ${tripSeats.label} = '3D'`);
    });
    expect(result.errors?.[0]).toMatchObject({
      message: 'No such seat on this trip: 3D',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('does not leave a hold open on a trip cancelled while the account’s other hold was being made', async () => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    const viewer = passenger();
    // The account's hold-limit lock, as its other hold in flight holds it.
    const other = await holdingLocks(subgraph, (tx) =>
      tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`ticketing.holds:${viewer.userId}`}, 0))`),
    );
    const request = inFlight(hold(trip.tripId, ['2B'], viewer));
    await untilWaiting(request, async () => (await lockWaiters(subgraph)) >= 1);
    await deliver('trip.cancelled', {
      tripId: trip.tripId,
      companyId: trip.companyId,
      reason: 'Breakdown',
      version: 2,
    });
    await other.release();
    const result = await request.answer;
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('a new bus without a seat already sold', () => {
  const seatsOf = async (tripId: string) =>
    (await db().select().from(tripSeats).where(eq(tripSeats.tripId, tripId))).map((seat) => seat.label).sort();
  const seatCount = async (tripId: string) =>
    (await db().select().from(trips).where(eq(trips.id, tripId)))[0]!.seatCount;

  it('keeps the seat for its passenger, out of the seat map and the count, and sells it to nobody after', async () => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    const owner = passenger();
    const bookingId = (await hold(trip.tripId, ['3D'], owner)).data!.holdSeats.id as string;
    const smaller = trip.seats.filter((seat) => seat.label !== '3D');
    await deliver('trip.updated', { ...trip, version: 2, seats: smaller });
    // Kept for its ticket, but not a seat of this bus: not counted, not on the map.
    expect(await seatsOf(trip.tripId)).toContain('3D');
    expect(await seatCount(trip.tripId)).toBe(11);
    const map = await subgraph.request(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Trip { seatMap { label } } } }',
      { r: [{ __typename: 'Trip', id: trip.tripId }] },
    );
    expect((map.data!._entities[0].seatMap as { label: string }[]).map((seat) => seat.label)).not.toContain('3D');
    await subgraph.request('mutation($id: ID!) { cancelBooking(bookingId: $id) { id } }', { id: bookingId }, owner);
    const again = await hold(trip.tripId, ['3D']);
    expect(again.errors?.[0]).toMatchObject({
      message: 'No such seat on this trip: 3D',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    // The next snapshot removes it, no ticket occupying it any more.
    await deliver('trip.updated', { ...trip, version: 3, seats: smaller });
    expect(await seatsOf(trip.tripId)).not.toContain('3D');
    expect(await seatCount(trip.tripId)).toBe(11);
  });

  it('refuses the seat to others while its ticket keeps it, and sells it again once a layout has it again', async () => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    // A segment ticket keeps 3D from Kigali to Muhanga only; Muhanga → Huye would be free on the old bus.
    const segment = await subgraph.request(
      HOLD,
      { input: { ...holdInput(trip.tripId, ['3D']).input, boardingStop: 0, alightingStop: 1 } },
      passenger(),
    );
    expect(segment.errors).toBeUndefined();
    await deliver('trip.updated', { ...trip, version: 2, seats: trip.seats.filter((seat) => seat.label !== '3D') });
    const later = await subgraph.request(
      HOLD,
      { input: { ...holdInput(trip.tripId, ['3D']).input, boardingStop: 1, alightingStop: 2 } },
      passenger(),
    );
    expect(later.errors?.[0]?.message).toBe('No such seat on this trip: 3D');
    await deliver('trip.updated', { ...trip, version: 3 });
    const back = await subgraph.request(
      HOLD,
      { input: { ...holdInput(trip.tripId, ['3D']).input, boardingStop: 1, alightingStop: 2 } },
      passenger(),
    );
    expect(back.errors).toBeUndefined();
  });
});

describe("a route edit that renumbers the trip's stops", () => {
  const segmentHold = (tripId: string, seat: string, boardingStop: number, alightingStop: number) =>
    subgraph.request(HOLD, { input: { ...holdInput(tripId, [seat]).input, boardingStop, alightingStop } }, passenger());
  const ticketsOf = async (bookingId: string) => db().select().from(tickets).where(eq(tickets.bookingId, bookingId));
  const outboxOf = async (type: string, bookingId: string) =>
    (await db().select().from(outbox).where(eq(outbox.type, type)))
      .map((row) => row.payload as Record<string, unknown>)
      .filter((payload) => payload.bookingId === bookingId);

  it('moves every ticket to its stations’ new orders, back to back on one seat, and tells qr of paid ones', async () => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    // 1A: Kigali → Muhanga and Muhanga → Huye, two passengers back to back.
    const first = (await segmentHold(trip.tripId, '1A', 0, 1)).data!.holdSeats.id as string;
    const paid = (await segmentHold(trip.tripId, '1A', 1, 2)).data!.holdSeats;
    const second = paid.id as string;
    await payFor(deliver, second, { amount: paid.totalAmount.amount as number });
    const [kigali, muhanga, huye] = trip.stops;
    // A stop between Kigali and Muhanga: every later order moves up one (while each row changes, the two ranges
    // would overlap if moved in place).
    await deliver('trip.updated', {
      ...trip,
      version: 2,
      stops: [
        kigali!,
        { stationId: randomUUID(), code: 'RUY', name: 'Ruyenzi', city: 'Ruyenzi', order: 1, minutesFromDeparture: 30 },
        { ...muhanga!, order: 2 },
        { ...huye!, order: 3 },
      ],
    });
    expect((await ticketsOf(first))[0]).toMatchObject({ boardingStop: 0, alightingStop: 2 });
    expect((await ticketsOf(second))[0]).toMatchObject({ boardingStop: 2, alightingStop: 3 });
    // qr has passes for the paid one only (a hold confirmed later says its new orders itself).
    expect(await outboxOf('booking.stops_changed', second)).toMatchObject([
      {
        tripId: trip.tripId,
        tickets: [{ boardingStop: 2, alightingStop: 3, boarding: { name: 'Muhanga' }, alighting: { name: 'Huye' } }],
      },
    ]);
    expect(await outboxOf('booking.stops_changed', first)).toEqual([]);
    // Ruyenzi → Muhanga on 1A is the first passenger's: not sold again.
    expect((await segmentHold(trip.tripId, '1A', 1, 2)).errors?.[0]?.extensions?.code).toBe('SEAT_UNAVAILABLE');
  });

  it('leaves a trip under way its stops: a route edit reaching it boarding or departed cancels nobody', async () => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    const toMuhanga = (await segmentHold(trip.tripId, '3A', 0, 1)).data!.holdSeats;
    await payFor(deliver, toMuhanga.id as string, { amount: toMuhanga.totalAmount.amount as number });
    await deliver('trip.updated', { ...trip, version: 2, status: 'BOARDING' });
    const [kigali, , huye] = trip.stops;
    const stationsNow = async () =>
      (await db().select().from(tripStops).where(eq(tripStops.tripId, trip.tripId)))
        .sort((a, b) => a.stopOrder - b.stopOrder)
        .map((stop) => stop.name);
    // Muhanga removed from the route while the bus boards, then the departure recorded 20 minutes late.
    await deliver('trip.updated', {
      ...trip,
      version: 3,
      status: 'BOARDING',
      stops: [kigali!, { ...huye!, order: 1 }],
    });
    const late = new Date(Date.parse(trip.departureAt) + 20 * 60_000).toISOString();
    await deliver('trip.updated', {
      ...trip,
      version: 4,
      status: 'DEPARTED',
      departureAt: late,
      stops: [kigali!, { ...huye!, order: 1 }],
    });
    expect(await bookingRow(toMuhanga.id as string)).toMatchObject({ status: 'CONFIRMED' });
    expect((await ticketsOf(toMuhanga.id as string))[0]).toMatchObject({ boardingStop: 0, alightingStop: 1 });
    expect(await outboxOf('booking.cancelled', toMuhanga.id as string)).toEqual([]);
    expect(await stationsNow()).toEqual(['Nyabugogo', 'Muhanga', 'Huye']);
    // Its times follow the late departure.
    const [first] = (await db().select().from(tripStops).where(eq(tripStops.tripId, trip.tripId))).sort(
      (a, b) => a.stopOrder - b.stopOrder,
    );
    expect(first!.departsAt.toISOString()).toBe(late);
  });

  it('cancels, refunding in full, a paid booking whose station the route no longer has', async () => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    const toMuhanga = (await segmentHold(trip.tripId, '2A', 0, 1)).data!.holdSeats;
    await payFor(deliver, toMuhanga.id as string, { amount: toMuhanga.totalAmount.amount as number });
    const [kigali, , huye] = trip.stops;
    await deliver('trip.updated', { ...trip, version: 2, stops: [kigali!, { ...huye!, order: 1 }] });
    expect(await bookingRow(toMuhanga.id as string)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'ROUTE_CHANGED',
      refundAmount: toMuhanga.totalAmount.amount,
    });
    expect(await outboxOf('booking.cancelled', toMuhanga.id as string)).toMatchObject([
      { reason: 'ROUTE_CHANGED', refund: { amount: toMuhanga.totalAmount.amount } },
    ]);
  });

  it('moves a boarded passenger’s ticket too, and never cancels it when its station goes', async () => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    const held = (await hold(trip.tripId, ['1C'])).data!.holdSeats;
    await payFor(deliver, held.id as string, { amount: held.totalAmount.amount as number });
    const [ticket] = await ticketsOf(held.id as string);
    await deliver('ticket.boarded', { ticketId: ticket!.id, bookingId: held.id });
    expect((await ticketsOf(held.id as string))[0]?.status).toBe('BOARDED');
    const [kigali, muhanga, huye] = trip.stops;
    const ruyenzi = {
      stationId: randomUUID(),
      code: 'RUY',
      name: 'Ruyenzi',
      city: 'Ruyenzi',
      order: 1,
      minutesFromDeparture: 30,
    };
    await deliver('trip.updated', {
      ...trip,
      version: 2,
      stops: [kigali!, ruyenzi, { ...muhanga!, order: 2 }, { ...huye!, order: 3 }],
    });
    expect((await ticketsOf(held.id as string))[0]).toMatchObject({ boardingStop: 0, alightingStop: 3 });
    expect((await segmentHold(trip.tripId, '1C', 2, 3)).errors?.[0]?.extensions?.code).toBe('SEAT_UNAVAILABLE');
    // Its last stop removed: still on the bus, kept over the whole route, and the trip's later snapshots apply.
    await deliver('trip.updated', { ...trip, version: 3, stops: [kigali!, { ...ruyenzi }, { ...muhanga!, order: 2 }] });
    expect(await bookingRow(held.id as string)).toMatchObject({ status: 'CONFIRMED' });
    expect((await ticketsOf(held.id as string))[0]).toMatchObject({ boardingStop: 0, alightingStop: 2 });
    await deliver('trip.updated', {
      ...trip,
      version: 4,
      status: 'DEPARTED',
      stops: [kigali!, { ...ruyenzi }, { ...muhanga!, order: 2 }],
    });
    expect((await db().select().from(trips).where(eq(trips.id, trip.tripId)))[0]?.status).toBe('DEPARTED');
  });

  /** Kigali (0) → Muhanga (1) → Nyanza (2) → Huye (3), and a seat paid from one stop to another of it. */
  const fourStops = () => {
    const stop = (name: string, order: number) => {
      const station = { stationId: randomUUID(), code: name.slice(0, 3).toUpperCase(), name, city: name };
      return { ...station, order, minutesFromDeparture: order * 60 };
    };
    return tripSnapshot({ stops: ['Kigali', 'Muhanga', 'Nyanza', 'Huye'].map(stop) });
  };
  const paidSegment = async (tripId: string, seat: string, from: number, to: number) => {
    const held = (await segmentHold(tripId, seat, from, to)).data!.holdSeats;
    await payFor(deliver, held.id as string, { amount: held.totalAmount.amount as number });
    return held.id as string;
  };

  it('keeps a boarded passenger over the stretch they may still travel, and moves the others around them', async () => {
    const trip = fourStops();
    await deliver('trip.scheduled', trip);
    const [kigali, , nyanza, huye] = trip.stops;
    // 1A: Kigali → Muhanga, on board already (boarding opens before the departure); Nyanza → Huye, another passenger.
    const boarded = await paidSegment(trip.tripId, '1A', 0, 1);
    const [ticket] = await ticketsOf(boarded);
    await deliver('ticket.boarded', { ticketId: ticket!.id, bookingId: boarded });
    const onward = await paidSegment(trip.tripId, '1A', 2, 3);
    const otherSeat = await paidSegment(trip.tripId, '2A', 2, 3);
    // Muhanga leaves the route. Kept over the whole route, the boarded ticket would clash with the onward one, and
    // every ticket of the trip was left on orders that name other stations now (2A Nyanza → Huye sold twice).
    await deliver('trip.updated', {
      ...trip,
      version: 2,
      stops: [kigali!, { ...nyanza!, order: 1 }, { ...huye!, order: 2 }],
    });
    expect((await ticketsOf(boarded))[0]).toMatchObject({ status: 'BOARDED', boardingStop: 0, alightingStop: 1 });
    for (const bookingId of [onward, otherSeat]) {
      expect(await bookingRow(bookingId)).toMatchObject({ status: 'CONFIRMED' });
      expect((await ticketsOf(bookingId))[0]).toMatchObject({ boardingStop: 1, alightingStop: 2 });
    }
    for (const seat of ['1A', '2A'])
      expect((await segmentHold(trip.tripId, seat, 1, 2)).errors?.[0]?.extensions?.code).toBe('SEAT_UNAVAILABLE');
  });

  it('cancels, refunding in full, the later of two bookings that reordered stops put on one seat at once', async () => {
    const trip = fourStops();
    await deliver('trip.scheduled', trip);
    const [kigali, muhanga, nyanza, huye] = trip.stops;
    const first = await paidSegment(trip.tripId, '3A', 0, 1);
    const second = await paidSegment(trip.tripId, '3A', 2, 3);
    // Kigali → Nyanza → Muhanga → Huye: Kigali → Muhanga is 0 → 2 now, Nyanza → Huye 1 → 3: both on Nyanza → Muhanga.
    await deliver('trip.updated', {
      ...trip,
      version: 2,
      stops: [kigali!, { ...nyanza!, order: 1 }, { ...muhanga!, order: 2, minutesFromDeparture: 120 }, huye!],
    });
    expect(await bookingRow(first)).toMatchObject({ status: 'CONFIRMED' });
    expect((await ticketsOf(first))[0]).toMatchObject({ boardingStop: 0, alightingStop: 2 });
    expect(await outboxOf('booking.stops_changed', first)).toMatchObject([
      {
        tickets: [{ boardingStop: 0, alightingStop: 2, boarding: { name: 'Kigali' }, alighting: { name: 'Muhanga' } }],
      },
    ]);
    const refund = (await bookingRow(second)).totalAmount;
    expect(await bookingRow(second)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'ROUTE_CHANGED',
      refundAmount: refund,
    });
    expect(await outboxOf('booking.cancelled', second)).toMatchObject([{ reason: 'ROUTE_CHANGED' }]);
    expect((await segmentHold(trip.tripId, '3A', 1, 2)).errors?.[0]?.extensions?.code).toBe('SEAT_UNAVAILABLE');
    // The rest of the road is free again: Muhanga → Huye.
    expect((await segmentHold(trip.tripId, '3A', 2, 3)).errors).toBeUndefined();
  });

  it('keeps the seat for a paid booking before an earlier hold when reordered stops put both on it', async () => {
    const trip = fourStops();
    await deliver('trip.scheduled', trip);
    const [kigali, muhanga, nyanza, huye] = trip.stops;
    const held = (await segmentHold(trip.tripId, '2B', 0, 1)).data!.holdSeats.id as string;
    const paid = await paidSegment(trip.tripId, '2B', 2, 3);
    await deliver('trip.updated', {
      ...trip,
      version: 2,
      stops: [kigali!, { ...nyanza!, order: 1 }, { ...muhanga!, order: 2, minutesFromDeparture: 120 }, huye!],
    });
    expect(await bookingRow(paid)).toMatchObject({ status: 'CONFIRMED' });
    expect((await ticketsOf(paid))[0]).toMatchObject({ boardingStop: 1, alightingStop: 3 });
    expect(await bookingRow(held)).toMatchObject({ status: 'CANCELLED', cancellationReason: 'ROUTE_CHANGED' });
  });

  it('leaves tickets as they are when the new stops carry no station ids', async () => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    const held = (await segmentHold(trip.tripId, '1D', 1, 2)).data!.holdSeats.id as string;
    await deliver('trip.updated', {
      ...trip,
      version: 2,
      stops: trip.stops.map((stop, order) => ({ ...stop, stationId: null, order })),
    });
    expect(await bookingRow(held)).toMatchObject({ status: 'HELD' });
    expect((await ticketsOf(held))[0]).toMatchObject({ boardingStop: 1, alightingStop: 2 });
  });

  it('changes nothing when a stop is added after the last one', async () => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    const whole = (await hold(trip.tripId, ['3B'])).data!.holdSeats.id as string;
    await deliver('trip.updated', {
      ...trip,
      version: 2,
      stops: [
        ...trip.stops,
        {
          stationId: randomUUID(),
          code: 'NYA',
          name: 'Nyamagabe',
          city: 'Nyamagabe',
          order: 3,
          minutesFromDeparture: 240,
        },
      ],
    });
    expect((await ticketsOf(whole))[0]).toMatchObject({ boardingStop: 0, alightingStop: 2 });
    expect(await outboxOf('booking.stops_changed', whole)).toEqual([]);
  });
});

describe('holds and the departure of their bus', () => {
  it('ends a hold at departure at the latest', async () => {
    const departureAt = new Date(Date.now() + 5 * MINUTE);
    const trip = tripSnapshot({
      departureAt: departureAt.toISOString(),
      arrivalAt: new Date(departureAt.getTime() + 180 * MINUTE).toISOString(),
    });
    await deliver('trip.scheduled', trip);
    const held = await hold(trip.tripId, ['1A']);
    expect(held.errors).toBeUndefined();
    expect(new Date(held.data!.holdSeats.expiresAt as string).getTime()).toBe(departureAt.getTime());
  });

  it('ends the unpaid holds of a trip when its bus departs, and hands back a payment that comes after', async () => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    const held = await hold(trip.tripId, ['2C']);
    const bookingId = held.data!.holdSeats.id as string;
    await deliver('trip.updated', { ...trip, version: 2, status: 'BOARDING' });
    expect((await bookingRow(bookingId)).status).toBe('HELD');
    await deliver('trip.updated', { ...trip, version: 3, status: 'DEPARTED' });
    expect((await bookingRow(bookingId)).status).toBe('EXPIRED');
    await payFor(deliver, bookingId);
    expect((await bookingRow(bookingId)).status).toBe('EXPIRED');
    expect(await refundsRequested(bookingId)).toMatchObject([{ reason: 'PAID_AFTER_EXPIRY' }]);
  });

  it('confirms a hold paid while its bus is boarding', async () => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    const bookingId = (await hold(trip.tripId, ['2D'])).data!.holdSeats.id as string;
    await deliver('trip.updated', { ...trip, version: 2, status: 'BOARDING' });
    await payFor(deliver, bookingId);
    expect((await bookingRow(bookingId)).status).toBe('CONFIRMED');
  });

  it.each([
    [
      'has departed (not yet swept)',
      { status: 'SCHEDULED', departureAt: new Date(Date.now() - MINUTE) },
      'EXPIRED',
      'PAID_AFTER_DEPARTURE',
    ],
    ['is marked DEPARTED', { status: 'DEPARTED' }, 'EXPIRED', 'PAID_AFTER_DEPARTURE'],
    ['is cancelled', { status: 'CANCELLED' }, 'CANCELLED', 'PAID_AFTER_TRIP_CANCELLED'],
  ])(
    'hands back the payment of a hold still open whose trip %s, instead of confirming it',
    async (_, change, status, reason) => {
      const trip = tripSnapshot();
      await deliver('trip.scheduled', trip);
      const bookingId = (await hold(trip.tripId, ['3A'])).data!.holdSeats.id as string;
      // Written directly: the events that lead here end open holds themselves (above).
      await db().update(trips).set(change).where(eq(trips.id, trip.tripId));
      await payFor(deliver, bookingId);
      expect((await bookingRow(bookingId)).status).toBe(status);
      expect(await refundsRequested(bookingId)).toMatchObject([{ reason }]);
    },
  );
});

it('does not offer in a search a trip whose bus has left its first stop (no hold on it would be taken)', async () => {
  // Left Kigali 10 minutes ago, still SCHEDULED; reaches Muhanga in 65 minutes.
  const departureAt = new Date(Date.now() - 10 * MINUTE);
  const trip = tripSnapshot({
    departureAt: departureAt.toISOString(),
    arrivalAt: new Date(departureAt.getTime() + 180 * MINUTE).toISOString(),
  });
  await deliver('trip.scheduled', trip);
  const date = localDateInKigali(new Date(departureAt.getTime() + 75 * MINUTE));
  const search = await subgraph.request(
    'query($input: SearchTripsInput!) { searchTrips(input: $input) { id } }',
    { input: { originCity: 'Muhanga', destinationCity: 'Huye', date, passengers: 1 } },
    passenger(),
  );
  expect(search.errors).toBeUndefined();
  expect((search.data!.searchTrips as { id: string }[]).map((t) => t.id)).not.toContain(trip.tripId);
});

// trip.cancelled and trip.scheduled travel on separate streams: a cancellation that came first was retried until the
// bus dead-lettered it (10 deliveries), and the trip then sold seats although it was cancelled.
describe('a trip cancelled before its snapshot arrived', () => {
  const cancelled = (trip: ReturnType<typeof tripSnapshot>) => ({
    tripId: trip.tripId,
    companyId: trip.companyId,
    reason: 'Breakdown',
    cancelledAt: new Date().toISOString(),
    version: 2,
  });

  it('is stored cancelled when the snapshot comes, and sells none of its seats', async () => {
    const trip = tripSnapshot({ rows: 1 });
    await deliver('trip.cancelled', cancelled(trip));
    await deliver('trip.cancelled', cancelled(trip));
    await deliver('trip.scheduled', trip);
    const [row] = await db().select().from(trips).where(eq(trips.id, trip.tripId));
    expect(row).toMatchObject({ status: 'CANCELLED', version: 2 });
    const refused = await hold(trip.tripId, ['1A']);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'tripId' });
    // A later snapshot does not bring it back.
    await deliver('trip.updated', { ...trip, version: 3 });
    expect((await db().select().from(trips).where(eq(trips.id, trip.tripId)))[0]?.status).toBe('CANCELLED');
  });

  it('is forgotten 30 days after it came, by the retention worker’s rule (its snapshot never came)', async () => {
    const [old, recent] = [tripSnapshot({ rows: 1 }), tripSnapshot({ rows: 1 })];
    await deliver('trip.cancelled', cancelled(old));
    await deliver('trip.cancelled', cancelled(recent));
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600_000);
    await db()
      .update(earlyCancellations)
      .set({ receivedAt: daysAgo(31) })
      .where(eq(earlyCancellations.tripId, old.tripId));
    await db()
      .update(earlyCancellations)
      .set({ receivedAt: daysAgo(29) })
      .where(eq(earlyCancellations.tripId, recent.tripId));
    const rule = subgraph.server.events.retention.find((r) => r.table === earlyCancellations)!;
    expect(rule.keepMs).toBe(EARLY_CANCELLATIONS_RETENTION_MS);
    await deleteExpired(db(), rule);
    const left = await db()
      .select({ tripId: earlyCancellations.tripId })
      .from(earlyCancellations)
      .where(inArray(earlyCancellations.tripId, [old.tripId, recent.tripId]));
    expect(left.map((row) => row.tripId)).toEqual([recent.tripId]);
  });

  it('ends cancelled when the two come at once (five rounds)', async () => {
    for (let round = 0; round < 5; round++) {
      const trip = tripSnapshot({ rows: 1 });
      await Promise.all([deliver('trip.cancelled', cancelled(trip)), deliver('trip.scheduled', trip)]);
      const [row] = await db().select().from(trips).where(eq(trips.id, trip.tripId));
      expect(row?.status).toBe('CANCELLED');
    }
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '@busline/shared';
import { companyAdmin, publishAll } from './dashboard-scenario';
import { startUser, type UserSubgraph } from './user-harness';

const HOUR = 3600_000;
let subgraph: UserSubgraph;
const ids = { company: randomUUID(), route: randomUUID(), trip: randomUUID() };
const now = Date.now();
const window = { from: new Date(now - 24 * HOUR).toISOString(), to: new Date(now + 7 * 24 * HOUR).toISOString() };
const departure = new Date(now + 48 * HOUR).toISOString();
const rwf = (amount: number) => ({ amount, currency: 'RWF' });

/** Kigali (0) → Musanze (1) → Rubavu (2), 10 seats: bookings per segment, one from before segments, one cancelled. */
function events(): DomainEvent[] {
  const list: DomainEvent[] = [];
  const emit = (type: string, payload: Record<string, unknown>) =>
    list.push({
      id: randomUUID(),
      type,
      source: type.split('.')[0]!,
      occurredAt: new Date(now - HOUR).toISOString(),
      payload,
    });
  emit('trip.scheduled', {
    tripId: ids.trip,
    companyId: ids.company,
    routeId: ids.route,
    version: 1,
    status: 'SCHEDULED',
    departureAt: departure,
    arrivalAt: new Date(now + 51 * HOUR).toISOString(),
    stops: ['Kigali', 'Musanze', 'Rubavu'].map((city, order) => ({ city, order, minutesFromDeparture: order * 90 })),
    seats: Array.from({ length: 10 }, (_, i) => ({ label: `${i + 1}A` })),
  });
  const sell = (
    seats: number,
    amount: number,
    segment: { boardingStop: number; alightingStop: number } | null,
    where: 'held' | 'tickets',
    cancel = false,
  ) => {
    const bookingId = randomUUID();
    const tickets = Array.from({ length: seats }, () => ({
      ticketId: randomUUID(),
      seatNumber: 'x',
      passengerName: 'P',
      ...(segment && where === 'tickets' ? segment : {}),
    }));
    const base = {
      bookingId,
      tripId: ids.trip,
      companyId: ids.company,
      userId: randomUUID(),
      tickets,
      totalAmount: rwf(amount),
      departureAt: departure,
    };
    emit('booking.held', { ...base, ...(segment && where === 'held' ? segment : {}) });
    emit('booking.confirmed', { ...base, paymentId: randomUUID() });
    if (cancel) emit('booking.cancelled', { bookingId, tripId: ids.trip, companyId: ids.company, userId: base.userId });
  };
  sell(2, 7_000, { boardingStop: 0, alightingStop: 1 }, 'held');
  sell(1, 2_000, { boardingStop: 1, alightingStop: 2 }, 'tickets');
  sell(1, 5_000, null, 'held');
  sell(1, 3_500, { boardingStop: 0, alightingStop: 1 }, 'held', true);
  return list;
}

beforeAll(async () => {
  subgraph = await startUser();
  await publishAll(subgraph, events());
});
afterAll(() => subgraph.stop());

const QUERY = `query($c: ID!, $from: DateTime!, $to: DateTime!) { companyDashboard(companyId: $c, from: $from, to: $to) {
  segmentOccupancy { routeId fromStop toStop fromCity toCity trips seatsSold seatCount occupancy }
  revenueByPair { routeId boardingStop alightingStop origin destination bookings seatsSold revenue { amount currency } }
} }`;

describe('company dashboard by segment', () => {
  it('fills each leg with the bookings that ride it (whole-route bookings on every leg, cancelled ones on none)', async () => {
    const result = await subgraph.request(QUERY, { c: ids.company, ...window }, companyAdmin(ids.company));
    expect(result.errors).toBeUndefined();
    expect(result.data!.companyDashboard.segmentOccupancy).toEqual([
      {
        routeId: ids.route,
        fromStop: 0,
        toStop: 1,
        fromCity: 'Kigali',
        toCity: 'Musanze',
        trips: 1,
        seatsSold: 3,
        seatCount: 10,
        occupancy: 0.3,
      },
      {
        routeId: ids.route,
        fromStop: 1,
        toStop: 2,
        fromCity: 'Musanze',
        toCity: 'Rubavu',
        trips: 1,
        seatsSold: 2,
        seatCount: 10,
        occupancy: 0.2,
      },
    ]);
  });

  it('adds up what each origin–destination pair sold, highest revenue first', async () => {
    const result = await subgraph.request(QUERY, { c: ids.company, ...window }, companyAdmin(ids.company));
    expect(result.data!.companyDashboard.revenueByPair).toEqual([
      {
        routeId: ids.route,
        boardingStop: 0,
        alightingStop: 1,
        origin: 'Kigali',
        destination: 'Musanze',
        bookings: 1,
        seatsSold: 2,
        revenue: rwf(7_000),
      },
      {
        routeId: ids.route,
        boardingStop: null,
        alightingStop: null,
        origin: 'Kigali',
        destination: 'Rubavu',
        bookings: 1,
        seatsSold: 1,
        revenue: rwf(5_000),
      },
      {
        routeId: ids.route,
        boardingStop: 1,
        alightingStop: 2,
        origin: 'Musanze',
        destination: 'Rubavu',
        bookings: 1,
        seatsSold: 1,
        revenue: rwf(2_000),
      },
    ]);
  });

  it("refuses another company's admin", async () => {
    const result = await subgraph.request(QUERY, { c: ids.company, ...window }, companyAdmin(randomUUID()));
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('company dashboard after a route edit', () => {
  /**
   * Kigali (0) → Musanze (1) → Rubavu (2), then Nyabihu added before Musanze (version 2): a Musanze → Rubavu
   * booking now rides stops 2 → 3 (booking.stops_changed).
   */
  function routeEdit(company: string, route: string, trip: string): DomainEvent[] {
    const bookingId = randomUUID();
    const ticketId = randomUUID();
    const event = (type: string, payload: Record<string, unknown>): DomainEvent => ({
      id: randomUUID(),
      type,
      source: type.split('.')[0]!,
      occurredAt: new Date(now - HOUR).toISOString(),
      payload,
    });
    const snapshot = (version: number, cities: string[]) => ({
      tripId: trip,
      companyId: company,
      routeId: route,
      version,
      status: 'SCHEDULED',
      departureAt: departure,
      arrivalAt: new Date(now + 51 * HOUR).toISOString(),
      stops: cities.map((city, order) => ({ city, order, minutesFromDeparture: order * 60 })),
      seats: Array.from({ length: 10 }, (_, i) => ({ label: `${i + 1}A` })),
    });
    const booking = {
      bookingId,
      tripId: trip,
      companyId: company,
      userId: randomUUID(),
      totalAmount: rwf(4_000),
      departureAt: departure,
    };
    const renumbered = (version: number, boardingStop: number, alightingStop: number) =>
      event('booking.stops_changed', {
        bookingId,
        tripId: trip,
        version,
        tickets: [{ ticketId, boardingStop, alightingStop, boarding: null, alighting: null }],
      });
    return [
      event('trip.scheduled', snapshot(1, ['Kigali', 'Musanze', 'Rubavu'])),
      event('trip.updated', snapshot(2, ['Kigali', 'Nyabihu', 'Musanze', 'Rubavu'])),
      renumbered(2, 2, 3),
      // Read late, the hold and the confirmation carry the orders they were sent with: the renumbering outranks them.
      event('booking.held', {
        ...booking,
        boardingStop: 1,
        alightingStop: 2,
        tickets: [{ ticketId, seatNumber: '1A', passengerName: 'P' }],
      }),
      event('booking.confirmed', {
        ...booking,
        paymentId: randomUUID(),
        tickets: [{ ticketId, seatNumber: '1A', passengerName: 'P', boardingStop: 1, alightingStop: 2 }],
      }),
      // An older renumbering read last changes nothing.
      renumbered(1, 0, 1),
    ];
  }

  it('counts a booking at the stops a route edit moved it to, whatever order the events arrive in', async () => {
    const company = randomUUID();
    const route = randomUUID();
    const trip = randomUUID();
    const events = routeEdit(company, route, trip);
    // The renumbering read first, then the hold and confirmation it follows, then an older renumbering.
    await publishAll(subgraph, events.slice(0, 3));
    await publishAll(subgraph, events.slice(3));
    const result = await subgraph.request(QUERY, { c: company, ...window }, companyAdmin(company));
    expect(result.errors).toBeUndefined();
    const { segmentOccupancy, revenueByPair } = result.data!.companyDashboard;
    expect(segmentOccupancy.map((leg: any) => [leg.fromCity, leg.toCity, leg.seatsSold])).toEqual([
      ['Kigali', 'Nyabihu', 0],
      ['Nyabihu', 'Musanze', 0],
      ['Musanze', 'Rubavu', 1],
    ]);
    expect(
      revenueByPair.map((pair: any) => [pair.boardingStop, pair.alightingStop, pair.origin, pair.destination]),
    ).toEqual([[2, 3, 'Musanze', 'Rubavu']]);
  });
});

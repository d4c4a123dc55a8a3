// A route edit inserts a stop (Muhanga) between Kigali and Musanze: updateRoute re-sends the upcoming trips with
// the new stops (Kigali 0, Muhanga 1, Musanze 2), while a trip that already ran keeps Kigali 0, Musanze 1. Stop
// orders name different stations on the two trips, so a window holding both must not add them up as one leg or pair.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventLog, publishAll } from './dashboard-scenario';
import { startUser, type UserSubgraph } from './user-harness';

const HOUR = 3600_000;
let subgraph: UserSubgraph;
const ids = { company: randomUUID(), route: randomUUID(), past: randomUUID(), next: randomUUID() };
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
const window = { from: iso(now - 3 * 24 * HOUR), to: iso(now + 3 * 24 * HOUR) };
const rwf = (amount: number) => ({ amount, currency: 'RWF' });

beforeAll(async () => {
  subgraph = await startUser();
  const { events, emit } = eventLog();
  const trip = (tripId: string, departure: number, cities: string[]) =>
    emit('trip.scheduled', iso(now - 4 * 24 * HOUR), {
      tripId,
      companyId: ids.company,
      routeId: ids.route,
      version: 1,
      status: 'SCHEDULED',
      departureAt: iso(departure),
      arrivalAt: iso(departure + 3 * HOUR),
      stops: cities.map((city, order) => ({ city, order })),
      seats: Array.from({ length: 10 }, (_, i) => ({ label: `${i + 1}A` })),
    });
  const pastDeparture = now - 24 * HOUR;
  const nextDeparture = now + 24 * HOUR;
  trip(ids.past, pastDeparture, ['Kigali', 'Musanze']);
  trip(ids.next, nextDeparture, ['Kigali', 'Muhanga', 'Musanze']);
  const sell = (tripId: string, departure: number, amount: number, boardingStop: number, alightingStop: number) => {
    const booking = {
      bookingId: randomUUID(),
      tripId,
      companyId: ids.company,
      userId: randomUUID(),
      tickets: [{ ticketId: randomUUID(), seatNumber: '1A', passengerName: 'P', boardingStop, alightingStop }],
      boardingStop,
      alightingStop,
      totalAmount: rwf(amount),
      departureAt: iso(departure),
    };
    emit('booking.held', iso(now - 2 * 24 * HOUR), booking);
    emit('booking.confirmed', iso(now - 2 * 24 * HOUR), { ...booking, paymentId: randomUUID() });
  };
  // Kigali → Musanze on the trip that ran (orders 0 → 1), Kigali → Muhanga on the next one (orders 0 → 1 too).
  sell(ids.past, pastDeparture, 8_000, 0, 1);
  sell(ids.next, nextDeparture, 3_000, 0, 1);
  await publishAll(subgraph, events);
});
afterAll(() => subgraph.stop());

const admin = () => ({ userId: randomUUID(), role: 'COMPANY_ADMIN' as const, companyId: ids.company });

describe('company dashboard over trips of one route before and after a stop was inserted', () => {
  it('keeps Kigali → Musanze and Kigali → Muhanga apart in revenueByPair', async () => {
    const result = await subgraph.request(
      `query($c: ID!, $from: DateTime!, $to: DateTime!) { companyDashboard(companyId: $c, from: $from, to: $to) {
         revenueByPair { origin destination bookings revenue { amount } }
       } }`,
      { c: ids.company, ...window },
      admin(),
    );
    expect(result.errors).toBeUndefined();
    const pairs = result.data!.companyDashboard.revenueByPair;
    // Grouped by stop orders alone, they were one pair "Kigali → Musanze", 2 bookings, 11,000 RWF.
    expect(pairs).toEqual(
      expect.arrayContaining([
        { origin: 'Kigali', destination: 'Musanze', bookings: 1, revenue: { amount: 8_000 } },
        { origin: 'Kigali', destination: 'Muhanga', bookings: 1, revenue: { amount: 3_000 } },
      ]),
    );
    expect(pairs).toHaveLength(2);
  });

  it('never labels a leg with a city its seats do not ride to in segmentOccupancy', async () => {
    const result = await subgraph.request(
      `query($c: ID!, $from: DateTime!, $to: DateTime!) { companyDashboard(companyId: $c, from: $from, to: $to) {
         segmentOccupancy { fromCity toCity trips seatsSold }
       } }`,
      { c: ids.company, ...window },
      admin(),
    );
    expect(result.errors).toBeUndefined();
    const legs = result.data!.companyDashboard.segmentOccupancy;
    // The seat sold Kigali → Muhanga rides Kigali → Muhanga; the one sold Kigali → Musanze (past trip) rides
    // Kigali → Musanze. Grouped by stop orders alone, both were one leg "Kigali → Musanze" of 2 trips.
    const kigaliMuhanga = legs.find(
      (l: { fromCity: string; toCity: string }) => l.fromCity === 'Kigali' && l.toCity === 'Muhanga',
    );
    const kigaliMusanze = legs.find(
      (l: { fromCity: string; toCity: string }) => l.fromCity === 'Kigali' && l.toCity === 'Musanze',
    );
    expect(kigaliMuhanga).toMatchObject({ trips: 1, seatsSold: 1 });
    expect(kigaliMusanze).toMatchObject({ trips: 1, seatsSold: 1 });
  });
});

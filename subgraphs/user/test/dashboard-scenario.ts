import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DomainEvent } from '@busline/shared';
import { eventually } from '@busline/shared/testing';
import { processedEvents } from '../src/db/schema';
import type { UserSubgraph } from './user-harness';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Kigali midnight two days ago: the scenario's day 0 (Kigali is UTC+2 all year). */
export function scenarioDay0(now = new Date()): Date {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Kigali' }).format(
    new Date(now.getTime() - 2 * DAY),
  );
  return new Date(`${date}T00:00:00+02:00`);
}

const rwf = (amount: number) => ({ amount, currency: 'RWF' });

/**
 * A realistic week of one company (and a little of another): a future trip and a past one on
 * the same route, bookings held, paid and confirmed, one cancelled and refunded, one expired,
 * two passengers boarded.
 */
/** Domain events a test writes in order (`emit`), to publish with publishAll; the source is the type's prefix. */
export function eventLog() {
  const events: DomainEvent[] = [];
  const emit = (type: string, occurredAt: string, payload: Record<string, unknown>) =>
    events.push({ id: randomUUID(), type, source: type.split('.')[0]!, occurredAt, payload });
  return { events, emit };
}

/**
 * company.created (Volcano, Kigali, RWF) at `createdAt` and trip.scheduled of its Kigali → Musanze trip of ten seats,
 * leaving at `departure` and arriving two hours later, at `scheduledAt`: what a small test of the dashboards starts
 * from.
 */
export function emitCompanyAndTrip(
  emit: ReturnType<typeof eventLog>['emit'],
  ids: { company: string; trip: string; route: string },
  times: { createdAt: string; scheduledAt: string; departure: string },
): void {
  emit('company.created', times.createdAt, {
    companyId: ids.company,
    name: 'Volcano',
    timeZone: 'Africa/Kigali',
    currency: 'RWF',
  });
  emit('trip.scheduled', times.scheduledAt, {
    tripId: ids.trip,
    companyId: ids.company,
    routeId: ids.route,
    version: 1,
    status: 'SCHEDULED',
    departureAt: times.departure,
    arrivalAt: new Date(Date.parse(times.departure) + 2 * HOUR).toISOString(),
    stops: [
      { city: 'Kigali', order: 0 },
      { city: 'Musanze', order: 1 },
    ],
    seats: Array.from({ length: 10 }, (_, i) => ({ label: `${i + 1}A` })),
  });
}

export function buildScenario(now = new Date()) {
  const day0 = scenarioDay0(now);
  const at = (day: number, hour: number, minute = 0) =>
    new Date(day0.getTime() + day * DAY + hour * HOUR + minute * 60_000).toISOString();
  const ids = {
    company: randomUUID(),
    otherCompany: randomUUID(),
    route: randomUUID(),
    otherRoute: randomUUID(),
    futureTrip: randomUUID(),
    pastTrip: randomUUID(),
    otherTrip: randomUUID(),
    alice: randomUUID(),
    bob: randomUUID(),
    carol: randomUUID(),
  };
  const futureDeparture = new Date(now.getTime() + 3 * DAY);
  const { events, emit } = eventLog();

  const snapshot = (
    tripId: string,
    companyId: string,
    routeId: string,
    version: number,
    departure: Date,
    seats: number,
    cities = ['Kigali', 'Musanze'],
  ) => ({
    tripId,
    companyId,
    routeId,
    busId: randomUUID(),
    driverId: null,
    version,
    status: 'SCHEDULED',
    departureAt: departure.toISOString(),
    arrivalAt: new Date(departure.getTime() + 2 * HOUR).toISOString(),
    price: rwf(5000),
    stops: cities.map((city, order) => ({
      stationId: randomUUID(),
      code: city.slice(0, 3).toUpperCase(),
      name: city,
      city,
      order,
      minutesFromDeparture: order * 120,
    })),
    seats: Array.from({ length: seats }, (_, i) => ({ label: `${i + 1}A`, deck: 1, row: i + 1, column: 'A' })),
    refundPolicy: { tiers: [{ minHoursBeforeDeparture: 24, refundPercent: 90 }] },
  });
  const tickets = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      ticketId: randomUUID(),
      seatNumber: `${i + 1}A`,
      passengerName: 'Traveller',
    }));

  emit('company.created', at(0, 1), { companyId: ids.company, name: 'Volcano', slug: 'volcano', refundPolicy: null });
  emit('company.updated', at(0, 2), {
    companyId: ids.company,
    name: 'Volcano Coaches',
    slug: 'volcano',
    refundPolicy: null,
  });
  emit('company.created', at(0, 1), {
    companyId: ids.otherCompany,
    name: 'Kivu Shuttle',
    slug: 'kivu',
    refundPolicy: null,
  });
  // The future trip moved by an hour (version 2); its bus has 30 seats.
  emit(
    'trip.scheduled',
    at(0, 3),
    snapshot(ids.futureTrip, ids.company, ids.route, 1, new Date(futureDeparture.getTime() - HOUR), 30),
  );
  emit('trip.updated', at(0, 4), snapshot(ids.futureTrip, ids.company, ids.route, 2, futureDeparture, 30));
  emit('trip.scheduled', at(0, 3), snapshot(ids.pastTrip, ids.company, ids.route, 1, new Date(at(1, 6)), 20));
  emit(
    'trip.scheduled',
    at(0, 3),
    snapshot(ids.otherTrip, ids.otherCompany, ids.otherRoute, 1, new Date(at(2, 15)), 10, ['Kigali', 'Rubavu']),
  );

  const departures: Record<string, string> = {
    [ids.futureTrip]: futureDeparture.toISOString(),
    [ids.pastTrip]: at(1, 6),
    [ids.otherTrip]: at(2, 15),
  };
  const booking = (
    name: string,
    userId: string,
    tripId: string,
    companyId: string,
    seats: number,
    total: number,
    heldAt: string,
  ) => {
    const b = {
      bookingId: randomUUID(),
      tripId,
      companyId,
      userId,
      tickets: tickets(seats),
      totalAmount: rwf(total),
      paymentId: randomUUID(),
    };
    emit('booking.held', heldAt, { ...b, expiresAt: heldAt, departureAt: departures[tripId] });
    return { name, ...b };
  };
  const pay = (b: ReturnType<typeof booking>, paidAt: string) => {
    emit('payment.succeeded', paidAt, {
      paymentId: b.paymentId,
      bookingId: b.bookingId,
      userId: b.userId,
      amount: b.totalAmount,
      method: 'MTN_MOMO',
      providerReference: 'ref',
      succeededAt: paidAt,
    });
    emit('booking.confirmed', paidAt, { ...b, departureAt: departures[b.tripId], arrivalAt: departures[b.tripId] });
  };

  // Alice: 2 seats on the future trip (day 0) and 3 on the past trip (day 0), two of whom boarded.
  const b1 = booking('b1', ids.alice, ids.futureTrip, ids.company, 2, 10_000, at(0, 9));
  pay(b1, at(0, 9, 5));
  const b3 = booking('b3', ids.alice, ids.pastTrip, ids.company, 3, 12_000, at(0, 11));
  pay(b3, at(0, 11, 10));
  for (const ticket of b3.tickets.slice(0, 2)) {
    emit('ticket.boarded', at(1, 6, 5), {
      ticketId: ticket.ticketId,
      bookingId: b3.bookingId,
      tripId: ids.pastTrip,
      companyId: ids.company,
      boardedAt: at(1, 6, 5),
      scannedBy: randomUUID(),
    });
  }
  // Bob: 1 seat paid on day 1, cancelled the same day with a 90 % refund; 2 seats held and expired.
  const b2 = booking('b2', ids.bob, ids.futureTrip, ids.company, 1, 5_000, at(1, 10));
  pay(b2, at(1, 10, 2));
  emit('booking.cancelled', at(1, 12), {
    bookingId: b2.bookingId,
    tripId: ids.futureTrip,
    companyId: ids.company,
    userId: ids.bob,
    reason: 'PASSENGER',
    cancelledBy: ids.bob,
    ticketIds: [],
    refund: rwf(4_500),
    paymentId: b2.paymentId,
  });
  emit('payment.refunded', at(1, 12, 5), {
    paymentId: b2.paymentId,
    bookingId: b2.bookingId,
    userId: ids.bob,
    refundId: randomUUID(),
    amount: rwf(4_500),
    refundedAt: at(1, 12, 5),
  });
  const b4 = booking('b4', ids.bob, ids.futureTrip, ids.company, 2, 10_000, at(1, 13));
  emit('booking.expired', at(1, 13, 10), {
    bookingId: b4.bookingId,
    tripId: ids.futureTrip,
    companyId: ids.company,
    userId: ids.bob,
    ticketIds: [],
  });
  // Carol travels with the other company on day 2.
  const b5 = booking('b5', ids.carol, ids.otherTrip, ids.otherCompany, 1, 8_000, at(2, 8));
  pay(b5, at(2, 8, 1));

  const window = { from: day0.toISOString(), to: new Date(day0.getTime() + 7 * DAY).toISOString() };
  const days = Array.from({ length: 7 }, (_, i) =>
    new Date(day0.getTime() + i * DAY + 12 * HOUR).toISOString().slice(0, 10),
  );
  return { ids, events, window, days, bookings: { b1, b2, b3, b4, b5 }, futureDeparture, at };
}

export type Scenario = ReturnType<typeof buildScenario>;

/** Publishes events on the bus in the given order and waits until the consumer applied them all. */
export async function publishAll(subgraph: UserSubgraph, events: DomainEvent[]): Promise<void> {
  for (const event of events) await subgraph.deps.bus.publish(event);
  const wanted = new Set(events.map((event) => event.id));
  await eventually(async () => {
    const rows = await subgraph.database.handle.db
      .select({ id: processedEvents.eventId })
      .from(processedEvents)
      .where(eq(processedEvents.consumer, 'user'));
    const done = new Set(rows.map((row) => row.id));
    return [...wanted].every((id) => done.has(id));
  });
}

/** A fixed shuffle (no flaky randomness): every third event first, then the rest reversed. */
export function reorder<T>(items: T[]): T[] {
  const picked = items.filter((_, i) => i % 3 === 0);
  const rest = items.filter((_, i) => i % 3 !== 0).reverse();
  return [...picked.reverse(), ...rest];
}

export const companyAdmin = (companyId: string) => ({
  userId: randomUUID(),
  role: 'COMPANY_ADMIN' as const,
  companyId,
});

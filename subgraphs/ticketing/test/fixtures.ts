import { randomUUID } from 'node:crypto';
import { createIdempotentHandler, type DomainEvent, type Tx, type Viewer } from '@busline/shared';
import { lockWaiters as waitingForLocks, startTestSubgraph, type TestSubgraph } from '@busline/shared/testing';
import { eq } from 'drizzle-orm';
import { bookings, outbox, processedEvents } from '../src/db/schema';
import { migrations } from '../src/db/migrations';
import type { TicketingOptions } from '../src/options';
import { createServer } from '../src/server';
import type { TripSnapshot } from '../src/services/event-payloads';

export type TicketingServer = ReturnType<typeof createServer>;
export type TicketingTestSubgraph = TestSubgraph<TicketingServer>;

/** Starts the subgraph on a fresh database; the sweeper is off unless a test turns it on. */
export function startTicketing(
  options: Partial<TicketingOptions> = { sweepIntervalMs: 0 },
): Promise<TicketingTestSubgraph> {
  return startTestSubgraph({ name: 'ticketing', migrations, createServer: (deps) => createServer(deps, options) });
}

export const passenger = (): Viewer => ({ userId: randomUUID(), role: 'PASSENGER', companyId: null });

/** Hands an event to the subgraph's idempotent consumer, as the bus would (same id = redelivery). */
export function deliverer(subgraph: TicketingTestSubgraph) {
  const apply = createIdempotentHandler({
    name: 'ticketing',
    runner: subgraph.server.events.runner,
    processedEvents,
    handlers: subgraph.server.handlers,
    logger: subgraph.deps.logger,
  });
  return async <P>(
    type: string,
    payload: P,
    id: string = randomUUID(),
    occurredAt = new Date(),
  ): Promise<DomainEvent<P>> => {
    const event: DomainEvent<P> = { id, type, source: 'test', occurredAt: occurredAt.toISOString(), payload };
    await apply(event as DomainEvent);
    return event;
  };
}

/** payment.started then payment.succeeded of a mobile-money payment of `bookingId`, as payment sends them. */
export async function payFor(
  deliver: ReturnType<typeof deliverer>,
  bookingId: string,
  { paymentId = `pay-${bookingId}`, amount = 5000 }: { paymentId?: string; amount?: number } = {},
): Promise<void> {
  const money = { amount, currency: 'RWF' };
  const payment = { paymentId, bookingId, userId: 'u', amount: money, method: 'MTN_MOMO' };
  await deliver('payment.started', { ...payment, startedAt: new Date().toISOString() });
  await deliver('payment.succeeded', { ...payment, providerReference: 'r', succeededAt: new Date().toISOString() });
}

/** Sessions of the subgraph's test database waiting for a lock. */
export const lockWaiters = (subgraph: TicketingTestSubgraph): Promise<number> =>
  waitingForLocks(subgraph.database.handle.db);

/**
 * A transaction of another session that takes what `take` locks (as a concurrent hold, payment or replication
 * would) and keeps it until released: what waits on those locks can be caught mid-way.
 */
export async function holdingLocks(
  subgraph: TicketingTestSubgraph,
  take: (tx: Tx) => Promise<unknown>,
): Promise<{ release(): Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let taken!: () => void;
  const isTaken = new Promise<void>((resolve) => (taken = resolve));
  const done = subgraph.database.handle.db.transaction(async (tx) => {
    await take(tx);
    taken();
    await released;
  });
  await Promise.race([isTaken, done]);
  return {
    async release() {
      release();
      await done;
    },
  };
}

const HOUR = 3_600_000;

/** A TripSnapshot as the company subgraph publishes it: Kigali → Muhanga → Huye, 2x2 seats per row. */
export function tripSnapshot(overrides: Partial<TripSnapshot> & { rows?: number } = {}): TripSnapshot {
  const { rows = 3, ...rest } = overrides;
  const departureAt = new Date(Date.now() + 48 * HOUR);
  const seats = [];
  for (let row = 1; row <= rows; row++)
    for (const column of ['A', 'B', 'C', 'D']) seats.push({ label: `${row}${column}`, deck: 1, row, column });
  return {
    tripId: randomUUID(),
    companyId: randomUUID(),
    routeId: randomUUID(),
    version: 1,
    status: 'SCHEDULED',
    departureAt: departureAt.toISOString(),
    arrivalAt: new Date(departureAt.getTime() + 3 * HOUR).toISOString(),
    price: { amount: 5000, currency: 'RWF' },
    stops: [
      { stationId: randomUUID(), code: 'KGL', name: 'Nyabugogo', city: 'Kigali', order: 0, minutesFromDeparture: 0 },
      { stationId: randomUUID(), code: 'MHG', name: 'Muhanga', city: 'Muhanga', order: 1, minutesFromDeparture: 75 },
      { stationId: randomUUID(), code: 'HYE', name: 'Huye', city: 'Huye', order: 2, minutesFromDeparture: 180 },
    ],
    seats,
    refundPolicy: {
      tiers: [
        { minHoursBeforeDeparture: 24, refundPercent: 90 },
        { minHoursBeforeDeparture: 2, refundPercent: 50 },
      ],
    },
    ...rest,
  };
}

export const HOLD = `mutation($input: HoldSeatsInput!) { holdSeats(input: $input) { id status expiresAt totalAmount { amount currency } tickets { id seatNumber passengerName status } } }`;

export const holdInput = (tripId: string, seats: string[]) => ({
  input: { tripId, seats, passengers: seats.map((s) => ({ name: `Passenger ${s}` })) },
});

/** Every booking of one account, as stored. */
export const bookingsOf = (subgraph: TicketingTestSubgraph, userId: string) =>
  subgraph.database.handle.db.select().from(bookings).where(eq(bookings.userId, userId));

/** The `booking.held` events written to the outbox for one trip. */
export const heldEventsOf = async (subgraph: TicketingTestSubgraph, tripId: string) =>
  (await subgraph.database.handle.db.select().from(outbox).where(eq(outbox.type, 'booking.held'))).filter(
    (row) => (row.payload as { tripId: string }).tripId === tripId,
  );

import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@busline/shared';
import { graphqlRequest, itConcurrent, type GraphQLResponse } from '@busline/shared/testing';
import { bookings, outbox, tickets } from '../src/db/schema';
import { BookingRepository } from '../src/repositories/booking-repository';
import { loadConfig } from '../src/env';
import { defaultOptions, loadServerOptions } from '../src/options';
import {
  deliverer,
  HOLD,
  holdInput,
  holdingLocks,
  passenger,
  startTicketing,
  tripSnapshot,
  type TicketingTestSubgraph,
} from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;

const CANCEL = 'mutation($id: ID!) { cancelBooking(bookingId: $id) { status } }';
const AVAILABLE = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Trip { availableSeats } } }';

const seatsPerTrip = (held: number) => ({
  message: `Hold limit reached: at most 6 seats per trip can be held at once, and you already hold ${held} on this trip`,
  extensions: { code: 'HOLD_LIMIT_REACHED', limit: 'SEATS_PER_TRIP', max: 6 },
});
const OPEN_BOOKINGS = {
  message: 'Hold limit reached: at most 3 bookings can be open at once; pay for or cancel one first',
  extensions: { code: 'HOLD_LIMIT_REACHED', limit: 'OPEN_BOOKINGS', max: 3 },
};
const HOLDS_PER_HOUR = {
  message: 'Hold limit reached: at most 10 holds can be made per hour; try again later',
  extensions: { code: 'HOLD_LIMIT_REACHED', limit: 'HOLDS_PER_HOUR', max: 10 },
};

/** A trip of `rows` rows of four seats (1A … 1D, 2A …), open for booking. */
async function scheduledTrip(rows = 3): Promise<string> {
  const trip = tripSnapshot({ rows });
  await deliver('trip.scheduled', trip);
  return trip.tripId;
}

const seatsOf = (...rows: number[]) => rows.flatMap((row) => ['A', 'B', 'C', 'D'].map((column) => `${row}${column}`));

async function hold(tripId: string, viewer: Viewer, seats: string[]): Promise<string> {
  const result = await subgraph.request(HOLD, holdInput(tripId, seats), viewer);
  expect(result.errors).toBeUndefined();
  return result.data!.holdSeats.id as string;
}

/** The first error as a client sees it, or the booking's status when the hold went through. */
const outcome = (result: GraphQLResponse<Record<string, any>>) =>
  result.errors
    ? { message: result.errors[0]!.message, extensions: result.errors[0]!.extensions }
    : result.data?.holdSeats.status;

/** Every booking, ticket and outbox event with its state: a refused hold must leave all of it as it was. */
async function storedState() {
  const db = subgraph.database.handle.db;
  return {
    bookings: await db
      .select({ id: bookings.id, status: bookings.status, expiresAt: bookings.expiresAt })
      .from(bookings)
      .orderBy(bookings.id),
    tickets: await db.select({ id: tickets.id, status: tickets.status }).from(tickets).orderBy(tickets.id),
    outbox: await db.select({ id: outbox.id }).from(outbox).orderBy(outbox.id),
  };
}

const heldSeatsOf = async (viewer: Viewer, tripId: string) =>
  (
    await subgraph.database.handle.db
      .select({ seat: tickets.seatLabel })
      .from(tickets)
      .innerJoin(bookings, eq(bookings.id, tickets.bookingId))
      .where(and(eq(bookings.userId, viewer.userId), eq(tickets.tripId, tripId), eq(tickets.status, 'HELD')))
  ).length;

beforeAll(async () => {
  // The defaults: 6 seats per trip, 3 open bookings, 10 holds per hour.
  subgraph = await startTicketing({ sweepIntervalMs: 0 });
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

describe('seats per trip', () => {
  it('lets an account hold 6 seats of one trip over several bookings', async () => {
    const viewer = passenger();
    const tripId = await scheduledTrip();
    await hold(tripId, viewer, ['1A', '1B', '1C', '1D']);
    const result = await subgraph.request(HOLD, holdInput(tripId, ['2A', '2B']), viewer);
    expect(outcome(result)).toBe('HELD');
  });

  it('refuses a 7th seat on the same trip with HOLD_LIMIT_REACHED and writes nothing', async () => {
    const viewer = passenger();
    const tripId = await scheduledTrip();
    await hold(tripId, viewer, ['1A', '1B', '1C', '1D']);
    const before = await storedState();
    const result = await subgraph.request(HOLD, holdInput(tripId, ['2A', '2B', '2C']), viewer);
    expect(outcome(result)).toEqual(seatsPerTrip(4));
    expect(result.data).toBeNull();
    expect(await storedState()).toEqual(before);
  });

  it("does not count one account's seats against another's", async () => {
    const tripId = await scheduledTrip();
    await hold(tripId, passenger(), ['1A', '1B', '1C', '1D', '2A', '2B']);
    const result = await subgraph.request(HOLD, holdInput(tripId, ['2C', '2D', '3A', '3B', '3C', '3D']), passenger());
    expect(outcome(result)).toBe('HELD');
  });

  it('frees the seats of a cancelled hold', async () => {
    const viewer = passenger();
    const tripId = await scheduledTrip();
    const cancelled = await hold(tripId, viewer, ['1A', '1B', '1C', '1D']);
    expect((await subgraph.request(CANCEL, { id: cancelled }, viewer)).data?.cancelBooking.status).toBe('CANCELLED');
    const result = await subgraph.request(HOLD, holdInput(tripId, ['2A', '2B', '2C', '2D', '3A', '3B']), viewer);
    expect(outcome(result)).toBe('HELD');
  });

  it('frees the seats of an expired hold, even before the sweeper reaches it', async () => {
    const viewer = passenger();
    const tripId = await scheduledTrip();
    const expired = await hold(tripId, viewer, ['1A', '1B', '1C', '1D']);
    await subgraph.database.handle.db
      .update(bookings)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(bookings.id, expired));
    const result = await subgraph.request(HOLD, holdInput(tripId, ['2A', '2B', '2C', '2D', '3A', '3B']), viewer);
    expect(outcome(result)).toBe('HELD');
  });

  it('still counts the seats of a hold awaiting its payment within the grace past its end', async () => {
    const viewer = passenger();
    const tripId = await scheduledTrip();
    const paying = await hold(tripId, viewer, ['1A', '1B', '1C', '1D']);
    await deliver('payment.started', {
      paymentId: `pay-${paying}`,
      bookingId: paying,
      userId: viewer.userId,
      amount: { amount: 20_000, currency: 'RWF' },
      method: 'MTN_MOMO',
    });
    await subgraph.database.handle.db
      .update(bookings)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(bookings.id, paying));
    const result = await subgraph.request(HOLD, holdInput(tripId, ['2A', '2B', '2C']), viewer);
    expect(outcome(result)).toEqual(seatsPerTrip(4));
  });

  it.each([
    [
      'company admins of the trip',
      (companyId: string): Viewer => ({ userId: randomUUID(), role: 'COMPANY_ADMIN', companyId }),
    ],
    ['platform admins', (): Viewer => ({ userId: randomUUID(), role: 'PLATFORM_ADMIN', companyId: null })],
  ])('applies to %s too', async (_label, viewerFor) => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    const admin = viewerFor(trip.companyId);
    await hold(trip.tripId, admin, ['1A', '1B', '1C', '1D', '2A', '2B']);
    const result = await subgraph.request(HOLD, holdInput(trip.tripId, ['2C']), admin);
    expect(outcome(result)).toEqual(seatsPerTrip(6));
  });
});

describe('open bookings', () => {
  it('refuses a 4th open booking with HOLD_LIMIT_REACHED and writes nothing', async () => {
    const viewer = passenger();
    for (let i = 0; i < 3; i++) await hold(await scheduledTrip(), viewer, ['1A']);
    const tripId = await scheduledTrip();
    const before = await storedState();
    const result = await subgraph.request(HOLD, holdInput(tripId, ['1A']), viewer);
    expect(outcome(result)).toEqual(OPEN_BOOKINGS);
    expect(await storedState()).toEqual(before);
  });

  it('counts a booking awaiting payment as open', async () => {
    const viewer = passenger();
    const paying = await hold(await scheduledTrip(), viewer, ['1A']);
    await deliver('payment.started', {
      paymentId: `pay-${paying}`,
      bookingId: paying,
      userId: viewer.userId,
      amount: { amount: 5000, currency: 'RWF' },
      method: 'MTN_MOMO',
    });
    for (let i = 0; i < 2; i++) await hold(await scheduledTrip(), viewer, ['1A']);
    const result = await subgraph.request(HOLD, holdInput(await scheduledTrip(), ['1A']), viewer);
    expect(outcome(result)).toEqual(OPEN_BOOKINGS);
  });

  it('frees a place when an open booking is cancelled', async () => {
    const viewer = passenger();
    const first = await hold(await scheduledTrip(), viewer, ['1A']);
    for (let i = 0; i < 2; i++) await hold(await scheduledTrip(), viewer, ['1A']);
    await subgraph.request(CANCEL, { id: first }, viewer);
    const result = await subgraph.request(HOLD, holdInput(await scheduledTrip(), ['1A']), viewer);
    expect(outcome(result)).toBe('HELD');
  });

  it('frees a place when an open booking expires', async () => {
    const viewer = passenger();
    const first = await hold(await scheduledTrip(), viewer, ['1A']);
    for (let i = 0; i < 2; i++) await hold(await scheduledTrip(), viewer, ['1A']);
    await subgraph.database.handle.db
      .update(bookings)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(bookings.id, first));
    await subgraph.server.services.sweeper.sweep();
    const [swept] = await subgraph.database.handle.db
      .select({ status: bookings.status })
      .from(bookings)
      .where(eq(bookings.id, first));
    expect(swept?.status).toBe('EXPIRED');
    const result = await subgraph.request(HOLD, holdInput(await scheduledTrip(), ['1A']), viewer);
    expect(outcome(result)).toBe('HELD');
  });
});

describe('holds per hour', () => {
  /** Holds and cancels `times` times: nothing stays open, so only the hourly count grows. */
  async function holdAndCancel(viewer: Viewer, tripId: string, times: number) {
    for (let i = 0; i < times; i++) await subgraph.request(CANCEL, { id: await hold(tripId, viewer, ['1A']) }, viewer);
  }

  it('refuses an 11th hold within the hour, cancelled ones included, with HOLD_LIMIT_REACHED and writes nothing', async () => {
    const viewer = passenger();
    const tripId = await scheduledTrip();
    await holdAndCancel(viewer, tripId, 10);
    const before = await storedState();
    const result = await subgraph.request(HOLD, holdInput(tripId, ['1A']), viewer);
    expect(outcome(result)).toEqual(HOLDS_PER_HOUR);
    expect(await storedState()).toEqual(before);
  });

  it('lets the account hold again an hour later', async () => {
    const viewer = passenger();
    const tripId = await scheduledTrip();
    await holdAndCancel(viewer, tripId, 10);
    const later = new Date(Date.now() + 61 * 60_000);
    const booking = await subgraph.server.services.holdSeats.hold(
      { userId: viewer.userId, tripId, seats: ['1A'], passengerNames: ['Aline'] },
      later,
    );
    expect(booking.status).toBe('HELD');
  });
});

describe('the reported attack', () => {
  it('keeps one account from taking every seat of a 42-seat trip in repeated holds', async () => {
    const trip = tripSnapshot({ rows: 11 });
    trip.seats = trip.seats.slice(0, 42);
    await deliver('trip.scheduled', trip);
    const attacker = passenger();
    const labels = trip.seats.map((s) => s.label);
    const results = [];
    for (let call = 0; call < 7; call++)
      results.push(
        outcome(await subgraph.request(HOLD, holdInput(trip.tripId, labels.slice(call * 6, call * 6 + 6)), attacker)),
      );
    expect(results).toEqual(['HELD', ...Array.from({ length: 6 }, () => seatsPerTrip(6))]);
    const seats = await subgraph.request(AVAILABLE, { r: [{ __typename: 'Trip', id: trip.tripId }] });
    expect(seats.data?._entities).toEqual([{ availableSeats: 36 }]);
  });
});

describe('seats per trip from one address', () => {
  /** A hold by `viewer` as the router forwards it from `address`. */
  const holdFrom = async (address: string, viewer: Viewer, tripId: string, seats: string[]) =>
    outcome(
      await graphqlRequest(subgraph.graphqlUrl, HOLD, holdInput(tripId, seats), {
        ...(await subgraph.tokens.authorization(viewer)),
        'x-client-ip': address,
      }),
    );

  it('refuses a 19th seat of one trip held from one address by throwaway accounts, and writes nothing', async () => {
    const tripId = await scheduledTrip(8);
    const seats = seatsOf(1, 2, 3, 4, 5, 6, 7, 8);
    for (let i = 0; i < 3; i++)
      expect(await holdFrom('198.51.100.23', passenger(), tripId, seats.slice(i * 6, i * 6 + 6))).toBe('HELD');
    const before = await storedState();
    expect(await holdFrom('198.51.100.23', passenger(), tripId, [seats[18]!])).toEqual({
      message: 'Hold limit reached: at most 18 seats of one trip can be held at once from one network address',
      extensions: { code: 'HOLD_LIMIT_REACHED', limit: 'SEATS_PER_TRIP_PER_ADDRESS', max: 18 },
    });
    expect(await storedState()).toEqual(before);
    expect(await holdFrom('198.51.100.24', passenger(), tripId, [seats[18]!])).toBe('HELD');
  });

  /** A passenger whose booking of another trip is now `status`. */
  const withEarlierBooking = async (status: 'CONFIRMED' | 'REFUNDED') => {
    const account = passenger();
    const earlier = await hold(await scheduledTrip(1), account, ['1A']);
    await subgraph.database.handle.db.update(bookings).set({ status }).where(eq(bookings.id, earlier));
    return account;
  };
  const limitOf = (refusal: unknown) => (refusal as { extensions: { limit: string } }).extensions.limit;

  it("holds an account that paid for a booking before to its own limits only, and leaves its seats out of the address's", async () => {
    // A passenger with a ticket bought earlier, behind the same carrier NAT as someone's throwaway accounts.
    const regular = await withEarlierBooking('CONFIRMED');

    const tripId = await scheduledTrip(8);
    const seats = seatsOf(1, 2, 3, 4, 5, 6, 7, 8);
    expect(await holdFrom('198.51.100.27', regular, tripId, seats.slice(0, 4))).toBe('HELD');
    // The regular's 4 seats do not count: three throwaway accounts still get their 18, and no more.
    for (let i = 0; i < 3; i++)
      expect(await holdFrom('198.51.100.27', passenger(), tripId, seats.slice(4 + i * 6, 10 + i * 6))).toBe('HELD');
    const refused = await holdFrom('198.51.100.27', passenger(), tripId, [seats[22]!]);
    expect(limitOf(refused)).toBe('SEATS_PER_TRIP_PER_ADDRESS');
    // The regular is not kept off the trip by them, and is still held to the account's own limits.
    expect(await holdFrom('198.51.100.27', regular, tripId, [seats[22]!])).toBe('HELD');
    const own = await holdFrom('198.51.100.27', regular, tripId, [seats[23]!, seats[24]!]);
    expect(limitOf(own)).toBe('SEATS_PER_TRIP');
  });

  it('does not count a booking refunded (a payment that came after its hold ended is refunded in full) as paid', async () => {
    const account = await withEarlierBooking('REFUNDED');
    const tripId = await scheduledTrip(5);
    const seats = seatsOf(1, 2, 3, 4, 5);
    for (let i = 0; i < 3; i++)
      expect(await holdFrom('198.51.100.28', passenger(), tripId, seats.slice(i * 6, i * 6 + 6))).toBe('HELD');
    const refused = await holdFrom('198.51.100.28', account, tripId, [seats[18]!]);
    expect(limitOf(refused)).toBe('SEATS_PER_TRIP_PER_ADDRESS');
  });

  it('counts an IPv6 /64 as one address', async () => {
    const tripId = await scheduledTrip(5);
    const seats = seatsOf(1, 2, 3, 4, 5);
    for (let i = 0; i < 3; i++)
      expect(await holdFrom(`2001:db8:5:5::${i + 1}`, passenger(), tripId, seats.slice(i * 6, i * 6 + 6))).toBe('HELD');
    expect(
      ((await holdFrom('2001:db8:5:5::99', passenger(), tripId, [seats[18]!])) as { extensions: { limit: string } })
        .extensions.limit,
    ).toBe('SEATS_PER_TRIP_PER_ADDRESS');
  });

  it('does not make a hold on another trip wait for a hold in flight from the same address', async () => {
    const busy = await scheduledTrip(1);
    const other = await scheduledTrip(1);
    // A hold from this address on `busy` is in flight: it has the address's lock on that trip until it ends.
    const inFlight = await holdingLocks(subgraph, (tx) =>
      new BookingRepository(tx).lockHoldLimits(randomUUID(), { clientAddress: '198.51.100.26', tripId: busy }),
    );
    const waited = (ms: number) => new Promise((resolve) => setTimeout(() => resolve('STILL WAITING'), ms));
    try {
      expect(await Promise.race([holdFrom('198.51.100.26', passenger(), other, ['1A']), waited(5000)])).toBe('HELD');
      const onBusy = holdFrom('198.51.100.26', passenger(), busy, ['1A']);
      expect(await Promise.race([onBusy, waited(500)])).toBe('STILL WAITING');
      await inFlight.release();
      expect(await onBusy).toBe('HELD');
    } finally {
      await inFlight.release();
    }
  });

  itConcurrent('lets 18 of 30 parallel one-seat holds by 30 accounts at one address through', async () => {
    const tripId = await scheduledTrip(8);
    const seats = seatsOf(1, 2, 3, 4, 5, 6, 7, 8);
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => holdFrom('198.51.100.25', passenger(), tripId, [seats[i]!])),
    );
    expect(outcomes.filter((o) => o === 'HELD')).toHaveLength(18);
  });
});

describe('parallel holds by one account', () => {
  itConcurrent(
    'lets 3 of 20 parallel two-seat holds on one trip through and refuses the rest by seats per trip',
    async () => {
      const viewer = passenger();
      const tripId = await scheduledTrip(10);
      const seats = seatsOf(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          subgraph.request(HOLD, holdInput(tripId, seats.slice(i * 2, i * 2 + 2)), viewer),
        ),
      );
      const outcomes = results.map((r) => (r.errors ? r.errors[0]!.extensions!.limit : r.data?.holdSeats.status));
      expect(outcomes.filter((o) => o === 'HELD')).toHaveLength(3);
      expect(outcomes.filter((o) => o === 'SEATS_PER_TRIP')).toHaveLength(17);
      expect(await heldSeatsOf(viewer, tripId)).toBe(6);
    },
  );

  itConcurrent('lets 3 of 20 parallel one-seat holds through and refuses the rest by open bookings', async () => {
    const viewer = passenger();
    const tripId = await scheduledTrip(5);
    const seats = seatsOf(1, 2, 3, 4, 5);
    const results = await Promise.all(seats.map((seat) => subgraph.request(HOLD, holdInput(tripId, [seat]), viewer)));
    const outcomes = results.map((r) => (r.errors ? r.errors[0]!.extensions!.limit : r.data?.holdSeats.status));
    expect(outcomes.filter((o) => o === 'HELD')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'OPEN_BOOKINGS')).toHaveLength(17);
    expect(await heldSeatsOf(viewer, tripId)).toBe(3);
  });
});

describe('settings', () => {
  it('reads the three limits from the environment', async () => {
    const config = loadConfig({ MAX_HELD_SEATS_PER_TRIP: '4', MAX_OPEN_BOOKINGS: '2', MAX_HOLDS_PER_HOUR: '20' });
    expect(await loadServerOptions(config)).toMatchObject({
      maxHeldSeatsPerTrip: 4,
      maxOpenBookings: 2,
      maxHoldsPerHour: 20,
    });
  });

  it('defaults to 6 seats per trip, 3 open bookings and 10 holds per hour, in the environment and in createServer', async () => {
    const fromEnv = await loadServerOptions(loadConfig({}));
    const limits = ({ maxHeldSeatsPerTrip, maxOpenBookings, maxHoldsPerHour }: typeof defaultOptions) => ({
      maxHeldSeatsPerTrip,
      maxOpenBookings,
      maxHoldsPerHour,
    });
    expect([limits(fromEnv), limits(defaultOptions)]).toEqual([
      { maxHeldSeatsPerTrip: 6, maxOpenBookings: 3, maxHoldsPerHour: 10 },
      { maxHeldSeatsPerTrip: 6, maxOpenBookings: 3, maxHoldsPerHour: 10 },
    ]);
  });
});

import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest, itConcurrent } from '@busline/shared/testing';
import { bookings, outbox, tickets } from '../src/db/schema';
import { createServer } from '../src/server';
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
const trip = tripSnapshot({ rows: 4 });

const activeTickets = (seat: string) =>
  subgraph.database.handle.db
    .select()
    .from(tickets)
    .where(
      and(
        eq(tickets.tripId, trip.tripId),
        eq(tickets.seatLabel, seat),
        inArray(tickets.status, ['HELD', 'CONFIRMED', 'BOARDED']),
      ),
    );

beforeAll(async () => {
  subgraph = await startTicketing();
  deliver = deliverer(subgraph);
  await deliver('trip.scheduled', trip);
});
afterAll(() => subgraph.stop());

describe('holdSeats', () => {
  it('holds seats for a signed-in passenger with one ticket per seat, price times seats and an expiry', async () => {
    const before = Date.now();
    const result = await subgraph.request(HOLD, holdInput(trip.tripId, ['1A', '1B']), passenger());
    const booking = result.data?.holdSeats;
    expect(booking).toMatchObject({ status: 'HELD', totalAmount: { amount: 10_000, currency: 'RWF' } });
    expect(booking.tickets.map((t: { seatNumber: string; status: string }) => [t.seatNumber, t.status])).toEqual([
      ['1A', 'HELD'],
      ['1B', 'HELD'],
    ]);
    const expiresIn = new Date(booking.expiresAt).getTime() - before;
    expect(expiresIn).toBeGreaterThan(9 * 60_000);
    expect(expiresIn).toBeLessThan(11 * 60_000);
  });

  it('writes booking.held to the outbox with the contract payload', async () => {
    const viewer = passenger();
    const result = await subgraph.request(HOLD, holdInput(trip.tripId, ['2A']), viewer);
    const bookingId = result.data?.holdSeats.id;
    const rows = await subgraph.database.handle.db.select().from(outbox).where(eq(outbox.type, 'booking.held'));
    const event = rows.map((r) => r.payload as Record<string, unknown>).find((p) => p.bookingId === bookingId);
    expect(event).toMatchObject({
      tripId: trip.tripId,
      companyId: trip.companyId,
      userId: viewer.userId,
      tickets: [{ ticketId: result.data?.holdSeats.tickets[0].id, seatNumber: '2A', passengerName: 'Passenger 2A' }],
      totalAmount: { amount: 5000, currency: 'RWF' },
      departureAt: trip.departureAt,
    });
  });

  it('refuses a seat that is already held with SEAT_UNAVAILABLE and writes nothing', async () => {
    await subgraph.request(HOLD, holdInput(trip.tripId, ['3A']), passenger());
    const loser = await subgraph.request(HOLD, holdInput(trip.tripId, ['3B', '3A']), passenger());
    expect(loser.errors?.[0]?.extensions?.code).toBe('SEAT_UNAVAILABLE');
    expect(await activeTickets('3B')).toHaveLength(0);
  });

  it.each([
    ['no seats', [], []],
    ['duplicate seats', ['4A', '4A'], ['x', 'y']],
    ['more seats than allowed', ['1C', '1D', '2C', '2D', '3C', '3D', '4C'], ['a', 'b', 'c', 'd', 'e', 'f', 'g']],
    ['a passenger missing', ['4A', '4B'], ['only one']],
    ['a seat the bus does not have', ['9Z'], ['x']],
    ['a seat label with a NUL byte', ['1A\u0000'], ['x']],
    ['a seat label with a line break', ['1\nA'], ['x']],
  ])('rejects %s with BAD_USER_INPUT', async (_label, seats, names) => {
    const result = await subgraph.request(
      HOLD,
      { input: { tripId: trip.tripId, seats, passengers: names.map((name) => ({ name })) } },
      passenger(),
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('does not let a hold past its time block the same seats, even before the sweeper runs', async () => {
    const services = subgraph.server.services;
    const stale = await services.holdSeats.hold({
      userId: passenger().userId,
      tripId: trip.tripId,
      seats: ['4C'],
      passengerNames: ['Aline'],
    });
    await subgraph.database.handle.db
      .update(bookings)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(bookings.id, stale.id));
    const fresh = await services.holdSeats.hold({
      userId: passenger().userId,
      tripId: trip.tripId,
      seats: ['4C'],
      passengerNames: ['Eric'],
    });
    expect(fresh.status).toBe('HELD');
    const [expired] = await subgraph.database.handle.db.select().from(bookings).where(eq(bookings.id, stale.id));
    expect(expired?.status).toBe('EXPIRED');
    expect(await activeTickets('4C')).toHaveLength(1);
  });

  it.each(['\u200b\u200b', 'Aline\u0000Uwase', '\u001b[2JAline', '1234'])(
    'refuses a passenger name that is no visible name (%j) with BAD_USER_INPUT and holds nothing',
    async (name) => {
      const input = { input: { ...holdInput(trip.tripId, ['4C']).input, passengers: [{ name }] } };
      const who = passenger();
      const result = await subgraph.request(HOLD, input, who);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'passengers' });
      const held = await subgraph.database.handle.db.select().from(bookings).where(eq(bookings.userId, who.userId));
      expect(held).toEqual([]);
    },
  );

  it('requires a signed-in user', async () => {
    const result = await subgraph.request(HOLD, holdInput(trip.tripId, ['4D']));
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  // Prices are capped in company since; a trip priced before that overflowed the booking's total in the insert.
  it('refuses seats whose total Money.amount cannot hold, writing nothing', async () => {
    const dear = tripSnapshot({ price: { amount: 2_147_483_647, currency: 'RWF' } });
    await deliver('trip.scheduled', dear);
    const result = await subgraph.request(HOLD, holdInput(dear.tripId, ['1A', '1B']), passenger());
    expect(result.errors?.[0]).toMatchObject({
      message: 'These seats cost more than one booking can hold: book fewer',
      extensions: { code: 'BAD_USER_INPUT', field: 'seats', reason: 'AMOUNT_TOO_LARGE' },
    });
    const held = await subgraph.database.handle.db.select().from(bookings).where(eq(bookings.tripId, dear.tripId));
    expect(held).toEqual([]);
    const one = await subgraph.request(HOLD, holdInput(dear.tripId, ['1A']), passenger());
    expect(one.data?.holdSeats).toMatchObject({ status: 'HELD' });
  });

  it('refuses a cancelled trip', async () => {
    const cancelled = tripSnapshot({ status: 'CANCELLED' });
    await deliver('trip.scheduled', cancelled);
    const result = await subgraph.request(HOLD, holdInput(cancelled.tripId, ['1A']), passenger());
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  itConcurrent(
    'lets one of two concurrent holds over the same seats in opposite order win, the other SEAT_UNAVAILABLE',
    async () => {
      const results = await Promise.all([
        subgraph.request(HOLD, holdInput(trip.tripId, ['2C', '2D']), passenger()),
        subgraph.request(HOLD, holdInput(trip.tripId, ['2D', '2C']), passenger()),
      ]);
      expect(results.map((r) => (r.data?.holdSeats ? 'HELD' : r.errors?.[0]?.extensions?.code)).sort()).toEqual([
        'HELD',
        'SEAT_UNAVAILABLE',
      ]);
    },
  );

  itConcurrent('lets exactly one of 50 concurrent holds on the same seat win', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () => subgraph.request(HOLD, holdInput(trip.tripId, ['4A']), passenger())),
    );
    expect(results.filter((r) => r.data?.holdSeats)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'SEAT_UNAVAILABLE')).toHaveLength(49);
    expect(await activeTickets('4A')).toHaveLength(1);
  });

  itConcurrent('lets exactly one of 50 concurrent holds win across two servers sharing the database', async () => {
    const second = createServer(subgraph.deps, { sweepIntervalMs: 0 });
    const url = `${await second.start(0)}/graphql`;
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const viewer = passenger();
          const headers = await subgraph.tokens.authorization(viewer);
          return graphqlRequest(i % 2 === 0 ? url : subgraph.graphqlUrl, HOLD, holdInput(trip.tripId, ['4B']), headers);
        }),
      );
      expect(results.filter((r) => r.data?.holdSeats)).toHaveLength(1);
      expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'SEAT_UNAVAILABLE')).toHaveLength(49);
      expect(await activeTickets('4B')).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});

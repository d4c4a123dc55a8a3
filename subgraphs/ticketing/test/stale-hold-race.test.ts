// A hold of a seat whose hold has ended while the expiry sweeper, or another hold, is expiring that very hold: it
// used to skip the locked hold and lose to its still HELD tickets (SEAT_UNAVAILABLE for a free seat).
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitOfWork } from '@busline/shared';
import { bookings } from '../src/db/schema';
import { ExpireHoldsService } from '../src/services/expire-holds';
import { BookingRepository } from '../src/repositories/booking-repository';
import {
  deliverer,
  holdingLocks,
  lockWaiters,
  HOLD,
  holdInput,
  passenger,
  startTicketing,
  tripSnapshot,
  type TicketingTestSubgraph,
} from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;

beforeAll(async () => {
  subgraph = await startTicketing({ sweepIntervalMs: 0 });
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

/** One-seat holds of `seats` by as many accounts, all ended (past expiresAt), not swept: the oldest first. */
async function endedHolds(tripId: string, seats: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const seat of seats) {
    const booking = await subgraph.server.services.holdSeats.hold({
      userId: passenger().userId,
      tripId,
      seats: [seat],
      passengerNames: [`Passenger ${seat}`],
    });
    ids.push(booking.id);
  }
  const past = Date.now() - 10 * 60_000;
  for (const [i, id] of ids.entries())
    await subgraph.database.handle.db
      .update(bookings)
      .set({ expiresAt: new Date(past + i * 1000) })
      .where(eq(bookings.id, id));
  return ids;
}

describe('a hold and the expiry sweeper on the same ended hold', () => {
  it('holds a seat whose ended hold the sweeper has claimed but not yet expired (it waits for the sweeper)', async () => {
    const trip = tripSnapshot({ rows: 1 });
    await deliver('trip.scheduled', trip);
    const [first, second] = await endedHolds(trip.tripId, ['1A', '1B']);

    // The sweeper, paused after it has expired the first hold of its batch: the second is claimed (locked) and
    // about to be expired, as any hold late in a batch of 100 is while the ones before it are expired.
    let paused!: () => void;
    const isPaused = new Promise<void>((resolve) => (paused = resolve));
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    const runner = subgraph.server.events.runner;
    const gated = {
      run: <T>(fn: (uow: UnitOfWork) => Promise<T>) =>
        runner.run((uow) =>
          fn({
            ...uow,
            emit: async (type, payload) => {
              const event = await uow.emit(type, payload);
              if ((payload as { bookingId?: string }).bookingId === first) {
                paused();
                await resumed;
              }
              return event;
            },
          }),
        ),
    } as typeof runner;
    const sweeper = new ExpireHoldsService(
      gated,
      subgraph.server.services.live,
      subgraph.deps.logger,
      subgraph.server.services.options.pendingPaymentGraceMs,
    );
    const sweep = sweeper.sweep();
    await isPaused;

    // A passenger holds 1B, whose hold ended a minute ago.
    const hold = subgraph.request(HOLD, holdInput(trip.tripId, ['1B']), passenger());
    // Let the sweeper go on once the hold has answered or has been waiting a while.
    const settled = await Promise.race([
      hold.then(() => 'answered'),
      new Promise((r) => setTimeout(() => r('waiting'), 1500)),
    ]);
    resume();
    expect(await sweep).toBe(2);
    const result = await hold;
    expect({ settled, outcome: result.errors?.[0]?.extensions?.code ?? result.data?.holdSeats.status }).toMatchObject({
      outcome: 'HELD',
    });
    const statuses = await subgraph.database.handle.db
      .select({ status: bookings.status })
      .from(bookings)
      .where(inArray(bookings.id, [first!, second!]));
    expect(statuses.map((s) => s.status)).toEqual(['EXPIRED', 'EXPIRED']);
  });

  it('holds the seat of an ended hold late in the sweeper’s batch while the sweeper runs (real sweeper, no pause)', async () => {
    const trip = tripSnapshot({ rows: 25 });
    await deliver('trip.scheduled', trip);
    const seats = trip.seats.map((s) => s.label);
    await endedHolds(trip.tripId, seats);
    // The sweeper claims all 100 at once (oldest first), then expires them one after another; the last seat's
    // hold is expired last.
    const last = seats[seats.length - 1]!;
    const sweep = subgraph.server.services.sweeper.sweep();
    await new Promise((r) => setTimeout(r, 40));
    const result = await subgraph.request(HOLD, holdInput(trip.tripId, [last]), passenger());
    expect(await sweep).toBe(100);
    expect(result.errors?.[0]?.extensions?.code ?? result.data?.holdSeats.status).toBe('HELD');
  });

  it('holds a seat of an ended hold that another hold (of its other seat) has locked to expire it', async () => {
    const trip = tripSnapshot({ rows: 1 });
    await deliver('trip.scheduled', trip);
    const stale = await subgraph.server.services.holdSeats.hold({
      userId: passenger().userId,
      tripId: trip.tripId,
      seats: ['1A', '1B'],
      passengerNames: ['Aline', 'Eric'],
    });
    await subgraph.database.handle.db
      .update(bookings)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(bookings.id, stale.id));
    const now = new Date();
    // Another passenger's hold of 1A, in flight: it has locked the ended hold to expire it
    // (BookingRepository.lockStaleHoldsOnSeats), as HoldSeatsService does before it inserts its tickets.
    const other = await holdingLocks(subgraph, (tx) =>
      new BookingRepository(tx).lockStaleHoldsOnSeats(trip.tripId, ['1A'], now, 120_000),
    );
    try {
      const hold = subgraph.request(HOLD, holdInput(trip.tripId, ['1B']), passenger());
      // Whatever becomes of the other hold (here it gives up: a limit, a lost seat race, its deadline), 1B is free.
      const waited = await Promise.race([
        hold.then(() => 'answered'),
        (async () => {
          for (let i = 0; i < 100; i++) {
            if ((await lockWaiters(subgraph)) >= 1) return 'waiting';
            await new Promise((r) => setTimeout(r, 20));
          }
          return 'timeout';
        })(),
      ]);
      await other.release();
      const result = await hold;
      expect({ waited, outcome: result.errors?.[0]?.extensions?.code ?? result.data?.holdSeats.status }).toMatchObject({
        outcome: 'HELD',
      });
    } finally {
      await other.release();
    }
  });
});

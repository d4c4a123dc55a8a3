// Replicas of qr (one consumer group, several consumers) apply a booking's booking.confirmed and the events that change
// its passes, which travel on other streams, at the same time: whichever transaction commits first, none is lost.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { queryRows, sql, type DomainEvent, type EventContext, type Tx } from '@busline/shared';
import { eventually, inFlight, itConcurrent, lockWaiters, testLogger, type InFlight } from '@busline/shared/testing';
import { createHandlers } from '../src/events';
import { generateSigningJwk, KeyRing } from '../src/keys/key-ring';
import { driverOf, passesOf, startQrSubgraph, VERIFY, type QrSubgraph } from './helpers';

const key = generateSigningJwk();
const GRACE = 6 * 3600_000;
let subgraph: QrSubgraph;
beforeAll(async () => {
  subgraph = await startQrSubgraph([key]);
});
afterAll(() => subgraph.stop());

/** The qr consumer's handlers, as every replica runs them. */
const handlers = createHandlers(new KeyRing([key]), GRACE);
const logger = testLogger('qr-replica');

interface Applied {
  type: string;
  payload: Record<string, unknown>;
}

/** Applies `event` in `tx`, as a replica's consumer would (these handlers emit nothing). */
function apply(tx: Tx, { type, payload }: Applied) {
  const event: DomainEvent = { id: randomUUID(), type, source: 'test', occurredAt: new Date().toISOString(), payload };
  const context: EventContext = {
    tx,
    logger,
    emit: () => Promise.reject(new Error(`${type} emits nothing`)),
    emitWith: () => Promise.reject(new Error(`${type} emits nothing`)),
    commitWith: () => Promise.reject(new Error(`${type} emits nothing`)),
    afterCommit: () => undefined,
  };
  return handlers[type]!(event, context);
}

/**
 * Replica 1 applies `first` and keeps its transaction open until replica 2, applying `second` meanwhile, has
 * committed or waits for a lock; then replica 1 commits and replica 2 finishes.
 */
async function race(first: Applied, second: Applied): Promise<void> {
  const db = subgraph.deps.db.db;
  let replica2: InFlight<void> | undefined;
  let pid: number | undefined;
  await db.transaction(async (tx) => {
    await apply(tx as Tx, first);
    replica2 = inFlight(
      db.transaction(async (other) => {
        [{ pid }] = (await queryRows<{ pid: number }>(other, sql`select pg_backend_pid() as pid`)) as [{ pid: number }];
        await apply(other as Tx, second);
      }),
    );
    // Replica 2's own session waiting (other tests' waiters run side by side): the race is then under way.
    await eventually(
      async () =>
        replica2!.answered || (pid !== undefined && (await lockWaiters(subgraph.database.handle.db, pid)) > 0),
      10_000,
      10,
    );
  });
  await replica2!.answer;
}

/** Both orders: booking.confirmed in the transaction open first, or in the one that waits. */
const orders = [
  ['the confirmation first', (confirmed: Applied, other: Applied) => race(confirmed, other)],
  ['the confirmation second', (confirmed: Applied, other: Applied) => race(other, confirmed)],
] as const;

function confirmed() {
  const departureAt = new Date(Date.now() + 10 * 60_000);
  const payload = {
    bookingId: randomUUID(),
    tripId: randomUUID(),
    companyId: randomUUID(),
    userId: randomUUID(),
    paymentId: randomUUID(),
    tickets: [{ ticketId: randomUUID(), seatNumber: '4B', passengerName: 'Grace Uwimana' }],
    totalAmount: { amount: 5000, currency: 'RWF' },
    departureAt: departureAt.toISOString(),
    arrivalAt: new Date(departureAt.getTime() + 2 * 3600_000).toISOString(),
  };
  return { type: 'booking.confirmed', payload };
}

async function scan(booking: { bookingId: string; companyId: string }) {
  const [pass] = await passesOf(subgraph, booking.bookingId);
  const result = await subgraph.request(VERIFY, { token: pass!.token }, driverOf(booking.companyId));
  return { pass: pass!, result: result.data?.verifyTicket.result as string };
}

describe.each(orders)('booking.confirmed and another event of the booking at once, %s', (_, together) => {
  itConcurrent('leaves no valid pass for a booking cancelled meanwhile', async () => {
    const confirmation = confirmed();
    const { bookingId, tripId, companyId, userId, paymentId, tickets } = confirmation.payload;
    const ticketIds = tickets.map((t) => t.ticketId);
    const refund = { amount: 4500, currency: 'RWF' };
    const cancelled = { bookingId, tripId, companyId, userId, reason: 'PASSENGER', ticketIds, refund, paymentId };
    await together(confirmation, { type: 'booking.cancelled', payload: cancelled });
    const { pass, result } = await scan(confirmation.payload);
    expect(pass.status).toBe('REVOKED');
    expect(result).toBe('REVOKED');
  });

  itConcurrent('leaves no valid pass for a booking whose payment was refunded meanwhile', async () => {
    const confirmation = confirmed();
    const { bookingId, paymentId } = confirmation.payload;
    await together(confirmation, { type: 'payment.refunded', payload: { bookingId, paymentId } });
    const { pass, result } = await scan(confirmation.payload);
    expect(pass.status).toBe('REVOKED');
    expect(result).toBe('REVOKED');
  });

  itConcurrent('gives the passes of a counter sale claimed meanwhile to the passenger who claimed it', async () => {
    const confirmation = confirmed();
    const agent = confirmation.payload.userId;
    const sale = { type: 'booking.confirmed', payload: { ...confirmation.payload, channel: 'COUNTER', soldBy: agent } };
    const { bookingId, tripId, companyId, tickets } = confirmation.payload;
    const claimer = randomUUID();
    const claim = {
      ...{ bookingId, tripId, companyId, userId: claimer, previousUserId: agent },
      ...{ ticketIds: tickets.map((t) => t.ticketId), claimedAt: new Date().toISOString() },
    };
    await together(sale, { type: 'booking.claimed', payload: claim });
    const [pass] = await passesOf(subgraph, bookingId);
    expect(pass!.userId).toBe(claimer);
  });

  describe.each([
    ['known', true],
    ['not known yet', false],
  ])('a trip (schedule %s) moved to the next day meanwhile', (_, known) => {
    itConcurrent('keeps the pass valid until its new arrival plus the grace period', async () => {
      const confirmation = confirmed();
      const { tripId, companyId, departureAt, arrivalAt } = confirmation.payload;
      const schedule = { tripId, companyId, status: 'SCHEDULED', departureAt, arrivalAt };
      if (known)
        await subgraph.deps.db.db.transaction(async (tx) =>
          apply(tx as Tx, { type: 'trip.scheduled', payload: { ...schedule, version: 1 } }),
        );
      const moved = new Date(Date.parse(departureAt) + 24 * 3600_000);
      const movedArrival = new Date(moved.getTime() + 2 * 3600_000);
      const update = {
        ...schedule,
        version: 2,
        departureAt: moved.toISOString(),
        arrivalAt: movedArrival.toISOString(),
      };
      await together(confirmation, { type: 'trip.updated', payload: update });
      const [pass] = await passesOf(subgraph, confirmation.payload.bookingId);
      expect(pass!.validUntil.getTime()).toBeGreaterThanOrEqual(movedArrival.getTime() + GRACE);
    });
  });
});

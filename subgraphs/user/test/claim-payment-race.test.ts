// User dashboards built by two instances of the user subgraph (each process is a consumer of the group of its own,
// docs/events.md; the types travel on separate streams): booking.claimed and the sale's payment.succeeded applied at
// the same time. The second instance is the projection handlers (project-dashboards.ts) applied in a transaction of
// the test's, as the consumer applies them, against the subgraph's database. recordPayment reads the payment's owner
// from the booking row as it inserts (ownerOf: the claimer once claimed_at is set), and claimBooking moves the
// payments it can see to the claimer: under READ COMMITTED each misses the other's uncommitted row, and nothing
// later repairs it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '@busline/shared';
import { eventually, inFlight, lockWaiters, testEvent, testLogger, type InFlight } from '@busline/shared/testing';
import { processedEvents } from '../src/db/schema';
import { dashboardHandlers } from '../src/services/project-dashboards';
import { passenger, startUser, type UserSubgraph } from './user-harness';
import { inArray } from 'drizzle-orm';

let subgraph: UserSubgraph;
beforeAll(async () => {
  subgraph = await startUser();
});
afterAll(() => subgraph?.stop());

const db = () => subgraph.database.handle.db;
const logger = testLogger('replica');
const context = (tx: unknown) =>
  ({
    tx,
    logger,
    emit: () => Promise.reject(new Error('dashboards emit nothing')),
    emitWith: () => Promise.reject(new Error('dashboards emit nothing')),
    afterCommit: () => undefined,
  }) as never;

/** Applies `event` as a consumer would, in a transaction that commits only once `commit` is called. */
function applyHeld(event: DomainEvent) {
  let release!: () => void;
  let applied!: () => void;
  const isApplied = new Promise<void>((resolve) => (applied = resolve));
  const done = db().transaction(async (tx) => {
    await dashboardHandlers[event.type]!(event, context(tx));
    applied();
    await new Promise<void>((resolve) => (release = resolve));
  });
  return { isApplied, commit: async () => (release(), await done) };
}

/** Applies `event` in a transaction of its own (the other instance), committing at once. */
const apply = (event: DomainEvent) => db().transaction((tx) => dashboardHandlers[event.type]!(event, context(tx)));

async function answeredOrWaiting(request: InFlight<unknown>) {
  const deadline = Date.now() + 10_000;
  while (!request.answered && (await lockWaiters(db())) < 1) {
    if (Date.now() > deadline) throw new Error('neither answered nor waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Applies `a` (left uncommitted), then `b` in another transaction, then commits both. */
async function race(a: DomainEvent, b: DomainEvent) {
  const held = applyHeld(a);
  await held.isApplied;
  const other = inFlight(apply(b));
  await answeredOrWaiting(other);
  await held.commit();
  await other.answer;
}

/** Publishes events through the subgraph's own consumer and waits until each is applied. */
async function publishApplied(...events: DomainEvent[]) {
  for (const e of events) await subgraph.deps.bus.publish(e);
  await eventually(
    async () =>
      (
        await db()
          .select()
          .from(processedEvents)
          .where(
            inArray(
              processedEvents.eventId,
              events.map((e) => e.id),
            ),
          )
      ).length === events.length,
  );
}

function counterSale() {
  const companyId = randomUUID();
  const seller = randomUUID();
  const sale = {
    bookingId: randomUUID(),
    tripId: randomUUID(),
    companyId,
    userId: seller,
    tickets: [{ ticketId: randomUUID(), seatNumber: '4B', passengerName: 'Jean' }],
    totalAmount: { amount: 5_000, currency: 'RWF' },
    departureAt: new Date(Date.now() + 86_400_000).toISOString(),
    channel: 'COUNTER',
    soldBy: seller,
  };
  const held = testEvent('booking.held', { ...sale, expiresAt: new Date(Date.now() + 600_000).toISOString() });
  const confirmed = testEvent('booking.confirmed', { ...sale, paymentId: randomUUID() });
  const paid = testEvent(
    'payment.succeeded',
    {
      paymentId: randomUUID(),
      bookingId: sale.bookingId,
      userId: seller,
      amount: { amount: 5_000, currency: 'RWF' },
      method: 'CASH',
      succeededAt: new Date().toISOString(),
    },
    'payment',
  );
  return { sale, seller, companyId, held, confirmed, paid };
}

const MINE = `{ myDashboard { totalSpent { amount currency } bookingsCount } }`;
describe('a counter sale claimed while its payment is applied by another instance', () => {
  for (const first of ['claim', 'payment'] as const)
    it(`puts the money on the claiming passenger's dashboard, not the seller's (${first} transaction first)`, async () => {
      const { sale, seller, held, confirmed, paid } = counterSale();
      await publishApplied(held, confirmed);
      const claimer = randomUUID();
      const claimed = testEvent('booking.claimed', {
        bookingId: sale.bookingId,
        tripId: sale.tripId,
        companyId: sale.companyId,
        userId: claimer,
        previousUserId: seller,
        ticketIds: sale.tickets.map((t) => t.ticketId),
        claimedAt: new Date().toISOString(),
      });
      await race(...((first === 'claim' ? [claimed, paid] : [paid, claimed]) as [DomainEvent, DomainEvent]));
      const mine = (await subgraph.request(MINE, {}, passenger(claimer))).data!.myDashboard;
      const sellers = (await subgraph.request(MINE, {}, passenger(seller))).data!.myDashboard;
      // docs/events.md: booking.claimed makes the booking and its payments and refunds the claiming userId's for good.
      expect({ mine, sellers }).toEqual({
        mine: { totalSpent: { amount: 5_000, currency: 'RWF' }, bookingsCount: 1 },
        sellers: { totalSpent: { amount: 0, currency: 'RWF' }, bookingsCount: 0 },
      });
    });
});

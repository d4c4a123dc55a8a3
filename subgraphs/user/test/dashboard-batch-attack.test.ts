// booking.held applied as a batch (one upsert per shape of facts, one backfill of the company of money seen before
// its booking) next to other events of the same bookings in the same read: the dashboards end in the state the
// events tell, whatever was applied in one transaction.
import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { appliedInOneTransaction, testEvent as event } from '@busline/shared/testing';
import type { DomainEvent } from '@busline/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dashBookings, dashPayments, processedEvents } from '../src/db/schema';
import { startUser, type UserSubgraph } from './user-harness';

let subgraph: UserSubgraph;
beforeAll(async () => {
  subgraph = await startUser();
});
afterAll(() => subgraph.stop());

interface Booking {
  bookingId: string;
  tripId: string;
  companyId: string;
  userId: string;
}
const newBooking = (companyId: string = randomUUID()): Booking => ({
  bookingId: randomUUID(),
  tripId: randomUUID(),
  companyId,
  userId: randomUUID(),
});
const facts = (b: Booking, extra: Record<string, unknown> = {}) => ({
  ...b,
  tickets: [{ ticketId: randomUUID(), seatNumber: '1A', passengerName: 'Aline' }],
  totalAmount: { amount: 9_000, currency: 'RWF' },
  departureAt: new Date(Date.now() + 86_400_000).toISOString(),
  ...extra,
});
const held = (b: Booking, extra: Record<string, unknown> = {}) =>
  event('booking.held', facts(b, { expiresAt: new Date(Date.now() + 600_000).toISOString(), ...extra }));
const confirmed = (b: Booking) =>
  event('booking.confirmed', facts(b, { paymentId: randomUUID(), arrivalAt: new Date().toISOString() }));
const closed = (type: 'booking.cancelled' | 'booking.expired', b: Booking) =>
  event(type, { ...b, reason: 'PASSENGER', cancelledBy: b.userId, ticketIds: [], refund: null, paymentId: null });
const paid = (b: Booking, paymentId = randomUUID()) =>
  event('payment.succeeded', {
    paymentId,
    bookingId: b.bookingId,
    userId: b.userId,
    amount: { amount: 9_000, currency: 'RWF' },
    method: 'MTN_MOMO',
    providerReference: 'ref',
    succeededAt: new Date().toISOString(),
  });

/** Waits until the consumer applied the events; whether in one transaction (now() is the transaction's). */
async function appliedTogether(events: DomainEvent[]): Promise<boolean> {
  return appliedInOneTransaction(subgraph.database.handle.db, processedEvents, events);
}

/** Publishes the events right behind another hold: the consumer, busy with it, finds them all in its next read. */
async function publishTogether(events: DomainEvent[]): Promise<boolean> {
  await subgraph.deps.bus.publish(held(newBooking()));
  for (const e of events) await subgraph.deps.bus.publish(e);
  return appliedTogether(events);
}

async function statuses(...bookings: Booking[]): Promise<string[]> {
  const ids = bookings.map((b) => b.bookingId);
  const rows = await subgraph.database.handle.db
    .select({ bookingId: dashBookings.bookingId, status: dashBookings.status, seats: dashBookings.seats })
    .from(dashBookings)
    .where(inArray(dashBookings.bookingId, ids));
  return ids.map((id) => {
    const row = rows.find((r) => r.bookingId === id);
    return row ? `${row.status} ${row.seats}` : 'none';
  });
}

it('ends each booking in its state when its hold and its next step come in one read (holds of two shapes)', async () => {
  let batched = 0;
  for (let attempt = 0; attempt < 5 && batched < 2; attempt++) {
    const [x, y, z, w] = [newBooking(), newBooking(), newBooking(), newBooking()];
    const events = [
      held(x),
      held(y, { channel: 'COUNTER', soldBy: randomUUID() }),
      held(z),
      held(w, { channel: 'COUNTER', soldBy: randomUUID() }),
      confirmed(x),
      closed('booking.cancelled', y),
      closed('booking.expired', z),
    ];
    if (await publishTogether(events)) batched++;
    expect(await statuses(x, y, z, w)).toEqual(['CONFIRMED 1', 'CANCELLED 1', 'EXPIRED 1', 'HELD 1']);
  }
  expect(batched).toBeGreaterThan(0);
});

it('gives money seen before its booking, or in the same read, the company of the batch of holds', async () => {
  const company = randomUUID();
  const [early, late, other] = [newBooking(company), newBooking(company), newBooking(company)];
  const earlyPayment = randomUUID();
  const first = paid(early, earlyPayment);
  await subgraph.deps.bus.publish(first);
  await appliedTogether([first]);
  const latePayment = randomUUID();
  await publishTogether([held(early), held(late), held(other), paid(late, latePayment)]);
  const rows = await subgraph.database.handle.db
    .select({ paymentId: dashPayments.paymentId, companyId: dashPayments.companyId })
    .from(dashPayments)
    .where(inArray(dashPayments.paymentId, [earlyPayment, latePayment]));
  expect(rows.map((r) => r.companyId)).toEqual([company, company]);
});

it('applies a hold delivered twice in one read once', async () => {
  const [x, y] = [newBooking(), newBooking()];
  const first = held(x);
  await publishTogether([first, held(y), first]);
  expect(await statuses(x, y)).toEqual(['HELD 1', 'HELD 1']);
});

import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MalformedEventError } from '@busline/shared';
import { eventually } from '@busline/shared/testing';
import { bookings, outbox, processedEvents, tickets, trips, tripSeats } from '../src/db/schema';
import {
  deliverer,
  HOLD,
  holdInput,
  passenger,
  payFor,
  startTicketing,
  tripSnapshot,
  type TicketingTestSubgraph,
} from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;
const trip = tripSnapshot({ rows: 5 });
const money = { amount: 5000, currency: 'RWF' };

const db = () => subgraph.database.handle.db;
const bookingRow = async (id: string) => (await db().select().from(bookings).where(eq(bookings.id, id)))[0]!;
const ticketStatuses = async (bookingId: string) =>
  (await db().select().from(tickets).where(eq(tickets.bookingId, bookingId))).map((t) => t.status);
const outboxOf = async (type: string, bookingId: string) =>
  (await db().select().from(outbox).where(eq(outbox.type, type)))
    .map((r) => r.payload as Record<string, unknown>)
    .filter((p) => p.bookingId === bookingId);

async function hold(seats: string[], tripId = trip.tripId) {
  const result = await subgraph.request(HOLD, holdInput(tripId, seats), passenger());
  if (!result.data?.holdSeats) throw new Error(JSON.stringify(result.errors));
  return result.data.holdSeats as { id: string; tickets: { id: string }[] };
}
const confirm = (bookingId: string, paymentId = `pay-${bookingId}`) =>
  payFor(deliver, bookingId, { paymentId, amount: money.amount });

/** payment.started and payment.failed of a payment of `bookingId`, delivered one at a time. */
function paymentEvents(bookingId: string) {
  return {
    started: (paymentId: string) =>
      deliver('payment.started', { paymentId, bookingId, userId: 'u', amount: money, method: 'MTN_MOMO' }),
    failed: (paymentId: string) =>
      deliver('payment.failed', { paymentId, bookingId, userId: 'u', reason: 'APPROVAL_REJECTED' }),
  };
}

beforeAll(async () => {
  subgraph = await startTicketing();
  deliver = deliverer(subgraph);
  await deliver('trip.scheduled', trip);
});
afterAll(() => subgraph.stop());

describe('booking saga', () => {
  it('moves a hold to PENDING_PAYMENT when a payment starts and back to HELD when it fails', async () => {
    const booking = await hold(['1A']);
    await deliver('payment.started', {
      paymentId: 'p1',
      bookingId: booking.id,
      userId: 'u',
      amount: money,
      method: 'MTN_MOMO',
    });
    expect((await bookingRow(booking.id)).status).toBe('PENDING_PAYMENT');
    await deliver('payment.failed', { paymentId: 'p1', bookingId: booking.id, userId: 'u', reason: 'DECLINED' });
    expect((await bookingRow(booking.id)).status).toBe('HELD');
  });

  it("stays payable when a payment's failure arrives before its start (they travel on different streams)", async () => {
    const booking = await hold(['4B']);
    const { started, failed } = paymentEvents(booking.id);
    await failed('refused-at-once');
    await started('refused-at-once');
    expect((await bookingRow(booking.id)).status).toBe('HELD');
    // The next attempt is followed as usual.
    await started('second-try');
    expect(await bookingRow(booking.id)).toMatchObject({ status: 'PENDING_PAYMENT', paymentId: 'second-try' });
    await failed('second-try');
    expect((await bookingRow(booking.id)).status).toBe('HELD');
  });

  it("follows a newer payment that starts before the older one's failure arrives", async () => {
    const booking = await hold(['4C']);
    const { started, failed } = paymentEvents(booking.id);
    await started('older');
    await started('newer');
    expect(await bookingRow(booking.id)).toMatchObject({ status: 'PENDING_PAYMENT', paymentId: 'newer' });
    await failed('older');
    expect(await bookingRow(booking.id)).toMatchObject({ status: 'PENDING_PAYMENT', paymentId: 'newer' });
    await failed('newer');
    expect((await bookingRow(booking.id)).status).toBe('HELD');
  });

  it('confirms a paid booking, its tickets and emits booking.confirmed with the contract payload', async () => {
    const booking = await hold(['1B', '1C']);
    await confirm(booking.id, 'pay-ok');
    const row = await bookingRow(booking.id);
    expect(row).toMatchObject({ status: 'CONFIRMED', paymentId: 'pay-ok', expiresAt: null });
    expect(await ticketStatuses(booking.id)).toEqual(['CONFIRMED', 'CONFIRMED']);
    const [event] = await outboxOf('booking.confirmed', booking.id);
    expect(event).toMatchObject({
      tripId: trip.tripId,
      companyId: trip.companyId,
      userId: row.userId,
      paymentId: 'pay-ok',
      totalAmount: { amount: 10_000, currency: 'RWF' },
      departureAt: trip.departureAt,
      arrivalAt: trip.arrivalAt,
    });
    expect((event!.tickets as { seatNumber: string }[]).map((t) => t.seatNumber)).toEqual(['1B', '1C']);
  });

  it('shows held seats as HELD and paid seats as SOLD in the seat map', async () => {
    await hold(['2A']);
    const paid = await hold(['2B']);
    await confirm(paid.id);
    const result = await subgraph.request(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Trip { seatMap { label state } } } }',
      {
        r: [{ __typename: 'Trip', id: trip.tripId }],
      },
    );
    const states = Object.fromEntries(
      result.data?._entities[0].seatMap.map((s: { label: string; state: string }) => [s.label, s.state]),
    );
    expect([states['2A'], states['2B'], states['2C']]).toEqual(['HELD', 'SOLD', 'AVAILABLE']);
  });

  it('marks a confirmed ticket BOARDED when it is scanned', async () => {
    const booking = await hold(['2D']);
    await confirm(booking.id);
    await deliver('ticket.boarded', {
      ticketId: booking.tickets[0]!.id,
      bookingId: booking.id,
      tripId: trip.tripId,
      companyId: trip.companyId,
      boardedAt: new Date().toISOString(),
      scannedBy: 'd',
    });
    expect(await ticketStatuses(booking.id)).toEqual(['BOARDED']);
  });

  it('marks a cancelled booking REFUNDED when its payment is refunded', async () => {
    const booking = await hold(['3A']);
    await confirm(booking.id, 'pay-refund');
    const owner = { userId: (await bookingRow(booking.id)).userId, role: 'PASSENGER' as const, companyId: null };
    await subgraph.request(
      'mutation($id: ID!) { cancelBooking(bookingId: $id) { status } }',
      { id: booking.id },
      owner,
    );
    await deliver('payment.refunded', {
      paymentId: 'pay-refund',
      bookingId: booking.id,
      userId: owner.userId,
      refundId: 'r1',
      amount: money,
      refundedAt: new Date().toISOString(),
    });
    expect((await bookingRow(booking.id)).status).toBe('REFUNDED');
    expect(await ticketStatuses(booking.id)).toEqual(['REFUNDED']);
    // Its seat was freed at the cancellation: the refund frees none (the router's cache keeps the trip's answers).
    expect(await outboxOf('booking.refunded', booking.id)).toMatchObject([
      { bookingId: booking.id, paymentId: 'pay-refund', previousStatus: 'CANCELLED', ticketIds: [] },
    ]);
  });

  it('frees the seats of a confirmed booking refunded without a cancellation, and says so (booking.refunded)', async () => {
    const booking = await hold(['5C']);
    await confirm(booking.id, 'pay-reversed');
    await deliver('payment.refunded', {
      paymentId: 'pay-reversed',
      bookingId: booking.id,
      userId: 'u',
      refundId: 'r-reversed',
      amount: money,
      refundedAt: new Date().toISOString(),
    });
    expect((await bookingRow(booking.id)).status).toBe('REFUNDED');
    expect(await outboxOf('booking.refunded', booking.id)).toMatchObject([
      {
        bookingId: booking.id,
        tripId: (await bookingRow(booking.id)).tripId,
        previousStatus: 'CONFIRMED',
        ticketIds: [booking.tickets[0]!.id],
      },
    ]);
  });

  /** A hold of a trip of its own whose end is moved to `endsAt` (a time past: the sweeper here is off). */
  async function heldUntil(endsAt: number) {
    const other = tripSnapshot({ rows: 1 });
    await deliver('trip.scheduled', other);
    const booking = await hold(['1A'], other.tripId);
    const expiresAt = new Date(endsAt);
    await db().update(bookings).set({ expiresAt }).where(eq(bookings.id, booking.id));
    return { booking, expiresAt };
  }

  it('hands back a payment that settles after the hold and its grace ran out, swept or not yet', async () => {
    // The hold and the payment grace (2 minutes) ran out; this subgraph's sweeper is off, so nothing ended it yet.
    const { booking } = await heldUntil(Date.now() - 3 * 60_000);
    await confirm(booking.id);
    expect((await bookingRow(booking.id)).status).toBe('EXPIRED');
    expect(await ticketStatuses(booking.id)).toEqual(['EXPIRED']);
    expect(await outboxOf('booking.confirmed', booking.id)).toEqual([]);
    expect(await outboxOf('booking.expired', booking.id)).toHaveLength(1);
    expect(await outboxOf('refund.requested', booking.id)).toMatchObject([{ reason: 'PAID_AFTER_EXPIRY' }]);
  });

  it('confirms a payment learned within the grace after the hold ran out (a status check after a lost callback)', async () => {
    const { booking } = await heldUntil(Date.now() - 60_000);
    // Payment started before the end; its success learned a minute after it (succeededAt: now).
    await confirm(booking.id);
    expect((await bookingRow(booking.id)).status).toBe('CONFIRMED');
    expect(await outboxOf('refund.requested', booking.id)).toEqual([]);
  });

  it('hands back a payment learned after the end of a hold whose payment had not started (HELD: no grace)', async () => {
    const { booking } = await heldUntil(Date.now() - 60_000);
    const payment = { paymentId: `pay-${booking.id}`, bookingId: booking.id, userId: 'u', amount: money };
    await deliver('payment.succeeded', { ...payment, providerReference: 'r', succeededAt: new Date().toISOString() });
    expect((await bookingRow(booking.id)).status).toBe('EXPIRED');
    expect(await outboxOf('refund.requested', booking.id)).toMatchObject([{ reason: 'PAID_AFTER_EXPIRY' }]);
  });

  it('confirms a payment made before the hold ran out whose event comes after it, the hold not ended yet', async () => {
    const { booking, expiresAt } = await heldUntil(Date.now() - 60_000);
    const payment = { paymentId: `pay-${booking.id}`, bookingId: booking.id, userId: 'u', amount: money };
    await deliver('payment.started', { ...payment, method: 'CASH' });
    // Cash taken a second before the hold's end; ticketing applies the event after it, before any sweep.
    const succeededAt = new Date(expiresAt.getTime() - 1000).toISOString();
    await deliver('payment.succeeded', { ...payment, method: 'CASH', providerReference: 'cash:s', succeededAt });
    expect((await bookingRow(booking.id)).status).toBe('CONFIRMED');
    expect(await outboxOf('refund.requested', booking.id)).toEqual([]);
  });

  it('asks for a refund when a second payment succeeds for an already confirmed booking', async () => {
    const booking = await hold(['3B']);
    await confirm(booking.id, 'pay-first');
    await deliver('payment.succeeded', { paymentId: 'pay-second', bookingId: booking.id, userId: 'u', amount: money });
    expect(await outboxOf('refund.requested', booking.id)).toEqual([
      { bookingId: booking.id, paymentId: 'pay-second', amount: money, reason: 'DUPLICATE_PAYMENT' },
    ]);
    expect((await bookingRow(booking.id)).paymentId).toBe('pay-first');
  });

  it('leaves a cancelled booking awaiting its refund when only a duplicate payment was refunded', async () => {
    const booking = await hold(['5A']);
    await confirm(booking.id, 'pay-own');
    await deliver('payment.succeeded', {
      paymentId: 'pay-duplicate',
      bookingId: booking.id,
      userId: 'u',
      amount: money,
    });
    const owner = { userId: (await bookingRow(booking.id)).userId, role: 'PASSENGER' as const, companyId: null };
    await subgraph.request(
      'mutation($id: ID!) { cancelBooking(bookingId: $id) { status } }',
      { id: booking.id },
      owner,
    );
    await deliver('payment.refunded', {
      paymentId: 'pay-duplicate',
      bookingId: booking.id,
      userId: owner.userId,
      refundId: 'r-dup',
      amount: money,
      refundedAt: new Date().toISOString(),
    });
    expect((await bookingRow(booking.id)).status).toBe('CANCELLED');
    await deliver('payment.refunded', {
      paymentId: 'pay-own',
      bookingId: booking.id,
      userId: owner.userId,
      refundId: 'r-own',
      amount: money,
      refundedAt: new Date().toISOString(),
    });
    expect((await bookingRow(booking.id)).status).toBe('REFUNDED');
    expect(await ticketStatuses(booking.id)).toEqual(['REFUNDED']);
  });

  it('marks an expired booking refunded when money that came after it ended is returned', async () => {
    const booking = await hold(['5B']);
    await db().update(bookings).set({ status: 'EXPIRED' }).where(eq(bookings.id, booking.id));
    await deliver('payment.refunded', {
      paymentId: 'pay-late',
      bookingId: booking.id,
      userId: 'u',
      refundId: 'r-late',
      amount: money,
      refundedAt: new Date().toISOString(),
    });
    expect((await bookingRow(booking.id)).status).toBe('REFUNDED');
  });

  it('ignores transitions the booking state does not allow, changing nothing', async () => {
    const held = await hold(['3C']);
    await deliver('payment.refunded', {
      paymentId: 'x',
      bookingId: held.id,
      userId: 'u',
      refundId: 'r',
      amount: money,
    });
    await deliver('payment.failed', { paymentId: 'x', bookingId: held.id, userId: 'u', reason: 'DECLINED' });
    await deliver('ticket.boarded', { ticketId: held.tickets[0]!.id, bookingId: held.id });
    expect((await bookingRow(held.id)).status).toBe('HELD');
    expect(await ticketStatuses(held.id)).toEqual(['HELD']);

    const confirmed = await hold(['3D']);
    await confirm(confirmed.id);
    await deliver('payment.started', {
      paymentId: 'late',
      bookingId: confirmed.id,
      userId: 'u',
      amount: money,
      method: 'MTN_MOMO',
    });
    await deliver('payment.failed', { paymentId: 'late', bookingId: confirmed.id, userId: 'u', reason: 'DECLINED' });
    expect((await bookingRow(confirmed.id)).status).toBe('CONFIRMED');
    expect(await ticketStatuses(confirmed.id)).toEqual(['CONFIRMED']);
  });

  it('applies a redelivered event only once', async () => {
    const booking = await hold(['4A']);
    const started = await deliver('payment.started', {
      paymentId: 'p',
      bookingId: booking.id,
      userId: 'u',
      amount: money,
      method: 'MTN_MOMO',
    });
    const succeeded = await deliver('payment.succeeded', {
      paymentId: 'p',
      bookingId: booking.id,
      userId: 'u',
      amount: money,
    });
    await deliver('payment.started', started.payload, started.id);
    await deliver('payment.succeeded', succeeded.payload, succeeded.id);
    expect((await bookingRow(booking.id)).status).toBe('CONFIRMED');
    expect(await outboxOf('booking.confirmed', booking.id)).toHaveLength(1);
  });
});

describe('trip inventory events', () => {
  it('applies a trip.scheduled published on the event bus', async () => {
    const snapshot = tripSnapshot({ rows: 1 });
    await subgraph.deps.bus.publish({
      id: randomUUID(),
      type: 'trip.scheduled',
      source: 'company',
      occurredAt: new Date().toISOString(),
      payload: snapshot,
    });
    const row = await eventually(
      async () => (await db().select().from(trips).where(eq(trips.id, snapshot.tripId)))[0],
      5000,
    );
    expect(row).toMatchObject({ companyId: snapshot.companyId, seatCount: 4, priceAmount: 5000, status: 'SCHEDULED' });
  });

  it('cancels every open and paid booking when the trip is cancelled, refunding paid ones in full', async () => {
    const other = tripSnapshot({ rows: 1 });
    await deliver('trip.scheduled', other);
    const held = await hold(['1A'], other.tripId);
    const paid = await hold(['1B'], other.tripId);
    await confirm(paid.id, 'pay-trip');
    await deliver('trip.cancelled', {
      tripId: other.tripId,
      companyId: other.companyId,
      reason: 'Breakdown',
      cancelledAt: new Date().toISOString(),
      version: 2,
    });
    expect([(await bookingRow(held.id)).status, (await bookingRow(paid.id)).status]).toEqual([
      'CANCELLED',
      'CANCELLED',
    ]);
    expect(await ticketStatuses(paid.id)).toEqual(['CANCELLED']);
    expect((await outboxOf('booking.cancelled', held.id))[0]).toMatchObject({ reason: 'TRIP_CANCELLED', refund: null });
    expect((await outboxOf('booking.cancelled', paid.id))[0]).toMatchObject({
      reason: 'TRIP_CANCELLED',
      refund: { amount: 5000, currency: 'RWF' },
      paymentId: 'pay-trip',
      ticketIds: [paid.tickets[0]!.id],
    });
    const [row] = await db().select().from(trips).where(eq(trips.id, other.tripId));
    expect(row?.status).toBe('CANCELLED');
  });

  it('applies a newer snapshot and ignores an older one arriving late', async () => {
    const snapshot = tripSnapshot({ rows: 1 });
    await deliver('trip.scheduled', snapshot);
    await deliver('trip.updated', { ...snapshot, version: 3, price: { amount: 7000, currency: 'RWF' } });
    await deliver('trip.updated', { ...snapshot, version: 2, price: { amount: 6000, currency: 'RWF' } });
    const [row] = await db().select().from(trips).where(eq(trips.id, snapshot.tripId));
    expect(row).toMatchObject({ version: 3, priceAmount: 7000 });
  });

  it('adds new seats and removes dropped ones unless they are sold', async () => {
    const snapshot = tripSnapshot({ rows: 1 });
    await deliver('trip.scheduled', snapshot);
    await hold(['1A'], snapshot.tripId);
    const seats = [{ label: '2A', deck: 1, row: 2, column: 'A' }];
    await deliver('trip.updated', { ...snapshot, version: 2, seats });
    const labels = (await db().select().from(tripSeats).where(eq(tripSeats.tripId, snapshot.tripId)))
      .map((s) => s.label)
      .sort();
    expect(labels).toEqual(['1A', '2A']);
    // 1A is kept for its hold, retired: not a seat of the new bus, nor counted as one.
    const retired = (await db().select().from(tripSeats).where(eq(tripSeats.tripId, snapshot.tripId))).filter(
      (s) => s.retired,
    );
    expect(retired.map((s) => s.label)).toEqual(['1A']);
    const [row] = await db().select().from(trips).where(eq(trips.id, snapshot.tripId));
    expect(row?.seatCount).toBe(1);
    // The new bus's one seat is free: availability says so, and a search for one passenger finds the trip.
    const view = await subgraph.request(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Trip { availableSeats seatMap { label state } } } }',
      { r: [{ __typename: 'Trip', id: snapshot.tripId }] },
    );
    expect(view.data?._entities).toEqual([{ availableSeats: 1, seatMap: [{ label: '2A', state: 'AVAILABLE' }] }]);
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Kigali' }).format(new Date(snapshot.departureAt));
    const found = await subgraph.request(
      'query($input: SearchTripsInput!) { searchTrips(input: $input) { id availableSeats } }',
      { input: { originCity: 'Kigali', destinationCity: 'Huye', date, passengers: 1 } },
    );
    expect(found.errors).toBeUndefined();
    expect(found.data?.searchTrips.filter((t: { id: string }) => t.id === snapshot.tripId)).toEqual([
      { id: snapshot.tripId, availableSeats: 1 },
    ]);
  });

  it('creates the seats of a trip once however often trip.scheduled is delivered', async () => {
    const snapshot = tripSnapshot({ rows: 2 });
    const event = await deliver('trip.scheduled', snapshot);
    await deliver('trip.scheduled', snapshot, event.id);
    await deliver('trip.scheduled', snapshot);
    expect(await db().select().from(tripSeats).where(eq(tripSeats.tripId, snapshot.tripId))).toHaveLength(8);
  });
});

describe('a malformed event', () => {
  it('is refused as malformed, so the bus dead-letters it at once, and is not recorded as processed', async () => {
    const id = randomUUID();
    await expect(deliver('payment.succeeded', { bookingId: 42 }, id)).rejects.toBeInstanceOf(MalformedEventError);
    expect(await db().select().from(processedEvents).where(eq(processedEvents.eventId, id))).toEqual([]);
  });
});

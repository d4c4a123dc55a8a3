import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { eventually, inFlight, itConcurrent, untilWaiting } from '@busline/shared/testing';
import { payableBookings } from '../src/db/schema';
import { BookingReplicaRepository } from '../src/repositories/booking-replica-repository';
import {
  eventsFor,
  holdBooking,
  passenger,
  paymentRows,
  publish,
  startPayment,
  startPaymentSubgraph,
  type PaymentSubgraph,
} from './helpers';

let subgraph: PaymentSubgraph;
// Long delays: nothing settles while these tests look at PENDING payments.
beforeAll(async () => {
  subgraph = await startPaymentSubgraph({ sandboxCallbackDelayMs: 60_000, reconcileAfterMs: 600_000 });
});
afterAll(() => subgraph.stop());

describe('startPayment', () => {
  it('charges the amount of the booking replica and emits payment.started', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner, 12_345);
    const result = await startPayment(subgraph, owner, { bookingId, phone: '+250 788 123 456' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.startPayment).toMatchObject({
      status: 'PENDING',
      method: 'MTN_MOMO',
      amount: { amount: 12_345, currency: 'RWF' },
      booking: { id: bookingId },
    });
    const [started] = await eventsFor(subgraph, 'payment.started', bookingId);
    expect(started).toMatchObject({
      paymentId: result.data?.startPayment.id,
      userId: owner.userId,
      amount: { amount: 12_345, currency: 'RWF' },
      method: 'MTN_MOMO',
    });
    expect((await paymentRows(subgraph, bookingId))[0]?.phone).toBe('250788123456');
  });

  it('returns the same payment for the same key and input', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner);
    const first = await startPayment(subgraph, owner, { bookingId }, 'key-same');
    const second = await startPayment(subgraph, owner, { bookingId }, 'key-same');
    expect(second.data?.startPayment.id).toBe(first.data?.startPayment.id);
    expect(await paymentRows(subgraph, bookingId)).toHaveLength(1);
  });

  it('refuses a reused key with a different input with IDEMPOTENCY_CONFLICT', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner);
    await startPayment(subgraph, owner, { bookingId }, 'key-conflict');
    const other = await startPayment(subgraph, owner, { bookingId, phone: '0788999111' }, 'key-conflict');
    expect(other.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await paymentRows(subgraph, bookingId)).toHaveLength(1);
  });

  it('refuses a key with a control character (a NUL) with BAD_USER_INPUT, creating nothing', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner);
    const refused = await startPayment(subgraph, owner, { bookingId }, 'retry\u0000key');
    expect(refused.errors?.[0]).toMatchObject({
      message: 'idempotencyKey must not contain control characters',
      extensions: { code: 'BAD_USER_INPUT', field: 'idempotencyKey' },
    });
    expect(await paymentRows(subgraph, bookingId)).toEqual([]);
  });

  itConcurrent('creates one payment and one provider request for 100 concurrent calls with one key', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner);
    const before = subgraph.providerCalls.requestToPay;
    const results = await Promise.all(
      Array.from({ length: 100 }, () => startPayment(subgraph, owner, { bookingId }, 'key-burst')),
    );
    const ids = new Set(results.map((r) => r.data?.startPayment.id));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(ids.size).toBe(1);
    expect(await paymentRows(subgraph, bookingId)).toHaveLength(1);
    expect(subgraph.providerCalls.requestToPay - before).toBe(1);
    expect(await eventsFor(subgraph, 'payment.started', bookingId)).toHaveLength(1);
  });

  it('allows only one active payment per booking', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner);
    await startPayment(subgraph, owner, { bookingId });
    const second = await startPayment(subgraph, owner, { bookingId });
    expect(second.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await paymentRows(subgraph, bookingId)).toHaveLength(1);
  });

  it("refuses to let anyone but the booking's owner pay", async () => {
    const bookingId = await holdBooking(subgraph, passenger());
    const result = await startPayment(subgraph, passenger(), { bookingId });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await paymentRows(subgraph, bookingId)).toHaveLength(0);
  });

  it('refuses card payments and invalid phone numbers without creating anything', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner);
    const card = await startPayment(subgraph, owner, { bookingId, method: 'CARD' });
    expect(card.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(card.errors?.[0]?.message).toMatch(/not yet supported/);
    const phone = await startPayment(subgraph, owner, { bookingId, phone: '12345' });
    expect(phone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phone' });
    expect(await paymentRows(subgraph, bookingId)).toHaveLength(0);
  });

  it('answers UNAVAILABLE after a short wait when the booking is not replicated yet', async () => {
    const started = Date.now();
    const result = await startPayment(subgraph, passenger(), { bookingId: randomUUID() });
    expect(result.errors?.[0]).toMatchObject({
      message:
        'This booking has not reached payments yet; nothing was charged. Retry startPayment with the same idempotency key in a few seconds',
      extensions: { code: 'UNAVAILABLE', retryable: true, retryAfterSeconds: 3 },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('refuses an expired booking with HOLD_EXPIRED', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner);
    await publish(subgraph, 'booking.expired', {
      bookingId,
      tripId: randomUUID(),
      companyId: randomUUID(),
      userId: owner.userId,
      ticketIds: [],
    });
    const replica = subgraph.database.handle.db
      .select()
      .from(payableBookings)
      .where(eq(payableBookings.bookingId, bookingId));
    await eventually(async () => (await replica)[0]?.state === 'EXPIRED');
    const result = await startPayment(subgraph, owner, { bookingId });
    expect(result.errors?.[0]?.extensions?.code).toBe('HOLD_EXPIRED');
    expect(await paymentRows(subgraph, bookingId)).toHaveLength(0);
  });

  it('shows payments to their owner and not to other passengers', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner);
    const { data } = await startPayment(subgraph, owner, { bookingId });
    const query =
      'query($r: [_Any!]!, $id: ID!) { _entities(representations: $r) { ... on Booking { payments { id } } } payment(id: $id) { id } }';
    const vars = { r: [{ __typename: 'Booking', id: bookingId }], id: data?.startPayment.id };
    const mine = await subgraph.request(query, vars, owner);
    expect(mine.data).toEqual({
      _entities: [{ payments: [{ id: data?.startPayment.id }] }],
      payment: { id: data?.startPayment.id },
    });
    const theirs = await subgraph.request(query, vars, passenger());
    expect(theirs.data).toEqual({ _entities: [{ payments: [] }], payment: null });
  });

  it("shows a booking's payments to admins of its company and platform admins, not to other companies' admins", async () => {
    const owner = passenger();
    const companyId = randomUUID();
    const bookingId = await holdBooking(subgraph, owner, 9000, companyId);
    const { data } = await startPayment(subgraph, owner, { bookingId });
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Booking { payments { id } } } }';
    const r = [{ __typename: 'Booking', id: bookingId }];
    const seen = async (viewer: Parameters<typeof subgraph.request>[2]) =>
      (await subgraph.request(query, { r }, viewer)).data?._entities[0].payments;
    expect(await seen({ userId: randomUUID(), role: 'COMPANY_ADMIN', companyId })).toEqual([
      { id: data?.startPayment.id },
    ]);
    expect(await seen({ userId: randomUUID(), role: 'PLATFORM_ADMIN', companyId: null })).toEqual([
      { id: data?.startPayment.id },
    ]);
    expect(await seen({ userId: randomUUID(), role: 'COMPANY_ADMIN', companyId: randomUUID() })).toEqual([]);
  });
});

describe('startPayment before the booking replica', () => {
  // A long wait here, so that only a request that does not wait at all can miss the replica.
  let patient: PaymentSubgraph;
  beforeAll(async () => {
    patient = await startPaymentSubgraph({
      sandboxCallbackDelayMs: 60_000,
      reconcileAfterMs: 600_000,
      bookingReplicaWaitMs: 10_000,
    });
  });
  afterAll(() => patient.stop());

  it('waits for a booking.held that is still on its way', async () => {
    const owner = passenger();
    const bookingId = randomUUID();
    // startPayment waits by looking the replica up again until it exists: a second lookup of this
    // booking, with the request still unanswered, shows it waiting before booking.held arrives.
    const lookups = vi.spyOn(BookingReplicaRepository.prototype, 'find');
    try {
      const request = inFlight(startPayment(patient, owner, { bookingId }));
      await untilWaiting(request, () => lookups.mock.calls.filter(([id]) => id === bookingId).length >= 2);
      await publish(patient, 'booking.held', {
        bookingId,
        userId: owner.userId,
        companyId: randomUUID(),
        totalAmount: { amount: 7000, currency: 'RWF' },
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
      });
      const result = await request.answer;
      expect(result.errors).toBeUndefined();
      expect(result.data?.startPayment).toMatchObject({
        status: 'PENDING',
        amount: { amount: 7000, currency: 'RWF' },
        booking: { id: bookingId },
      });
    } finally {
      lookups.mockRestore();
    }
  });
});

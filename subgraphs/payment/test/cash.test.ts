import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@busline/shared';
import { eventually, itConcurrent } from '@busline/shared/testing';
import { cashShifts, idempotencyKeys, payableBookings, payments, refunds } from '../src/db/schema';
import {
  eventsFor,
  passenger,
  payerAnswers,
  paymentRows,
  publish,
  startPayment,
  startPaymentSubgraph,
  type PaymentSubgraph,
} from './helpers';

let subgraph: PaymentSubgraph;
// Long sandbox delays: a mobile-money payment started here stays PENDING.
beforeAll(async () => {
  subgraph = await startPaymentSubgraph({ sandboxCallbackDelayMs: 60_000, reconcileAfterMs: 600_000 });
});
afterAll(() => subgraph.stop());

const staff = (role: 'COUNTER_AGENT' | 'COMPANY_ADMIN', companyId: string): Viewer => ({
  userId: randomUUID(),
  role,
  companyId,
});
const platformAdmin = (): Viewer => ({ userId: randomUUID(), role: 'PLATFORM_ADMIN', companyId: null });

/** booking.held of a counter sale by `agent` (the booking's owner until claimed), waited for in the replica. */
async function counterBooking(
  agent: Viewer,
  options: { amount?: number; currency?: string; companyId?: string; owner?: Viewer } = {},
): Promise<string> {
  const bookingId = randomUUID();
  const owner = options.owner ?? agent;
  await publish(subgraph, 'booking.held', {
    bookingId,
    tripId: randomUUID(),
    companyId: options.companyId ?? agent.companyId,
    userId: owner.userId,
    tickets: [{ ticketId: randomUUID(), seatNumber: '1A', passengerName: 'Aline' }],
    totalAmount: { amount: options.amount ?? 12_000, currency: options.currency ?? 'RWF' },
    expiresAt: new Date(Date.now() + 600_000).toISOString(),
    departureAt: new Date(Date.now() + 86_400_000).toISOString(),
    channel: owner === agent ? 'COUNTER' : 'ONLINE',
    soldBy: owner === agent ? agent.userId : null,
    contact: owner === agent ? { name: 'Aline', phone: '+250788123456', email: null, language: 'rw' } : undefined,
  });
  const db = subgraph.database.handle.db;
  await eventually(
    async () => (await db.select().from(payableBookings).where(eq(payableBookings.bookingId, bookingId))).length === 1,
  );
  return bookingId;
}

const RECORD_CASH = `mutation($input: RecordCashPaymentInput!, $key: String!) {
  recordCashPayment(input: $input, idempotencyKey: $key) {
    id status method providerReference amount { amount currency } cashReceived { amount currency }
    cashChange { amount currency } agentId shiftId booking { id }
  }
}`;
const SHIFT_FIELDS = `id agentId companyId status openedAt closedAt paymentCount refundCount
  totals { currency taken { amount currency } refunded { amount currency } net { amount currency } }`;
const MY_SHIFT = `{ myCashShift { ${SHIFT_FIELDS} } }`;
const CLOSE_SHIFT = `mutation { closeCashShift { ${SHIFT_FIELDS} } }`;
const CASH_SHIFTS = `query($companyId: ID!, $agentId: ID, $first: Int, $after: String, $from: DateTime, $to: DateTime) {
  cashShifts(companyId: $companyId, agentId: $agentId, first: $first, after: $after, from: $from, to: $to) {
    edges { cursor node { ${SHIFT_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const PAYMENT = `query($id: ID!) { payment(id: $id) { id status method cashChange { amount } agentId shiftId } }`;

function recordCash(viewer: Viewer, bookingId: string, amountReceived: number, key: string = randomUUID()) {
  return subgraph.request(RECORD_CASH, { input: { bookingId, amountReceived }, key }, viewer);
}

const shiftRows = (agentId: string) =>
  subgraph.database.handle.db.select().from(cashShifts).where(eq(cashShifts.agentId, agentId));

describe('recordCashPayment', () => {
  it('records a cash sale with its change, SUCCEEDED at once, and emits payment.succeeded', async () => {
    const companyId = randomUUID();
    const agent = staff('COUNTER_AGENT', companyId);
    const bookingId = await counterBooking(agent, { amount: 12_000 });
    const result = await recordCash(agent, bookingId, 15_000);
    expect(result.errors).toBeUndefined();
    const payment = result.data?.recordCashPayment;
    expect(payment).toMatchObject({
      status: 'SUCCEEDED',
      method: 'CASH',
      amount: { amount: 12_000, currency: 'RWF' },
      cashReceived: { amount: 15_000, currency: 'RWF' },
      cashChange: { amount: 3000, currency: 'RWF' },
      agentId: agent.userId,
      booking: { id: bookingId },
    });
    const [shift] = await shiftRows(agent.userId);
    expect(shift).toMatchObject({ status: 'OPEN', companyId });
    expect(payment.shiftId).toBe(shift!.id);
    const succeeded = await eventsFor(subgraph, 'payment.succeeded', bookingId);
    expect(succeeded).toEqual([
      expect.objectContaining({
        paymentId: payment.id,
        userId: agent.userId,
        amount: { amount: 12_000, currency: 'RWF' },
        method: 'CASH',
        providerReference: `cash:${shift!.id}`,
      }),
    ]);
    expect(await eventsFor(subgraph, 'payment.started', bookingId)).toHaveLength(0);
    expect(subgraph.providerCalls.requestToPay).toBe(0);
  });

  // Nine sales of six seats at the highest price took a shift past what Money.amount holds: myCashShift, cashShifts
  // and closeCashShift (which still closed it) answered INTERNAL_SERVER_ERROR, and the till could not be counted.
  it('refuses cash that would take a shift past what its total can hold; a new shift takes it', async () => {
    const agent = staff('COUNTER_AGENT', randomUUID());
    const first = await counterBooking(agent, { amount: 1_500_000_000 });
    expect((await recordCash(agent, first, 1_500_000_000)).errors).toBeUndefined();
    const second = await counterBooking(agent, { amount: 1_000_000_000 });
    const refused = await recordCash(agent, second, 1_000_000_000);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'SHIFT_TOTAL_TOO_LARGE',
    });
    expect((await subgraph.request(MY_SHIFT, {}, agent)).data?.myCashShift).toMatchObject({
      paymentCount: 1,
      totals: [{ taken: { amount: 1_500_000_000 } }],
    });
    expect((await subgraph.request(CLOSE_SHIFT, {}, agent)).errors).toBeUndefined();
    expect((await recordCash(agent, second, 1_000_000_000)).errors).toBeUndefined();
  });

  // Two sales at once each read the shift's total without the other's and both passed.
  it('counts sales of one shift one after another: two at once cannot together pass what it can hold', async () => {
    for (let round = 0; round < 3; round++) {
      const agent = staff('COUNTER_AGENT', randomUUID());
      const opened = await counterBooking(agent, { amount: 1_000 });
      expect((await recordCash(agent, opened, 1_000)).errors).toBeUndefined();
      const sales = [
        await counterBooking(agent, { amount: 1_200_000_000 }),
        await counterBooking(agent, { amount: 1_200_000_000 }),
      ];
      const results = await Promise.all(sales.map((bookingId) => recordCash(agent, bookingId, 1_200_000_000)));
      expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
      expect(results.find((r) => r.errors)?.errors?.[0]?.extensions).toMatchObject({ reason: 'SHIFT_TOTAL_TOO_LARGE' });
      expect((await subgraph.request(MY_SHIFT, {}, agent)).data?.myCashShift).toMatchObject({
        paymentCount: 2,
        totals: [{ taken: { amount: 1_200_001_000 } }],
      });
    }
  });

  it('refuses less cash than the price with AMOUNT_TOO_LOW and changes nothing', async () => {
    const agent = staff('COUNTER_AGENT', randomUUID());
    const bookingId = await counterBooking(agent, { amount: 12_000 });
    const result = await recordCash(agent, bookingId, 11_999, 'too-low');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'AMOUNT_TOO_LOW' });
    expect(await paymentRows(subgraph, bookingId)).toHaveLength(0);
    expect(await shiftRows(agent.userId)).toHaveLength(0);
    expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toHaveLength(0);
    const keys = await subgraph.database.handle.db
      .select()
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.userId, agent.userId));
    expect(keys).toHaveLength(0);
    // The same key with enough cash is a first attempt.
    const retried = await recordCash(agent, bookingId, 12_000, 'too-low');
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.recordCashPayment.cashChange).toEqual({ amount: 0, currency: 'RWF' });
  });

  it("refuses passengers, drivers and another company's agent (FORBIDDEN); admins of the company and platform admins may", async () => {
    const companyId = randomUUID();
    const agent = staff('COUNTER_AGENT', companyId);
    const bookingId = await counterBooking(agent);
    for (const viewer of [
      passenger(),
      { userId: agent.userId, role: 'PASSENGER', companyId: null } as Viewer,
      { userId: randomUUID(), role: 'DRIVER', companyId } as Viewer,
      staff('COUNTER_AGENT', randomUUID()),
      staff('COMPANY_ADMIN', randomUUID()),
    ]) {
      const result = await recordCash(viewer, bookingId, 20_000);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await paymentRows(subgraph, bookingId)).toHaveLength(0);
    const unauthenticated = await recordCash(undefined as unknown as Viewer, bookingId, 20_000);
    expect(unauthenticated.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const admin = staff('COMPANY_ADMIN', companyId);
    expect((await recordCash(admin, bookingId, 20_000)).errors).toBeUndefined();
    const other = await counterBooking(agent);
    const byPlatform = await recordCash(platformAdmin(), other, 20_000);
    expect(byPlatform.errors).toBeUndefined();
  });

  it("takes cash for an online booking from the company's admin, not its counter agents (who never see it)", async () => {
    const companyId = randomUUID();
    const agent = staff('COUNTER_AGENT', companyId);
    const online = await counterBooking(agent, { owner: passenger() });
    const refused = await recordCash(agent, online, 20_000);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toContain('counter sales');
    expect(await paymentRows(subgraph, online)).toHaveLength(0);
    expect((await recordCash(staff('COMPANY_ADMIN', companyId), online, 20_000)).errors).toBeUndefined();
  });

  it('answers the same payment to a retry with the same key and IDEMPOTENCY_CONFLICT to another input', async () => {
    const agent = staff('COUNTER_AGENT', randomUUID());
    const bookingId = await counterBooking(agent);
    const first = await recordCash(agent, bookingId, 20_000, 'cash-key');
    const again = await recordCash(agent, bookingId, 20_000, 'cash-key');
    expect(again.errors).toBeUndefined();
    expect(again.data?.recordCashPayment.id).toBe(first.data?.recordCashPayment.id);
    const conflict = await recordCash(agent, bookingId, 25_000, 'cash-key');
    expect(conflict.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await paymentRows(subgraph, bookingId)).toHaveLength(1);
    expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toHaveLength(1);
    // Another key for the paid booking: already paid.
    const second = await recordCash(agent, bookingId, 20_000, 'cash-key-2');
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ALREADY_PAID' });
  });

  itConcurrent('takes one of two different cash payments of one booking made at once', async () => {
    const companyId = randomUUID();
    const agent = staff('COUNTER_AGENT', companyId);
    const admin = staff('COMPANY_ADMIN', companyId);
    for (let round = 0; round < 5; round++) {
      const bookingId = await counterBooking(agent);
      const results = await Promise.all([recordCash(agent, bookingId, 20_000), recordCash(admin, bookingId, 30_000)]);
      const succeeded = results.filter((r) => r.errors === undefined);
      expect(succeeded).toHaveLength(1);
      const refused = results.find((r) => r.errors !== undefined)!;
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ALREADY_PAID' });
      expect(await paymentRows(subgraph, bookingId)).toHaveLength(1);
      expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toHaveLength(1);
    }
  });

  itConcurrent('opens one shift for concurrent first cash payments of one agent', async () => {
    const agent = staff('COUNTER_AGENT', randomUUID());
    const bookings = await Promise.all(Array.from({ length: 6 }, () => counterBooking(agent)));
    const results = await Promise.all(bookings.map((bookingId) => recordCash(agent, bookingId, 12_000)));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    const shifts = await shiftRows(agent.userId);
    expect(shifts).toHaveLength(1);
    expect(new Set(results.map((r) => r.data?.recordCashPayment.shiftId))).toEqual(new Set([shifts[0]!.id]));
  });

  it('refuses cash while a mobile-money payment of the booking waits for the payer', async () => {
    const companyId = randomUUID();
    const agent = staff('COUNTER_AGENT', companyId);
    const bookingId = await counterBooking(agent);
    const started = await startPayment(subgraph, agent, { bookingId });
    expect(started.data?.startPayment.status).toBe('PENDING');
    const result = await recordCash(agent, bookingId, 20_000);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAYMENT_IN_PROGRESS' });
    expect(await paymentRows(subgraph, bookingId)).toHaveLength(1);
  });

  it('takes cash once a mobile-money payment failed; that payment succeeding late is refunded to the wallet', async () => {
    const agent = staff('COUNTER_AGENT', randomUUID());
    const bookingId = await counterBooking(agent);
    const started = await startPayment(subgraph, agent, { bookingId });
    const mobileId = started.data?.startPayment.id as string;
    const reference = started.data?.startPayment.providerReference as string;
    // Failed by our own verdict (the provider did not answer): still checked for a late success.
    await subgraph.database.handle.db
      .update(payments)
      .set({ status: 'FAILED', failureReason: 'PROVIDER_UNAVAILABLE', nextCheckAt: new Date(Date.now() + 600_000) })
      .where(eq(payments.id, mobileId));
    const cash = await recordCash(agent, bookingId, 12_000);
    expect(cash.errors).toBeUndefined();

    await payerAnswers(subgraph, reference, 'SUCCESSFUL');
    await subgraph.database.handle.db
      .update(payments)
      .set({ nextCheckAt: new Date() })
      .where(eq(payments.id, mobileId));
    await subgraph.server.reconciler.runOnce();
    // The wallet's money goes back through the provider; the cash payment stays the booking's.
    await eventually(async () => (await paymentRows(subgraph, bookingId)).some((row) => row.status === 'REFUNDED'));
    const rows = await paymentRows(subgraph, bookingId);
    expect(rows.find((row) => row.id === mobileId)?.status).toBe('REFUNDED');
    expect(rows.find((row) => row.method === 'CASH')?.status).toBe('SUCCEEDED');
    const [refund] = await subgraph.database.handle.db.select().from(refunds).where(eq(refunds.paymentId, mobileId));
    expect(refund).toMatchObject({ reason: 'PAID_AFTER_FAILURE', shiftId: null });
    expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toHaveLength(1);
  });

  it('refuses a cancelled booking and an expired hold', async () => {
    const agent = staff('COUNTER_AGENT', randomUUID());
    const cancelled = await counterBooking(agent);
    await publish(subgraph, 'booking.cancelled', {
      bookingId: cancelled,
      userId: agent.userId,
      reason: 'PASSENGER',
      cancelledBy: agent.userId,
      refund: null,
    });
    await eventually(async () => {
      const [row] = await subgraph.database.handle.db
        .select()
        .from(payableBookings)
        .where(eq(payableBookings.bookingId, cancelled));
      return row?.state === 'CANCELLED';
    });
    const result = await recordCash(agent, cancelled, 20_000);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BOOKING_CANCELLED' });

    const expired = await counterBooking(agent);
    await subgraph.database.handle.db
      .update(payableBookings)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(payableBookings.bookingId, expired));
    expect((await recordCash(agent, expired, 20_000)).errors?.[0]?.extensions?.code).toBe('HOLD_EXPIRED');
    expect(await shiftRows(agent.userId)).toHaveLength(0);
  });

  it('shows the till (change, agent, shift) to staff only; startPayment refuses CASH', async () => {
    const companyId = randomUUID();
    const agent = staff('COUNTER_AGENT', companyId);
    const cashier = staff('COMPANY_ADMIN', companyId);
    const owner = passenger();
    // An online booking paid in cash to the company's admin: its owner sees the payment, not the till.
    const bookingId = await counterBooking(agent, { owner });
    const { data } = await recordCash(cashier, bookingId, 15_000);
    const id = data?.recordCashPayment.id as string;
    const seenByOwner = await subgraph.request(PAYMENT, { id }, owner);
    expect(seenByOwner.data?.payment).toMatchObject({
      id,
      method: 'CASH',
      cashChange: null,
      agentId: null,
      shiftId: null,
    });
    const seenByAdmin = await subgraph.request(PAYMENT, { id }, staff('COMPANY_ADMIN', companyId));
    expect(seenByAdmin.data?.payment).toMatchObject({ cashChange: { amount: 3000 }, agentId: cashier.userId });
    const seenByCashier = await subgraph.request(PAYMENT, { id }, cashier);
    expect(seenByCashier.data?.payment?.agentId).toBe(cashier.userId);
    expect((await subgraph.request(PAYMENT, { id }, staff('COUNTER_AGENT', companyId))).data?.payment).toBeNull();
    expect((await subgraph.request(PAYMENT, { id }, passenger())).data?.payment).toBeNull();

    const other = await counterBooking(agent, { owner });
    const viaStart = await startPayment(subgraph, owner, { bookingId: other, method: 'CASH' });
    expect(viaStart.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('cash shifts', () => {
  it('totals per currency, closes with its totals, refuses a second close, and a new payment opens a new shift', async () => {
    const companyId = randomUUID();
    const agent = staff('COUNTER_AGENT', companyId);
    expect((await subgraph.request(MY_SHIFT, {}, agent)).data?.myCashShift).toBeNull();
    for (const [amount, currency, received] of [
      [12_000, 'RWF', 15_000],
      [8000, 'RWF', 8000],
      [1500, 'KES', 2000],
    ] as const) {
      const bookingId = await counterBooking(agent, { amount, currency });
      expect((await recordCash(agent, bookingId, received)).errors).toBeUndefined();
    }
    const open = (await subgraph.request(MY_SHIFT, {}, agent)).data?.myCashShift;
    expect(open).toMatchObject({
      agentId: agent.userId,
      companyId,
      status: 'OPEN',
      closedAt: null,
      paymentCount: 3,
      refundCount: 0,
      totals: [
        {
          currency: 'KES',
          taken: { amount: 1500, currency: 'KES' },
          refunded: { amount: 0, currency: 'KES' },
          net: { amount: 1500, currency: 'KES' },
        },
        {
          currency: 'RWF',
          taken: { amount: 20_000, currency: 'RWF' },
          refunded: { amount: 0, currency: 'RWF' },
          net: { amount: 20_000, currency: 'RWF' },
        },
      ],
    });

    const closed = await subgraph.request(CLOSE_SHIFT, {}, agent);
    expect(closed.errors).toBeUndefined();
    expect(closed.data?.closeCashShift).toMatchObject({
      id: open.id,
      status: 'CLOSED',
      paymentCount: 3,
      totals: open.totals,
    });
    expect(closed.data?.closeCashShift.closedAt).toEqual(expect.any(String));
    const again = await subgraph.request(CLOSE_SHIFT, {}, agent);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_OPEN_SHIFT' });
    expect((await subgraph.request(MY_SHIFT, {}, agent)).data?.myCashShift).toBeNull();

    const later = await counterBooking(agent, { amount: 5000 });
    const next = await recordCash(agent, later, 5000);
    expect(next.data?.recordCashPayment.shiftId).not.toBe(open.id);
    const reopened = (await subgraph.request(MY_SHIFT, {}, agent)).data?.myCashShift;
    expect(reopened).toMatchObject({ id: next.data?.recordCashPayment.shiftId, status: 'OPEN', paymentCount: 1 });
    // The closed shift keeps what it took.
    const list = await subgraph.request(CASH_SHIFTS, { companyId }, agent);
    expect(list.data?.cashShifts.edges.map((e: any) => [e.node.id, e.node.paymentCount])).toEqual([
      [reopened.id, 1],
      [open.id, 3],
    ]);
  });

  it("lets the company's admin close an agent's open shift (one who left), records who closed it, and no one else", async () => {
    const companyId = randomUUID();
    const agent = staff('COUNTER_AGENT', companyId);
    expect((await recordCash(agent, await counterBooking(agent, { amount: 7000 }), 7000)).errors).toBeUndefined();
    const CLOSE_FOR = `mutation($agentId: ID) { closeCashShift(agentId: $agentId) { ${SHIFT_FIELDS} closedBy } }`;
    const refusal = async (viewer: Viewer, agentId: string) =>
      (await subgraph.request(CLOSE_FOR, { agentId }, viewer)).errors?.[0]?.extensions;

    // Another agent of the company, and another company's admin, may not; nor may an id that is none.
    expect(await refusal(staff('COUNTER_AGENT', companyId), agent.userId)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(staff('COMPANY_ADMIN', randomUUID()), agent.userId)).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'NO_OPEN_SHIFT',
    });
    expect(await refusal(staff('COMPANY_ADMIN', companyId), 'not-an-id')).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'agentId',
    });
    expect((await shiftRows(agent.userId))[0]).toMatchObject({ status: 'OPEN', closedBy: null });

    const admin = staff('COMPANY_ADMIN', companyId);
    const closed = await subgraph.request(CLOSE_FOR, { agentId: agent.userId }, admin);
    expect(closed.errors).toBeUndefined();
    expect(closed.data?.closeCashShift).toMatchObject({
      agentId: agent.userId,
      status: 'CLOSED',
      closedBy: admin.userId,
      paymentCount: 1,
      totals: [{ currency: 'RWF', net: { amount: 7000, currency: 'RWF' } }],
    });
    expect(await refusal(admin, agent.userId)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_OPEN_SHIFT' });
    // The admin's own till is untouched; an agent closing their own shift is its closer.
    expect((await subgraph.request(MY_SHIFT, {}, admin)).data?.myCashShift).toBeNull();
    expect((await recordCash(agent, await counterBooking(agent, { amount: 3000 }), 3000)).errors).toBeUndefined();
    const own = await subgraph.request(CLOSE_FOR, { agentId: null }, agent);
    expect(own.data?.closeCashShift).toMatchObject({ agentId: agent.userId, closedBy: agent.userId, paymentCount: 1 });
    // A platform admin may close any company's.
    expect((await recordCash(agent, await counterBooking(agent, { amount: 2000 }), 2000)).errors).toBeUndefined();
    const operator = platformAdmin();
    const byOperator = await subgraph.request(CLOSE_FOR, { agentId: agent.userId }, operator);
    expect(byOperator.data?.closeCashShift).toMatchObject({ status: 'CLOSED', closedBy: operator.userId });
  });

  it("refuses an empty agentId (no agent picked) rather than closing the caller's own shift", async () => {
    const companyId = randomUUID();
    const [admin, agent] = [staff('COMPANY_ADMIN', companyId), staff('COUNTER_AGENT', companyId)];
    expect((await recordCash(admin, await counterBooking(agent, { amount: 4000 }), 4000)).errors).toBeUndefined();
    const CLOSE_FOR = `mutation($agentId: ID) { closeCashShift(agentId: $agentId) { id } }`;
    const closed = await subgraph.request(CLOSE_FOR, { agentId: '' }, admin);
    expect(closed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'agentId' });
    expect((await shiftRows(admin.userId))[0]).toMatchObject({ status: 'OPEN', closedBy: null });
    const listed = await subgraph.request(CASH_SHIFTS, { companyId, agentId: '' }, admin);
    expect(listed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'agentId' });
  });

  it('lists shifts newest first by page; an agent sees only their own, the company admin all, others none', async () => {
    const companyId = randomUUID();
    const [first, second] = [staff('COUNTER_AGENT', companyId), staff('COUNTER_AGENT', companyId)];
    for (const agent of [first, second, first]) {
      const bookingId = await counterBooking(agent);
      expect((await recordCash(agent, bookingId, 12_000)).errors).toBeUndefined();
      await subgraph.request(CLOSE_SHIFT, {}, agent);
    }
    const admin = staff('COMPANY_ADMIN', companyId);
    const page1 = await subgraph.request(CASH_SHIFTS, { companyId, first: 2 }, admin);
    expect(page1.data?.cashShifts.edges).toHaveLength(2);
    expect(page1.data?.cashShifts.pageInfo.hasNextPage).toBe(true);
    const page2 = await subgraph.request(
      CASH_SHIFTS,
      { companyId, first: 2, after: page1.data?.cashShifts.pageInfo.endCursor },
      admin,
    );
    expect(page2.data?.cashShifts.edges).toHaveLength(1);
    expect(page2.data?.cashShifts.pageInfo.hasNextPage).toBe(false);
    const agents = [...page1.data!.cashShifts.edges, ...page2.data!.cashShifts.edges].map((e: any) => e.node.agentId);
    expect(agents).toEqual([first.userId, second.userId, first.userId]);

    const byAdminForFirst = await subgraph.request(CASH_SHIFTS, { companyId, agentId: first.userId }, admin);
    expect(byAdminForFirst.data?.cashShifts.edges).toHaveLength(2);
    // An agent asking for a colleague's shifts still sees only their own.
    const bySecond = await subgraph.request(CASH_SHIFTS, { companyId, agentId: first.userId }, second);
    expect(bySecond.data?.cashShifts.edges.map((e: any) => e.node.agentId)).toEqual([second.userId]);
    const future = await subgraph.request(
      CASH_SHIFTS,
      { companyId, from: new Date(Date.now() + 60_000).toISOString() },
      admin,
    );
    expect(future.data?.cashShifts.edges).toHaveLength(0);

    for (const outsider of [staff('COMPANY_ADMIN', randomUUID()), staff('COUNTER_AGENT', randomUUID()), passenger()]) {
      const refused = await subgraph.request(CASH_SHIFTS, { companyId }, outsider);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await subgraph.request(MY_SHIFT, {}, passenger())).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await subgraph.request(CLOSE_SHIFT, {}, passenger())).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('cash refunds and claims', () => {
  async function paidCounterSale(agent: Viewer, amount = 12_000) {
    const bookingId = await counterBooking(agent, { amount });
    const { data } = await recordCash(agent, bookingId, amount);
    return { bookingId, paymentId: data?.recordCashPayment.id as string, shiftId: data?.recordCashPayment.shiftId };
  }

  it("hands a cancellation's refund back on the canceller's open shift at once, once however often it arrives", async () => {
    const companyId = randomUUID();
    const seller = staff('COUNTER_AGENT', companyId);
    const { bookingId, paymentId } = await paidCounterSale(seller, 12_000);
    // The company admin, with a shift of their own open, cancels at the passenger's request.
    const admin = staff('COMPANY_ADMIN', companyId);
    const { shiftId: adminShift } = await paidCounterSale(admin, 1000);
    const cancelled = {
      bookingId,
      tripId: randomUUID(),
      companyId,
      userId: seller.userId,
      reason: 'PASSENGER',
      cancelledBy: admin.userId,
      ticketIds: [randomUUID()],
      refund: { amount: 9000, currency: 'RWF' },
      paymentId,
      atCounter: true,
    };
    const eventId = randomUUID();
    const providerRefunds = subgraph.providerCalls.refund;
    await publish(subgraph, 'booking.cancelled', cancelled, eventId);
    await eventually(async () => (await eventsFor(subgraph, 'payment.refunded', bookingId)).length === 1);
    // Redelivered, sent again under another id, and asked again as refund.requested: nothing more.
    const [resentId, requestedId] = [randomUUID(), randomUUID()];
    await publish(subgraph, 'booking.cancelled', cancelled, eventId);
    await publish(subgraph, 'booking.cancelled', cancelled, resentId);
    await publish(
      subgraph,
      'refund.requested',
      { bookingId, paymentId, amount: { amount: 12_000, currency: 'RWF' }, reason: 'PAID_AFTER_CANCELLATION' },
      requestedId,
    );
    await eventually(
      () =>
        subgraph.deliveries(eventId) >= 2 &&
        subgraph.deliveries(resentId) >= 1 &&
        subgraph.deliveries(requestedId) >= 1,
    );

    const refunded = await eventsFor(subgraph, 'payment.refunded', bookingId);
    expect(refunded).toEqual([
      expect.objectContaining({
        paymentId,
        userId: seller.userId,
        amount: { amount: 9000, currency: 'RWF' },
        method: 'CASH',
      }),
    ]);
    expect((await paymentRows(subgraph, bookingId))[0]?.status).toBe('REFUNDED');
    const rows = await subgraph.database.handle.db.select().from(refunds).where(eq(refunds.paymentId, paymentId));
    expect(rows).toEqual([
      expect.objectContaining({ status: 'SUCCEEDED', shiftId: adminShift, agentId: admin.userId, amount: 9000 }),
    ]);
    expect(subgraph.providerCalls.refund).toBe(providerRefunds);
    const adminTill = (await subgraph.request(MY_SHIFT, {}, admin)).data?.myCashShift;
    expect(adminTill).toMatchObject({
      refundCount: 1,
      totals: [
        {
          currency: 'RWF',
          taken: { amount: 1000 },
          refunded: { amount: 9000 },
          net: { amount: -8000 },
        },
      ],
    });
  });

  it("hands the refund back at once on the staff canceller's shift, opened again if needed, when their last one is closed", async () => {
    const companyId = randomUUID();
    const seller = staff('COUNTER_AGENT', companyId);
    const { bookingId, paymentId, shiftId } = await paidCounterSale(seller, 7000);
    await subgraph.request(CLOSE_SHIFT, {}, seller);
    // The seller cancels at the counter, at the passenger's request, with no shift open.
    const cancelled = {
      bookingId,
      userId: seller.userId,
      reason: 'PASSENGER',
      cancelledBy: seller.userId,
      refund: { amount: 7000, currency: 'RWF' },
      paymentId,
    };
    const eventId = randomUUID();
    await publish(subgraph, 'booking.cancelled', cancelled, eventId);
    await eventually(async () => (await eventsFor(subgraph, 'payment.refunded', bookingId)).length === 1);
    const till = (await subgraph.request(MY_SHIFT, {}, seller)).data?.myCashShift;
    expect(till.id).not.toBe(shiftId);
    expect(till).toMatchObject({
      paymentCount: 0,
      refundCount: 1,
      totals: [{ currency: 'RWF', taken: { amount: 0 }, refunded: { amount: 7000 }, net: { amount: -7000 } }],
    });
    // Redelivered after the seller closed that shift too: nothing more, and no empty shift opens for it.
    await subgraph.request(CLOSE_SHIFT, {}, seller);
    await publish(subgraph, 'booking.cancelled', cancelled, eventId);
    await eventually(() => subgraph.deliveries(eventId) >= 2);
    expect(await shiftRows(seller.userId)).toEqual([
      expect.objectContaining({ status: 'CLOSED' }),
      expect.objectContaining({ status: 'CLOSED' }),
    ]);
    expect(await eventsFor(subgraph, 'payment.refunded', bookingId)).toHaveLength(1);
  });

  it('shows a seller the payments of their counter sales only while they are staff of that company', async () => {
    const companyId = randomUUID();
    const agent = staff('COUNTER_AGENT', companyId);
    const bookingId = await counterBooking(agent);
    const [cashKey, startKey] = [randomUUID(), randomUUID()];
    const cash = (await recordCash(agent, bookingId, 12_000, cashKey)).data?.recordCashPayment.id as string;
    // A mobile-money payment the seller started for another sale (the booking is theirs until claimed).
    const unpaid = await counterBooking(agent);
    const started = await startPayment(subgraph, agent, { bookingId: unpaid }, startKey);
    const pending = (started.data?.startPayment as { id: string }).id;
    const BOOKING_PAYMENTS =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Booking { payments { id } } } }';
    const reads = async (viewer: Viewer) => ({
      cash: (await subgraph.request(PAYMENT, { id: cash }, viewer)).data?.payment?.id ?? null,
      pending: (await subgraph.request(PAYMENT, { id: pending }, viewer)).data?.payment?.id ?? null,
      ofBookings: (
        (
          await subgraph.request(
            BOOKING_PAYMENTS,
            { r: [bookingId, unpaid].map((id) => ({ __typename: 'Booking', id })) },
            viewer,
          )
        ).data?._entities as { payments: { id: string }[] }[]
      ).flatMap((booking) => booking.payments.map((p) => p.id)),
    });
    expect(await reads(agent)).toEqual({ cash, pending, ofBookings: [cash, pending] });
    // The same person moved to another company's counter, or made a passenger: none of it.
    const moved = { ...agent, companyId: randomUUID() };
    const demoted: Viewer = { userId: agent.userId, role: 'PASSENGER', companyId: null };
    for (const former of [moved, demoted]) {
      expect(await reads(former)).toEqual({ cash: null, pending: null, ofBookings: [] });
      // Nor by asking again with the keys of the calls that made them (an idempotent replay).
      const again = [
        await recordCash(former, bookingId, 12_000, cashKey),
        await startPayment(subgraph, former, { bookingId: unpaid }, startKey),
      ];
      expect(again.map((answer) => [answer.data, answer.errors?.[0]?.extensions?.code])).toEqual([
        [null, 'FORBIDDEN'],
        [null, 'FORBIDDEN'],
      ]);
    }
    // The seller still at the counter gets the same payments again.
    expect((await recordCash(agent, bookingId, 12_000, cashKey)).data?.recordCashPayment.id).toBe(cash);
    expect((await startPayment(subgraph, agent, { bookingId: unpaid }, startKey)).data?.startPayment.id).toBe(pending);
    // The company's admin still serves them.
    expect(await reads(staff('COMPANY_ADMIN', companyId))).toEqual({ cash, pending, ofBookings: [cash, pending] });
  });

  it('moves the payments of a claimed booking to the passenger, who can then read them', async () => {
    const companyId = randomUUID();
    const agent = staff('COUNTER_AGENT', companyId);
    const { bookingId, paymentId } = await paidCounterSale(agent);
    const claimer = passenger();
    expect((await subgraph.request(PAYMENT, { id: paymentId }, claimer)).data?.payment).toBeNull();
    await publish(subgraph, 'booking.claimed', {
      bookingId,
      tripId: randomUUID(),
      companyId,
      userId: claimer.userId,
      previousUserId: agent.userId,
      ticketIds: [randomUUID()],
      claimedAt: new Date().toISOString(),
    });
    await eventually(async () => (await paymentRows(subgraph, bookingId))[0]?.userId === claimer.userId);
    const seen = await subgraph.request(PAYMENT, { id: paymentId }, claimer);
    expect(seen.data?.payment).toMatchObject({ id: paymentId, method: 'CASH', agentId: null });
    // The agent who took the cash still sees it, with the till.
    expect((await subgraph.request(PAYMENT, { id: paymentId }, agent)).data?.payment?.agentId).toBe(agent.userId);

    // A claimed booking still open is paid by the passenger, now its owner.
    const open = await counterBooking(agent);
    await publish(subgraph, 'booking.claimed', {
      bookingId: open,
      tripId: randomUUID(),
      companyId,
      userId: claimer.userId,
      previousUserId: agent.userId,
      ticketIds: [],
      claimedAt: new Date().toISOString(),
    });
    await eventually(async () => {
      const [row] = await subgraph.database.handle.db
        .select()
        .from(payableBookings)
        .where(eq(payableBookings.bookingId, open));
      return row?.userId === claimer.userId;
    });
    expect((await startPayment(subgraph, claimer, { bookingId: open })).errors).toBeUndefined();
    expect((await startPayment(subgraph, agent, { bookingId: open })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('cash refunds due to passengers not at the counter', () => {
  const HAND_OUT = `mutation($paymentId: ID!, $key: String!, $code: String) {
    handOutCashRefund(paymentId: $paymentId, idempotencyKey: $key, code: $code) {
      id status refundState refundAmount { amount currency } agentId shiftId
    }
  }`;
  const REFUNDS_DUE = `query($companyId: ID!, $first: Int, $after: String) {
    cashRefundsDue(companyId: $companyId, first: $first, after: $after) {
      edges { cursor node { id reason dueSince amount { amount currency } booking { id }
        payment { id status refundState refundAmount { amount currency } } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  const REFUND_STATE = `query($id: ID!) { payment(id: $id) { id status refundState refundAmount { amount currency } } }`;

  const SEND_CODE = `mutation($paymentId: ID!) { sendCashRefundCode(paymentId: $paymentId) { id } }`;

  const handOut = (viewer: Viewer, paymentId: string, key: string = randomUUID(), code?: string) =>
    subgraph.request(HAND_OUT, { paymentId, key, code }, viewer);

  /** The last code of the payment's refund as if sent a minute ago (one a minute may be sent). */
  const lastCodeAMinuteAgo = (paymentId: string) =>
    subgraph.database.handle.db
      .update(refunds)
      .set({ codeSentAt: new Date(Date.now() - 61_000) })
      .where(eq(refunds.paymentId, paymentId));

  /** The latest code texted for the booking's due refund (payment.refund_due, which notification sends). */
  async function codeOf(bookingId: string): Promise<string> {
    await eventually(async () => (await eventsFor(subgraph, 'payment.refund_due', bookingId)).length > 0);
    const sent = await eventsFor(subgraph, 'payment.refund_due', bookingId);
    return sent.sort((a, b) => b.codeNumber - a.codeNumber)[0]!.code as string;
  }

  const refundRows = (paymentId: string) =>
    subgraph.database.handle.db.select().from(refunds).where(eq(refunds.paymentId, paymentId));

  async function paidCounterSale(agent: Viewer, amount = 12_000) {
    const bookingId = await counterBooking(agent, { amount });
    const { data } = await recordCash(agent, bookingId, amount);
    return { bookingId, paymentId: data?.recordCashPayment.id as string, shiftId: data?.recordCashPayment.shiftId };
  }

  /** The company cancels the trip: every booking is cancelled by nobody (cancelledBy null). */
  async function tripCancelled(
    bookingId: string,
    paymentId: string,
    owner: Viewer,
    amount: number,
    eventId: string = randomUUID(),
  ) {
    await publish(
      subgraph,
      'booking.cancelled',
      {
        bookingId,
        tripId: randomUUID(),
        userId: owner.userId,
        reason: 'TRIP_CANCELLED',
        cancelledBy: null,
        ticketIds: [randomUUID()],
        refund: { amount, currency: 'RWF' },
        paymentId,
      },
      eventId,
    );
  }

  async function dueRefund(paymentId: string) {
    await eventually(async () => (await refundRows(paymentId)).length === 1);
    return (await refundRows(paymentId))[0]!;
  }

  it("lists and hands out an online booking's due refund to the company's admins, not its counter agents", async () => {
    const companyId = randomUUID();
    const agent = staff('COUNTER_AGENT', companyId);
    const admin = staff('COMPANY_ADMIN', companyId);
    const owner = passenger();
    // A passenger who booked online paid cash to the company's admin; the trip is then cancelled.
    const online = await counterBooking(agent, { owner, amount: 9000 });
    const paid = await recordCash(admin, online, 9000);
    const paymentId = paid.data?.recordCashPayment.id as string;
    await tripCancelled(online, paymentId, owner, 9000);
    await dueRefund(paymentId);
    // And a counter sale of the agent's, cancelled with the trip too.
    const sale = await paidCounterSale(agent, 5000);
    await tripCancelled(sale.bookingId, sale.paymentId, agent, 5000);
    await dueRefund(sale.paymentId);
    const listed = async (viewer: Viewer) =>
      (await subgraph.request(REFUNDS_DUE, { companyId, first: 50 }, viewer)).data?.cashRefundsDue.edges.map(
        (edge: { node: { booking: { id: string } } }) => edge.node.booking.id,
      );
    expect(await listed(agent)).toEqual([sale.bookingId]);
    expect(await listed(admin)).toEqual([online, sale.bookingId]);
    expect((await handOut(agent, paymentId)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await dueRefund(paymentId)).status).toBe('DUE');
    expect((await handOut(admin, paymentId)).errors).toBeUndefined();
  });

  it('leaves the refund of a trip the company cancelled DUE: no shift touched, no payment.refunded', async () => {
    const companyId = randomUUID();
    const seller = staff('COUNTER_AGENT', companyId);
    const { bookingId, paymentId, shiftId } = await paidCounterSale(seller, 12_000);
    const eventId = randomUUID();
    const providerRefunds = subgraph.providerCalls.refund;
    await tripCancelled(bookingId, paymentId, seller, 12_000, eventId);
    expect(await dueRefund(paymentId)).toMatchObject({
      status: 'DUE',
      amount: 12_000,
      currency: 'RWF',
      bookingId,
      reason: 'BOOKING_CANCELLED',
      shiftId: null,
      agentId: null,
      completedAt: null,
    });
    // Redelivered: still one refund, still due.
    await tripCancelled(bookingId, paymentId, seller, 12_000, eventId);
    await eventually(() => subgraph.deliveries(eventId) >= 2);
    expect(await refundRows(paymentId)).toHaveLength(1);
    expect(await eventsFor(subgraph, 'payment.refunded', bookingId)).toHaveLength(0);
    expect((await paymentRows(subgraph, bookingId))[0]?.status).toBe('SUCCEEDED');
    expect(subgraph.providerCalls.refund).toBe(providerRefunds);
    // The seller's till still holds the cash: nothing handed back, no other shift opened.
    const till = (await subgraph.request(MY_SHIFT, {}, seller)).data?.myCashShift;
    expect(till).toMatchObject({ id: shiftId, refundCount: 0, totals: [{ currency: 'RWF', net: { amount: 12_000 } }] });
    expect(await shiftRows(seller.userId)).toHaveLength(1);
    // Clients see that the refund is owed, and how much.
    const seen = await subgraph.request(REFUND_STATE, { id: paymentId }, seller);
    expect(seen.data?.payment).toMatchObject({
      status: 'SUCCEEDED',
      refundState: 'DUE',
      refundAmount: { amount: 12_000, currency: 'RWF' },
    });
    const listed = await subgraph.request(REFUNDS_DUE, { companyId }, staff('COUNTER_AGENT', companyId));
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.cashRefundsDue.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({
        reason: 'BOOKING_CANCELLED',
        amount: { amount: 12_000, currency: 'RWF' },
        booking: { id: bookingId },
        payment: expect.objectContaining({ id: paymentId, refundState: 'DUE' }),
        dueSince: expect.any(String),
      }),
    ]);
  });

  it("hands a due refund out on the agent's own shift once: payment.refunded once, a second hand-out ALREADY_REFUNDED", async () => {
    const companyId = randomUUID();
    const seller = staff('COUNTER_AGENT', companyId);
    const { bookingId, paymentId, shiftId: sellerShift } = await paidCounterSale(seller, 10_000);
    await tripCancelled(bookingId, paymentId, seller, 8000);
    await dueRefund(paymentId);

    // Another agent of the company, with no shift open, hands the cash out when the passenger comes.
    const colleague = staff('COUNTER_AGENT', companyId);
    const code = await codeOf(bookingId);
    const first = await handOut(colleague, paymentId, 'hand-out-1', code);
    expect(first.errors).toBeUndefined();
    const [colleagueShift] = await shiftRows(colleague.userId);
    expect(colleagueShift).toMatchObject({ status: 'OPEN', companyId });
    expect(first.data?.handOutCashRefund).toMatchObject({
      id: paymentId,
      status: 'REFUNDED',
      refundState: 'SUCCEEDED',
      refundAmount: { amount: 8000, currency: 'RWF' },
    });
    expect(await refundRows(paymentId)).toEqual([
      expect.objectContaining({
        status: 'SUCCEEDED',
        shiftId: colleagueShift!.id,
        agentId: colleague.userId,
        handOutProof: 'CODE',
      }),
    ]);
    const refunded = await eventsFor(subgraph, 'payment.refunded', bookingId);
    expect(refunded).toEqual([
      expect.objectContaining({
        paymentId,
        bookingId,
        userId: seller.userId,
        refundId: (await refundRows(paymentId))[0]!.id,
        amount: { amount: 8000, currency: 'RWF' },
        method: 'CASH',
        refundedAt: expect.any(String),
      }),
    ]);
    expect((await subgraph.request(MY_SHIFT, {}, colleague)).data?.myCashShift).toMatchObject({
      paymentCount: 0,
      refundCount: 1,
      totals: [{ currency: 'RWF', taken: { amount: 0 }, refunded: { amount: 8000 }, net: { amount: -8000 } }],
    });
    // The seller's till is untouched.
    expect((await subgraph.request(MY_SHIFT, {}, seller)).data?.myCashShift).toMatchObject({
      id: sellerShift,
      refundCount: 0,
    });

    // The same key again: the same payment, nothing more.
    const replay = await handOut(colleague, paymentId, 'hand-out-1');
    expect(replay.errors).toBeUndefined();
    expect(replay.data?.handOutCashRefund.id).toBe(paymentId);
    // Another hand-out, by anyone: refused.
    for (const viewer of [colleague, seller, staff('COMPANY_ADMIN', companyId)]) {
      const again = await handOut(viewer, paymentId, randomUUID(), code);
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ALREADY_REFUNDED' });
    }
    // The key of another mutation's request reused here is a conflict.
    const reused = await handOut(colleague, randomUUID(), 'hand-out-1');
    expect(reused.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await eventsFor(subgraph, 'payment.refunded', bookingId)).toHaveLength(1);
    expect((await subgraph.request(REFUNDS_DUE, { companyId }, seller)).data?.cashRefundsDue.edges).toEqual([]);
  });

  itConcurrent('hands out one of two hand-outs of one refund made at once', async () => {
    const companyId = randomUUID();
    const [seller, other] = [staff('COUNTER_AGENT', companyId), staff('COMPANY_ADMIN', companyId)];
    for (let round = 0; round < 4; round++) {
      const { bookingId, paymentId } = await paidCounterSale(seller, 5000);
      await tripCancelled(bookingId, paymentId, seller, 5000);
      await dueRefund(paymentId);
      const code = await codeOf(bookingId);
      const results = await Promise.all([handOut(seller, paymentId, randomUUID(), code), handOut(other, paymentId)]);
      expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
      expect(results.find((r) => r.errors !== undefined)?.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'ALREADY_REFUNDED',
      });
      expect(await eventsFor(subgraph, 'payment.refunded', bookingId)).toHaveLength(1);
      expect(await refundRows(paymentId)).toEqual([expect.objectContaining({ status: 'SUCCEEDED' })]);
    }
    // The same key twice at once: one hand-out, both answered with it.
    const { bookingId, paymentId } = await paidCounterSale(seller, 5000);
    await tripCancelled(bookingId, paymentId, seller, 5000);
    await dueRefund(paymentId);
    const same = await Promise.all([handOut(other, paymentId, 'same-key'), handOut(other, paymentId, 'same-key')]);
    expect(same.map((r) => r.errors)).toEqual([undefined, undefined]);
    expect(same.map((r) => r.data?.handOutCashRefund.status)).toEqual(['REFUNDED', 'REFUNDED']);
    expect(await eventsFor(subgraph, 'payment.refunded', bookingId)).toHaveLength(1);
  });

  it('takes the code as a counter types it: spaces around it are not part of it, an empty one is no code', async () => {
    const companyId = randomUUID();
    const seller = staff('COUNTER_AGENT', companyId);
    const { bookingId, paymentId } = await paidCounterSale(seller, 5000);
    await tripCancelled(bookingId, paymentId, seller, 5000);
    await dueRefund(paymentId);
    const code = await codeOf(bookingId);
    expect((await handOut(seller, paymentId, randomUUID(), '')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'REFUND_CODE_REQUIRED',
    });
    expect((await refundRows(paymentId))[0]).toMatchObject({ status: 'DUE', codeAttempts: 0 });
    const handed = await handOut(seller, paymentId, randomUUID(), ` ${code} `);
    expect(handed.errors).toBeUndefined();
    expect(handed.data?.handOutCashRefund).toMatchObject({ status: 'REFUNDED', refundState: 'SUCCEEDED' });
    expect((await refundRows(paymentId))[0]).toMatchObject({ handOutProof: 'CODE' });
  });

  it('leaves DUE the refund of a passenger who claimed the booking and cancelled online, and a refund.requested', async () => {
    const companyId = randomUUID();
    const seller = staff('COUNTER_AGENT', companyId);
    const claimed = await paidCounterSale(seller, 9000);
    const claimer = passenger();
    await publish(subgraph, 'booking.claimed', {
      bookingId: claimed.bookingId,
      tripId: randomUUID(),
      companyId,
      userId: claimer.userId,
      previousUserId: seller.userId,
      ticketIds: [randomUUID()],
      claimedAt: new Date().toISOString(),
    });
    await eventually(async () => (await paymentRows(subgraph, claimed.bookingId))[0]?.userId === claimer.userId);
    await publish(subgraph, 'booking.cancelled', {
      bookingId: claimed.bookingId,
      userId: claimer.userId,
      reason: 'PASSENGER',
      cancelledBy: claimer.userId,
      refund: { amount: 6000, currency: 'RWF' },
      paymentId: claimed.paymentId,
    });
    expect(await dueRefund(claimed.paymentId)).toMatchObject({ status: 'DUE', amount: 6000, shiftId: null });
    // The passenger sees what they are owed.
    expect((await subgraph.request(REFUND_STATE, { id: claimed.paymentId }, claimer)).data?.payment).toMatchObject({
      refundState: 'DUE',
      refundAmount: { amount: 6000, currency: 'RWF' },
    });

    // Staff of the company who never kept a till of it (no shift) cancel: nobody hands cash back there either.
    const office = await paidCounterSale(seller, 4000);
    await publish(subgraph, 'booking.cancelled', {
      bookingId: office.bookingId,
      userId: seller.userId,
      reason: 'COMPANY',
      cancelledBy: randomUUID(),
      refund: { amount: 4000, currency: 'RWF' },
      paymentId: office.paymentId,
    });
    expect(await dueRefund(office.paymentId)).toMatchObject({ status: 'DUE', shiftId: null });

    const duplicate = await paidCounterSale(seller, 3000);
    await publish(subgraph, 'refund.requested', {
      bookingId: duplicate.bookingId,
      paymentId: duplicate.paymentId,
      amount: { amount: 3000, currency: 'RWF' },
      reason: 'DUPLICATE',
    });
    expect(await dueRefund(duplicate.paymentId)).toMatchObject({ status: 'DUE', reason: 'DUPLICATE', amount: 3000 });

    for (const { bookingId } of [claimed, office, duplicate])
      expect(await eventsFor(subgraph, 'payment.refunded', bookingId)).toHaveLength(0);
    expect((await subgraph.request(MY_SHIFT, {}, seller)).data?.myCashShift).toMatchObject({ refundCount: 0 });

    // Listed oldest first, by page.
    const admin = staff('COMPANY_ADMIN', companyId);
    const page1 = await subgraph.request(REFUNDS_DUE, { companyId, first: 2 }, admin);
    expect(page1.data?.cashRefundsDue.pageInfo.hasNextPage).toBe(true);
    const page2 = await subgraph.request(
      REFUNDS_DUE,
      { companyId, first: 2, after: page1.data?.cashRefundsDue.pageInfo.endCursor },
      admin,
    );
    expect(page2.data?.cashRefundsDue.pageInfo.hasNextPage).toBe(false);
    expect(
      [...page1.data!.cashRefundsDue.edges, ...page2.data!.cashRefundsDue.edges].map((e: any) => e.node.payment.id),
    ).toEqual([claimed.paymentId, office.paymentId, duplicate.paymentId]);
    // Other companies' lists do not show them.
    const elsewhere = await subgraph.request(REFUNDS_DUE, { companyId: randomUUID() }, platformAdmin());
    expect(elsewhere.data?.cashRefundsDue.edges).toEqual([]);
    const byPlatform = await subgraph.request(REFUNDS_DUE, { companyId }, platformAdmin());
    expect(byPlatform.data?.cashRefundsDue.edges).toHaveLength(3);
  });

  it('leaves DUE a cancellation ticketing says was not at the counter, whatever shift the canceller keeps', async () => {
    // An admin of the company, who once took cash (their shift is open), cancels a cash-paid booking from the office.
    const companyId = randomUUID();
    const seller = staff('COUNTER_AGENT', companyId);
    const { bookingId, paymentId } = await paidCounterSale(seller, 7000);
    const admin = staff('COMPANY_ADMIN', companyId);
    const { shiftId: adminShift } = await paidCounterSale(admin, 1000);
    await publish(subgraph, 'booking.cancelled', {
      bookingId,
      userId: seller.userId,
      reason: 'COMPANY',
      cancelledBy: admin.userId,
      refund: { amount: 7000, currency: 'RWF' },
      paymentId,
      atCounter: false,
    });
    expect(await dueRefund(paymentId)).toMatchObject({ status: 'DUE', shiftId: null, agentId: null });
    const payment = await subgraph.request(REFUND_STATE, { id: paymentId }, admin);
    expect(payment.data?.payment).toMatchObject({ status: 'SUCCEEDED', refundState: 'DUE' });
    expect(await eventsFor(subgraph, 'payment.refunded', bookingId)).toHaveLength(0);
    const [shift] = await subgraph.database.handle.db.select().from(cashShifts).where(eq(cashShifts.id, adminShift));
    expect(shift?.status).toBe('OPEN');
  });

  it('hands a refund back at once on a shift opened for an admin ticketing saw cancel at the counter', async () => {
    const companyId = randomUUID();
    const seller = staff('COUNTER_AGENT', companyId);
    const { bookingId, paymentId } = await paidCounterSale(seller, 6000);
    // An admin who never kept a till cancels the counter sale for the passenger in front of them.
    const admin = staff('COMPANY_ADMIN', companyId);
    await publish(subgraph, 'booking.cancelled', {
      bookingId,
      userId: seller.userId,
      reason: 'COMPANY',
      cancelledBy: admin.userId,
      refund: { amount: 6000, currency: 'RWF' },
      paymentId,
      atCounter: true,
    });
    await eventually(async () => (await eventsFor(subgraph, 'payment.refunded', bookingId)).length === 1);
    const [shift] = await shiftRows(admin.userId);
    expect(shift).toMatchObject({ status: 'OPEN', companyId });
    expect(await refundRows(paymentId)).toEqual([
      expect.objectContaining({ status: 'SUCCEEDED', shiftId: shift!.id, agentId: admin.userId }),
    ]);
  });

  it('hands an owed refund back at once when staff then cancel the booking at the counter', async () => {
    const companyId = randomUUID();
    const seller = staff('COUNTER_AGENT', companyId);
    const { bookingId, paymentId, shiftId } = await paidCounterSale(seller, 5000);
    await publish(subgraph, 'refund.requested', {
      bookingId,
      paymentId,
      amount: { amount: 5000, currency: 'RWF' },
      reason: 'DUPLICATE',
    });
    await dueRefund(paymentId);
    await publish(subgraph, 'booking.cancelled', {
      bookingId,
      userId: seller.userId,
      reason: 'PASSENGER',
      cancelledBy: seller.userId,
      refund: { amount: 5000, currency: 'RWF' },
      paymentId,
      atCounter: true,
    });
    await eventually(async () => (await eventsFor(subgraph, 'payment.refunded', bookingId)).length === 1);
    expect(await refundRows(paymentId)).toEqual([
      expect.objectContaining({ status: 'SUCCEEDED', reason: 'DUPLICATE', shiftId, agentId: seller.userId }),
    ]);
  });

  // Cash handed back had no bound: past what Money.amount holds the shift could not be read, and its close answered an
  // error for a close that committed.
  it('refuses to hand out cash past what the shift can count; the refund stays owed and a new shift takes it', async () => {
    const companyId = randomUUID();
    const seller = staff('COUNTER_AGENT', companyId);
    const admin = staff('COMPANY_ADMIN', companyId);
    const first = await paidCounterSale(seller, 1_200_000_000);
    expect((await subgraph.request(CLOSE_SHIFT, {}, seller)).errors).toBeUndefined();
    const second = await paidCounterSale(seller, 1_200_000_000);
    for (const sale of [first, second]) {
      await tripCancelled(sale.bookingId, sale.paymentId, seller, 1_200_000_000);
      await dueRefund(sale.paymentId);
    }
    expect((await handOut(admin, first.paymentId)).errors).toBeUndefined();
    const refused = await handOut(admin, second.paymentId);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SHIFT_TOTAL_TOO_LARGE' });
    expect(await refundRows(second.paymentId)).toEqual([expect.objectContaining({ status: 'DUE', shiftId: null })]);
    expect((await subgraph.request(MY_SHIFT, {}, admin)).data?.myCashShift).toMatchObject({
      refundCount: 1,
      totals: [{ refunded: { amount: 1_200_000_000 } }],
    });
    const closed = await subgraph.request(CLOSE_SHIFT, {}, admin);
    expect(closed.errors).toBeUndefined();
    expect(closed.data?.closeCashShift).toMatchObject({
      status: 'CLOSED',
      totals: [{ refunded: { amount: 1_200_000_000 } }],
    });
    expect((await handOut(admin, second.paymentId)).data?.handOutCashRefund).toMatchObject({ status: 'REFUNDED' });
  });

  it('leaves a refund owed when staff cancel at the counter on a shift that cannot count it', async () => {
    const companyId = randomUUID();
    const seller = staff('COUNTER_AGENT', companyId);
    const admin = staff('COMPANY_ADMIN', companyId);
    const first = await paidCounterSale(seller, 1_200_000_000);
    expect((await subgraph.request(CLOSE_SHIFT, {}, seller)).errors).toBeUndefined();
    const second = await paidCounterSale(seller, 1_200_000_000);
    await tripCancelled(first.bookingId, first.paymentId, seller, 1_200_000_000);
    await dueRefund(first.paymentId);
    expect((await handOut(admin, first.paymentId)).errors).toBeUndefined();
    // The admin cancels the second sale for the passenger in front of them: their shift cannot count it.
    await publish(subgraph, 'booking.cancelled', {
      bookingId: second.bookingId,
      userId: seller.userId,
      reason: 'COMPANY',
      cancelledBy: admin.userId,
      refund: { amount: 1_200_000_000, currency: 'RWF' },
      paymentId: second.paymentId,
      atCounter: true,
    });
    expect(await dueRefund(second.paymentId)).toMatchObject({ status: 'DUE', shiftId: null });
    expect(await eventsFor(subgraph, 'payment.refunded', second.bookingId)).toHaveLength(0);
    expect((await subgraph.request(MY_SHIFT, {}, admin)).data?.myCashShift).toMatchObject({
      totals: [{ refunded: { amount: 1_200_000_000 } }],
    });
  });

  it("asks a counter agent for the passenger's code: wrong guesses counted even at once, a new code voids the last", async () => {
    const companyId = randomUUID();
    const agent = staff('COUNTER_AGENT', companyId);
    const { bookingId, paymentId } = await paidCounterSale(agent, 7000);
    await tripCancelled(bookingId, paymentId, agent, 7000);
    await dueRefund(paymentId);
    // The code goes to notification (to the walk-in), with whom it may go to; only its hash is kept.
    const [sent] = await eventsFor(subgraph, 'payment.refund_due', bookingId);
    expect(sent).toMatchObject({
      paymentId,
      bookingId,
      amount: { amount: 7000, currency: 'RWF' },
      code: expect.stringMatching(/^\d{6}$/),
      codeNumber: 1,
      channel: 'COUNTER',
    });
    const [row] = await refundRows(paymentId);
    expect(row).toMatchObject({ codesSent: 1, codeAttempts: 0 });
    expect(row!.codeHash).not.toContain(sent!.code);

    // Without the code, or with a wrong or malformed one, an agent hands nothing out.
    const refusals = [
      [undefined, 'REFUND_CODE_REQUIRED'],
      ['12 345', 'INVALID_REFUND_CODE'],
    ] as const;
    for (const [code, reason] of refusals)
      expect((await handOut(agent, paymentId, randomUUID(), code)).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'code',
        reason,
      });
    // Twenty wrong guesses at once: five count, the code is then void, the right one included.
    const wrong = (n: number) => String((Number(sent!.code) + 1 + n) % 1_000_000).padStart(6, '0');
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, n) => handOut(agent, paymentId, randomUUID(), wrong(n))),
    );
    expect(guesses.map((g) => g.errors?.[0]?.extensions?.reason)).toEqual(Array(20).fill('INVALID_REFUND_CODE'));
    expect((await refundRows(paymentId))[0]).toMatchObject({ status: 'DUE', codeAttempts: 5 });
    const voided = await handOut(agent, paymentId, randomUUID(), sent!.code);
    expect(voided.errors?.[0]?.extensions?.reason).toBe('INVALID_REFUND_CODE');

    // A new code for the passenger (never shown to the caller; a minute after the last, moved back here): the last
    // one stays void, the new one works.
    await lastCodeAMinuteAgo(paymentId);
    const resent = await subgraph.request(SEND_CODE, { paymentId }, agent);
    expect(resent.errors).toBeUndefined();
    const again = await subgraph.request(SEND_CODE, { paymentId }, agent);
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    const fresh = await codeOf(bookingId);
    expect(JSON.stringify(resent)).not.toContain(fresh);
    expect((await eventsFor(subgraph, 'payment.refund_due', bookingId)).map((e) => e.codeNumber).sort()).toEqual([
      1, 2,
    ]);
    expect((await handOut(agent, paymentId, randomUUID(), sent!.code)).errors?.[0]?.extensions?.reason).toBe(
      fresh === sent!.code ? undefined : 'INVALID_REFUND_CODE',
    );
    if (fresh !== sent!.code) expect((await handOut(agent, paymentId, randomUUID(), fresh)).errors).toBeUndefined();
    expect((await refundRows(paymentId))[0]).toMatchObject({ status: 'SUCCEEDED', handOutProof: 'CODE' });
    // Nothing is due any more: no code to send.
    expect((await subgraph.request(SEND_CODE, { paymentId }, agent)).errors?.[0]?.extensions?.reason).toBe(
      'NO_REFUND_DUE',
    );
  });

  it('sends at most five codes a refund, to the payer or staff who ask; an admin hands out without one', async () => {
    const companyId = randomUUID();
    const agent = staff('COUNTER_AGENT', companyId);
    const { bookingId, paymentId } = await paidCounterSale(agent, 4000);
    await tripCancelled(bookingId, paymentId, agent, 4000);
    await dueRefund(paymentId);
    await codeOf(bookingId);
    // Strangers, and the seller (the unclaimed sale's owner) once made a passenger or moved to another company: each
    // call would void the passenger's code.
    const formerSeller = { userId: agent.userId, role: 'PASSENGER', companyId: null } as Viewer;
    const movedSeller = { userId: agent.userId, role: 'COUNTER_AGENT', companyId: randomUUID() } as Viewer;
    await lastCodeAMinuteAgo(paymentId);
    for (const stranger of [
      passenger(),
      staff('COUNTER_AGENT', randomUUID()),
      staff('COMPANY_ADMIN', randomUUID()),
      formerSeller,
      movedSeller,
    ])
      expect((await subgraph.request(SEND_CODE, { paymentId }, stranger)).errors?.[0]?.extensions?.code).toBe(
        'NOT_FOUND',
      );
    // A minute between codes (moved back here rather than waited for), five in all.
    for (let n = 2; n <= 5; n++) {
      await lastCodeAMinuteAgo(paymentId);
      expect((await subgraph.request(SEND_CODE, { paymentId }, agent)).errors).toBeUndefined();
    }
    await lastCodeAMinuteAgo(paymentId);
    expect((await subgraph.request(SEND_CODE, { paymentId }, agent)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'CODES_EXHAUSTED',
    });
    expect(await eventsFor(subgraph, 'payment.refund_due', bookingId)).toHaveLength(5);
    // The company's admin hands it out without a code: recorded as such.
    const admin = staff('COMPANY_ADMIN', companyId);
    expect((await handOut(admin, paymentId)).errors).toBeUndefined();
    expect((await refundRows(paymentId))[0]).toMatchObject({ status: 'SUCCEEDED', handOutProof: 'ADMIN' });

    // A passenger who paid online in cash asks for their own refund's code.
    const owner = passenger();
    const online = await counterBooking(agent, { owner, amount: 3000 });
    const paid = await recordCash(admin, online, 3000);
    const onlinePayment = paid.data?.recordCashPayment.id as string;
    await tripCancelled(online, onlinePayment, owner, 3000);
    await dueRefund(onlinePayment);
    expect((await eventsFor(subgraph, 'payment.refund_due', online))[0]).toMatchObject({ channel: 'ONLINE' });
    await lastCodeAMinuteAgo(onlinePayment);
    expect((await subgraph.request(SEND_CODE, { paymentId: onlinePayment }, owner)).errors).toBeUndefined();
  });

  it("refuses passengers, drivers and another company's staff (FORBIDDEN); NO_REFUND_DUE when nothing is owed", async () => {
    const companyId = randomUUID();
    const seller = staff('COUNTER_AGENT', companyId);
    const { bookingId, paymentId } = await paidCounterSale(seller, 6000);
    const notDue = await handOut(seller, paymentId);
    expect(notDue.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_REFUND_DUE' });
    await tripCancelled(bookingId, paymentId, seller, 6000);
    await dueRefund(paymentId);

    const owner = { userId: seller.userId, role: 'PASSENGER', companyId: null } as Viewer;
    for (const viewer of [
      passenger(),
      owner,
      { userId: randomUUID(), role: 'DRIVER', companyId } as Viewer,
      staff('COUNTER_AGENT', randomUUID()),
      staff('COMPANY_ADMIN', randomUUID()),
    ]) {
      expect((await handOut(viewer, paymentId)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const listed = await subgraph.request(REFUNDS_DUE, { companyId }, viewer);
      expect(listed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await handOut(undefined as unknown as Viewer, paymentId)).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await handOut(seller, randomUUID())).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await refundRows(paymentId))[0]?.status).toBe('DUE');
    expect(await eventsFor(subgraph, 'payment.refunded', bookingId)).toHaveLength(0);

    // A platform admin may hand it out (on a shift of their own for the company).
    const admin = platformAdmin();
    expect((await handOut(admin, paymentId)).errors).toBeUndefined();
    expect(await shiftRows(admin.userId)).toEqual([expect.objectContaining({ companyId, status: 'OPEN' })]);
  });
});

// A mobile-money payment we failed without the provider's word succeeds later, after the booking was paid
// another way (cash): payment refunds it to the wallet (applyLateSuccess, PAID_AFTER_FAILURE) without ever
// emitting payment.succeeded for it, then emits payment.refunded. The money came in and went back out: the
// company kept exactly the cash, the passenger spent exactly the cash.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitCompanyAndTrip, eventLog, publishAll } from './dashboard-scenario';
import { startUser, type UserSubgraph } from './user-harness';

const HOUR = 3600_000;
let subgraph: UserSubgraph;
const ids = {
  company: randomUUID(),
  trip: randomUUID(),
  route: randomUUID(),
  booking: randomUUID(),
  passenger: randomUUID(),
  momo: randomUUID(),
  cash: randomUUID(),
};
const now = Date.now();
const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();
const departure = new Date(now + 48 * HOUR).toISOString();
const window = { from: at(24), to: new Date(now + HOUR).toISOString() };
const rwf = (amount: number) => ({ amount, currency: 'RWF' });

beforeAll(async () => {
  subgraph = await startUser();
  const { events, emit } = eventLog();
  emitCompanyAndTrip(emit, ids, { createdAt: at(10), scheduledAt: at(9), departure });
  const booking = {
    bookingId: ids.booking,
    tripId: ids.trip,
    companyId: ids.company,
    userId: ids.passenger,
    tickets: [{ ticketId: randomUUID(), seatNumber: '1A', passengerName: 'Aline', boardingStop: 0, alightingStop: 1 }],
    boardingStop: 0,
    alightingStop: 1,
    totalAmount: rwf(5_000),
    departureAt: departure,
    channel: 'ONLINE',
    soldBy: null,
  };
  emit('booking.held', at(5), { ...booking, expiresAt: at(4) });
  // The MoMo prompt (payment.started, then payment.failed: no answer from the provider) — then cash is taken.
  emit('payment.succeeded', at(4.5), {
    paymentId: ids.cash,
    bookingId: ids.booking,
    userId: ids.passenger,
    amount: rwf(5_000),
    method: 'CASH',
    providerReference: 'cash:shift',
    succeededAt: at(4.5),
  });
  emit('booking.confirmed', at(4.5), { ...booking, paymentId: ids.cash, arrivalAt: departure });
  // The provider collected the MoMo payment after all: payment refunds it to the wallet (still FAILED there, no
  // payment.succeeded ever), and tells of the refund once it went through.
  emit('payment.refunded', at(3), {
    paymentId: ids.momo,
    bookingId: ids.booking,
    userId: ids.passenger,
    refundId: randomUUID(),
    amount: rwf(5_000),
    refundedAt: at(3),
    method: 'MTN_MOMO',
  });
  await publishAll(subgraph, events);
});
afterAll(() => subgraph.stop());

describe('a late mobile-money success refunded to the wallet (never counted as a success)', () => {
  it("leaves the company's net revenue at the cash it kept", async () => {
    const result = await subgraph.request(
      `query($c: ID!, $from: DateTime!, $to: DateTime!) { companyDashboard(companyId: $c, from: $from, to: $to) {
         totals { revenue { amount } refunds { amount } netRevenue { amount } bookings seatsSold }
       } }`,
      { c: ids.company, ...window },
      { userId: randomUUID(), role: 'COMPANY_ADMIN', companyId: ids.company },
    );
    expect(result.errors).toBeUndefined();
    // The company holds 5,000 RWF for one seat sold; the MoMo 5,000 came and went.
    expect(result.data!.companyDashboard.totals.netRevenue).toEqual({ amount: 5_000 });
  });

  it('leaves what the passenger spent at the cash they paid', async () => {
    const result = await subgraph.request(
      `{ myDashboard { totalSpent { amount currency } bookingsCount } }`,
      {},
      { userId: ids.passenger, role: 'PASSENGER', companyId: null },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.myDashboard.totalSpent).toEqual({ amount: 5_000, currency: 'RWF' });
  });

  it('keeps the platform totals at the money the platform kept', async () => {
    const result = await subgraph.request(
      `query($from: DateTime, $to: DateTime) { platformDashboard(from: $from, to: $to) {
         companies { company { id } netRevenue { amount } }
       } }`,
      window,
      { userId: randomUUID(), role: 'PLATFORM_ADMIN', companyId: null },
    );
    expect(result.errors).toBeUndefined();
    const mine = result.data!.platformDashboard.companies.find(
      (c: { company: { id: string } }) => c.company.id === ids.company,
    );
    expect(mine.netRevenue).toEqual({ amount: 5_000 });
  });
});

// Events carrying values the read models cannot hold, or that no service sends: refused as malformed (dead-lettered
// at once), or not counted.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyFailure, type DomainEvent } from '@busline/shared';
import { applyDashboardEvents } from '../src/services/rebuild-dashboards';
import { emitCompanyAndTrip, eventLog } from './dashboard-scenario';
import { companyAdmin, startUser, type UserSubgraph } from './user-harness';

const HOUR = 3600_000;
const rwf = (amount: number, currency = 'RWF') => ({ amount, currency });
const TOTALS = `query($c: ID!, $from: DateTime!, $to: DateTime!) { companyDashboard(companyId: $c, from: $from, to: $to) {
  totals { revenue { amount currency } refunds { amount currency } netRevenue { amount currency }
           byCurrency { currency revenue { amount } refunds { amount } netRevenue { amount } } }
} }`;

/** Applies each event on its own; an event the projection refuses (throws) is recorded, not fatal. */
async function applyEach(subgraph: UserSubgraph, events: DomainEvent[]) {
  const refused: { type: string; error: string }[] = [];
  for (const e of events) {
    try {
      await applyDashboardEvents(subgraph.deps, [e]);
    } catch (error) {
      refused.push({ type: e.type, error: String(error).slice(0, 200) });
    }
  }
  return refused;
}

/** A company with a trip and one paid, confirmed booking (5,000 RWF). */
function baseCompany(now = Date.now()) {
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();
  const ids = {
    company: randomUUID(),
    trip: randomUUID(),
    route: randomUUID(),
    booking: randomUUID(),
    payment: randomUUID(),
    passenger: randomUUID(),
  };
  const departure = new Date(now + 48 * HOUR).toISOString();
  const { events, emit } = eventLog();
  emitCompanyAndTrip(emit, ids, { createdAt: at(10), scheduledAt: at(9), departure });
  const booking = (bookingId: string, userId: string, amount = 5_000) => ({
    bookingId,
    tripId: ids.trip,
    companyId: ids.company,
    userId,
    tickets: [{ ticketId: randomUUID(), seatNumber: '1A', boardingStop: 0, alightingStop: 1 }],
    boardingStop: 0,
    alightingStop: 1,
    totalAmount: rwf(amount),
    departureAt: departure,
    channel: 'ONLINE',
    soldBy: null,
  });
  const b = booking(ids.booking, ids.passenger);
  emit('booking.held', at(5), b);
  emit('payment.succeeded', at(4.5), {
    paymentId: ids.payment,
    bookingId: ids.booking,
    userId: ids.passenger,
    amount: rwf(5_000),
    method: 'MTN_MOMO',
    succeededAt: at(4.5),
  });
  emit('booking.confirmed', at(4.5), { ...b, paymentId: ids.payment, arrivalAt: departure });
  const window = { from: at(24), to: new Date(now + HOUR).toISOString() };
  return { ids, at, events, emit, booking, departure, window };
}

let subgraph: UserSubgraph;
beforeAll(async () => {
  subgraph = await startUser();
});
afterAll(() => subgraph.stop());

/** payment.refunded of the company's one paid booking, for `amount` (whatever it says). */
function refundOfTheBooking(s: ReturnType<typeof baseCompany>, amount: { amount: number; currency: string }) {
  s.emit('payment.refunded', s.at(2), {
    paymentId: s.ids.payment,
    bookingId: s.ids.booking,
    userId: s.ids.passenger,
    refundId: randomUUID(),
    amount,
    refundedAt: s.at(2),
    method: 'MTN_MOMO',
  });
}

async function totals(companyId: string, window: { from: string; to: string }) {
  const r = await subgraph.request(TOTALS, { c: companyId, ...window }, companyAdmin(companyId));
  expect(r.errors).toBeUndefined();
  return r.data!.companyDashboard.totals;
}
async function spent(userId: string) {
  const r = await subgraph.request(
    `{ myDashboard { totalSpent { amount currency } totalSpentByCurrency { amount currency } } }`,
    {},
    {
      userId,
      role: 'PASSENGER',
      companyId: null,
    },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.myDashboard;
}

describe('hostile money in payment events', () => {
  it('does not let a payment.succeeded with a negative amount take money off the company revenue', async () => {
    const s = baseCompany();
    const b2 = randomUUID();
    s.emit('payment.succeeded', s.at(3), {
      paymentId: randomUUID(),
      bookingId: b2,
      userId: s.ids.passenger,
      amount: rwf(-5_000),
      method: 'MTN_MOMO',
      succeededAt: s.at(3),
    });
    s.emit('booking.held', s.at(3.5), s.booking(b2, s.ids.passenger));
    await applyEach(subgraph, s.events);
    const t = await totals(s.ids.company, s.window);
    // The one real payment brought 5,000 RWF; money in is never negative.
    expect(t.revenue.amount).toBe(5_000);
  });

  it('does not let a payment.refunded with a negative amount raise net revenue above what was paid', async () => {
    const s = baseCompany();
    refundOfTheBooking(s, rwf(-3_000));
    await applyEach(subgraph, s.events);
    const t = await totals(s.ids.company, s.window);
    expect(t.refunds.amount).toBeGreaterThanOrEqual(0);
    expect(t.netRevenue.amount).toBeLessThanOrEqual(t.revenue.amount);
    const mine = await spent(s.ids.passenger);
    expect(mine.totalSpent.amount).toBeLessThanOrEqual(5_000);
  });

  it('does not count a refund larger than the payment it refunds (net revenue of one paid booking below zero)', async () => {
    const s = baseCompany();
    refundOfTheBooking(s, rwf(500_000));
    await applyEach(subgraph, s.events);
    const t = await totals(s.ids.company, s.window);
    expect(t.netRevenue.amount).toBeGreaterThanOrEqual(0);
  });

  it('keeps a refund in the currency of the payment it refunds (a USD refund of a RWF payment)', async () => {
    const s = baseCompany();
    refundOfTheBooking(s, rwf(5_000, 'USD'));
    await applyEach(subgraph, s.events);
    const t = await totals(s.ids.company, s.window);
    // No currency's net revenue goes below zero: refunded money came in, in that currency, first.
    for (const c of t.byCurrency) expect(c.netRevenue.amount, c.currency).toBeGreaterThanOrEqual(0);
  });

  it('does not split one currency into two by letter case ("rwf" beside "RWF")', async () => {
    const s = baseCompany();
    const b2 = randomUUID();
    s.emit('booking.held', s.at(3.5), s.booking(b2, s.ids.passenger));
    s.emit('payment.succeeded', s.at(3), {
      paymentId: randomUUID(),
      bookingId: b2,
      userId: s.ids.passenger,
      amount: rwf(5_000, 'rwf'),
      method: 'MTN_MOMO',
      succeededAt: s.at(3),
    });
    await applyEach(subgraph, s.events);
    const t = await totals(s.ids.company, s.window);
    for (const c of t.byCurrency) expect(c.currency).toMatch(/^[A-Z]{3}$/);
  });
});

describe('poison events are refused as malformed (dead-lettered at once), not retried as failures', () => {
  it('refuses a payment amount past what the read model holds as malformed', async () => {
    const s = baseCompany();
    const e = {
      id: randomUUID(),
      type: 'payment.succeeded',
      source: 'payment',
      occurredAt: s.at(1),
      payload: {
        paymentId: randomUUID(),
        bookingId: randomUUID(),
        userId: s.ids.passenger,
        amount: rwf(3_000_000_000),
        succeededAt: s.at(1),
      },
    };
    const error = await applyDashboardEvents(subgraph.deps, [e]).then(
      () => null,
      (err: unknown) => err,
    );
    // Refused as malformed: never a 'failed' retry of an event that can never apply.
    expect(error).not.toBeNull();
    expect(classifyFailure(error)).toBe('malformed');
  });

  it('refuses a company name with a NUL character as malformed', async () => {
    const e = {
      id: randomUUID(),
      type: 'company.created',
      source: 'company',
      occurredAt: new Date().toISOString(),
      payload: { companyId: randomUUID(), name: 'Vol\u0000cano', timeZone: 'Africa/Kigali', currency: 'RWF' },
    };
    const error = await applyDashboardEvents(subgraph.deps, [e]).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).not.toBeNull();
    expect(classifyFailure(error)).toBe('malformed');
  });
});

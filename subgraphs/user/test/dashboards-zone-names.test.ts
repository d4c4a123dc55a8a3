import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventLog, publishAll } from './dashboard-scenario';
import { companyAdmin, startUser, type UserSubgraph } from './user-harness';

/*
 * A company whose events name its zone "CAT" (Central Africa Time) or "IST", as the company subgraph once accepted
 * them (it takes IANA names only now). The dashboards count days with Postgres `AT TIME ZONE`, which refuses "CAT"
 * and reads "IST" as Israel where Intl reads India: an abbreviation counts as no zone (Africa/Kigali, the default).
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let subgraph: UserSubgraph;
const { events, emit } = eventLog();

const ids = { cat: randomUUID(), ist: randomUUID() };
/** Two days ago, 20:00 UTC: 22:00 in CAT (same day), 01:30 the next day in India. */
const utcDay = new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10);
const paidAt = `${utcDay}T20:00:00.000Z`;
const window = {
  from: `${utcDay}T00:00:00.000Z`,
  to: new Date(Date.parse(`${utcDay}T00:00:00Z`) + 2 * DAY).toISOString(),
};

function sale(companyId: string) {
  const bookingId = randomUUID();
  const tripId = randomUUID();
  const booking = {
    bookingId,
    tripId,
    companyId,
    userId: randomUUID(),
    tickets: [{ ticketId: randomUUID(), seatNumber: '1A' }],
    totalAmount: { amount: 5000, currency: 'RWF' },
  };
  const paymentId = randomUUID();
  emit('booking.held', paidAt, { ...booking, expiresAt: paidAt });
  emit('payment.succeeded', paidAt, {
    paymentId,
    bookingId,
    userId: booking.userId,
    amount: { amount: 5000, currency: 'RWF' },
    method: 'MTN_MOMO',
    providerReference: 'ref',
    succeededAt: paidAt,
  });
  emit('booking.confirmed', paidAt, { ...booking, paymentId });
}

const COMPANY = `query($c: ID!, $from: DateTime!, $to: DateTime!) {
  companyDashboard(companyId: $c, from: $from, to: $to) { timeZone revenuePerDay { date revenue { amount } bookings } }
}`;

beforeAll(async () => {
  subgraph = await startUser();
  for (const [companyId, timeZone] of [
    [ids.cat, 'CAT'],
    [ids.ist, 'IST'],
  ] as const) {
    emit('company.created', window.from, {
      companyId,
      name: `Company ${timeZone}`,
      slug: `c-${timeZone.toLowerCase()}`,
      refundPolicy: null,
      timeZone,
      currency: 'RWF',
    });
    sale(companyId);
  }
  await publishAll(subgraph, events);
});
afterAll(() => subgraph.stop());

const localDate = (timeZone: string, at: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(at),
  );

describe('dashboards of a company whose events name its zone by an abbreviation', () => {
  it('answers the dashboard of a company in "CAT" (Central Africa Time)', async () => {
    const result = await subgraph.request(COMPANY, { c: ids.cat, ...window }, companyAdmin(ids.cat));
    expect(result.errors).toBeUndefined();
    const perDay = result.data!.companyDashboard.revenuePerDay as { date: string; bookings: number }[];
    expect(perDay.find((d) => d.date === localDate('Africa/Kigali', paidAt))?.bookings).toBe(1);
  });

  it('counts the sale of a company whose events say "IST" on a Kigali date, as for a company without a zone', async () => {
    const result = await subgraph.request(COMPANY, { c: ids.ist, ...window }, companyAdmin(ids.ist));
    expect(result.errors).toBeUndefined();
    const perDay = result.data!.companyDashboard.revenuePerDay as { date: string; bookings: number }[];
    // 22:00 in Kigali (01:30 the next day in India, 22:00 in Israel).
    expect(perDay.find((d) => d.bookings === 1)?.date).toBe(localDate('Africa/Kigali', paidAt));
    expect(result.data!.companyDashboard.timeZone).toBe('Africa/Kigali');
  });
});

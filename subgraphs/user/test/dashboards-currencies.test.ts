import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyAdmin, eventLog, publishAll } from './dashboard-scenario';
import { admin, passenger, startUser, type UserSubgraph } from './user-harness';

/*
 * Time zones, currencies and sales channels on the dashboards: a Kenyan company (KES, Africa/Nairobi)
 * that sells online and at its counter, took one payment in USD, and a Ugandan company whose zone is
 * known only from its trip snapshot.
 */

const HOUR = 3600_000;
const DAY = 24 * HOUR;

let subgraph: UserSubgraph;
const { events, emit } = eventLog();

/** A Nairobi calendar date three days ago, and instants on it at a Nairobi wall-clock time (UTC+3). */
const nairobiDate = (daysAgo: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Nairobi' }).format(new Date(Date.now() - daysAgo * DAY));
const day = nairobiDate(3);
const nextDay = nairobiDate(2);
const nairobi = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+03:00`).toISOString();
const window = { from: nairobi(day, '00:00'), to: nairobi(nairobiDate(0), '00:00') };

const ids = {
  kenyan: randomUUID(),
  ugandan: randomUUID(),
  trip: randomUUID(),
  ugandanTrip: randomUUID(),
  agent: randomUUID(),
  walkInBuyer: randomUUID(),
  onlinePassenger: randomUUID(),
};
const kes = (amount: number) => ({ amount, currency: 'KES' });

function snapshot(tripId: string, companyId: string, timeZone: string, departure: string) {
  return {
    tripId,
    companyId,
    routeId: randomUUID(),
    version: 1,
    status: 'SCHEDULED',
    departureAt: departure,
    arrivalAt: new Date(Date.parse(departure) + 3 * HOUR).toISOString(),
    price: kes(1200),
    stops: [
      { stationId: randomUUID(), code: 'NBO', name: 'Nairobi', city: 'Nairobi', order: 0, minutesFromDeparture: 0 },
      { stationId: randomUUID(), code: 'NKU', name: 'Nakuru', city: 'Nakuru', order: 1, minutesFromDeparture: 180 },
    ],
    seats: Array.from({ length: 10 }, (_, i) => ({ label: `${i + 1}A` })),
    timeZone,
  };
}

/** A booking held, paid and confirmed; `channel` only on booking.held when `heldOnly` (an older confirmed event). */
function sale(
  options: { userId: string; total: number; currency?: string; paidAt: string; seats?: number },
  sold: { channel: 'ONLINE' | 'COUNTER'; soldBy: string | null } | null,
) {
  const currency = options.currency ?? 'KES';
  const booking = {
    bookingId: randomUUID(),
    tripId: ids.trip,
    companyId: ids.kenyan,
    userId: options.userId,
    tickets: Array.from({ length: options.seats ?? 1 }, (_, i) => ({
      ticketId: randomUUID(),
      seatNumber: `${i + 1}A`,
    })),
    totalAmount: { amount: options.total, currency },
  };
  const paymentId = randomUUID();
  emit('booking.held', options.paidAt, { ...booking, ...(sold ?? {}), expiresAt: options.paidAt });
  emit('payment.succeeded', options.paidAt, {
    paymentId,
    bookingId: booking.bookingId,
    userId: options.userId,
    amount: { amount: options.total, currency },
    method: sold?.channel === 'COUNTER' ? 'CASH' : 'MTN_MOMO',
    providerReference: 'ref',
    succeededAt: options.paidAt,
  });
  // booking.confirmed without channel: the one booking.held told is kept.
  emit('booking.confirmed', options.paidAt, { ...booking, paymentId });
  return { ...booking, paymentId };
}

const COMPANY = `query($c: ID!, $from: DateTime!, $to: DateTime!) {
  companyDashboard(companyId: $c, from: $from, to: $to) {
    timeZone
    revenuePerDay { date revenue { amount currency } byCurrency { currency revenue { amount } refunds { amount } } bookings }
    totals { revenue { amount currency } refunds { amount currency } netRevenue { amount currency }
      byCurrency { currency revenue { amount currency } refunds { amount } netRevenue { amount } } bookings cancellations seatsSold }
    byChannel { channel bookings cancellations seatsSold byCurrency { currency revenue { amount } refunds { amount } netRevenue { amount } } }
    revenueByPair { bookings revenue { amount currency } }
  }
}`;

beforeAll(async () => {
  subgraph = await startUser();
  emit('company.created', nairobi(day, '00:10'), {
    companyId: ids.kenyan,
    name: 'Rift Valley Coaches',
    slug: 'rift',
    refundPolicy: null,
    timeZone: 'Africa/Nairobi',
    currency: 'KES',
  });
  emit(
    'trip.scheduled',
    nairobi(day, '00:20'),
    snapshot(ids.trip, ids.kenyan, 'Africa/Nairobi', nairobi(day, '08:00')),
  );
  // 23:30 in Nairobi is still `day` there (and in Kigali, 22:30).
  sale({ userId: ids.onlinePassenger, total: 1500, paidAt: nairobi(day, '23:30') }, null);
  // 00:30 in Nairobi on nextDay is 23:30 on `day` in Kigali: a Nairobi day counts it on nextDay.
  counterSale = sale(
    { userId: ids.agent, total: 2400, seats: 2, paidAt: nairobi(nextDay, '00:30') },
    { channel: 'COUNTER', soldBy: ids.agent },
  );
  // A second counter sale, cancelled and refunded in cash.
  const refunded = sale(
    { userId: ids.agent, total: 1200, paidAt: nairobi(nextDay, '09:00') },
    {
      channel: 'COUNTER',
      soldBy: ids.agent,
    },
  );
  emit('booking.cancelled', nairobi(nextDay, '10:00'), {
    bookingId: refunded.bookingId,
    tripId: ids.trip,
    companyId: ids.kenyan,
    userId: ids.agent,
    reason: 'PASSENGER',
    cancelledBy: ids.agent,
    ticketIds: [],
    refund: kes(1000),
    paymentId: refunded.paymentId,
    channel: 'COUNTER',
    soldBy: ids.agent,
  });
  emit('payment.refunded', nairobi(nextDay, '10:05'), {
    paymentId: refunded.paymentId,
    bookingId: refunded.bookingId,
    userId: ids.agent,
    refundId: randomUUID(),
    amount: kes(1000),
    refundedAt: nairobi(nextDay, '10:05'),
  });
  // One online payment in US dollars: never added to the shillings.
  sale(
    { userId: ids.onlinePassenger, total: 40, currency: 'USD', paidAt: nairobi(nextDay, '12:00') },
    {
      channel: 'ONLINE',
      soldBy: null,
    },
  );

  // The Ugandan company's zone comes from its trip snapshot alone (no company event yet).
  emit(
    'trip.scheduled',
    nairobi(day, '01:00'),
    snapshot(ids.ugandanTrip, ids.ugandan, 'Africa/Kampala', nairobi(day, '09:00')),
  );
  await publishAll(subgraph, events);
});
afterAll(() => subgraph.stop());

let counterSale: ReturnType<typeof sale>;

async function dashboard(companyId: string) {
  const result = await subgraph.request(COMPANY, { c: companyId, ...window }, companyAdmin(companyId));
  expect(result.errors).toBeUndefined();
  return result.data!.companyDashboard;
}

describe('dashboards in the company time zone and currency', () => {
  it("counts days in the company's time zone", async () => {
    const board = await dashboard(ids.kenyan);
    expect(board.timeZone).toBe('Africa/Nairobi');
    const byDate = new Map(board.revenuePerDay.map((d: { date: string }) => [d.date, d]));
    expect(board.revenuePerDay[0].date).toBe(day);
    expect(byDate.get(day)).toMatchObject({ revenue: { amount: 1500, currency: 'KES' }, bookings: 1 });
    // 00:30, 09:00 (KES) and 12:00 (USD) Nairobi time on nextDay.
    expect(byDate.get(nextDay)).toEqual({
      date: nextDay,
      revenue: { amount: 3600, currency: 'KES' },
      byCurrency: [
        { currency: 'KES', revenue: { amount: 3600 }, refunds: { amount: 1000 } },
        { currency: 'USD', revenue: { amount: 40 }, refunds: { amount: 0 } },
      ],
      bookings: 3,
    });
  });

  it('learns the zone from trip snapshots when no company event told it', async () => {
    expect((await dashboard(ids.ugandan)).timeZone).toBe('Africa/Kampala');
  });

  it('never adds amounts of different currencies: totals per currency, the single figures in KES only', async () => {
    const { totals, revenueByPair } = await dashboard(ids.kenyan);
    expect(totals).toEqual({
      revenue: { amount: 5100, currency: 'KES' },
      refunds: { amount: 1000, currency: 'KES' },
      netRevenue: { amount: 4100, currency: 'KES' },
      byCurrency: [
        {
          currency: 'KES',
          revenue: { amount: 5100, currency: 'KES' },
          refunds: { amount: 1000 },
          netRevenue: { amount: 4100 },
        },
        {
          currency: 'USD',
          revenue: { amount: 40, currency: 'USD' },
          refunds: { amount: 0 },
          netRevenue: { amount: 40 },
        },
      ],
      bookings: 4,
      cancellations: 1,
      seatsSold: 4,
    });
    expect(revenueByPair).toEqual([
      { bookings: 2, revenue: { amount: 3900, currency: 'KES' } },
      { bookings: 1, revenue: { amount: 40, currency: 'USD' } },
    ]);
  });

  it('separates counter sales from online ones (events without a channel are online)', async () => {
    const { byChannel } = await dashboard(ids.kenyan);
    expect(byChannel).toEqual([
      {
        channel: 'ONLINE',
        bookings: 2,
        cancellations: 0,
        seatsSold: 2,
        byCurrency: [
          { currency: 'KES', revenue: { amount: 1500 }, refunds: { amount: 0 }, netRevenue: { amount: 1500 } },
          { currency: 'USD', revenue: { amount: 40 }, refunds: { amount: 0 }, netRevenue: { amount: 40 } },
        ],
      },
      {
        channel: 'COUNTER',
        bookings: 2,
        cancellations: 1,
        seatsSold: 2,
        byCurrency: [
          { currency: 'KES', revenue: { amount: 3600 }, refunds: { amount: 1000 }, netRevenue: { amount: 2600 } },
        ],
      },
    ]);
  });

  it('keeps currencies apart on the platform dashboard and in what a passenger spent', async () => {
    const platform = await subgraph.request(
      `{ platformDashboard { totals { revenue { amount currency } byCurrency { currency revenue { amount } } }
        companies { company { id } revenue { amount currency } byCurrency { currency } } } }`,
      {},
      admin(),
    );
    expect(platform.errors).toBeUndefined();
    const { totals, companies } = platform.data!.platformDashboard;
    expect(totals.byCurrency).toEqual([
      { currency: 'KES', revenue: { amount: 5100 } },
      { currency: 'USD', revenue: { amount: 40 } },
    ]);
    // Two currencies: the single figure is the RWF amount only, none here.
    expect(totals.revenue).toEqual({ amount: 0, currency: 'RWF' });
    expect(companies.find((c: { company: { id: string } }) => c.company.id === ids.kenyan)).toEqual({
      company: { id: ids.kenyan },
      revenue: { amount: 5100, currency: 'KES' },
      byCurrency: [{ currency: 'KES' }, { currency: 'USD' }],
    });

    const mine = await subgraph.request(
      `{ myDashboard { totalSpent { amount currency } totalSpentByCurrency { amount currency } } }`,
      {},
      passenger(ids.onlinePassenger),
    );
    expect(mine.data!.myDashboard).toEqual({
      // The latest payment was in USD.
      totalSpent: { amount: 40, currency: 'USD' },
      totalSpentByCurrency: [
        { amount: 1500, currency: 'KES' },
        { amount: 40, currency: 'USD' },
      ],
    });
  });

  it("counts a counter sale as the seller's on no passenger dashboard, and as the passenger's once claimed", async () => {
    const MINE = `{ myDashboard { totalSpent { amount currency } bookingsCount pastTrips { edges { node { bookingId } } } } }`;
    const mine = async (userId: string) => (await subgraph.request(MINE, {}, passenger(userId))).data!.myDashboard;
    const nothing = { totalSpent: { amount: 0, currency: 'RWF' }, bookingsCount: 0, pastTrips: { edges: [] } };
    expect(await mine(ids.agent)).toEqual(nothing);

    const start = events.length;
    emit('booking.claimed', nairobi(nextDay, '15:00'), {
      bookingId: counterSale.bookingId,
      tripId: ids.trip,
      companyId: ids.kenyan,
      userId: ids.walkInBuyer,
      previousUserId: ids.agent,
      ticketIds: counterSale.tickets.map((t) => t.ticketId),
      claimedAt: nairobi(nextDay, '15:00'),
    });
    // A booking.confirmed naming the seller that arrives after the claim leaves the booking with the passenger.
    const { paymentId, ...booking } = counterSale;
    emit('booking.confirmed', nairobi(nextDay, '00:30'), { ...booking, paymentId });
    await publishAll(subgraph, events.slice(start));

    expect(await mine(ids.walkInBuyer)).toEqual({
      totalSpent: { amount: 2400, currency: 'KES' },
      bookingsCount: 1,
      pastTrips: { edges: [{ node: { bookingId: counterSale.bookingId } }] },
    });
    expect(await mine(ids.agent)).toEqual(nothing);
    // Still a counter sale for the company.
    const { byChannel } = await dashboard(ids.kenyan);
    expect(byChannel[1]).toMatchObject({ channel: 'COUNTER', bookings: 2 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScenario, companyAdmin, publishAll, type Scenario } from './dashboard-scenario';
import { passenger, startUser, type UserSubgraph } from './user-harness';

let subgraph: UserSubgraph;
let scenario: Scenario;
beforeAll(async () => {
  subgraph = await startUser();
  scenario = buildScenario();
  await publishAll(subgraph, scenario.events);
});
afterAll(() => subgraph.stop());

const COMPANY = `query($c: ID!, $from: DateTime!, $to: DateTime!) {
  companyDashboard(companyId: $c, from: $from, to: $to) {
    revenuePerDay { date revenue { amount currency } refunds { amount } bookings }
    totals { revenue { amount currency } refunds { amount } netRevenue { amount } bookings cancellations seatsSold }
    tripOccupancy { edges { node { trip { id } routeId seatsSold seatCount occupancy boarded } } pageInfo { hasNextPage } }
    routeOccupancy { routeId origin destination trips seatsSold seatCount occupancy }
  }
}`;
const MINE = `{ myDashboard {
  upcomingTrips { bookingId booking { id } trip { id } origin destination departureAt seats }
  pastTrips { edges { node { bookingId trip { id } seats } } }
  totalSpent { amount currency }
  bookingsCount
} }`;

describe('companyDashboard', () => {
  it('adds up revenue, refunds and confirmed bookings per Kigali day, every day of the window listed', async () => {
    const { ids, window, days } = scenario;
    const result = await subgraph.request(COMPANY, { c: ids.company, ...window }, companyAdmin(ids.company));
    expect(result.errors).toBeUndefined();
    const perDay = result.data!.companyDashboard.revenuePerDay;
    expect(perDay.map((d: { date: string }) => d.date)).toEqual(days);
    expect(perDay[0]).toEqual({
      date: days[0],
      revenue: { amount: 22_000, currency: 'RWF' },
      refunds: { amount: 0 },
      bookings: 2,
    });
    expect(perDay[1]).toEqual({
      date: days[1],
      revenue: { amount: 5_000, currency: 'RWF' },
      refunds: { amount: 4_500 },
      bookings: 1,
    });
    expect(
      perDay
        .slice(2)
        .every((d: { revenue: { amount: number }; bookings: number }) => d.revenue.amount === 0 && d.bookings === 0),
    ).toBe(true);
  });

  it('totals revenue, refunds, bookings, cancellations and seats still sold', async () => {
    const { ids, window } = scenario;
    const result = await subgraph.request(COMPANY, { c: ids.company, ...window }, companyAdmin(ids.company));
    expect(result.data!.companyDashboard.totals).toEqual({
      revenue: { amount: 27_000, currency: 'RWF' },
      refunds: { amount: 4_500 },
      netRevenue: { amount: 22_500 },
      bookings: 3,
      cancellations: 1,
      seatsSold: 5,
    });
  });

  it('shows the occupancy of each trip departing in the window and of its route', async () => {
    const { ids, window } = scenario;
    const result = await subgraph.request(COMPANY, { c: ids.company, ...window }, companyAdmin(ids.company));
    const dashboard = result.data!.companyDashboard;
    expect(dashboard.tripOccupancy.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { trip: { id: ids.pastTrip }, routeId: ids.route, seatsSold: 3, seatCount: 20, occupancy: 0.15, boarded: 2 },
      { trip: { id: ids.futureTrip }, routeId: ids.route, seatsSold: 2, seatCount: 30, occupancy: 2 / 30, boarded: 0 },
    ]);
    expect(dashboard.routeOccupancy).toEqual([
      {
        routeId: ids.route,
        origin: 'Kigali',
        destination: 'Musanze',
        trips: 2,
        seatsSold: 5,
        seatCount: 50,
        occupancy: 0.1,
      },
    ]);
  });

  it('pages trip occupancy by departure with a cursor', async () => {
    const { ids, window } = scenario;
    const query = `query($c: ID!, $from: DateTime!, $to: DateTime!, $after: String) { companyDashboard(companyId: $c, from: $from, to: $to) {
      tripOccupancy(first: 1, after: $after) { edges { node { trip { id } } } pageInfo { hasNextPage endCursor } } } }`;
    const viewer = companyAdmin(ids.company);
    const first = (await subgraph.request(query, { c: ids.company, ...window }, viewer)).data!.companyDashboard
      .tripOccupancy;
    expect(first.edges.map((e: { node: { trip: { id: string } } }) => e.node.trip.id)).toEqual([ids.pastTrip]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (
      await subgraph.request(query, { c: ids.company, ...window, after: first.pageInfo.endCursor }, viewer)
    ).data!.companyDashboard.tripOccupancy;
    expect(second.edges.map((e: { node: { trip: { id: string } } }) => e.node.trip.id)).toEqual([ids.futureTrip]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('counts nothing outside the window', async () => {
    const { ids, window } = scenario;
    const before = { from: new Date(Date.parse(window.from) - 3 * 86_400_000).toISOString(), to: window.from };
    const result = await subgraph.request(COMPANY, { c: ids.company, ...before }, companyAdmin(ids.company));
    expect(result.data!.companyDashboard.totals).toMatchObject({ revenue: { amount: 0 }, bookings: 0, seatsSold: 0 });
    expect(result.data!.companyDashboard.revenuePerDay).toHaveLength(3);
  });
});

describe('myDashboard', () => {
  it('lists upcoming and past confirmed trips and what the passenger spent', async () => {
    const { ids, bookings, futureDeparture } = scenario;
    const result = await subgraph.request(MINE, {}, passenger(ids.alice));
    expect(result.errors).toBeUndefined();
    expect(result.data!.myDashboard).toEqual({
      upcomingTrips: [
        {
          bookingId: bookings.b1.bookingId,
          booking: { id: bookings.b1.bookingId },
          trip: { id: ids.futureTrip },
          origin: 'Kigali',
          destination: 'Musanze',
          departureAt: futureDeparture.toISOString(),
          seats: 2,
        },
      ],
      pastTrips: { edges: [{ node: { bookingId: bookings.b3.bookingId, trip: { id: ids.pastTrip }, seats: 3 } }] },
      totalSpent: { amount: 22_000, currency: 'RWF' },
      bookingsCount: 2,
    });
  });

  it('leaves cancelled and expired bookings out of trips and counts spending net of refunds', async () => {
    const result = await subgraph.request(MINE, {}, passenger(scenario.ids.bob));
    expect(result.data!.myDashboard).toEqual({
      upcomingTrips: [],
      pastTrips: { edges: [] },
      totalSpent: { amount: 500, currency: 'RWF' },
      bookingsCount: 1,
    });
  });

  it('refuses anonymous callers with UNAUTHENTICATED', async () => {
    const result = await subgraph.request(MINE, {});
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

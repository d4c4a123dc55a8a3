import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDashboardEvents, rebuildDashboards } from '../src/services/rebuild-dashboards';
import { buildScenario, companyAdmin, publishAll, reorder, type Scenario } from './dashboard-scenario';
import { admin, passenger, startUser, type UserSubgraph } from './user-harness';

let subgraph: UserSubgraph;
beforeAll(async () => {
  subgraph = await startUser();
});
afterAll(() => subgraph.stop());

const COMPANY = `query($c: ID!, $from: DateTime!, $to: DateTime!) { companyDashboard(companyId: $c, from: $from, to: $to) {
  revenuePerDay { date revenue { amount } refunds { amount } bookings }
  totals { revenue { amount } refunds { amount } bookings cancellations seatsSold }
  tripOccupancy { edges { node { seatsSold seatCount occupancy boarded } } }
  routeOccupancy { origin destination trips seatsSold seatCount occupancy }
} }`;
const MINE = `{ myDashboard { upcomingTrips { seats origin departureAt } pastTrips { edges { node { seats } } } totalSpent { amount } bookingsCount } }`;
const PLATFORM = `{ platformDashboard { companies { companyName revenue { amount } refunds { amount } bookings cancellations seatsSold } totals { revenue { amount } bookings seatsSold } } }`;

/** Everything the three dashboards show for a scenario, without its ids (they differ between scenarios). */
async function figures(s: Scenario) {
  const company = await subgraph.request(COMPANY, { c: s.ids.company, ...s.window }, companyAdmin(s.ids.company));
  const alice = await subgraph.request(MINE, {}, passenger(s.ids.alice));
  const bob = await subgraph.request(MINE, {}, passenger(s.ids.bob));
  const platform = await subgraph.request(PLATFORM, {}, admin());
  return { company: company.data, alice: alice.data, bob: bob.data, platform: platform.data };
}

describe('dashboards rebuilt from events', () => {
  it('give the same figures whatever order events arrive in and however often', async () => {
    const now = new Date();
    const inOrder = buildScenario(now);
    await publishAll(subgraph, inOrder.events);
    const expected = await figures(inOrder);
    expect(expected.company?.companyDashboard.totals.seatsSold).toBe(5);

    // The same story with its own ids, delivered reordered (refunds and payments before their
    // bookings, an older trip snapshot after a newer one) and every event twice.
    const shuffled = buildScenario(now);
    const replay = reorder(shuffled.events);
    await rebuildDashboards(subgraph.deps, []);
    await applyDashboardEvents(subgraph.deps, [...replay, ...reorder(replay)]);
    expect(await figures(shuffled)).toEqual(expected);
  });

  it('are rebuilt to the same figures after the read models are emptied and the events replayed', async () => {
    const s = buildScenario();
    await rebuildDashboards(subgraph.deps, s.events);
    const before = await figures(s);
    await rebuildDashboards(subgraph.deps, reorder(s.events).reverse());
    expect(await figures(s)).toEqual(before);
    expect(before.alice?.myDashboard.totalSpent.amount).toBe(22_000);
  });

  it('keeps a cancelled trip cancelled when an older snapshot arrives afterwards', async () => {
    const s = buildScenario();
    const scheduled = s.events.find(
      (e) => e.type === 'trip.scheduled' && (e.payload as { tripId: string }).tripId === s.ids.pastTrip,
    )!;
    const cancelled = {
      id: crypto.randomUUID(),
      type: 'trip.cancelled',
      source: 'company',
      occurredAt: s.at(0, 5),
      payload: {
        tripId: s.ids.pastTrip,
        companyId: s.ids.company,
        reason: 'Bus broke down',
        cancelledAt: s.at(0, 5),
        version: 2,
      },
    };
    await rebuildDashboards(subgraph.deps, [cancelled, scheduled]);
    const result = await subgraph.request(COMPANY, { c: s.ids.company, ...s.window }, companyAdmin(s.ids.company));
    expect(result.data!.companyDashboard.tripOccupancy.edges).toEqual([]);
  });
});

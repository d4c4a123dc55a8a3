import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScenario, companyAdmin, publishAll, type Scenario } from './dashboard-scenario';
import { admin, passenger, startUser, type UserSubgraph } from './user-harness';

let subgraph: UserSubgraph;
let scenario: Scenario;
beforeAll(async () => {
  subgraph = await startUser();
  scenario = buildScenario();
  await publishAll(subgraph, scenario.events);
});
afterAll(() => subgraph.stop());

const PLATFORM = `query($from: DateTime, $to: DateTime) { platformDashboard(from: $from, to: $to) {
  companies { company { id } companyName revenue { amount currency } refunds { amount } netRevenue { amount } bookings cancellations seatsSold }
  totals { revenue { amount currency } refunds { amount } netRevenue { amount } bookings cancellations seatsSold }
} }`;
const COMPANY = `query($c: ID!, $from: DateTime!, $to: DateTime!) { companyDashboard(companyId: $c, from: $from, to: $to) { totals { bookings } } }`;
const code = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code;

describe('platformDashboard', () => {
  it('lists every company by revenue with its latest name, and the platform totals', async () => {
    const { ids } = scenario;
    const result = await subgraph.request(PLATFORM, {}, admin());
    expect(result.errors).toBeUndefined();
    expect(result.data!.platformDashboard).toEqual({
      companies: [
        {
          company: { id: ids.company },
          companyName: 'Volcano Coaches',
          revenue: { amount: 27_000, currency: 'RWF' },
          refunds: { amount: 4_500 },
          netRevenue: { amount: 22_500 },
          bookings: 3,
          cancellations: 1,
          seatsSold: 5,
        },
        {
          company: { id: ids.otherCompany },
          companyName: 'Kivu Shuttle',
          revenue: { amount: 8_000, currency: 'RWF' },
          refunds: { amount: 0 },
          netRevenue: { amount: 8_000 },
          bookings: 1,
          cancellations: 0,
          seatsSold: 1,
        },
      ],
      totals: {
        revenue: { amount: 35_000, currency: 'RWF' },
        refunds: { amount: 4_500 },
        netRevenue: { amount: 30_500 },
        bookings: 4,
        cancellations: 1,
        seatsSold: 6,
      },
    });
  });

  it('limits the figures to a window when one is given', async () => {
    const { window, at } = scenario;
    const result = await subgraph.request(PLATFORM, { from: window.from, to: at(1, 0) }, admin());
    expect(result.data!.platformDashboard.totals).toMatchObject({
      revenue: { amount: 22_000 },
      refunds: { amount: 0 },
      bookings: 2,
      seatsSold: 5,
    });
  });

  it('refuses anyone but a PLATFORM_ADMIN', async () => {
    expect(code(await subgraph.request(PLATFORM, {}, companyAdmin(scenario.ids.company)))).toBe('FORBIDDEN');
    expect(code(await subgraph.request(PLATFORM, {}, passenger()))).toBe('FORBIDDEN');
    expect(code(await subgraph.request(PLATFORM, {}))).toBe('UNAUTHENTICATED');
  });
});

describe('companyDashboard guards and validation', () => {
  it("refuses another company's admin with FORBIDDEN and anonymous callers with UNAUTHENTICATED", async () => {
    const { ids, window } = scenario;
    expect(code(await subgraph.request(COMPANY, { c: ids.company, ...window }, companyAdmin(ids.otherCompany)))).toBe(
      'FORBIDDEN',
    );
    expect(code(await subgraph.request(COMPANY, { c: ids.company, ...window }, passenger()))).toBe('FORBIDDEN');
    expect(code(await subgraph.request(COMPANY, { c: ids.company, ...window }))).toBe('UNAUTHENTICATED');
  });

  it("lets a PLATFORM_ADMIN see any company's dashboard", async () => {
    const { ids, window } = scenario;
    const result = await subgraph.request(COMPANY, { c: ids.otherCompany, ...window }, admin());
    expect(result.data!.companyDashboard.totals.bookings).toBe(1);
  });

  it.each([
    ['from after to', (w: Scenario['window']) => ({ from: w.to, to: w.from })],
    ['from equal to to', (w: Scenario['window']) => ({ from: w.from, to: w.from })],
    [
      'a window longer than 366 days',
      (w: Scenario['window']) => ({ from: w.from, to: new Date(Date.parse(w.from) + 367 * 86_400_000).toISOString() }),
    ],
  ])('rejects %s with BAD_USER_INPUT', async (_name, window) => {
    const { ids } = scenario;
    const result = await subgraph.request(
      COMPANY,
      { c: ids.company, ...window(scenario.window) },
      companyAdmin(ids.company),
    );
    expect(code(result)).toBe('BAD_USER_INPUT');
  });
});

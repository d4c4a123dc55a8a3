import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  CREATE_BUS,
  CREATE_DRIVER,
  CREATE_ROUTE,
  CREATE_STATION,
  createStations,
  createTenant,
  LAYOUT_2_2,
  ok,
  startCompanySubgraph,
  type CompanySubgraph,
  type Tenant,
} from './helpers';

// The tenant's fixture has 2 buses, 1 driver and 1 route, all added by a platform admin (who is not limited).
const QUOTA = 3;
let sg: CompanySubgraph;
let t: Tenant;
let stations: string[];
beforeAll(async () => {
  sg = await startCompanySubgraph({ quotas: { perKind: QUOTA, stations: 2 } });
  stations = await createStations(sg, ['Kigali', 'Musanze', 'Huye']);
  t = await createTenant(sg, 'quota-a', [stations[0]!, stations[1]!]);
});
afterAll(() => sg.stop());

let plate = 0;
const bus = () => ({
  input: { companyId: t.companyId, plateNumber: `QT${++plate} A`, model: 'Yutong', seatLayout: LAYOUT_2_2 },
});
const quotaOf = (result: Awaited<ReturnType<CompanySubgraph['request']>>) => result.errors?.[0]?.extensions;

describe("a company's quotas", () => {
  it('refuses a company admin a bus past the quota, also when several are asked for at once, and writes nothing', async () => {
    // One free place (2 of 3 buses), five asked for at once: one is added.
    const answers = await Promise.all(Array.from({ length: 5 }, () => sg.request(CREATE_BUS, bus(), t.admin)));
    expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
    const refused = answers.filter((answer) => answer.errors);
    for (const answer of refused)
      expect(quotaOf(answer)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUOTA_REACHED', max: QUOTA });
    expect(refused[0]!.errors?.[0]?.message).toBe(
      "The company has 3 buses, the most it may have; ask the platform's admins for more",
    );
    const { buses } = await ok(
      sg,
      `query($c: ID!) { buses(companyId: $c, first: 100) { edges { node { id } } } }`,
      {
        c: t.companyId,
      },
      admin,
    );
    expect(buses.edges).toHaveLength(QUOTA);
    // A platform admin adds one more for the company.
    await ok(sg, CREATE_BUS, bus(), admin);
  });

  it('counts drivers and routes of each company on their own', async () => {
    const driver = (n: number, companyId = t.companyId) => ({
      input: {
        companyId,
        name: 'Aline Driver',
        phone: '+250788000002',
        licenceNumber: `QLIC-${companyId.slice(0, 8)}-${n}`,
      },
    });
    await ok(sg, CREATE_DRIVER, driver(1), t.admin);
    await ok(sg, CREATE_DRIVER, driver(2), t.admin);
    expect(quotaOf(await sg.request(CREATE_DRIVER, driver(3), t.admin))).toMatchObject({ reason: 'QUOTA_REACHED' });
    const other = await createTenant(sg, 'quota-b', [stations[0]!, stations[2]!]);
    await ok(sg, CREATE_DRIVER, driver(1, other.companyId), other.admin);

    const route = (minutes: number) => ({
      input: {
        companyId: t.companyId,
        name: `Route ${minutes}`,
        distanceKm: 90,
        stops: [
          { stationId: stations[0], minutesFromDeparture: 0 },
          { stationId: stations[2], minutesFromDeparture: minutes },
        ],
      },
    });
    await ok(sg, CREATE_ROUTE, route(100), t.admin);
    await ok(sg, CREATE_ROUTE, route(110), t.admin);
    expect(quotaOf(await sg.request(CREATE_ROUTE, route(120), t.admin))).toMatchObject({ reason: 'QUOTA_REACHED' });
  });

  it('limits the stations a company admin creates (shared by every company) by their own quota', async () => {
    const station = (code: string) => ({
      input: { code, name: `${code} Stop`, city: 'Rubavu', latitude: -1.7, longitude: 29.3 },
    });
    await ok(sg, CREATE_STATION, station('QS-1'), t.admin);
    await ok(sg, CREATE_STATION, station('QS-2'), t.admin);
    expect(quotaOf(await sg.request(CREATE_STATION, station('QS-3'), t.admin))).toMatchObject({
      reason: 'QUOTA_REACHED',
      max: 2,
    });
    await ok(sg, CREATE_STATION, station('QS-3'), admin);
  });
});

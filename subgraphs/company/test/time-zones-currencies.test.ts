import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@busline/shared';
import {
  admin,
  CREATE_COMPANY,
  CREATE_ROUTE,
  createStations,
  createTenant,
  fails,
  hoursFromNow,
  ok,
  outboxOf,
  SCHEDULE_TRIP,
  startCompanySubgraph,
  type CompanySubgraph,
  type Tenant,
} from './helpers';
import { addDays, localDate } from '../src/domain/zoned-time';

const COMPANY = `query($id: ID) { company(id: $id) { timeZone currency } }`;
const UPDATE_COMPANY = `mutation($id: ID!, $input: UpdateCompanyInput!) { updateCompany(id: $id, input: $input) { id timeZone currency } }`;
const UPDATE_TRIP = `mutation($id: ID!, $input: UpdateTripInput!) { updateTrip(tripId: $id, input: $input) { id price { amount currency } } }`;
const CANCEL_TRIP = `mutation($id: ID!) { cancelTrip(tripId: $id, reason: "Bus broke down") { id status } }`;
const SET_FARES = `mutation($routeId: ID!, $fares: [RouteFareInput!]!) { setRouteFares(routeId: $routeId, fares: $fares) {
  fares { boardingStop alightingStop price { amount currency } }
} }`;
const TIMETABLE = `mutation($input: ScheduleTimetableInput!) { scheduleTimetable(input: $input) { id departureAt price { amount currency } } }`;

let sg: CompanySubgraph;
let stations: string[];
/** A Kenyan company (made as a Rwandan one, then moved to Nairobi and KES before it had trips). */
let kenyan: Tenant;
/** Its Nairobi → Naivasha → Nakuru route. */
let threeStopRoute: string;

/** The first error's code and extensions (reason, field). */
async function failure(query: string, vars: Record<string, unknown>, viewer = admin) {
  const result = await sg.request(query, vars, viewer);
  expect(result.errors, 'expected an error').toBeDefined();
  return result.errors![0]!.extensions as { code: string; reason?: string; field?: string };
}

beforeAll(async () => {
  sg = await startCompanySubgraph();
  stations = await createStations(sg, ['Nairobi', 'Naivasha', 'Nakuru']);
  kenyan = await createTenant(sg, 'kenya-coaches', [stations[0]!, stations[2]!]);
  await ok(sg, UPDATE_COMPANY, { id: kenyan.companyId, input: { timeZone: 'Africa/Nairobi', currency: 'kes' } }, admin);
  const { createRoute } = await ok(
    sg,
    CREATE_ROUTE,
    {
      input: {
        companyId: kenyan.companyId,
        name: 'Nairobi → Nakuru via Naivasha',
        distanceKm: 160,
        stops: [
          { stationId: stations[0], minutesFromDeparture: 0 },
          { stationId: stations[1], minutesFromDeparture: 90 },
          { stationId: stations[2], minutesFromDeparture: 180 },
        ],
      },
    },
    kenyan.admin,
  );
  threeStopRoute = createRoute.id;
});
afterAll(() => sg.stop());

describe('company time zone and currency', () => {
  it('defaults to Africa/Kigali and RWF, and carries both in company.created', async () => {
    const { createCompany } = await ok(sg, CREATE_COMPANY, { input: { name: 'Lake Line', slug: 'lake-line' } }, admin);
    expect((await ok(sg, COMPANY, { id: createCompany.id })).company).toEqual({
      timeZone: 'Africa/Kigali',
      currency: 'RWF',
    });
    const created = (await outboxOf(sg, 'company.created')).find((p) => p.companyId === createCompany.id);
    expect(created).toMatchObject({ timeZone: 'Africa/Kigali', currency: 'RWF' });
  });

  it('takes a zone and a currency at creation, the currency in any case', async () => {
    const { createCompany } = await ok(
      sg,
      `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id timeZone currency } }`,
      { input: { name: 'Pearl Coaches', slug: 'pearl-coaches', timeZone: 'Africa/Kampala', currency: 'ugx' } },
      admin,
    );
    expect(createCompany).toMatchObject({ timeZone: 'Africa/Kampala', currency: 'UGX' });
    const created = (await outboxOf(sg, 'company.created')).find((p) => p.companyId === createCompany.id);
    expect(created).toMatchObject({ timeZone: 'Africa/Kampala', currency: 'UGX' });
  });

  it('takes IANA names only, so Postgres (the dashboards) reads its local time as Intl does', async () => {
    const CREATE = `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id timeZone } }`;
    const instant = '2025-01-01T22:30:00Z';
    const intl = (zone: string) =>
      new Intl.DateTimeFormat('sv-SE', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' }).format(
        new Date(instant),
      );
    // Abbreviations Intl takes: "CAT", which Postgres does not know; "IST", India to Intl and Israel to Postgres.
    for (const zone of ['CAT', 'EAT', 'IST']) {
      const refused = await failure(CREATE, {
        input: { name: zone, slug: `zone-${zone.toLowerCase()}`, timeZone: zone },
      });
      expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeZone' });
      expect(await failure(UPDATE_COMPANY, { id: kenyan.companyId, input: { timeZone: zone } })).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'timeZone',
      });
    }
    for (const [typed, stored] of [
      ['africa/kigali', 'Africa/Kigali'],
      ['Asia/Kolkata', 'Asia/Kolkata'],
      ['UTC', 'UTC'],
    ] as const) {
      const slug = `zone-${stored.toLowerCase().replace('/', '-')}`;
      const { createCompany } = await ok(sg, CREATE, { input: { name: slug, slug, timeZone: typed } }, admin);
      expect(createCompany.timeZone).toBe(stored);
      const [row] = await queryRows<{ local: string }>(
        sg.database.handle.db,
        sql`select to_char(${instant}::timestamptz at time zone ${stored}, 'YYYY-MM-DD HH24:MI') as local`,
      );
      expect(row!.local, stored).toBe(intl(stored));
    }
  });

  // Names the runtime still takes but tzdata dropped (and Postgres with it): stored as given, every dashboard of the
  // company failed in Postgres. Stored by their canonical name, or refused where the runtime dropped them too.
  it.each(['US/Pacific-New', 'Canada/East-Saskatchewan'])('stores %s as a zone Postgres knows', async (zone) => {
    const CREATE = `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id timeZone } }`;
    const slug = `zone-${zone.toLowerCase().replace(/[^a-z]+/g, '-')}`;
    const created = await sg.request(CREATE, { input: { name: slug, slug, timeZone: zone } }, admin);
    const company = (created.data as { createCompany?: { id: string; timeZone: string } } | null)?.createCompany;
    if (!company) {
      expect(created.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeZone' });
      return;
    }
    const known = (name: string) =>
      queryRows<{ name: string }>(sg.database.handle.db, sql`select name from pg_timezone_names where name = ${name}`);
    expect(await known(company.timeZone), company.timeZone).toHaveLength(1);
    await ok(sg, UPDATE_COMPANY, { id: company.id, input: { timeZone: 'Africa/Kigali' } }, admin);
    const { updateCompany } = await ok(sg, UPDATE_COMPANY, { id: company.id, input: { timeZone: zone } }, admin);
    expect(updateCompany.timeZone).toBe(company.timeZone);
  });

  it.each([
    ['an unknown time zone', { timeZone: 'Africa/Atlantis' }, 'timeZone'],
    ['an empty time zone', { timeZone: ' ' }, 'timeZone'],
    ['a currency it does not sell in', { currency: 'EUR' }, 'currency'],
    ['a currency that is no code', { currency: 'shillings' }, 'currency'],
  ])('refuses %s with BAD_USER_INPUT, at creation and on update', async (_label, extra, field) => {
    const created = await failure(CREATE_COMPANY, { input: { name: 'Nowhere', slug: 'nowhere', ...extra } });
    expect(created).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const updated = await failure(UPDATE_COMPANY, { id: kenyan.companyId, input: extra });
    expect(updated).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it("prices a trip in the company's currency when none is given, and refuses another (CURRENCY_MISMATCH)", async () => {
    const input = { routeId: kenyan.routeId, busId: kenyan.busId, departureAt: hoursFromNow(30) };
    const { scheduleTrip } = await ok(
      sg,
      SCHEDULE_TRIP,
      { input: { ...input, price: { amount: 1200 } } },
      kenyan.admin,
    );
    expect(scheduleTrip.price).toEqual({ amount: 1200, currency: 'KES' });
    const snapshot = (await outboxOf(sg, 'trip.scheduled')).find((p) => p.tripId === scheduleTrip.id);
    expect(snapshot).toMatchObject({ timeZone: 'Africa/Nairobi', price: { amount: 1200, currency: 'KES' } });

    const refused = await failure(
      SCHEDULE_TRIP,
      { input: { ...input, departureAt: hoursFromNow(60), price: { amount: 5000, currency: 'RWF' } } },
      kenyan.admin,
    );
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CURRENCY_MISMATCH', field: 'price' });

    const update = await failure(
      UPDATE_TRIP,
      { id: scheduleTrip.id, input: { price: { amount: 5000, currency: 'RWF' } } },
      kenyan.admin,
    );
    expect(update).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CURRENCY_MISMATCH' });
    const repriced = await ok(
      sg,
      UPDATE_TRIP,
      { id: scheduleTrip.id, input: { price: { amount: 1300 } } },
      kenyan.admin,
    );
    expect(repriced.updateTrip.price).toEqual({ amount: 1300, currency: 'KES' });
    await ok(sg, CANCEL_TRIP, { id: scheduleTrip.id }, kenyan.admin);
  });

  it("sets route fares in the company's currency only", async () => {
    const refused = await failure(
      SET_FARES,
      {
        routeId: threeStopRoute,
        fares: [{ boardingStop: 0, alightingStop: 1, price: { amount: 700, currency: 'USD' } }],
      },
      kenyan.admin,
    );
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CURRENCY_MISMATCH', field: 'fares' });
    const { setRouteFares } = await ok(
      sg,
      SET_FARES,
      { routeId: threeStopRoute, fares: [{ boardingStop: 0, alightingStop: 1, price: { amount: 700 } }] },
      kenyan.admin,
    );
    expect(setRouteFares.fares).toEqual([
      { boardingStop: 0, alightingStop: 1, price: { amount: 700, currency: 'KES' } },
    ]);
  });

  it("schedules a timetable in the company's time zone and currency when the input names none", async () => {
    const startDate = addDays(localDate(new Date(), 'Africa/Nairobi'), 3);
    const { scheduleTimetable } = await ok(
      sg,
      TIMETABLE,
      {
        input: {
          routeId: kenyan.routeId,
          busId: kenyan.busId2,
          departureTime: '07:00',
          startDate,
          days: 1,
          price: { amount: 1500 },
        },
      },
      kenyan.admin,
    );
    // 07:00 in Nairobi (UTC+3) is 04:00 UTC.
    expect(scheduleTimetable).toEqual([
      { id: expect.any(String), departureAt: `${startDate}T04:00:00.000Z`, price: { amount: 1500, currency: 'KES' } },
    ]);
    const refused = await failure(
      TIMETABLE,
      {
        input: {
          routeId: kenyan.routeId,
          busId: kenyan.busId2,
          departureTime: '09:00',
          startDate,
          days: 1,
          price: { amount: 1500, currency: 'UGX' },
        },
      },
      kenyan.admin,
    );
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CURRENCY_MISMATCH' });
    for (const trip of scheduleTimetable) await ok(sg, CANCEL_TRIP, { id: trip.id }, kenyan.admin);
  });

  it('re-sends upcoming trips with the new zone when the time zone changes', async () => {
    const tenant = await createTenant(sg, 'zone-move', [stations[0]!, stations[2]!]);
    const { scheduleTrip } = await ok(
      sg,
      SCHEDULE_TRIP,
      {
        input: { routeId: tenant.routeId, busId: tenant.busId, departureAt: hoursFromNow(40), price: { amount: 4000 } },
      },
      tenant.admin,
    );
    const { updateCompany } = await ok(
      sg,
      UPDATE_COMPANY,
      { id: tenant.companyId, input: { timeZone: 'Africa/Nairobi' } },
      admin,
    );
    expect(updateCompany).toMatchObject({ timeZone: 'Africa/Nairobi', currency: 'RWF' });
    const updated = (await outboxOf(sg, 'company.updated')).filter((p) => p.companyId === tenant.companyId);
    expect(updated.at(-1)).toMatchObject({ timeZone: 'Africa/Nairobi', currency: 'RWF' });
    const resent = (await outboxOf(sg, 'trip.updated')).filter((p) => p.tripId === scheduleTrip.id);
    expect(resent).toEqual([expect.objectContaining({ version: 2, timeZone: 'Africa/Nairobi' })]);

    // The same zone again changes nothing and re-sends nothing.
    await ok(sg, UPDATE_COMPANY, { id: tenant.companyId, input: { timeZone: 'Africa/Nairobi' } }, admin);
    expect((await outboxOf(sg, 'trip.updated')).filter((p) => p.tripId === scheduleTrip.id)).toHaveLength(1);
  });

  it('changes the currency only once no trip priced in the old one is left, and drops fares in it', async () => {
    const tenant = await createTenant(sg, 'currency-move', [stations[0]!, stations[2]!]);
    const { createRoute } = await ok(
      sg,
      CREATE_ROUTE,
      {
        input: {
          companyId: tenant.companyId,
          name: 'Three stops',
          distanceKm: 160,
          stops: [
            { stationId: stations[0], minutesFromDeparture: 0 },
            { stationId: stations[1], minutesFromDeparture: 90 },
            { stationId: stations[2], minutesFromDeparture: 180 },
          ],
        },
      },
      tenant.admin,
    );
    await ok(
      sg,
      SET_FARES,
      { routeId: createRoute.id, fares: [{ boardingStop: 1, alightingStop: 2, price: { amount: 2500 } }] },
      tenant.admin,
    );
    const { scheduleTrip } = await ok(
      sg,
      SCHEDULE_TRIP,
      {
        input: { routeId: tenant.routeId, busId: tenant.busId, departureAt: hoursFromNow(20), price: { amount: 4000 } },
      },
      tenant.admin,
    );
    const refused = await failure(UPDATE_COMPANY, { id: tenant.companyId, input: { currency: 'USD' } });
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CURRENCY_IN_USE', field: 'currency' });
    expect((await ok(sg, COMPANY, { id: tenant.companyId })).company.currency).toBe('RWF');

    await ok(sg, CANCEL_TRIP, { id: scheduleTrip.id }, tenant.admin);
    const { updateCompany } = await ok(sg, UPDATE_COMPANY, { id: tenant.companyId, input: { currency: 'USD' } }, admin);
    expect(updateCompany.currency).toBe('USD');
    const route = await ok(sg, `query($id: ID!) { route(id: $id) { fares { boardingStop } } }`, { id: createRoute.id });
    expect(route.route.fares).toEqual([]);
    const trip = await ok(
      sg,
      SCHEDULE_TRIP,
      { input: { routeId: tenant.routeId, busId: tenant.busId, departureAt: hoursFromNow(50), price: { amount: 12 } } },
      tenant.admin,
    );
    expect(trip.scheduleTrip.price).toEqual({ amount: 12, currency: 'USD' });
  });

  it('lets only platform admins change them', async () => {
    expect(
      (await fails(sg, UPDATE_COMPANY, { id: kenyan.companyId, input: { currency: 'UGX' } }, kenyan.admin)).code,
    ).toBe('FORBIDDEN');
  });
});

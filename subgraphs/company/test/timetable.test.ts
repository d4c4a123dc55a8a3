import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { outbox, trips } from '../src/db/schema';
import { addDays, localDate } from '../src/domain/zoned-time';
import {
  CREATE_ROUTE,
  createStations,
  createTenant,
  fails,
  ok,
  SCHEDULE_TRIP,
  startCompanySubgraph,
  type CompanySubgraph,
  type Tenant,
} from './helpers';

let sg: CompanySubgraph;
let a: Tenant;
let b: Tenant;
beforeAll(async () => {
  sg = await startCompanySubgraph();
  const stations = await createStations(sg, ['Kigali', 'Rubavu']);
  a = await createTenant(sg, 'alpha', [stations[0]!, stations[1]!]);
  b = await createTenant(sg, 'beta', [stations[0]!, stations[1]!]);
});
afterAll(() => sg.stop());

const TIMETABLE = `mutation($input: ScheduleTimetableInput!) { scheduleTimetable(input: $input) { id departureAt arrivalAt status } }`;
const startDate = (daysAhead: number) => addDays(localDate(new Date(), 'Africa/Kigali'), daysAhead);
const timetable = (t: Tenant, extra: Record<string, unknown> = {}) => ({
  routeId: t.routeId,
  busId: t.busId,
  driverId: t.driverId,
  departureTime: '07:00',
  startDate: startDate(2),
  days: 5,
  price: { amount: 4500 },
  ...extra,
});
const tripCount = async (busId: string) =>
  (await sg.database.handle.db.select().from(trips).where(eq(trips.busId, busId))).length;

describe('scheduleTimetable', () => {
  it('creates one trip a day at the local departure time (Africa/Kigali by default)', async () => {
    const { scheduleTimetable } = await ok(sg, TIMETABLE, { input: timetable(a) }, a.admin);
    expect(scheduleTimetable).toHaveLength(5);
    expect(scheduleTimetable[0].departureAt).toBe(`${startDate(2)}T05:00:00.000Z`);
    expect(scheduleTimetable[4].departureAt).toBe(`${startDate(6)}T05:00:00.000Z`);
    const ids = scheduleTimetable.map((t: any) => t.id);
    const events = await sg.database.handle.db.select().from(outbox).where(eq(outbox.type, 'trip.scheduled'));
    expect(events.map((e) => (e.payload as any).tripId)).toEqual(expect.arrayContaining(ids));
  });

  it('honours another time zone', async () => {
    const { scheduleTimetable } = await ok(
      sg,
      TIMETABLE,
      { input: timetable(a, { busId: a.busId2, driverId: null, timeZone: 'UTC', days: 1, departureTime: '21:30' }) },
      a.admin,
    );
    expect(scheduleTimetable[0].departureAt).toBe(`${startDate(2)}T21:30:00.000Z`);
  });

  it('skips the days of the week that are not chosen', async () => {
    const input = timetable(a, {
      busId: a.busId2,
      driverId: null,
      startDate: startDate(50),
      days: 14,
      weekdays: ['SATURDAY', 'SUNDAY'],
    });
    const { scheduleTimetable } = await ok(sg, TIMETABLE, { input }, a.admin);
    expect(scheduleTimetable).toHaveLength(4);
    const days = scheduleTimetable.map((t: any) => new Date(t.departureAt).getUTCDay());
    expect(days.every((d: number) => d === 0 || d === 6)).toBe(true);
  });

  it('schedules nothing when one day clashes with an existing trip', async () => {
    const busy = `${startDate(12)}T05:30:00.000Z`;
    await ok(
      sg,
      SCHEDULE_TRIP,
      { input: { routeId: b.routeId, busId: b.busId, departureAt: busy, price: { amount: 4500 } } },
      b.admin,
    );
    const before = await tripCount(b.busId);
    const eventsBefore = (await sg.database.handle.db.select().from(outbox)).length;
    const error = await fails(sg, TIMETABLE, { input: timetable(b, { startDate: startDate(10), days: 5 }) }, b.admin);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining(startDate(12)) });
    expect(await tripCount(b.busId)).toBe(before);
    expect((await sg.database.handle.db.select().from(outbox)).length).toBe(eventsBefore);
  });

  it("refuses another company's route with FORBIDDEN and anonymous callers with UNAUTHENTICATED", async () => {
    expect((await fails(sg, TIMETABLE, { input: timetable(b, { startDate: startDate(30) }) }, a.admin)).code).toBe(
      'FORBIDDEN',
    );
    expect((await fails(sg, TIMETABLE, { input: timetable(a, { startDate: startDate(30) }) })).code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses a malformed time, an unknown time zone and a start in the past', async () => {
    const bad = async (extra: Record<string, unknown>) =>
      fails(sg, TIMETABLE, { input: timetable(a, { startDate: startDate(40), ...extra }) }, a.admin);
    expect(await bad({ departureTime: '7am' })).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'departureTime must be HH:MM, e.g. 07:00',
    });
    expect(await bad({ timeZone: 'Mars/Olympus' })).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'Unknown time zone "Mars/Olympus": use an IANA name such as Africa/Kigali',
    });
    expect(await bad({ startDate: startDate(-2) })).toEqual({
      code: 'BAD_USER_INPUT',
      message: `${startDate(-2)}: departureAt must be in the future`,
    });
    expect((await bad({ days: 0 })).code).toBe('BAD_USER_INPUT');
    // A day its month does not have: refused, not moved to the next month's first (April 31st, a 29th of February
    // outside a leap year, within the year ahead).
    const ahead = new Date().getUTCFullYear() + 1;
    for (const day of [`${ahead}-04-31`, `${ahead % 4 === 0 ? ahead + 1 : ahead}-02-29`])
      expect(await bad({ startDate: day }), day).toEqual({
        code: 'BAD_USER_INPUT',
        message: 'startDate must be a date, e.g. 2026-12-01',
      });
  });

  it('refuses departures more than a year ahead, and a route of more than 40 stops', async () => {
    const before = await tripCount(a.busId2);
    expect(
      await fails(sg, TIMETABLE, { input: timetable(a, { busId: a.busId2, startDate: startDate(400) }) }, a.admin),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      message: `${startDate(400)}: departureAt must be within 366 days from now`,
    });
    // A timetable that would run past the year: nothing of it is scheduled.
    expect(
      (
        await fails(
          sg,
          TIMETABLE,
          { input: timetable(a, { busId: a.busId2, startDate: startDate(360), days: 10 }) },
          a.admin,
        )
      ).code,
    ).toBe('BAD_USER_INPUT');
    expect(await tripCount(a.busId2)).toBe(before);
    const stops = Array.from({ length: 41 }, (_, i) => ({ stationId: randomUUID(), minutesFromDeparture: i * 10 }));
    expect(
      await fails(sg, CREATE_ROUTE, { input: { companyId: a.companyId, distanceKm: 400, stops } }, a.admin),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'A route has at most 40 stops',
    });
  });
});

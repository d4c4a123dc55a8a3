import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { itConcurrent } from '@busline/shared/testing';
import * as tables from '../src/db/schema';
import { addDays, localDate } from '../src/domain/zoned-time';
import { seedCompanies, seedNetwork } from '../src/seed';
import { ok, startCompanySubgraph, type CompanySubgraph } from './helpers';

let sg: CompanySubgraph;
beforeAll(async () => {
  sg = await startCompanySubgraph();
});
afterAll(() => sg.stop());

const NOW = new Date(Date.now() + 3_600_000);

async function counts() {
  const db = sg.database.handle.db;
  const of = async (table: Parameters<ReturnType<typeof db.select>['from']>[0]) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    companies: await of(tables.companies),
    stations: await of(tables.stations),
    buses: await of(tables.buses),
    drivers: await of(tables.drivers),
    routes: await of(tables.routes),
    stops: await of(tables.routeStops),
    trips: await of(tables.trips),
    events: await of(tables.outbox),
  };
}

describe('demo seed', () => {
  itConcurrent('creates the five demo companies once and returns their ids, even when two runs overlap', async () => {
    const [first] = await Promise.all([seedCompanies(sg.deps), seedCompanies(sg.deps)]);
    const second = await seedCompanies(sg.deps);
    expect(second).toEqual(first);
    const data = await ok(sg, `{ companies { edges { node { id slug } } } }`);
    expect(data.companies.edges.map((e: any) => e.node)).toEqual([
      { id: first.horizonCompanyId, slug: 'horizon' },
      { id: first.kivuCompanyId, slug: 'kivu' },
      { id: first.pearlCompanyId, slug: 'pearl' },
      { id: first.savannahCompanyId, slug: 'savannah' },
      { id: first.volcanoCompanyId, slug: 'volcano' },
    ]);
  });

  it('seeds the network idempotently: a second run creates nothing', async () => {
    const driverUserId = randomUUID();
    const first = await seedNetwork(sg.deps, {
      now: NOW,
      days: 2,
      driverUserIds: { 'driver@volcano.busline.test': driverUserId },
    });
    const after1 = await counts();
    const second = await seedNetwork(sg.deps, { now: NOW, days: 2 });
    expect(await counts()).toEqual(after1);
    expect(second.tripsCreated).toBe(0);
    expect(first.tripsCreated).toBe(after1.trips);
    expect(after1).toMatchObject({ companies: 5, stations: 14, buses: 13, drivers: 13, routes: 10 });
    const [linked] = await sg.database.handle.db
      .select()
      .from(tables.drivers)
      .where(eq(tables.drivers.userId, driverUserId));
    expect(linked?.licenceNumber).toBe('VOL-D-001');
  });

  it('offers several trips a day on Kigali → Musanze → Rubavu, with an event per trip', async () => {
    const data = await ok(sg, `{ stations(city: "Rubavu") { edges { node { code } } } }`);
    expect(data.stations.edges).toEqual([{ node: { code: 'RBV' } }]);
    const trips = await sg.database.handle.db.select().from(tables.trips);
    const events = await sg.database.handle.db
      .select()
      .from(tables.outbox)
      .where(eq(tables.outbox.type, 'trip.scheduled'));
    expect(events).toHaveLength(trips.length);
    const tomorrow = addDays(localDate(NOW, 'Africa/Kigali'), 1);
    const tomorrows = trips.filter((t) => localDate(t.departureAt, 'Africa/Kigali') === tomorrow);
    // 3 Rwandan companies × 3 departures and 2 foreign ones × 2, each with its return trip.
    expect(tomorrows).toHaveLength(26);
    const [route] = await sg.database.handle.db
      .select()
      .from(tables.routes)
      .where(eq(tables.routes.name, 'Kigali → Rubavu'));
    expect(tomorrows.filter((t) => t.routeId === route!.id)).toHaveLength(3);
  });

  it('sells the intermediate stops with fares per pair, in both directions, carried by the trip events', async () => {
    const fares = async (name: string) => {
      const [route] = await sg.database.handle.db.select().from(tables.routes).where(eq(tables.routes.name, name));
      return (
        await ok(sg, `query($id: ID!) { route(id: $id) { fares { boardingStop alightingStop price { amount } } } }`, {
          id: route!.id,
        })
      ).route.fares;
    };
    expect(await fares('Kigali → Rubavu')).toEqual([
      { boardingStop: 0, alightingStop: 1, price: { amount: 3500 } },
      { boardingStop: 1, alightingStop: 2, price: { amount: 2000 } },
    ]);
    expect(await fares('Rubavu → Kigali')).toEqual([
      { boardingStop: 0, alightingStop: 1, price: { amount: 2000 } },
      { boardingStop: 1, alightingStop: 2, price: { amount: 3500 } },
    ]);
    const [event] = await sg.database.handle.db
      .select()
      .from(tables.outbox)
      .where(eq(tables.outbox.type, 'trip.scheduled'));
    expect((event!.payload as { fares: unknown[] }).fares.length).toBeGreaterThanOrEqual(3);
  });

  it('tops up the rolling window when a later run sees a new day', async () => {
    const before = (await counts()).trips;
    const later = await seedNetwork(sg.deps, { now: new Date(NOW.getTime() + 24 * 3_600_000), days: 2 });
    expect(later.tripsCreated).toBe(26);
    expect((await counts()).trips).toBe(before + 26);
  });

  it('runs the Kenyan and Ugandan companies in their own time zones and currencies', async () => {
    const data = await ok(sg, `{ companies { edges { node { slug timeZone currency } } } }`);
    expect(data.companies.edges.map((e: any) => e.node)).toEqual(
      expect.arrayContaining([
        { slug: 'volcano', timeZone: 'Africa/Kigali', currency: 'RWF' },
        { slug: 'savannah', timeZone: 'Africa/Nairobi', currency: 'KES' },
        { slug: 'pearl', timeZone: 'Africa/Kampala', currency: 'UGX' },
      ]),
    );
    const tripsOn = async (name: string) => {
      const [route] = await sg.database.handle.db.select().from(tables.routes).where(eq(tables.routes.name, name));
      return sg.database.handle.db.select().from(tables.trips).where(eq(tables.trips.routeId, route!.id));
    };
    const nairobi = await tripsOn('Nairobi → Nakuru');
    expect(nairobi.length).toBeGreaterThan(0);
    // 07:00 and 14:00 in Nairobi (UTC+3).
    expect(new Set(nairobi.map((t) => t.departureAt.toISOString().slice(11, 16)))).toEqual(new Set(['04:00', '11:00']));
    expect(new Set(nairobi.map((t) => `${t.priceAmount} ${t.priceCurrency}`))).toEqual(new Set(['100000 KES']));
    const kampala = await tripsOn('Kampala → Jinja');
    expect(new Set(kampala.map((t) => t.departureAt.toISOString().slice(11, 16)))).toEqual(new Set(['05:00', '12:30']));
    expect(new Set(kampala.map((t) => t.priceCurrency))).toEqual(new Set(['UGX']));
    const snapshot = (
      await sg.database.handle.db.select().from(tables.outbox).where(eq(tables.outbox.type, 'trip.scheduled'))
    )
      .map((row) => row.payload as { tripId: string; timeZone: string })
      .find((p) => p.tripId === kampala[0]!.id);
    expect(snapshot?.timeZone).toBe('Africa/Kampala');
  });
});

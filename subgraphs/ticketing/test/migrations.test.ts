import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '@busline/shared';
import { createTestDatabase, migrationsBefore, type TestDatabase } from '@busline/shared/testing';
import { migrations } from '../src/db/migrations';
import { bookings, tickets, trips, tripStops } from '../src/db/schema';
import { normalizePhone } from '../src/services/walk-in';

/** Data migrations over rows an earlier version wrote. */
let database: TestDatabase;
let stationsDatabase: TestDatabase;
let africaDatabase: TestDatabase;
const before0014 = migrationsBefore(migrations, 14);
const before0020 = migrationsBefore(migrations, 20);
const before0019 = migrationsBefore(migrations, 19);

beforeAll(async () => {
  database = await createTestDatabase('ticketing_upgrade');
  stationsDatabase = await createTestDatabase('ticketing_upgrade_stations');
  africaDatabase = await createTestDatabase('ticketing_upgrade_africa');
});
afterAll(async () => {
  await database?.cleanup();
  await stationsDatabase?.cleanup();
  await africaDatabase?.cleanup();
  before0014.cleanup();
  before0020.cleanup();
  before0019.cleanup();
});

describe('ticketing migration 0014', () => {
  it('gives counter sales stored with a trunk 0 after the country code the phone claims look for', async () => {
    await runMigrations(database.handle, before0014);
    const db = database.handle.db;
    const tripId = randomUUID();
    const companyId = randomUUID();
    await db.insert(trips).values({
      id: tripId,
      companyId,
      version: 1,
      departureAt: new Date(Date.now() + 86_400_000),
      arrivalAt: new Date(Date.now() + 90_000_000),
      status: 'SCHEDULED',
      priceAmount: 5000,
      currency: 'RWF',
      seatCount: 30,
      refundTiers: [],
    } as typeof trips.$inferInsert);
    // As versions before the trunk 0 was dropped stored "+250 0788 123 456", "+256 0712 345 678", "+254 0712 345 678".
    const stored = ['+2500788123456', '+2560712345678', '+2540712345678', '+250788123457', '+33612345678'];
    const sales = stored.map((walkInPhone) => ({
      id: randomUUID(),
      userId: randomUUID(),
      tripId,
      companyId,
      status: 'CONFIRMED' as const,
      totalAmount: 5000,
      currency: 'RWF',
      channel: 'COUNTER' as const,
      walkInName: 'Walk In',
      walkInPhone,
    }));
    // The columns of that version only (the table's later columns did not exist yet).
    for (const sale of sales)
      await db.execute(sql`insert into ticketing.bookings
        (id, user_id, trip_id, company_id, status, total_amount, currency, channel, walk_in_name, walk_in_phone)
        values (${sale.id}, ${sale.userId}, ${sale.tripId}, ${sale.companyId}, ${sale.status}, ${sale.totalAmount},
          ${sale.currency}, ${sale.channel}, ${sale.walkInName}, ${sale.walkInPhone})`);
    await runMigrations(database.handle, migrations);
    const rows = await db.select({ id: bookings.id, phone: bookings.walkInPhone }).from(bookings);
    const phoneOf = new Map(rows.map((row) => [row.id, row.phone]));
    expect(sales.map((sale) => phoneOf.get(sale.id))).toEqual([
      '+250788123456',
      '+256712345678',
      '+254712345678',
      '+250788123457',
      '+33612345678',
    ]);
    // What a claim normalizes the typed phone to.
    expect(normalizePhone('+250 0788 123 456')).toBe('+250788123456');
  });
});

describe('ticketing migration 0020', () => {
  it("gives other African countries' counter sales typed with a trunk 0 the phone claims look for", async () => {
    await runMigrations(africaDatabase.handle, before0020);
    const db = africaDatabase.handle.db;
    const tripId = randomUUID();
    const companyId = randomUUID();
    await db.execute(sql`insert into ticketing.trips
      (id, company_id, version, departure_at, arrival_at, status, price_amount, currency, seat_count, refund_tiers)
      values (${tripId}, ${companyId}, 1, now() + interval '1 day', now() + interval '26 hours', 'SCHEDULED', 5000,
        'RWF', 30, '[]'::jsonb)`);
    const stored = ['+2550712345678', '+2430812345678', '+255712345679', '+33612345678', '+270821234567'];
    const ids = stored.map(() => randomUUID());
    for (const [i, walkInPhone] of stored.entries())
      await db.execute(sql`insert into ticketing.bookings
        (id, user_id, trip_id, company_id, status, total_amount, currency, channel, walk_in_name, walk_in_phone)
        values (${ids[i]}, ${randomUUID()}, ${tripId}, ${companyId}, 'CONFIRMED', 5000, 'RWF', 'COUNTER', 'Walk In',
          ${walkInPhone})`);
    await runMigrations(africaDatabase.handle, migrations);
    const rows = await db.select({ id: bookings.id, phone: bookings.walkInPhone }).from(bookings);
    const phoneOf = new Map(rows.map((row) => [row.id, row.phone]));
    // South Africa's code has two digits: its 0 is part of the number.
    expect(ids.map((id) => phoneOf.get(id))).toEqual([
      '+255712345678',
      '+243812345678',
      '+255712345679',
      '+33612345678',
      '+270821234567',
    ]);
    expect(normalizePhone('+255 0712 345 678')).toBe('+255712345678');
  });
});

describe('ticketing migration 0019', () => {
  it('gives every ticket sold before the stations of its stops, and none where the stops have no station', async () => {
    await runMigrations(stationsDatabase.handle, before0019);
    const db = stationsDatabase.handle.db;
    const trip = async (stationIds: (string | null)[]) => {
      const id = randomUUID();
      const departureAt = new Date(Date.now() + 86_400_000);
      await db.insert(trips).values({
        id,
        companyId: randomUUID(),
        version: 1,
        departureAt,
        arrivalAt: new Date(departureAt.getTime() + 3 * 3_600_000),
        status: 'SCHEDULED',
        priceAmount: 5000,
        currency: 'RWF',
        seatCount: 12,
        refundTiers: [],
      });
      await db.insert(tripStops).values(
        stationIds.map((stationId, stopOrder) => ({
          tripId: id,
          stopOrder,
          stationId,
          city: `City ${stopOrder}`,
          cityKey: `city ${stopOrder}`,
          minutesFromDeparture: stopOrder * 60,
          departsAt: new Date(departureAt.getTime() + stopOrder * 3_600_000),
          localDate: departureAt.toISOString().slice(0, 10),
        })),
      );
      return id;
    };
    const sell = async (tripId: string, boardingStop: number, alightingStop: number) => {
      const bookingId = randomUUID();
      await db.insert(bookings).values({
        id: bookingId,
        userId: randomUUID(),
        tripId,
        companyId: randomUUID(),
        status: 'CANCELLED',
        totalAmount: 5000,
        currency: 'RWF',
      });
      const ticketId = randomUUID();
      // The columns of that version only (the stations did not exist yet).
      await db.execute(sql`insert into ticketing.tickets
        (id, booking_id, trip_id, seat_label, passenger_name, status, boarding_stop, alighting_stop)
        values (${ticketId}, ${bookingId}, ${tripId}, '1A', 'P', 'CANCELLED', ${boardingStop}, ${alightingStop})`);
      return ticketId;
    };
    const [nyabugogo, muhanga, huye] = [randomUUID(), randomUUID(), randomUUID()];
    const withStations = await trip([nyabugogo, muhanga, huye]);
    const toMuhanga = await sell(withStations, 0, 1);
    const onward = await sell(withStations, 1, 2);
    const withoutStations = await sell(await trip([null, null]), 0, 1);
    await runMigrations(stationsDatabase.handle, migrations);
    const rows = await db
      .select({ id: tickets.id, from: tickets.boardingStationId, to: tickets.alightingStationId })
      .from(tickets);
    const stationsOf = new Map(rows.map((row) => [row.id, [row.from, row.to]]));
    expect(stationsOf.get(toMuhanga)).toEqual([nyabugogo, muhanga]);
    expect(stationsOf.get(onward)).toEqual([muhanga, huye]);
    expect(stationsOf.get(withoutStations)).toEqual([null, null]);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, runMigrations, sql } from '@busline/shared';
import { createTestDatabase, migrationsBefore, type TestDatabase } from '@busline/shared/testing';
import { migrations } from '../src/db/migrations';

let database: TestDatabase;
/** The migrations as they were before segments: journal and files up to 0004. */
const before = migrationsBefore(migrations, 5);

beforeAll(async () => {
  database = await createTestDatabase('ticketing_segment_migration');
});
afterAll(async () => {
  await database.cleanup();
  before.cleanup();
});

describe('migration to segments', () => {
  it('makes tickets sold before it whole-route tickets that still hold their seat on every stretch', async () => {
    const db = database.handle.db;
    await runMigrations(database.handle, before);
    const [tripId, bookingId, ticketId, companyId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await db.execute(sql`insert into ticketing.trips (id, company_id, version, departure_at, arrival_at, status, price_amount, currency, seat_count, refund_tiers)
      values (${tripId}, ${companyId}, 1, now() + interval '2 days', now() + interval '2 days 3 hours', 'SCHEDULED', 5000, 'RWF', 1, '[]')`);
    await db.execute(sql`insert into ticketing.trip_seats (trip_id, label) values (${tripId}, '3A')`);
    for (const [order, city] of ['Kigali', 'Musanze', 'Rubavu'].entries()) {
      await db.execute(sql`insert into ticketing.trip_stops (trip_id, stop_order, city, city_key, minutes_from_departure, departs_at, local_date)
        values (${tripId}, ${order}, ${city}, ${city.toLowerCase()}, ${order * 60}, now(), '2026-12-05')`);
    }
    await db.execute(sql`insert into ticketing.bookings (id, user_id, trip_id, company_id, status, total_amount, currency)
      values (${bookingId}, ${randomUUID()}, ${tripId}, ${companyId}, 'CONFIRMED', 5000, 'RWF')`);
    await db.execute(sql`insert into ticketing.tickets (id, booking_id, trip_id, seat_label, passenger_name, status)
      values (${ticketId}, ${bookingId}, ${tripId}, '3A', 'Early Passenger', 'CONFIRMED')`);

    await runMigrations(database.handle, migrations);

    const [ticket] = await queryRows<{ boarding_stop: number; alighting_stop: number }>(
      db,
      sql`select boarding_stop, alighting_stop from ticketing.tickets where id = ${ticketId}`,
    );
    expect(ticket).toEqual({ boarding_stop: 0, alighting_stop: 2 });
    // The constraint now guards the old ticket: no stretch of 3A can be sold again.
    for (const [boarding, alighting] of [
      [0, 1],
      [1, 2],
    ]) {
      await expect(
        db.execute(sql`insert into ticketing.tickets (booking_id, trip_id, seat_label, passenger_name, status, boarding_stop, alighting_stop)
          values (${bookingId}, ${tripId}, '3A', 'Second', 'HELD', ${boarding}, ${alighting})`),
      ).rejects.toMatchObject({ cause: { code: '23P01' } });
    }
  });
});

import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '@busline/shared';
import { date, num, type MoneyFigures } from './dashboard-query-repository';

export interface PassengerTripRow {
  bookingId: string;
  tripId: string;
  seats: number;
  departureAt: Date;
  arrivalAt: Date | null;
  origin: string | null;
  destination: string | null;
}

/** The trip's current times when its snapshot is known, else the booking's. */
const PASSENGER_TRIPS = sql.raw(`
  select b.booking_id, b.trip_id, b.seats, coalesce(t.departure_at, b.departure_at) as departure_at,
         coalesce(t.arrival_at, b.arrival_at) as arrival_at, t.origin_city, t.destination_city
  from "user".dash_bookings b left join "user".dash_trips t on t.trip_id = b.trip_id`);

/** The passenger dashboard's statements, over the user's bookings (dash_bookings_user_idx) and money. */
export class PassengerDashboardRepository {
  constructor(private readonly db: Executor) {}

  async upcomingTrips(userId: string, now: Date): Promise<PassengerTripRow[]> {
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`select * from (${PASSENGER_TRIPS} where b.user_id = ${userId} and b.status = 'CONFIRMED') trips
          where departure_at > ${now.toISOString()}::timestamptz order by departure_at, booking_id`,
    );
    return rows.map(passengerTrip);
  }

  async pastTrips(
    userId: string,
    now: Date,
    limit: number,
    after: [string, string] | null,
  ): Promise<PassengerTripRow[]> {
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`select * from (${PASSENGER_TRIPS} where b.user_id = ${userId} and b.status = 'CONFIRMED') trips
          where departure_at <= ${now.toISOString()}::timestamptz
            ${after ? sql`and (departure_at, booking_id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
          order by departure_at desc, booking_id desc limit ${limit + 1}`,
    );
    return rows.map(passengerTrip);
  }

  async passengerSummary(userId: string): Promise<MoneyFigures & { bookings: number }> {
    const [row] = await queryRows<Record<string, unknown>>(
      this.db,
      sql`select (select coalesce(sum(amount), 0) from "user".dash_payments where user_id = ${userId})::int8 as revenue,
                 (select coalesce(sum(amount), 0) from "user".dash_refunds where user_id = ${userId})::int8 as refunds,
                 (select count(*) from "user".dash_bookings where user_id = ${userId} and confirmed_at is not null)::int8 as bookings,
                 coalesce((select currency from "user".dash_payments where user_id = ${userId} limit 1), 'RWF') as currency`,
    );
    return {
      revenue: num(row?.revenue),
      refunds: num(row?.refunds),
      bookings: num(row?.bookings),
      currency: String(row?.currency ?? 'RWF'),
    };
  }
}

function passengerTrip(r: Record<string, unknown>): PassengerTripRow {
  return {
    bookingId: String(r.booking_id),
    tripId: String(r.trip_id),
    seats: num(r.seats),
    departureAt: date(r.departure_at)!,
    arrivalAt: date(r.arrival_at),
    origin: (r.origin_city as string | null) ?? null,
    destination: (r.destination_city as string | null) ?? null,
  };
}

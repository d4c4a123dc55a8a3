import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '@busline/shared';
import { date, num, REFUNDS_A_PAYMENT, type MoneyFigures } from './dashboard-query-repository';

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

/** A booking `b` the passenger made (a counter sale is the seller's only until a passenger claims it, then theirs). */
const OWN = sql.raw(`(b.channel is distinct from 'COUNTER' or b.claimed_at is not null)`);
/** Money of `m` that is not of an unclaimed counter sale (the cash a seller took is not what they spent). */
const OWN_MONEY = (alias: string) =>
  sql.raw(
    `not exists (select 1 from "user".dash_bookings b where b.booking_id = ${alias}.booking_id and b.channel = 'COUNTER' and b.claimed_at is null)`,
  );

/** The passenger dashboard's statements, over the user's bookings (dash_bookings_user_idx) and money. */
export class PassengerDashboardRepository {
  constructor(private readonly db: Executor) {}

  async upcomingTrips(userId: string, now: Date): Promise<PassengerTripRow[]> {
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`select * from (${PASSENGER_TRIPS} where b.user_id = ${userId} and b.status = 'CONFIRMED' and ${OWN}) trips
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
      sql`select * from (${PASSENGER_TRIPS} where b.user_id = ${userId} and b.status = 'CONFIRMED' and ${OWN}) trips
          where departure_at <= ${now.toISOString()}::timestamptz
            ${after ? sql`and (departure_at, booking_id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
          order by departure_at desc, booking_id desc limit ${limit + 1}`,
    );
    return rows.map(passengerTrip);
  }

  /**
   * The user's money per currency (paid, refunded; amounts of different currencies are never added),
   * the currency of their latest payment, and how many of their bookings were confirmed.
   */
  async passengerSummary(
    userId: string,
  ): Promise<{ byCurrency: MoneyFigures[]; latestCurrency: string | null; bookings: number }> {
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`select m.currency, sum(m.paid)::int8 as revenue, sum(m.refunded)::int8 as refunds,
                 (select currency from "user".dash_payments p where user_id = ${userId} and ${OWN_MONEY('p')}
                   order by succeeded_at desc, payment_id desc limit 1) as latest_currency,
                 (select count(*) from "user".dash_bookings b where b.user_id = ${userId} and b.confirmed_at is not null and ${OWN})::int8 as bookings
          from (select null::text as currency, 0 as paid, 0 as refunded
                union all select currency, amount, 0 from "user".dash_payments p where user_id = ${userId} and ${OWN_MONEY('p')}
                union all select currency, 0, amount from "user".dash_refunds r where user_id = ${userId} and ${OWN_MONEY('r')}
                  and ${REFUNDS_A_PAYMENT}) m
          group by m.currency order by m.currency`,
    );
    return {
      byCurrency: rows
        .filter((r) => r.currency != null)
        .map((r) => ({ currency: String(r.currency), revenue: num(r.revenue), refunds: num(r.refunds) })),
      latestCurrency: (rows[0]?.latest_currency as string | null) ?? null,
      bookings: num(rows[0]?.bookings),
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

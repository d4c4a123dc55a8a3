import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '@busline/shared';

/** A time window [from, to); all time is (-infinity, infinity). */
export interface Window {
  from: Date | null;
  to: Date | null;
}

export interface MoneyFigures {
  revenue: number;
  refunds: number;
  currency: string;
}

/**
 * One company's figures in one currency (counts of the bookings in it), or its row without activity (currency null).
 */
export interface CompanyFigureRow {
  companyId: string;
  name: string | null;
  /** The currency the company sells in, as its events told (null until one did). */
  companyCurrency: string | null;
  currency: string | null;
  revenue: number;
  refunds: number;
  bookings: number;
  cancellations: number;
  seatsSold: number;
}

/** One local day of a company in one currency (currency null on a day without activity). */
export interface DailyRow {
  day: string;
  currency: string | null;
  revenue: number;
  refunds: number;
  bookings: number;
  /** The zone the days are counted in, and the company's currency (the same on every row). */
  timeZone: string;
  companyCurrency: string | null;
}

/** What one sales channel sold in one currency. */
export interface ChannelRow {
  channel: 'ONLINE' | 'COUNTER';
  currency: string | null;
  revenue: number;
  refunds: number;
  bookings: number;
  cancellations: number;
  seatsSold: number;
}

export interface TripOccupancyRow {
  tripId: string;
  routeId: string | null;
  departureAt: Date;
  seatCount: number;
  seatsSold: number;
  boarded: number;
}

export interface RouteOccupancyRow {
  routeId: string;
  origin: string | null;
  destination: string | null;
  trips: number;
  seatCount: number;
  seatsSold: number;
}

export interface SegmentOccupancyRow {
  routeId: string;
  fromStop: number;
  toStop: number;
  fromCity: string | null;
  toCity: string | null;
  trips: number;
  seatCount: number;
  seatsSold: number;
}

export interface PairRevenueRow {
  routeId: string;
  boardingStop: number | null;
  alightingStop: number | null;
  origin: string | null;
  destination: string | null;
  bookings: number;
  seatsSold: number;
  revenue: number;
  currency: string | null;
}

/** Zone of companies whose events never told one (they were all in Rwanda). */
export const DEFAULT_TIME_ZONE = 'Africa/Kigali';
/**
 * The company's time zone: from its company events, else from its latest trip snapshot that carried one,
 * else Africa/Kigali. A scalar subquery for one company's statements.
 */
const companyZone = (companyId: string) => sql`coalesce(
  (select time_zone from "user".dash_companies where company_id = ${companyId}),
  (select time_zone from "user".dash_trips where company_id = ${companyId} and time_zone is not null
     order by snapshot_version desc, trip_id limit 1),
  ${DEFAULT_TIME_ZONE})`;
/** The local calendar day of `column` in the zone `zone` (an SQL text expression), whatever the server's zone. */
const localDay = (column: string, zone: SQL) => sql`to_char(${sql.raw(column)} at time zone ${zone}, 'YYYY-MM-DD')`;
/** The channel of a booking row `b`: bookings whose events never said are ONLINE ones. */
const CHANNEL = sql.raw(`coalesce(b.channel, 'ONLINE')`);
const ts = (value: Date | null, fallback: string) => sql`${value ? value.toISOString() : fallback}::timestamptz`;
const inWindow = (column: string, w: Window) =>
  sql`${sql.raw(column)} >= ${ts(w.from, '-infinity')} and ${sql.raw(column)} < ${ts(w.to, 'infinity')}`;
/**
 * A refund (alias `r`) of money that was counted in: of a payment known to have succeeded, in its currency and at most
 * its amount (payment never refunds more; an event saying otherwise would take from what the company kept money it
 * never had). A payment failed for want of the provider's word and collected later is refunded without ever having
 * succeeded here (payment's late success, PAID_AFTER_FAILURE): counted as refunded, it took money off what the company
 * kept. Read at query time, so the events' order does not matter.
 */
export const REFUNDS_A_PAYMENT = sql.raw(
  `exists (select 1 from "user".dash_payments paid where paid.payment_id = r.payment_id
    and paid.currency = r.currency and paid.amount >= r.amount)`,
);
export const num = (value: unknown) => Number(value ?? 0);
export const date = (value: unknown) => (value == null ? null : new Date(value as string));

/** Bookings still sold: confirmed and not cancelled since. */
const SOLD = sql.raw(`b.confirmed_at is not null and b.cancelled_at is null`);
/**
 * Aggregates over the dashboard read models: one statement per dashboard section, each using
 * the (company, time) or (user) indexes of db/schema.ts.
 */
export class DashboardQueryRepository {
  constructor(private readonly db: Executor) {}

  /** The zone a company's dashboard days are counted in (its events', else its trips', else Africa/Kigali). */
  async companyTimeZone(companyId: string): Promise<string> {
    const [row] = await queryRows<{ time_zone: string }>(this.db, sql`select ${companyZone(companyId)} as time_zone`);
    return row?.time_zone ?? DEFAULT_TIME_ZONE;
  }

  /**
   * Every local day of the company's time zone that [from, to) touches, with what each currency brought
   * that day: payments by when they succeeded, refunds by when they were paid out, bookings by when they
   * were confirmed. Days without activity come back once with a null currency.
   */
  async companyDays(companyId: string, w: { from: Date; to: Date }): Promise<DailyRow[]> {
    const zone = sql`(select tz from zone)`;
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`with zone as (select ${companyZone(companyId)}::text as tz),
          facts as (
            select ${localDay('succeeded_at', zone)} as day, currency, amount as revenue, 0 as refunds, 0 as bookings
              from "user".dash_payments where company_id = ${companyId} and ${inWindow('succeeded_at', w)}
            union all
            select ${localDay('refunded_at', zone)}, currency, 0, amount, 0
              from "user".dash_refunds r where company_id = ${companyId} and ${inWindow('refunded_at', w)} and ${REFUNDS_A_PAYMENT}
            union all
            select ${localDay('confirmed_at', zone)}, currency, 0, 0, 1
              from "user".dash_bookings where company_id = ${companyId} and ${inWindow('confirmed_at', w)}
          ),
          days as (
            select to_char(d, 'YYYY-MM-DD') as day from generate_series(
              (${ts(w.from, '')} at time zone ${zone})::date,
              ((${ts(w.to, '')} - interval '1 microsecond') at time zone ${zone})::date,
              interval '1 day') d
          )
          select days.day, f.currency, coalesce(sum(f.revenue), 0)::int8 as revenue, coalesce(sum(f.refunds), 0)::int8 as refunds,
                 coalesce(sum(f.bookings), 0)::int8 as bookings, ${zone} as time_zone,
                 (select currency from "user".dash_companies where company_id = ${companyId}) as company_currency
          from days left join facts f on f.day = days.day
          group by days.day, f.currency order by days.day, f.currency`,
    );
    return rows.map((r) => ({
      day: String(r.day),
      currency: (r.currency as string | null) ?? null,
      revenue: num(r.revenue),
      refunds: num(r.refunds),
      bookings: num(r.bookings),
      timeZone: String(r.time_zone),
      companyCurrency: (r.company_currency as string | null) ?? null,
    }));
  }

  /**
   * Per-company figures over a window, one row per company and currency (amounts of different
   * currencies are never added); companies without activity come back once, with a null currency,
   * when their name is known.
   */
  async companyFigures(w: Window, onlyCompanyId?: string): Promise<CompanyFigureRow[]> {
    const only = (column: string) =>
      onlyCompanyId ? sql`${sql.raw(column)} = ${onlyCompanyId}` : sql.raw(`${column} is not null`);
    const confirmed = inWindow('confirmed_at', w);
    const cancelled = inWindow('cancelled_at', w);
    const companies: SQL = onlyCompanyId
      ? sql`select ${onlyCompanyId}::uuid, 0, 0, 0, 0, 0, null`
      : sql`select company_id, 0, 0, 0, 0, 0, null from "user".dash_companies`;
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`select f.company_id, c.name, c.currency as company_currency, f.currency, sum(revenue)::int8 as revenue, sum(refunds)::int8 as refunds,
                 sum(bookings)::int8 as bookings, sum(cancellations)::int8 as cancellations, sum(seats)::int8 as seats_sold
          from (
            select company_id, amount as revenue, 0 as refunds, 0 as bookings, 0 as cancellations, 0 as seats, currency
              from "user".dash_payments where ${only('company_id')} and ${inWindow('succeeded_at', w)}
            union all
            select company_id, 0, amount, 0, 0, 0, currency
              from "user".dash_refunds r where ${only('company_id')} and ${inWindow('refunded_at', w)} and ${REFUNDS_A_PAYMENT}
            union all
            select company_id, 0, 0, (${confirmed})::int, (${cancelled})::int,
                   case when ${confirmed} and cancelled_at is null then seats else 0 end, currency
              from "user".dash_bookings where ${only('company_id')} and ((${confirmed}) or (${cancelled}))
            union all
            ${companies}
          ) f left join "user".dash_companies c on c.company_id = f.company_id
          group by f.company_id, c.name, c.currency, f.currency order by f.company_id, f.currency`,
    );
    return rows.map((r) => ({
      companyId: String(r.company_id),
      name: (r.name as string | null) ?? null,
      companyCurrency: (r.company_currency as string | null) ?? null,
      currency: (r.currency as string | null) ?? null,
      revenue: num(r.revenue),
      refunds: num(r.refunds),
      bookings: num(r.bookings),
      cancellations: num(r.cancellations),
      seatsSold: num(r.seats_sold),
    }));
  }

  /**
   * The company's sales over a window by channel (ONLINE, COUNTER) and currency: payments succeeded and
   * refunds paid out in it, bookings confirmed, bookings cancelled and seats still sold, each by the
   * channel of its booking (bookings whose events carry none are ONLINE).
   */
  async channelSales(companyId: string, w: { from: Date; to: Date }): Promise<ChannelRow[]> {
    const confirmed = inWindow('b.confirmed_at', w);
    const cancelled = inWindow('b.cancelled_at', w);
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`select channel, currency, sum(revenue)::int8 as revenue, sum(refunds)::int8 as refunds, sum(bookings)::int8 as bookings,
                 sum(cancellations)::int8 as cancellations, sum(seats)::int8 as seats_sold
          from (
            select ${CHANNEL} as channel, p.currency, p.amount as revenue, 0 as refunds, 0 as bookings, 0 as cancellations, 0 as seats
              from "user".dash_payments p left join "user".dash_bookings b on b.booking_id = p.booking_id
              where p.company_id = ${companyId} and ${inWindow('p.succeeded_at', w)}
            union all
            select ${CHANNEL}, r.currency, 0, r.amount, 0, 0, 0
              from "user".dash_refunds r left join "user".dash_bookings b on b.booking_id = r.booking_id
              where r.company_id = ${companyId} and ${inWindow('r.refunded_at', w)} and ${REFUNDS_A_PAYMENT}
            union all
            select ${CHANNEL}, b.currency, 0, 0, (${confirmed})::int, (${cancelled})::int,
                   case when ${confirmed} and b.cancelled_at is null then b.seats else 0 end
              from "user".dash_bookings b where b.company_id = ${companyId} and ((${confirmed}) or (${cancelled}))
          ) f group by channel, currency order by channel, currency`,
    );
    return rows.map((r) => ({
      channel: r.channel === 'COUNTER' ? 'COUNTER' : 'ONLINE',
      currency: (r.currency as string | null) ?? null,
      revenue: num(r.revenue),
      refunds: num(r.refunds),
      bookings: num(r.bookings),
      cancellations: num(r.cancellations),
      seatsSold: num(r.seats_sold),
    }));
  }

  /** One page of the company's trips departing in the window, keyset (departure_at, trip_id). */
  async tripOccupancy(
    companyId: string,
    w: Window,
    limit: number,
    after: [string, string] | null,
  ): Promise<TripOccupancyRow[]> {
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`select t.trip_id, t.route_id, t.departure_at, t.seat_count,
                 coalesce((select sum(b.seats) from "user".dash_bookings b where b.trip_id = t.trip_id and ${SOLD}), 0)::int8 as seats_sold,
                 (select count(*) from "user".dash_boardings d where d.trip_id = t.trip_id)::int8 as boarded
          from "user".dash_trips t
          where t.company_id = ${companyId} and ${inWindow('t.departure_at', w)} and t.status <> 'CANCELLED'
            ${after ? sql`and (t.departure_at, t.trip_id) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
          order by t.departure_at, t.trip_id limit ${limit + 1}`,
    );
    return rows.map((r) => ({
      tripId: String(r.trip_id),
      routeId: (r.route_id as string | null) ?? null,
      departureAt: date(r.departure_at)!,
      seatCount: num(r.seat_count),
      seatsSold: num(r.seats_sold),
      boarded: num(r.boarded),
    }));
  }

  /**
   * Per route and leg (a stop to the next), over the company's trips departing in the window: seats
   * offered and seats sold on that leg (a booking takes every leg from its boarding to its alighting
   * stop; one from before segments takes them all).
   */
  async segmentOccupancy(companyId: string, w: Window): Promise<SegmentOccupancyRow[]> {
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      // A leg is its stop orders and its cities: a route edit renumbers the stops of upcoming trips only, so one order
      // pair can name two different legs in one window. Sold seats are added up once per trip and segment (each
      // booking read once, not once per leg), then given to the legs each segment rides.
      sql`with trips as (
            select t.trip_id, t.route_id, t.seat_count, t.stops from "user".dash_trips t
            where t.company_id = ${companyId} and ${inWindow('t.departure_at', w)} and t.status <> 'CANCELLED'
              and t.route_id is not null and t.stops is not null
          ),
          legs as (
            select t.trip_id, t.route_id, t.seat_count, l.from_stop, l.to_stop, l.from_city, l.to_city
            from trips t cross join lateral (
              select (s->>'order')::int as from_stop, s->>'city' as from_city,
                     lead((s->>'order')::int) over (order by (s->>'order')::int) as to_stop,
                     lead(s->>'city') over (order by (s->>'order')::int) as to_city
              from jsonb_array_elements(t.stops) s
            ) l
            where l.to_stop is not null
          ),
          sold as (
            select b.trip_id, coalesce(b.boarding_stop, -2147483648) as boarding,
                   coalesce(b.alighting_stop, 2147483647) as alighting, sum(b.seats) as seats
            from "user".dash_bookings b join trips on trips.trip_id = b.trip_id
            where ${SOLD}
            group by b.trip_id, 2, 3
          ),
          per_leg as (
            select l.route_id, l.seat_count, l.from_stop, l.to_stop, l.from_city, l.to_city,
                   coalesce(sum(s.seats), 0) as seats_sold
            from legs l left join sold s on s.trip_id = l.trip_id and s.boarding <= l.from_stop and s.alighting >= l.to_stop
            group by l.trip_id, l.route_id, l.seat_count, l.from_stop, l.to_stop, l.from_city, l.to_city
          )
          select route_id, from_stop, to_stop, from_city, to_city, count(*)::int8 as trips,
                 sum(seat_count)::int8 as seat_count, sum(seats_sold)::int8 as seats_sold
          from per_leg group by route_id, from_stop, to_stop, from_city, to_city
          order by route_id, from_stop, from_city, to_city`,
    );
    return rows.map((r) => ({
      routeId: String(r.route_id),
      fromStop: num(r.from_stop),
      toStop: num(r.to_stop),
      fromCity: (r.from_city as string | null) ?? null,
      toCity: (r.to_city as string | null) ?? null,
      trips: num(r.trips),
      seatCount: num(r.seat_count),
      seatsSold: num(r.seats_sold),
    }));
  }

  /**
   * Bookings confirmed in the window and still sold, by route, origin–destination pair and currency, with the
   * money they brought (what was paid for them; refunds of later cancellations are not in here, those
   * bookings are not sold any more). Bookings from before segments count as the whole route.
   */
  async revenueByPair(companyId: string, w: Window): Promise<PairRevenueRow[]> {
    const cityAt = (stop: string) =>
      sql`(select s->>'city' from jsonb_array_elements(t.stops) s where (s->>'order')::int = ${sql.raw(stop)} limit 1)`;
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      // A pair is its stop orders and its cities: a route edit renumbers the stops of upcoming trips only.
      sql`select route_id, boarding_stop, alighting_stop, origin, destination, count(*)::int8 as bookings,
                 sum(seats)::int8 as seats_sold, coalesce(sum(total_amount), 0)::int8 as revenue, currency
          from (
            select t.route_id, b.boarding_stop, b.alighting_stop, b.seats, b.total_amount, b.currency,
                   coalesce(${cityAt('b.boarding_stop')}, t.origin_city) as origin,
                   coalesce(${cityAt('b.alighting_stop')}, t.destination_city) as destination
            from "user".dash_bookings b join "user".dash_trips t on t.trip_id = b.trip_id
            where b.company_id = ${companyId} and ${inWindow('b.confirmed_at', w)} and ${SOLD} and t.route_id is not null
          ) p
          group by route_id, boarding_stop, alighting_stop, origin, destination, currency
          order by currency, sum(total_amount) desc, route_id, boarding_stop, alighting_stop, origin, destination`,
    );
    return rows.map((r) => ({
      routeId: String(r.route_id),
      boardingStop: r.boarding_stop == null ? null : num(r.boarding_stop),
      alightingStop: r.alighting_stop == null ? null : num(r.alighting_stop),
      origin: (r.origin as string | null) ?? null,
      destination: (r.destination as string | null) ?? null,
      bookings: num(r.bookings),
      seatsSold: num(r.seats_sold),
      revenue: num(r.revenue),
      currency: (r.currency as string | null) ?? null,
    }));
  }

  async routeOccupancy(companyId: string, w: Window): Promise<RouteOccupancyRow[]> {
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`select t.route_id, max(t.origin_city) as origin, max(t.destination_city) as destination, count(*)::int8 as trips,
                 sum(t.seat_count)::int8 as seat_count, coalesce(sum(sold.seats), 0)::int8 as seats_sold
          from "user".dash_trips t
          -- Per trip of the window (a grouped subquery over the company's bookings read its whole history each time).
          left join lateral (
            select sum(b.seats) as seats from "user".dash_bookings b
            where b.trip_id = t.trip_id and b.company_id = ${companyId} and ${SOLD}
          ) sold on true
          where t.company_id = ${companyId} and ${inWindow('t.departure_at', w)} and t.status <> 'CANCELLED' and t.route_id is not null
          group by t.route_id order by max(t.origin_city), max(t.destination_city), t.route_id`,
    );
    return rows.map((r) => ({
      routeId: String(r.route_id),
      origin: (r.origin as string | null) ?? null,
      destination: (r.destination as string | null) ?? null,
      trips: num(r.trips),
      seatCount: num(r.seat_count),
      seatsSold: num(r.seats_sold),
    }));
  }
}

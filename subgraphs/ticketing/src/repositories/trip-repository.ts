import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '@busline/shared';
import { companyPolicies, tickets, trips, tripSeats, tripStops, type RefundTier, type TripRow } from '../db/schema';

/** A stretch of a trip between two stop orders; null ends mean the route's start or end (the whole trip). */
export interface Segment {
  boardingStop: number | null;
  alightingStop: number | null;
}

/** A seat with the state of the active tickets on it over the asked segment. */
export interface SeatWithTicket {
  tripId: string;
  label: string;
  deck: number;
  row: number;
  column: string;
  /** SOLD when a paid (or boarded) ticket overlaps the segment, HELD when only holds do, else null. */
  ticketStatus: 'SOLD' | 'HELD' | null;
}

export interface SearchCriteria {
  originCityKey: string;
  destinationCityKey: string;
  localDate: string;
  passengers: number;
  now: Date;
  limit: number;
}

/** One trip a search found: the stops of the searched segment and the seats free on all of it. */
export interface SearchHit {
  tripId: string;
  departsAt: Date;
  available: number;
  boardingStop: number;
  alightingStop: number;
}

/** A trip as a hold reads it (TripRepository.forHold). */
export interface HoldTrip {
  trip: TripRow;
  /** The asked seats the trip has. */
  seats: string[];
  /** Its stops in order. */
  stops: { stopOrder: number; minutesFromDeparture: number }[];
  /** Whether a hold past its time still occupies one of the asked seats. */
  staleHolds: boolean;
}

/** int4range over a segment (unbounded ends for null): overlaps every ticket it shares a stretch with. */
const segmentRange = (segment: Segment) => sql`int4range(${segment.boardingStop}::int, ${segment.alightingStop}::int)`;

/**
 * Seats of the trip row in the enclosing query taken by an active ticket over `range`, counted on the
 * exclusion constraint's index. Written with explicit qualifiers: drizzle leaves columns unqualified in select lists.
 */
const takenSeatsOfTrip = (range: SQL) =>
  sql<number>`(select count(distinct k.seat_label) from ${tickets} k where k.trip_id = "ticketing"."trips"."id" and k.status in ('HELD', 'CONFIRMED', 'BOARDED') and int4range(k.boarding_stop, k.alighting_stop) && ${range})::int`;

/** SQL for the trip inventory replicated from the company subgraph. */
export class TripRepository {
  constructor(private readonly db: Executor) {}

  async findByIds(ids: readonly string[]): Promise<TripRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(trips)
      .where(inArray(trips.id, [...ids]));
  }

  /** Locks the trip row so holds and inventory changes of one trip do not interleave. */
  async lockById(id: string): Promise<TripRow | undefined> {
    const [row] = await this.db.select().from(trips).where(eq(trips.id, id)).for('update');
    return row;
  }

  /** Inserts a trip unless it exists; true when inserted. */
  async insertIfAbsent(row: TripRow): Promise<boolean> {
    const inserted = await this.db.insert(trips).values(row).onConflictDoNothing().returning({ id: trips.id });
    return inserted.length > 0;
  }

  async update(id: string, patch: Partial<TripRow>): Promise<void> {
    await this.db.update(trips).set(patch).where(eq(trips.id, id));
  }

  /** Records a company's refund policy unless a newer one is stored. */
  async saveCompanyPolicy(companyId: string, refundTiers: RefundTier[], asOf: Date): Promise<void> {
    await this.db
      .insert(companyPolicies)
      .values({ companyId, refundTiers, asOf })
      .onConflictDoUpdate({
        target: companyPolicies.companyId,
        set: { refundTiers: sql`excluded.refund_tiers`, asOf: sql`excluded.as_of` },
        setWhere: sql`excluded.as_of > ${companyPolicies.asOf}`,
      });
  }

  async companyRefundTiers(companyId: string): Promise<RefundTier[] | undefined> {
    const [row] = await this.db.select().from(companyPolicies).where(eq(companyPolicies.companyId, companyId));
    return row?.refundTiers;
  }

  async seatLabels(tripId: string): Promise<string[]> {
    const rows = await this.db.select({ label: tripSeats.label }).from(tripSeats).where(eq(tripSeats.tripId, tripId));
    return rows.map((r) => r.label);
  }

  async upsertSeats(seats: (typeof tripSeats.$inferInsert)[]): Promise<void> {
    if (seats.length === 0) return;
    await this.db
      .insert(tripSeats)
      .values(seats)
      .onConflictDoUpdate({
        target: [tripSeats.tripId, tripSeats.label],
        set: { deck: sql`excluded.deck`, row: sql`excluded.row`, column: sql`excluded.column` },
      });
  }

  /** Removes seats that no active ticket occupies; returns the labels removed. */
  async deleteUnsoldSeats(tripId: string, labels: string[]): Promise<string[]> {
    if (labels.length === 0) return [];
    const rows = await this.db
      .delete(tripSeats)
      .where(
        and(
          eq(tripSeats.tripId, tripId),
          inArray(tripSeats.label, labels),
          sql`not exists (select 1 from ${tickets} where ${tickets.tripId} = ${tripSeats.tripId} and ${tickets.seatLabel} = ${tripSeats.label} and ${tickets.status} in ('HELD', 'CONFIRMED', 'BOARDED'))`,
        ),
      )
      .returning({ label: tripSeats.label });
    return rows.map((r) => r.label);
  }

  async countSeats(tripId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(tripSeats)
      .where(eq(tripSeats.tripId, tripId));
    return row?.n ?? 0;
  }

  async replaceStops(tripId: string, stops: (typeof tripStops.$inferInsert)[]): Promise<void> {
    await this.db.delete(tripStops).where(eq(tripStops.tripId, tripId));
    if (stops.length > 0) await this.db.insert(tripStops).values(stops);
  }

  /**
   * What a hold reads of its trip, in one round trip: the trip, which of `seats` it has, its stops in
   * order (for the segment and the fare), and whether a hold past its time (not yet swept) still
   * occupies one of `seats` (then the hold locks and expires it first: BookingRepository.lockStaleHoldsOnSeats).
   * Qualified by hand: drizzle leaves columns unqualified in select lists.
   */
  async forHold(tripId: string, seats: string[], now: Date): Promise<HoldTrip | undefined> {
    const labels = sql`${sql.param(seats)}::text[]`;
    const [row] = await this.db
      .select({
        trip: trips,
        seats: sql<
          string[]
        >`array(select s.label from ${tripSeats} s where s.trip_id = "ticketing"."trips"."id" and s.label = any(${labels}))`,
        stops: sql<
          [number, number][]
        >`coalesce((select json_agg(json_build_array(p.stop_order, p.minutes_from_departure) order by p.stop_order) from ${tripStops} p where p.trip_id = "ticketing"."trips"."id"), '[]'::json)`,
        staleHolds: sql<boolean>`exists (select 1 from ${tickets} k join "ticketing"."bookings" b on b.id = k.booking_id where k.trip_id = "ticketing"."trips"."id" and k.seat_label = any(${labels}) and k.status = 'HELD' and b.status in ('HELD', 'PENDING_PAYMENT') and b.expires_at < ${now.toISOString()}::timestamptz)`,
      })
      .from(trips)
      .where(eq(trips.id, tripId));
    if (!row) return undefined;
    return {
      trip: row.trip,
      seats: row.seats,
      stops: row.stops.map(([stopOrder, minutesFromDeparture]) => ({ stopOrder, minutesFromDeparture })),
      staleHolds: row.staleHolds,
    };
  }

  /** The stops of the trips in order; one query for all ids. */
  async stopsOf(tripIds: readonly string[]): Promise<(typeof tripStops.$inferSelect)[]> {
    if (tripIds.length === 0) return [];
    return this.db
      .select()
      .from(tripStops)
      .where(inArray(tripStops.tripId, [...tripIds]))
      .orderBy(asc(tripStops.tripId), asc(tripStops.stopOrder));
  }

  /** Seats free over `segment` on SCHEDULED trips (0 for any other status); one query for all ids. */
  async availableSeats(
    tripIds: readonly string[],
    segment: Segment = { boardingStop: null, alightingStop: null },
  ): Promise<Map<string, number>> {
    if (tripIds.length === 0) return new Map();
    const rows = await this.db
      .select({
        id: trips.id,
        status: trips.status,
        seatCount: trips.seatCount,
        taken: takenSeatsOfTrip(segmentRange(segment)),
      })
      .from(trips)
      .where(inArray(trips.id, [...tripIds]));
    return new Map(rows.map((r) => [r.id, r.status === 'SCHEDULED' ? Math.max(0, r.seatCount - r.taken) : 0]));
  }

  /** Every seat of the trips with the state of the active tickets over `segment`; one query for all ids. */
  async seatMaps(
    tripIds: readonly string[],
    segment: Segment = { boardingStop: null, alightingStop: null },
  ): Promise<SeatWithTicket[]> {
    if (tripIds.length === 0) return [];
    const state = sql<
      'SOLD' | 'HELD' | null
    >`(select case when bool_or(k.status <> 'HELD') then 'SOLD' when count(*) > 0 then 'HELD' end
      from ${tickets} k where k.trip_id = "ticketing"."trip_seats"."trip_id" and k.seat_label = "ticketing"."trip_seats"."label"
        and k.status in ('HELD', 'CONFIRMED', 'BOARDED') and int4range(k.boarding_stop, k.alighting_stop) && ${segmentRange(segment)})`;
    return this.db
      .select({
        tripId: tripSeats.tripId,
        label: tripSeats.label,
        deck: tripSeats.deck,
        row: tripSeats.row,
        column: tripSeats.column,
        ticketStatus: state,
      })
      .from(tripSeats)
      .where(inArray(tripSeats.tripId, [...tripIds]))
      .orderBy(tripSeats.tripId, tripSeats.deck, tripSeats.row, tripSeats.column, tripSeats.label);
  }

  /**
   * Trips leaving the origin city on the local date, reaching the destination later on the
   * same trip, with enough seats free from the one stop to the other: one query over trip_stops_search_idx.
   */
  async search(c: SearchCriteria): Promise<SearchHit[]> {
    const rows = await queryRows<{
      trip_id: string;
      departs_at: Date | string;
      available: number;
      boarding_stop: number;
      alighting_stop: number;
    }>(this.db, this.searchQuery(c));
    return rows.map((r) => ({
      tripId: r.trip_id,
      departsAt: new Date(r.departs_at),
      available: Number(r.available),
      boardingStop: Number(r.boarding_stop),
      alightingStop: Number(r.alighting_stop),
    }));
  }

  /** The statement `search` runs, on its own so its plan can be checked (EXPLAIN) against the index. */
  searchQuery(c: SearchCriteria): SQL {
    const taken = takenSeatsOfTrip(sql`int4range(o.stop_order, d.stop_order)`);
    return sql`select o.trip_id, o.departs_at, ${trips.seatCount} - ${taken} as available, o.stop_order as boarding_stop, d.stop_order as alighting_stop
        from ${tripStops} o
        join ${trips} on ${trips.id} = o.trip_id
        cross join lateral (
          select d.stop_order from ${tripStops} d
          where d.trip_id = o.trip_id and d.city_key = ${c.destinationCityKey} and d.stop_order > o.stop_order
          order by d.stop_order limit 1
        ) d
        where o.city_key = ${c.originCityKey}
          and o.local_date = ${c.localDate}
          and o.departs_at > ${c.now.toISOString()}
          and ${trips.status} = 'SCHEDULED'
          and ${trips.seatCount} - ${taken} >= ${c.passengers}
        order by o.departs_at, o.trip_id
        limit ${c.limit}`;
  }
}

import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Placeholder } from 'drizzle-orm';
import type { Executor } from '@busline/shared';
import {
  ACTIVE_TICKET_STATUSES,
  companyPolicies,
  earlyCancellations,
  removedTripStops,
  tickets,
  trips,
  tripSeats,
  tripStops,
  type RefundTier,
  type TripRow,
  type TripStopRow,
} from '../db/schema';
import { anyOf, prepared, reusable } from '@busline/shared';
import {
  BookingRepository,
  holdLimitLocksOn,
  holdEndedAt,
  holdEndsAsked,
  holdEndValues,
  type HoldLimitUsage,
  type HoldLockKeys,
} from './booking-repository';

/** Whose holds a hold's limits count (BookingRepository.holdLimitUsage), read with the trip by forHold. */
export interface HoldLimitAsk {
  userId: string;
  /** Null: no address known (its count is 0). */
  clientAddress: string | null;
  /** Holds created after it count as recent. */
  since: Date;
}

/** A stretch of a trip between two stop orders; null ends mean the route's start or end (the whole trip). */
export interface Segment {
  boardingStop: number | null;
  alightingStop: number | null;
}

/** A trip and a stretch of it. */
export interface TripSegment extends Segment {
  tripId: string;
}

/** A seat and whether it can be booked over the asked segment, as GraphQL's SeatStatus answers it. */
export interface SeatStatusRow {
  label: string;
  deck: number;
  row: number;
  column: string;
  /** SOLD when a paid (or boarded) ticket overlaps the segment, HELD when only holds do, else AVAILABLE. */
  state: 'AVAILABLE' | 'HELD' | 'SOLD' | 'CLOSED';
}

export interface SearchCriteria {
  originCityKey: string;
  destinationCityKey: string;
  localDate: string;
  passengers: number;
  now: Date;
  limit: number;
  /** Whether to read the seat map of each trip found over the searched segment in the same statement. */
  seatMaps?: boolean;
}

/** One trip a search found: the stops of the searched segment and the seats free on all of it. */
export interface SearchHit {
  tripId: string;
  departsAt: Date;
  available: number;
  boardingStop: number;
  alightingStop: number;
  /** Its seat map over the searched segment, when the search was asked to read it. */
  seats?: SeatStatusRow[];
}

/** A trip as a hold reads it (TripRepository.forHold). */
export interface HoldTrip {
  trip: TripRow;
  /** The asked seats the trip has. */
  seats: string[];
  /** Its stops in order. */
  stops: { stopOrder: number; minutesFromDeparture: number; stationId: string | null }[];
  /** Whether a hold past its time still occupies one of the asked seats. */
  staleHolds: boolean;
}

/**
 * The ticket `k` occupies its seat: sold, boarded, or held by a hold still open. A hold past its time that the sweeper
 * has not ended yet is free, as holdSeats sells it (reads saw the seat taken while a new hold of it went through); a
 * hold awaiting a payment counts until the sweeper ends it (its payment's grace is holdSeats' to judge).
 */
const ACTIVE = sql.raw(
  `k.status in (${ACTIVE_TICKET_STATUSES.map((status) => `'${status}'`).join(', ')}) and (k.status <> 'HELD' or exists (
    select 1 from "ticketing"."bookings" hb where hb.id = k.booking_id and (hb.status = 'PENDING_PAYMENT' or hb.expires_at >= now())))`,
);

/**
 * The asked (trip, segment) keys as rows q(trip_id, b, a, n) of three arrays, n the key's position
 * from 1; a null end is the route's start or end (int4range leaves it unbounded).
 */
const ASKED = sql`unnest(${sql.placeholder('ids')}::uuid[], ${sql.placeholder('boarding')}::int[], ${sql.placeholder('alighting')}::int[]) with ordinality as q(trip_id, b, a, n)`;

const askedValues = (keys: readonly TripSegment[]) => ({
  ids: keys.map((k) => k.tripId),
  boarding: keys.map((k) => k.boardingStop),
  alighting: keys.map((k) => k.alightingStop),
});

/** Answers in the order of `keys` from rows carrying their key's position `n` (from 1). */
function byPosition<V>(keys: readonly TripSegment[], rows: { n: number; value: V }[], missing: V): V[] {
  const values = keys.map(() => missing);
  for (const row of rows) values[row.n - 1] = row.value;
  return values;
}

/**
 * A ticket `k` on a seat the trip's bus has: not on a retired seat, which the seat count already leaves out (counted
 * again, a sold seat the new bus lacks would make availability one short). Retired seats are few, kept in a partial
 * index of their own: the check is one probe of a nearly empty index per ticket.
 */
const ON_A_SEAT_OF_THE_BUS = sql`not exists (select 1 from ${tripSeats} r
  where r.trip_id = k.trip_id and r.label = k.seat_label and r.retired)`;

/** Whether the trip (aliased `alias`) sells seats: SCHEDULED, its departure ahead (as holdSeats decides). */
const selling = (alias: string) =>
  sql`${sql.raw(alias)}.status = 'SCHEDULED' and ${sql.raw(alias)}.departure_at > now()`;

/** Seats free over each asked segment on trips that sell seats (0 on any other: cancelled, left, past departure). */
const availableSeatsStatement = (db: Executor, name: string) =>
  db
    .select({
      n: sql<number>`q.n::int`,
      value: sql<number>`case when ${selling('t')} then greatest(0, t.seat_count - (select count(distinct k.seat_label)::int from ${tickets} k where k.trip_id = q.trip_id and ${ACTIVE} and int4range(k.boarding_stop, k.alighting_stop) && int4range(q.b, q.a) and ${ON_A_SEAT_OF_THE_BUS})) else 0 end`,
    })
    .from(sql`${ASKED} join ${trips} t on t.id = q.trip_id`)
    .prepare(name);

/**
 * Every seat of trip `tripId` with its state over `range`, as one JSON array in seat map order (GraphQL's
 * SeatStatus objects as they are): one row per trip to read instead of one per seat. A seat neither held nor sold is
 * AVAILABLE while `selling`, else CLOSED.
 */
const seatMapJson = (tripId: SQL, range: SQL, selling: SQL) => sql<SeatStatusRow[]>`coalesce((
  select json_agg(json_build_object('label', s.label, 'deck', s.deck, 'row', s."row", 'column', s."column",
      'state', coalesce(t.state, case when ${selling} then 'AVAILABLE' else 'CLOSED' end))
      order by s.deck, s."row", s."column", s.label)
  from ${tripSeats} s
  left join (
    select k.seat_label, case when bool_or(k.status <> 'HELD') then 'SOLD' else 'HELD' end as state
    from ${tickets} k
    where k.trip_id = ${tripId} and ${ACTIVE} and int4range(k.boarding_stop, k.alighting_stop) && ${range}
    group by k.seat_label
  ) t on t.seat_label = s.label
  where s.trip_id = ${tripId} and not s.retired), '[]'::json)`;

/** The seat map of each asked trip over the asked segment. */
const seatMapsStatement = (db: Executor, name: string) =>
  db
    .select({
      n: sql<number>`q.n::int`,
      value: seatMapJson(sql`q.trip_id`, sql`int4range(q.b, q.a)`, sql`coalesce(${selling('st')}, false)`),
    })
    .from(sql`${ASKED} left join ${trips} st on st.id = q.trip_id`)
    .prepare(name);

/**
 * What a search statement compares with: the criteria's values, or placeholders for them; `seatMaps`: whether
 * it reads the seat map of each trip over the searched segment too.
 */
type SearchParams = Record<'origin' | 'destination' | 'localDate' | 'now' | 'passengers' | 'limit', unknown>;

const searchValues = (c: SearchCriteria) => ({
  origin: c.originCityKey,
  destination: c.destinationCityKey,
  localDate: c.localDate,
  now: c.now.toISOString(),
  passengers: c.passengers,
  limit: c.limit,
});

/**
 * Trips leaving the origin city on the local date, reaching the destination later on the same trip,
 * with enough seats free from the one stop to the other: one query over trip_stops_search_idx. A trip that
 * stops at two stations of the origin city is answered once, boarding at the first of them (by departure) with seats
 * enough: duplicates are dropped before the limit, so that it counts trips and such trips crowd out no later ones.
 */
const searchSelect = (db: Executor, p: SearchParams, seatMaps: boolean) => {
  const firstStops = db
    .selectDistinctOn([sql`o.trip_id`], {
      tripId: sql<string>`o.trip_id`.as('trip_id'),
      departsAt: sql<string | Date>`o.departs_at`.as('departs_at'),
      available: sql<number>`t.seat_count - c.taken`.as('available'),
      boardingStop: sql<number>`o.stop_order`.as('boarding_stop'),
      alightingStop: sql<number>`d.stop_order`.as('alighting_stop'),
    })
    .from(
      sql`${tripStops} o
        join ${trips} t on t.id = o.trip_id
        cross join lateral (
          select d.stop_order from ${tripStops} d
          where d.trip_id = o.trip_id and d.city_key = ${p.destination} and d.stop_order > o.stop_order
          order by d.stop_order limit 1
        ) d
        cross join lateral (
          select count(distinct k.seat_label)::int as taken from ${tickets} k
          where k.trip_id = o.trip_id and ${ACTIVE} and int4range(k.boarding_stop, k.alighting_stop) && int4range(o.stop_order, d.stop_order)
            and ${ON_A_SEAT_OF_THE_BUS}
        ) c`,
    )
    .where(
      // Holds close at the trip's departure from its first stop, whichever stop the passenger boards at (the stop's
      // own time bounds the index scan).
      sql`o.city_key = ${p.origin} and o.local_date = ${p.localDate} and o.departs_at > ${p.now}
        and t.departure_at > ${p.now}
        and t.status = 'SCHEDULED' and t.seat_count - c.taken >= ${p.passengers}`,
    )
    .orderBy(sql`o.trip_id`, sql`o.departs_at`, sql`o.stop_order`)
    .as('h');
  return db
    .select({
      tripId: firstStops.tripId,
      departsAt: firstStops.departsAt,
      available: firstStops.available,
      boardingStop: firstStops.boardingStop,
      alightingStop: firstStops.alightingStop,
      seats: seatMaps
        ? // Found by a search: selling. Read for the trips answered only.
          seatMapJson(sql`h.trip_id`, sql`int4range(h.boarding_stop, h.alighting_stop)`, sql`true`)
        : sql<SeatStatusRow[] | null>`null::json`,
    })
    .from(firstStops)
    .orderBy(firstStops.departsAt, firstStops.tripId)
    .limit(p.limit as number | Placeholder);
};

const searchStatement = (seatMaps: boolean) => (db: Executor, name: string) =>
  searchSelect(
    db,
    {
      origin: sql.placeholder('origin'),
      destination: sql.placeholder('destination'),
      localDate: sql.placeholder('localDate'),
      now: sql.placeholder('now'),
      passengers: sql.placeholder('passengers'),
      limit: sql.placeholder('limit'),
    },
    seatMaps,
  ).prepare(name);
const searchStatements = { false: searchStatement(false), true: searchStatement(true) };

/** SQL for the trip inventory replicated from the company subgraph. */
export class TripRepository {
  constructor(private readonly db: Executor) {}

  async findByIds(ids: readonly string[]): Promise<TripRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(trips)
      .where(anyOf(trips.id, [...ids]));
  }

  /**
   * Takes the trip's replication lock until the transaction ends: its snapshot and its cancellation are applied one
   * after the other even before the trip row exists (a cancellation that comes first is kept for the snapshot).
   */
  async lockReplication(id: string): Promise<void> {
    await this.db.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`ticketing.trip-replication:${id}`}, 0))`,
    );
  }

  /** Keeps a cancellation of a trip not stored yet; true when it was not kept already. */
  async keepEarlyCancellation(tripId: string, version: number): Promise<boolean> {
    const kept = await this.db
      .insert(earlyCancellations)
      .values({ tripId, version })
      .onConflictDoNothing()
      .returning({ tripId: earlyCancellations.tripId });
    return kept.length > 0;
  }

  /** The kept cancellation of a trip (removed), if one came before it. */
  async takeEarlyCancellation(tripId: string): Promise<{ version: number } | undefined> {
    const [row] = await this.db
      .delete(earlyCancellations)
      .where(eq(earlyCancellations.tripId, tripId))
      .returning({ version: earlyCancellations.version });
    return row;
  }

  /** Locks the trip row so holds (lockForHold) and inventory changes of one trip do not interleave. */
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
        set: { deck: sql`excluded.deck`, row: sql`excluded.row`, column: sql`excluded.column`, retired: false },
      });
  }

  /**
   * Seats a new layout drops but active tickets still occupy: kept for those tickets, never sold again, not in the
   * seat map, the trip's seat count nor the seats its availability counts taken. The next snapshot removes those no
   * ticket occupies.
   */
  async retireSeats(tripId: string, labels: string[]): Promise<void> {
    if (labels.length === 0) return;
    await this.db
      .update(tripSeats)
      .set({ retired: true })
      .where(and(eq(tripSeats.tripId, tripId), anyOf(tripSeats.label, labels)));
  }

  /** Removes seats that no active ticket occupies; returns the labels removed. */
  async deleteUnsoldSeats(tripId: string, labels: string[]): Promise<string[]> {
    if (labels.length === 0) return [];
    const rows = await this.db
      .delete(tripSeats)
      .where(
        and(
          eq(tripSeats.tripId, tripId),
          anyOf(tripSeats.label, labels),
          sql`not exists (select 1 from ${tickets} where ${tickets.tripId} = ${tripSeats.tripId} and ${tickets.seatLabel} = ${tripSeats.label} and ${tickets.status} in ('HELD', 'CONFIRMED', 'BOARDED'))`,
        ),
      )
      .returning({ label: tripSeats.label });
    return rows.map((r) => r.label);
  }

  /** The seats the trip's bus has (retired ones not counted). */
  async countSeats(tripId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(tripSeats)
      .where(and(eq(tripSeats.tripId, tripId), eq(tripSeats.retired, false)));
    return row?.n ?? 0;
  }

  async replaceStops(tripId: string, stops: (typeof tripStops.$inferInsert)[]): Promise<void> {
    await this.db.delete(tripStops).where(eq(tripStops.tripId, tripId));
    if (stops.length > 0) await this.db.insert(tripStops).values(stops);
  }

  /** Keeps stops a route edit takes off their trip (a station removed again replaces its earlier row). */
  async keepRemovedStops(stops: (TripStopRow & { stationId: string })[]): Promise<void> {
    if (stops.length === 0) return;
    await this.db
      .insert(removedTripStops)
      .values(stops)
      .onConflictDoUpdate({
        target: [removedTripStops.tripId, removedTripStops.stationId],
        set: {
          stopOrder: sql`excluded.stop_order`,
          code: sql`excluded.code`,
          name: sql`excluded.name`,
          city: sql`excluded.city`,
          cityKey: sql`excluded.city_key`,
          minutesFromDeparture: sql`excluded.minutes_from_departure`,
          departsAt: sql`excluded.departs_at`,
          localDate: sql`excluded.local_date`,
        },
      });
  }

  /** The stops route edits took off the trips; one query for all ids. */
  async removedStopsOf(tripIds: readonly string[]): Promise<(typeof removedTripStops.$inferSelect)[]> {
    if (tripIds.length === 0) return [];
    return this.db
      .select()
      .from(removedTripStops)
      .where(anyOf(removedTripStops.tripId, [...tripIds]));
  }

  /**
   * A hold's first statement: the hold limits' advisory locks (`locks`) and a share lock on the trip row, which
   * replication takes FOR UPDATE before it changes the trip's status, seats or stops (lockById). Reads after it
   * see the trip as any change under way left it once committed: a hold never goes on with a cancelled trip's
   * status or a seat a new layout dropped. False when there is no such trip.
   */
  async lockForHold(tripId: string, locks: HoldLockKeys): Promise<boolean> {
    const shape = locks.address === null ? 'account' : 'address';
    const statement = reusable(this.db, `ticketing_lock_for_hold_${shape}`, (db) => lockForHoldStatement(db, shape));
    const rows = await issuedAsBuilt(statement, { tripId, account: locks.account, address: locks.address });
    return rows.length > 0;
  }

  /**
   * What a hold reads of its trip, in one round trip: the trip, which of `seats` it has, its stops in order (for the
   * segment and the fare), whether a hold that has ended (holdEnded, not yet swept) still occupies one of `seats`
   * (then the hold locks and expires it first: BookingRepository.lockStaleHoldsOnSeats), and, given `usage`, what the
   * hold limits count (BookingRepository.holdLimitUsage). A statement built once per shape (with a count, with an
   * address's, or none: a counter sale) and run on this repository's connection, the hold's transaction (`reusable`).
   */
  async forHold(
    tripId: string,
    seats: string[],
    now: Date,
    pendingPaymentGraceMs: number,
    usage?: HoldLimitAsk,
  ): Promise<(HoldTrip & { extra: HoldLimitUsage | null }) | undefined> {
    const shape: HoldReadShape = !usage ? 'trip' : usage.clientAddress ? 'address' : 'account';
    const statement = reusable(this.db, `ticketing_for_hold_${shape}`, (db) => forHoldStatement(db, shape));
    const values = {
      tripId,
      seats,
      ...holdEndValues(now, pendingPaymentGraceMs),
      ...(usage && { userId: usage.userId, address: usage.clientAddress, since: usage.since.toISOString() }),
    };
    const [row] = await issuedAsBuilt(statement, values);
    if (!row) return undefined;
    return {
      trip: row.trip,
      seats: row.seats,
      stops: row.stops.map(([stopOrder, minutesFromDeparture, stationId]) => ({
        stopOrder,
        minutesFromDeparture,
        stationId,
      })),
      staleHolds: row.staleHolds,
      extra: row.extra,
    };
  }

  /** The stops of the trips in order; one query for all ids. */
  async stopsOf(tripIds: readonly string[]): Promise<(typeof tripStops.$inferSelect)[]> {
    if (tripIds.length === 0) return [];
    return this.db
      .select()
      .from(tripStops)
      .where(anyOf(tripStops.tripId, [...tripIds]))
      .orderBy(asc(tripStops.tripId), asc(tripStops.stopOrder));
  }

  /** Seats free over each key's segment on trips that sell seats (0 on any other), in key order; one statement. */
  async availableSeats(keys: readonly TripSegment[]): Promise<number[]> {
    if (keys.length === 0) return [];
    const statement = prepared(this.db, 'ticketing_available_seats', availableSeatsStatement);
    return byPosition(keys, await (statement ?? availableSeatsStatement(this.db, '')).execute(askedValues(keys)), 0);
  }

  /**
   * Every seat of each key's trip with its state over the key's segment, ordered by deck, row, column and
   * label, in key order (none for an unknown trip); one statement for all keys, whatever their segments.
   */
  async seatMaps(keys: readonly TripSegment[]): Promise<SeatStatusRow[][]> {
    if (keys.length === 0) return [];
    const statement = prepared(this.db, 'ticketing_seat_maps', seatMapsStatement);
    return byPosition(keys, await (statement ?? seatMapsStatement(this.db, '')).execute(askedValues(keys)), []);
  }

  /** The trips a search finds, first departures first (see searchSelect); a prepared statement. */
  async search(c: SearchCriteria): Promise<SearchHit[]> {
    const seatMaps = c.seatMaps ?? false;
    const name = seatMaps ? 'ticketing_search_trips_seats' : 'ticketing_search_trips';
    const statement = prepared(this.db, name, searchStatements[`${seatMaps}`]);
    const rows = statement
      ? await statement.execute(searchValues(c))
      : await searchSelect(this.db, searchValues(c), seatMaps);
    return rows.map((r) => ({
      tripId: r.tripId,
      departsAt: new Date(r.departsAt),
      available: r.available,
      boardingStop: r.boardingStop,
      alightingStop: r.alightingStop,
      ...(r.seats ? { seats: r.seats } : {}),
    }));
  }

  /** The statement `search` runs, with the criteria's values: its plan can be checked (EXPLAIN) against the index. */
  searchQuery(c: SearchCriteria): SQL {
    return searchSelect(this.db, searchValues(c), c.seatMaps ?? false).getSQL();
  }
}

/** What forHold reads besides the trip: the hold limits' count with an address's, without one, or nothing. */
type HoldReadShape = 'address' | 'account' | 'trip';

/**
 * `statement` run with `values`, sent as a query builder is: from its `then`, the turn of microtasks after it is
 * awaited. A hold issues its statements together and they reach Postgres in the order issued (its deadline, a retry's
 * lookup, its locks, its read: test/hold-deadline.test.ts checks the order); executed at once, a statement built once
 * would overtake those issued before it.
 */
function issuedAsBuilt<R>(
  statement: { execute(values: Record<string, unknown>): Promise<R> },
  values: Record<string, unknown>,
): PromiseLike<R> {
  return { then: (resolve, reject) => statement.execute(values).then(resolve, reject) };
}

/**
 * lockForHold's statement: the hold limits' advisory locks (the account's, and with `address` the address's on the
 * trip; keys as placeholders `account`, `address`) and the trip's share lock (placeholder `tripId`).
 */
function lockForHoldStatement(db: Executor, shape: 'account' | 'address') {
  const locks = holdLimitLocksOn(
    sql`${sql.placeholder('account')}`,
    shape === 'address' ? sql`${sql.placeholder('address')}` : null,
  );
  return db
    .select({ id: trips.id, locked: sql<number>`(select count(*) from (select ${locks}) l)::int` })
    .from(trips)
    .where(eq(trips.id, sql.placeholder('tripId')))
    .for('share')
    .prepare(undefined as unknown as string);
}

/**
 * forHold's statement for `shape`, with placeholders for every value (tripId, seats, at, paymentEnd; userId, address,
 * since for a count). Qualified by hand: drizzle leaves columns unqualified in select lists.
 */
function forHoldStatement(db: Executor, shape: HoldReadShape) {
  const asked = (name: string) => sql`${sql.placeholder(name)}`;
  const labels = sql`${sql.placeholder('seats')}::text[]`;
  const ends = holdEndsAsked();
  const extra =
    shape === 'trip'
      ? sql<HoldLimitUsage | null>`null`
      : BookingRepository.holdLimitUsage({
          userId: asked('userId'),
          tripId: asked('tripId'),
          clientAddress: shape === 'address' ? asked('address') : null,
          ends,
          since: sql`${sql.placeholder('since')}::timestamptz`,
        });
  return db
    .select({
      extra: extra as SQL<HoldLimitUsage | null>,
      trip: trips,
      seats: sql<
        string[]
      >`array(select s.label from ${tripSeats} s where s.trip_id = "ticketing"."trips"."id" and s.label = any(${labels}) and not s.retired)`,
      stops: sql<
        [number, number, string | null][]
      >`coalesce((select json_agg(json_build_array(p.stop_order, p.minutes_from_departure, p.station_id) order by p.stop_order) from ${tripStops} p where p.trip_id = "ticketing"."trips"."id"), '[]'::json)`,
      staleHolds: sql<boolean>`exists (select 1 from ${tickets} k join "ticketing"."bookings" b on b.id = k.booking_id where k.trip_id = "ticketing"."trips"."id" and k.seat_label = any(${labels}) and k.status = 'HELD' and ${holdEndedAt(sql.raw('b'), ends)})`,
    })
    .from(trips)
    .where(eq(trips.id, sql.placeholder('tripId')))
    .prepare(undefined as unknown as string);
}

import { and, asc, eq, getTableColumns, gt, gte, inArray, lt, ne, or, sql, type SQL, type Table } from 'drizzle-orm';
import type { Executor, PageRequest } from '@busline/shared';
import {
  buses,
  companies,
  routes,
  routeStops,
  stations,
  tripResends,
  trips,
  type BusRow,
  type CompanyRow,
  type RouteRow,
  type RouteStopRow,
  type StationRow,
  type TripRow,
  type TripStatus,
} from '../db/schema';
import type { CompanyScope } from '../domain/scope';
import { anyId, anyOf, prepared } from '@busline/shared';
import { after, scoped, validIds } from './scoping';

export type NewTrip = typeof trips.$inferInsert;

export interface TripFilter {
  companyId?: string | null;
  routeId?: string | null;
  /** Trips driven by any of these drivers. */
  driverIds?: string[] | null;
  from?: Date | null;
  to?: Date | null;
  statuses?: TripStatus[] | null;
}

/**
 * Trips with what a trip search shows of them: their companies and buses, their routes, the routes' stops in
 * order and those stops' stations.
 */
export interface TripsWithRoutes {
  trips: TripRow[];
  companies: CompanyRow[];
  buses: BusRow[];
  routes: RouteRow[];
  /** Every route's stops, each route's in order. */
  stops: RouteStopRow[];
  stations: StationRow[];
}

/** Whose upcoming trips: a bus's, a route's, several routes', or a company's. */
export type UpcomingBy =
  { busId: string } | { routeId: string } | { routeIds: readonly string[] } | { companyId: string };

/** SQL for trips, limited to a company scope. */
export class TripRepository {
  constructor(private readonly db: Executor) {}

  async findByIds(scope: CompanyScope, ids: readonly string[]): Promise<TripRow[]> {
    const valid = validIds(ids);
    if (valid.length === 0) return [];
    return this.db
      .select()
      .from(trips)
      .where(and(anyOf(trips.id, valid), scoped(trips.companyId, scope)));
  }

  /**
   * Trips (of any company: callers decide who sees what) with their companies, buses, routes, stops and
   * stations in one query, one row per trip, each table's row as one JSON value and the route's stops with
   * their stations as one JSON array: each statement costs the subgraph more CPU (sending, receiving,
   * mapping) than the rows it returns, and so does every column of every joined row it parses and maps.
   */
  async findWithRoutes(ids: readonly string[]): Promise<TripsWithRoutes> {
    const valid = validIds(ids);
    if (valid.length === 0) return { trips: [], companies: [], buses: [], routes: [], stops: [], stations: [] };
    const query = (db: Executor, where: SQL) =>
      db
        .select({
          trip: sql<Record<string, unknown>>`to_jsonb(${sql.identifier('trips')})`,
          company: sql<Record<string, unknown> | null>`to_jsonb(${sql.identifier('companies')})`,
          bus: sql<Record<string, unknown> | null>`to_jsonb(${sql.identifier('buses')})`,
          route: sql<Record<string, unknown> | null>`to_jsonb(${sql.identifier('routes')})`,
          stops: sql<[Record<string, unknown>, Record<string, unknown>][] | null>`(select json_agg(json_build_array(
            to_jsonb(${sql.identifier('route_stops')}), to_jsonb(${sql.identifier('stations')}))
            order by ${routeStops.position}) from ${routeStops} join ${stations} on ${stations.id} = ${routeStops.stationId}
            where ${routeStops.routeId} = ${trips.routeId})`,
        })
        .from(trips)
        .leftJoin(routes, eq(routes.id, trips.routeId))
        .leftJoin(companies, eq(companies.id, trips.companyId))
        .leftJoin(buses, eq(buses.id, trips.busId))
        .where(where)
        .orderBy(asc(trips.id));
    // On the pool: one prepared statement for any number of trips (an entity batch of a search).
    const statement = prepared(this.db, 'company_trips_with_rows_by_id', (db, name) =>
      query(db, anyId(trips.id)).prepare(name),
    );
    const rows = statement ? await statement.execute({ ids: valid }) : await query(this.db, anyOf(trips.id, valid));
    const found = {
      trips: new Map<string, TripRow>(),
      companies: new Map<string, CompanyRow>(),
      buses: new Map<string, BusRow>(),
      routes: new Map<string, RouteRow>(),
      stations: new Map<string, StationRow>(),
    };
    const stops: RouteStopRow[] = [];
    for (const row of rows) {
      const trip = fromJson<TripRow>(tripColumns, row.trip);
      found.trips.set(trip.id, trip);
      if (row.company && !found.companies.has(row.company.id as string))
        found.companies.set(row.company.id as string, fromJson(companyColumns, row.company));
      if (row.bus && !found.buses.has(row.bus.id as string))
        found.buses.set(row.bus.id as string, fromJson(busColumns, row.bus));
      if (row.route && !found.routes.has(row.route.id as string)) {
        found.routes.set(row.route.id as string, fromJson(routeColumns, row.route));
        for (const [stop, station] of row.stops ?? []) {
          stops.push(fromJson(stopColumns, stop));
          if (!found.stations.has(station.id as string))
            found.stations.set(station.id as string, fromJson(stationColumns, station));
        }
      }
    }
    return {
      trips: [...found.trips.values()],
      companies: [...found.companies.values()],
      buses: [...found.buses.values()],
      routes: [...found.routes.values()],
      stops: stops.sort((a, b) => (a.routeId === b.routeId ? a.position - b.position : a.routeId < b.routeId ? -1 : 1)),
      stations: [...found.stations.values()],
    };
  }

  /** Reads the trip and locks it until the transaction ends (concurrent updates apply in turn). */
  async lock(scope: CompanyScope, id: string): Promise<TripRow | null> {
    if (validIds([id]).length === 0) return null;
    const [row] = await this.db
      .select()
      .from(trips)
      .where(and(eq(trips.id, id), scoped(trips.companyId, scope)))
      .for('update');
    return row ?? null;
  }

  /** One page ordered by (departureAt, id). */
  async list(scope: CompanyScope, filter: TripFilter, page: PageRequest): Promise<TripRow[]> {
    const position = page.after ? [new Date(String(page.after[0])), page.after[1]] : null;
    return this.db
      .select()
      .from(trips)
      .where(
        and(
          scoped(trips.companyId, scope),
          filter.companyId ? eq(trips.companyId, filter.companyId) : undefined,
          filter.routeId ? eq(trips.routeId, filter.routeId) : undefined,
          filter.driverIds ? anyOf(trips.driverId, filter.driverIds) : undefined,
          filter.from ? gte(trips.departureAt, filter.from) : undefined,
          filter.to ? lt(trips.departureAt, filter.to) : undefined,
          filter.statuses?.length ? inArray(trips.status, filter.statuses) : undefined,
          after(trips.departureAt, trips.id, position),
        ),
      )
      .orderBy(asc(trips.departureAt), asc(trips.id))
      .limit(page.limit + 1);
  }

  /**
   * Active trips of a bus (or driver) that overlap [departureAt, arrivalAt). Run it while
   * holding the bus (driver) row lock so the answer stays true until commit.
   */
  async overlapping(
    by: { busId: string } | { driverId: string },
    departureAt: Date,
    arrivalAt: Date,
    exceptTripId?: string,
  ): Promise<TripRow[]> {
    const owner: SQL = 'busId' in by ? eq(trips.busId, by.busId) : eq(trips.driverId, by.driverId);
    return this.db
      .select()
      .from(trips)
      .where(
        and(
          owner,
          ne(trips.status, 'CANCELLED'),
          lt(trips.departureAt, arrivalAt),
          gt(trips.arrivalAt, departureAt),
          exceptTripId ? ne(trips.id, exceptTripId) : undefined,
        ),
      )
      .limit(1);
  }

  /**
   * Future trips still open to change that use a bus or a route, or run by a company (their snapshots follow it),
   * locked for update unless `lock` is false; with `underWay`, the trips boarding or on the road that have not
   * arrived as well.
   */
  async upcomingUsing(by: UpcomingBy, now: Date, lock = true, underWay = false): Promise<TripRow[]> {
    const owner =
      'busId' in by
        ? eq(trips.busId, by.busId)
        : 'routeId' in by
          ? eq(trips.routeId, by.routeId)
          : 'routeIds' in by
            ? anyOf(trips.routeId, [...by.routeIds])
            : eq(trips.companyId, by.companyId);
    const query = this.db
      .select()
      .from(trips)
      .where(
        and(
          owner,
          underWay
            ? or(
                and(eq(trips.status, 'SCHEDULED'), gt(trips.departureAt, now)),
                and(inArray(trips.status, ['BOARDING', 'DEPARTED']), gt(trips.arrivalAt, now)),
              )
            : and(eq(trips.status, 'SCHEDULED'), gt(trips.departureAt, now)),
        ),
      )
      .orderBy(asc(trips.departureAt));
    return lock ? query.for('update') : query;
  }

  /** Adds `trips` to the company's count of re-sent trips in `hour`; returns the count. */
  async countResends(companyId: string, hour: Date, trips: number): Promise<number> {
    const [row] = await this.db
      .insert(tripResends)
      .values({ companyId, hour, trips })
      .onConflictDoUpdate({
        target: [tripResends.companyId, tripResends.hour],
        set: { trips: sql`${tripResends.trips} + excluded.trips` },
      })
      .returning({ trips: tripResends.trips });
    return row!.trips;
  }

  /** A driver's trips not over yet (scheduled or under way, arriving after `now`), locked for update. */
  async openWithDriver(driverId: string, now: Date): Promise<TripRow[]> {
    return this.db
      .select()
      .from(trips)
      .where(
        and(
          eq(trips.driverId, driverId),
          inArray(trips.status, ['SCHEDULED', 'BOARDING', 'DEPARTED']),
          gt(trips.arrivalAt, now),
        ),
      )
      .orderBy(asc(trips.departureAt))
      .for('update');
  }

  /**
   * Whether a company has a trip not over yet (neither cancelled nor arrived, arriving after `now`) priced in another
   * currency than `currency`.
   */
  async hasOpenTripNotIn(companyId: string, currency: string, now: Date): Promise<boolean> {
    const [row] = await this.db
      .select({ id: trips.id })
      .from(trips)
      .where(
        and(
          eq(trips.companyId, companyId),
          ne(trips.priceCurrency, currency),
          sql`${trips.status} not in ('CANCELLED', 'ARRIVED')`,
          gt(trips.arrivalAt, now),
        ),
      )
      .limit(1);
    return row !== undefined;
  }

  async findByBusAndDeparture(busId: string, departureAt: Date): Promise<TripRow | null> {
    const [row] = await this.db
      .select()
      .from(trips)
      .where(and(eq(trips.busId, busId), eq(trips.departureAt, departureAt)));
    return row ?? null;
  }

  async insert(values: NewTrip): Promise<TripRow> {
    const [row] = await this.db.insert(trips).values(values).returning();
    return row!;
  }

  /** Applies a change and bumps the version; call only for a trip already locked in scope. */
  async update(id: string, values: Partial<NewTrip>): Promise<TripRow> {
    const [row] = await this.db
      .update(trips)
      .set({ ...values, version: sql`${trips.version} + 1`, updatedAt: sql`now()` })
      .where(eq(trips.id, id))
      .returning();
    return row!;
  }
}

/** A table's columns: the row's key, the column's name in Postgres (and so in to_jsonb), its driver mapping. */
type Columns = [key: string, name: string, map: (value: unknown) => unknown][];
const columnsOf = (table: Table): Columns =>
  Object.entries(getTableColumns(table)).map(([key, column]) => [
    key,
    column.name,
    (v) => column.mapFromDriverValue(v),
  ]);
const tripColumns = columnsOf(trips);
const companyColumns = columnsOf(companies);
const busColumns = columnsOf(buses);
const routeColumns = columnsOf(routes);
const stopColumns = columnsOf(routeStops);
const stationColumns = columnsOf(stations);

/** A row as drizzle would map it, from to_jsonb's object (timestamps as ISO strings, become Dates the same way). */
function fromJson<T>(columns: Columns, json: Record<string, unknown>): T {
  const row: Record<string, unknown> = {};
  for (const [key, name, map] of columns) {
    const value = json[name];
    row[key] = value === null || value === undefined ? null : map(value);
  }
  return row as T;
}

// One request's reads of single companies, stations, routes, buses, drivers and trips (federation
// references and nested fields), batched: one query per type per request.
import type DataLoader from 'dataloader';
import { groupLoader, rowLoader, type Db } from '@busline/shared';
import type {
  BusRow,
  CompanyRow,
  DriverRow,
  RouteFareRow,
  RouteRow,
  RouteStopRow,
  StationRow,
  TripRow,
} from '../db/schema';
import { pairFares } from '../domain/fares';
import { ALL } from '../domain/scope';
import { repositories } from '../repositories';

const byId = <T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>) =>
  rowLoader(load, (row) => row.id);

/** A row its foreign key guarantees; should it be missing, the non-null field still fails as before. */
async function related<T>(row: Promise<T | null>): Promise<T> {
  return (await row)!;
}

/** A fare set for a pair of a route's stops, as the API shows it. */
export interface FareView {
  boardingStop: number;
  alightingStop: number;
  price: { amount: number; currency: string };
}

/** A fare of a trip: set for its route, or derived from the trip's price. */
export interface TripFareView extends FareView {
  derived: boolean;
}

/**
 * Reads of single rows by id, unscoped: the resolvers decide who may see what before asking (drivers'
 * personal data, for one).
 */
export class EntityReads {
  private readonly companyById: DataLoader<string, CompanyRow | null>;
  private readonly stationById: DataLoader<string, StationRow | null>;
  private readonly routeById: DataLoader<string, RouteRow | null>;
  private readonly stopsByRouteId: DataLoader<string, RouteStopRow[]>;
  /** Fares set per pair of stops of each route. */
  private readonly faresByRouteId: DataLoader<string, RouteFareRow[]>;
  private readonly busById: DataLoader<string, BusRow | null>;
  private readonly driverById: DataLoader<string, DriverRow | null>;
  private readonly tripById: DataLoader<string, TripRow | null>;

  constructor(db: Db) {
    const repos = repositories(db);
    this.companyById = byId((ids) => repos.companies.findByIds(ids));
    this.stationById = byId((ids) => repos.stations.findByIds(ids));
    this.routeById = byId((ids) => repos.routes.findByIds(ALL, ids));
    this.stopsByRouteId = groupLoader(
      (routeIds: readonly string[]) => repos.routes.stopsOf(routeIds),
      (stop) => stop.routeId,
    );
    this.faresByRouteId = groupLoader(
      (routeIds: readonly string[]) => repos.fares.ofRoutes(routeIds),
      (fare) => fare.routeId,
    );
    this.busById = byId((ids) => repos.buses.findByIds(ALL, ids));
    this.driverById = byId((ids) => repos.drivers.findByIds(ALL, ids));
    // A trip is mostly read with its company, bus, route, stops and stations (a trip search through the
    // router): they come in the trip's query and wait in their loaders, so the nested fields query nothing.
    this.tripById = byId(async (ids) => {
      const found = await repos.trips.findWithRoutes(ids);
      for (const company of found.companies) this.companyById.prime(company.id, company);
      for (const bus of found.buses) this.busById.prime(bus.id, bus);
      for (const route of found.routes) {
        this.routeById.prime(route.id, route);
        this.stopsByRouteId.prime(
          route.id,
          found.stops.filter((s) => s.routeId === route.id),
        );
      }
      for (const station of found.stations) this.stationById.prime(station.id, station);
      return found.trips;
    });
  }

  company(id: string) {
    return this.companyById.load(id);
  }

  /** The company a bus, driver, route or trip belongs to. */
  companyOf(row: { companyId: string }) {
    return related(this.companyById.load(row.companyId));
  }

  station(id: string) {
    return this.stationById.load(id);
  }

  /** The station a route stop is at. */
  stationOf(stop: { stationId: string }) {
    return related(this.stationById.load(stop.stationId));
  }

  route(id: string) {
    return this.routeById.load(id);
  }

  /** The route a trip runs. */
  routeOf(trip: TripRow) {
    return related(this.routeById.load(trip.routeId));
  }

  /** A route's stops in order. */
  stops(routeId: string) {
    return this.stopsByRouteId.load(routeId);
  }

  /** The station of a route's first or last stop. */
  async routeEnd(routeId: string, end: 'first' | 'last'): Promise<StationRow> {
    const stops = await this.stopsByRouteId.load(routeId);
    const stop = end === 'first' ? stops[0] : stops[stops.length - 1];
    return this.stationOf(stop!);
  }

  /** Minutes from a route's departure to its last stop. */
  async durationMinutes(routeId: string): Promise<number> {
    const stops = await this.stopsByRouteId.load(routeId);
    return stops[stops.length - 1]?.minutesFromDeparture ?? 0;
  }

  /** The fares set for pairs of a route's stops. */
  async routeFares(routeId: string): Promise<FareView[]> {
    return (await this.faresByRouteId.load(routeId)).map((f) => ({
      boardingStop: f.boardingPosition,
      alightingStop: f.alightingPosition,
      price: { amount: f.amount, currency: f.currency },
    }));
  }

  /** Every pair of a trip's stops with its fare: set for the route, or derived from the trip's price. */
  async tripFares(trip: TripRow): Promise<TripFareView[]> {
    const [stops, set] = await Promise.all([
      this.stopsByRouteId.load(trip.routeId),
      this.faresByRouteId.load(trip.routeId),
    ]);
    return pairFares(stops, { amount: trip.priceAmount, currency: trip.priceCurrency }, set).map((f) => ({
      boardingStop: f.boardingStop,
      alightingStop: f.alightingStop,
      price: { amount: f.amount, currency: f.currency },
      derived: f.derived,
    }));
  }

  /** The bus a trip runs with. */
  busOf(trip: TripRow) {
    return related(this.busById.load(trip.busId));
  }

  /** A driver by id; the caller has checked the viewer may see drivers' personal data. */
  driver(id: string) {
    return this.driverById.load(id);
  }

  trip(id: string) {
    return this.tripById.load(id);
  }
}

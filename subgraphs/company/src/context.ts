import type DataLoader from 'dataloader';
import { groupLoader, rowLoader, type BaseContext, type Db } from '@busline/shared';
import type {
  BusRow,
  CompanyRow,
  DriverRow,
  RouteFareRow,
  RouteRow,
  RouteStopRow,
  StationRow,
  TripRow,
} from './db/schema';
import { ALL } from './domain/scope';
import { repositories } from './repositories';
import type { Services } from './services';

/** Per-request state of the company subgraph. */
export interface CompanyContext extends BaseContext {
  services: Services;
  /** One query per request for every reference of each type (federation entities, nested fields). */
  companyById: DataLoader<string, CompanyRow | null>;
  stationById: DataLoader<string, StationRow | null>;
  routeById: DataLoader<string, RouteRow | null>;
  stopsByRouteId: DataLoader<string, RouteStopRow[]>;
  /** Fares set per pair of stops of each route. */
  faresByRouteId: DataLoader<string, RouteFareRow[]>;
  /** Unscoped loaders: resolvers decide who may see what before loading. */
  busById: DataLoader<string, BusRow | null>;
  driverById: DataLoader<string, DriverRow | null>;
  tripById: DataLoader<string, TripRow | null>;
}

const byId = <T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>) =>
  rowLoader(load, (row) => row.id);

export function buildContext(base: BaseContext, db: Db, services: Services): CompanyContext {
  const repos = repositories(db);
  const stationById = byId((ids) => repos.stations.findByIds(ids));
  const routeById = byId((ids) => repos.routes.findByIds(ALL, ids));
  const stopsByRouteId = groupLoader(
    (routeIds: readonly string[]) => repos.routes.stopsOf(routeIds),
    (stop) => stop.routeId,
  );
  // A trip is mostly read with its route, stops and stations (a trip search through the router):
  // they come in the trip's query and wait in their loaders, so the nested fields query nothing.
  const tripById = byId(async (ids) => {
    const found = await repos.trips.findWithRoutes(ids);
    for (const route of found.routes) {
      routeById.prime(route.id, route);
      stopsByRouteId.prime(
        route.id,
        found.stops.filter((s) => s.routeId === route.id),
      );
    }
    for (const station of found.stations) stationById.prime(station.id, station);
    return found.trips;
  });
  return {
    ...base,
    services,
    companyById: byId((ids) => repos.companies.findByIds(ids)),
    stationById,
    routeById,
    stopsByRouteId,
    faresByRouteId: groupLoader(
      (routeIds: readonly string[]) => repos.fares.ofRoutes(routeIds),
      (fare) => fare.routeId,
    ),
    busById: byId((ids) => repos.buses.findByIds(ALL, ids)),
    driverById: byId((ids) => repos.drivers.findByIds(ALL, ids)),
    tripById,
  };
}

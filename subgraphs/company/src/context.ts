import DataLoader from 'dataloader';
import type { BaseContext, Db } from '@busline/shared';
import type { BusRow, CompanyRow, DriverRow, RouteRow, RouteStopRow, StationRow, TripRow } from './db/schema';
import { ALL } from './domain/scope';
import { repositories, type Repositories } from './repositories';
import type { Services } from './services';

/** Per-request state of the company subgraph. */
export interface CompanyContext extends BaseContext {
  repos: Repositories;
  services: Services;
  /** One query per request for every reference of each type (federation entities, nested fields). */
  companyById: DataLoader<string, CompanyRow | null>;
  stationById: DataLoader<string, StationRow | null>;
  routeById: DataLoader<string, RouteRow | null>;
  stopsByRouteId: DataLoader<string, RouteStopRow[]>;
  /** Unscoped loaders: resolvers decide who may see what before loading. */
  busById: DataLoader<string, BusRow | null>;
  driverById: DataLoader<string, DriverRow | null>;
  tripById: DataLoader<string, TripRow | null>;
}

function byId<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await load(ids);
    const map = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

export function buildContext(base: BaseContext, db: Db, services: Services): CompanyContext {
  const repos = repositories(db);
  return {
    ...base,
    repos,
    services,
    companyById: byId((ids) => repos.companies.findByIds(ids)),
    stationById: byId((ids) => repos.stations.findByIds(ids)),
    routeById: byId((ids) => repos.routes.findByIds(ALL, ids)),
    stopsByRouteId: new DataLoader(async (routeIds) => {
      const stops = await repos.routes.stopsOf(routeIds);
      return routeIds.map((id) => stops.filter((s) => s.routeId === id));
    }),
    busById: byId((ids) => repos.buses.findByIds(ALL, ids)),
    driverById: byId((ids) => repos.drivers.findByIds(ALL, ids)),
    tripById: byId((ids) => repos.trips.findByIds(ALL, ids)),
  };
}

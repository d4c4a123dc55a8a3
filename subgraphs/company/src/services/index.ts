import { BusService } from './bus-service';
import { CompanyService } from './company-service';
import { DriverService } from './driver-service';
import { NetworkReads } from './read-network';
import { RouteService } from './route-service';
import type { ServiceDeps } from './service-deps';
import { StationService } from './station-service';
import { ScheduleTimetableService } from './schedule-timetable';
import { TripService } from './trip-service';

/** Every company service over the same database, runner and clock. */
export function createServices(deps: ServiceDeps) {
  return {
    companies: new CompanyService(deps),
    stations: new StationService(deps),
    buses: new BusService(deps),
    drivers: new DriverService(deps),
    routes: new RouteService(deps),
    trips: new TripService(deps),
    timetables: new ScheduleTimetableService(deps),
    network: new NetworkReads(deps.db),
  };
}

export type Services = ReturnType<typeof createServices>;
export type { ServiceDeps } from './service-deps';

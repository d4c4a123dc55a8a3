import { AdvanceTripStatusService } from './advance-trip-status';
import { CancelTripService } from './cancel-trip';
import { CreateBusService } from './create-bus';
import { CreateCompanyService } from './create-company';
import { CreateDriverService } from './create-driver';
import { CreateRouteService } from './create-route';
import { CreateStationService } from './create-station';
import { NetworkReads } from './read-network';
import { ScheduleTimetableService } from './schedule-timetable';
import { ScheduleTripService } from './schedule-trip';
import type { ServiceDeps } from './service-deps';
import { SetRouteFaresService } from './set-route-fares';
import { UpdateBusService } from './update-bus';
import { UpdateCompanyService } from './update-company';
import { UpdateDriverService } from './update-driver';
import { UpdateRouteService } from './update-route';
import { UpdateStationService } from './update-station';
import { UpdateTripService } from './update-trip';

/** Every company service over the same database, runner and clock, each named by its use case. */
export function createServices(deps: ServiceDeps) {
  return {
    createCompany: new CreateCompanyService(deps),
    updateCompany: new UpdateCompanyService(deps),
    createStation: new CreateStationService(deps),
    updateStation: new UpdateStationService(deps),
    createBus: new CreateBusService(deps),
    updateBus: new UpdateBusService(deps),
    createDriver: new CreateDriverService(deps),
    updateDriver: new UpdateDriverService(deps),
    createRoute: new CreateRouteService(deps),
    updateRoute: new UpdateRouteService(deps),
    setRouteFares: new SetRouteFaresService(deps),
    scheduleTrip: new ScheduleTripService(deps),
    updateTrip: new UpdateTripService(deps),
    advanceTripStatus: new AdvanceTripStatusService(deps),
    cancelTrip: new CancelTripService(deps),
    scheduleTimetable: new ScheduleTimetableService(deps),
    network: new NetworkReads(deps.db),
  };
}

export type Services = ReturnType<typeof createServices>;
export type { ServiceDeps } from './service-deps';

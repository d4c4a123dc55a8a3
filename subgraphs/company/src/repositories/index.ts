import type { Executor } from '@busline/shared';
import { BusRepository } from './bus-repository';
import { CompanyRepository } from './company-repository';
import { DriverRepository } from './driver-repository';
import { FareRepository } from './fare-repository';
import { RouteRepository } from './route-repository';
import { StationRepository } from './station-repository';
import { QuotaRepository } from './quota-repository';
import { TripRepository } from './trip-repository';

/** Every repository over one executor (the pool, or an open transaction). */
export function repositories(db: Executor) {
  return {
    companies: new CompanyRepository(db),
    stations: new StationRepository(db),
    buses: new BusRepository(db),
    drivers: new DriverRepository(db),
    routes: new RouteRepository(db),
    fares: new FareRepository(db),
    trips: new TripRepository(db),
    quotas: new QuotaRepository(db),
  };
}

export type Repositories = ReturnType<typeof repositories>;

import type { DriverRow } from '../db/schema';
import { companyScope, outOfScope, type CompanyScope } from '../domain/scope';
import { repositories } from '../repositories';
import { checkedDriver, guardLicence, type DriverInput } from './driver-input';
import type { ServiceDeps } from './service-deps';
import { resendTrips } from './trip-snapshot';

/**
 * Changes a driver of the caller's scope (and links or unlinks their user account). A new account re-sends the
 * driver's trips not over yet (`trip.updated`): their `driverUserId` says whose scans board their passengers.
 */
export class UpdateDriverService {
  constructor(private readonly deps: ServiceDeps) {}

  async update(scope: CompanyScope, id: string, input: DriverInput): Promise<DriverRow> {
    const values = checkedDriver(input);
    return guardLicence(() =>
      this.deps.runner.run(async (uow) => {
        const repos = repositories(uow.tx);
        const driver = await repos.drivers.findById(scope, id);
        if (!driver) throw outOfScope(scope, 'Driver');
        if (Object.keys(values).length === 0) return driver;
        const updated = (await repos.drivers.update(companyScope(driver.companyId), id, values))!;
        if (updated.userId !== driver.userId)
          await resendTrips(uow, repos, await repos.trips.openWithDriver(id, this.deps.now()), this.deps, scope);
        return updated;
      }),
    );
  }
}

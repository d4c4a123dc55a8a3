import type { DriverRow } from '../db/schema';
import { companyScope, outOfScope, type CompanyScope } from '../domain/scope';
import { repositories } from '../repositories';
import { checkedDriver, guardLicence, type DriverInput } from './driver-input';
import type { ServiceDeps } from './service-deps';

/** Changes a driver of the caller's scope (and links or unlinks their user account). */
export class UpdateDriverService {
  constructor(private readonly deps: ServiceDeps) {}

  async update(scope: CompanyScope, id: string, input: DriverInput): Promise<DriverRow> {
    const values = checkedDriver(input);
    return guardLicence(() =>
      this.deps.runner.run(async ({ tx }) => {
        const repos = repositories(tx);
        const driver = await repos.drivers.findById(scope, id);
        if (!driver) throw outOfScope(scope, 'Driver');
        if (Object.keys(values).length === 0) return driver;
        return (await repos.drivers.update(companyScope(driver.companyId), id, values))!;
      }),
    );
  }
}

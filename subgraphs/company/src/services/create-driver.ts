import { badInput } from '@busline/shared';
import type { DriverRow } from '../db/schema';
import type { CompanyScope } from '../domain/scope';
import { repositories } from '../repositories';
import { checkedDriver, guardLicence, type DriverInput } from './driver-input';
import { assertQuota } from './quotas';
import type { ServiceDeps } from './service-deps';

/** Adds a driver to a company, optionally linked to their Busline user account. */
export class CreateDriverService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(scope: CompanyScope, companyId: string, input: DriverInput): Promise<DriverRow> {
    const values = checkedDriver(input);
    for (const field of ['name', 'phone', 'licenceNumber'] as const) {
      if (!values[field]) throw badInput(`${field} is required`, field);
    }
    return guardLicence(() =>
      this.deps.runner.run(async ({ tx }) => {
        const repos = repositories(tx);
        const [company] = await repos.companies.findByIds([companyId]);
        if (!company) throw badInput('No such company', 'companyId');
        await assertQuota(repos, this.deps, scope, companyId, 'driver');
        if (await repos.drivers.findByLicence(scope, companyId, values.licenceNumber!)) {
          throw badInput('This company already has a driver with this licence number', 'licenceNumber');
        }
        return repos.drivers.insert({ ...(values as Required<typeof values>), companyId });
      }),
    );
  }
}

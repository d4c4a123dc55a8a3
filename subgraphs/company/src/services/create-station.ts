import { badInput } from '@busline/shared';
import type { StationRow } from '../db/schema';
import type { CompanyScope } from '../domain/scope';
import { repositories } from '../repositories';
import { assertQuota } from './quotas';
import type { ServiceDeps } from './service-deps';
import { checkedStation, guardCode, type StationInput } from './station-input';

/** Adds a platform-wide station; any company admin may (docs/tenancy.md). */
export class CreateStationService {
  constructor(private readonly deps: ServiceDeps) {}

  /** `scope` is the caller's: a company admin's station records their company as its creator. */
  async create(scope: CompanyScope, input: StationInput): Promise<StationRow> {
    const values = checkedStation(input);
    for (const field of ['code', 'name', 'city', 'latitude', 'longitude'] as const) {
      if (values[field] === undefined) throw badInput(`${field} is required`, field);
    }
    const createdByCompanyId = scope === 'all' ? null : scope.companyId;
    return guardCode(() =>
      this.deps.runner.run(async ({ tx }) => {
        const repos = repositories(tx);
        if (createdByCompanyId) await assertQuota(repos, this.deps, scope, createdByCompanyId, 'station');
        return repos.stations.insert({ ...(values as Required<typeof values>), createdByCompanyId });
      }),
    );
  }
}

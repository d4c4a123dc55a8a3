import { badInput } from '@busline/shared';
import type { BusRow } from '../db/schema';
import type { CompanyScope } from '../domain/scope';
import { repositories } from '../repositories';
import { checkedBus, guardPlate, type BusInput } from './bus-input';
import { assertQuota } from './quotas';
import type { ServiceDeps } from './service-deps';

/** Adds a bus to a company's fleet. Callers pass the scope they may act in; the company must be inside it. */
export class CreateBusService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(scope: CompanyScope, companyId: string, input: BusInput): Promise<BusRow> {
    const values = checkedBus(input);
    if (!values.plateNumber) throw badInput('plateNumber is required', 'plateNumber');
    if (!values.model) throw badInput('model is required', 'model');
    if (!values.seatLayout) throw badInput('seatLayout is required', 'seatLayout');
    return guardPlate(() =>
      this.deps.runner.run(async ({ tx }) => {
        const repos = repositories(tx);
        const [company] = await repos.companies.findByIds([companyId]);
        if (!company) throw badInput('No such company', 'companyId');
        await assertQuota(repos, this.deps, scope, companyId, 'bus');
        if (await repos.buses.findByPlate(values.plateNumber!))
          throw badInput('Another bus already has this plate number', 'plateNumber');
        return repos.buses.insert({ ...(values as Required<typeof values>), companyId });
      }),
    );
  }
}

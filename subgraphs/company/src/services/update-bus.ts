import type { BusRow } from '../db/schema';
import { companyScope, outOfScope, type CompanyScope } from '../domain/scope';
import { repositories } from '../repositories';
import { checkedBus, guardPlate, type BusInput } from './bus-input';
import type { ServiceDeps } from './service-deps';
import { refreshUpcomingTrips } from './trip-snapshot';

/** Changes a bus of the caller's scope; a new seat layout re-sends its upcoming trips. */
export class UpdateBusService {
  constructor(private readonly deps: ServiceDeps) {}

  async update(scope: CompanyScope, id: string, input: BusInput): Promise<BusRow> {
    const values = checkedBus(input);
    return guardPlate(() =>
      this.deps.runner.run(async (uow) => {
        const repos = repositories(uow.tx);
        const bus = await repos.buses.lock(scope, id);
        if (!bus) throw outOfScope(scope, 'Bus');
        if (Object.keys(values).length === 0) return bus;
        const updated = (await repos.buses.update(companyScope(bus.companyId), id, values))!;
        if (values.seatLayout) await refreshUpcomingTrips(uow, repos, { busId: id }, this.deps, scope);
        return updated;
      }),
    );
  }
}

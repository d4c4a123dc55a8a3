import { notFound } from '@busline/shared';
import type { StationRow } from '../db/schema';
import type { CompanyScope } from '../domain/scope';
import { assertMayChangeStation } from '../domain/station-access';
import { repositories } from '../repositories';
import type { ServiceDeps } from './service-deps';
import { checkedStation, guardCode, type StationInput } from './station-input';
import { refreshUpcomingTrips } from './trip-snapshot';

/**
 * Changes a platform-wide station. Who may is decided by `assertMayChangeStation` (docs/tenancy.md),
 * checked under the station's row lock.
 */
export class UpdateStationService {
  constructor(private readonly deps: ServiceDeps) {}

  async update(scope: CompanyScope, id: string, input: StationInput): Promise<StationRow> {
    const values = checkedStation(input);
    return guardCode(async () => {
      return this.deps.runner.run(async (uow) => {
        const repos = repositories(uow.tx);
        const [station] = await repos.stations.lock([id]);
        if (!station) throw notFound('Station');
        assertMayChangeStation(scope, station, await repos.routes.companyIdsThrough(id));
        if (Object.keys(values).length === 0) return station;
        const updated = (await repos.stations.update(id, values))!;
        // Snapshots carry stop code, name and city: upcoming trips through the station follow, those of every route
        // through it locked and counted against the hourly bound together (one action, begun below it or not).
        if (values.code || values.name || values.city) {
          const routeIds = await repos.routes.routeIdsThrough(id);
          if (routeIds.length > 0) await refreshUpcomingTrips(uow, repos, { routeIds }, this.deps, scope);
        }
        return updated;
      });
    });
  }
}

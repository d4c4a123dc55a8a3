import type { RouteRow } from '../db/schema';
import { companyScope, outOfScope, type CompanyScope } from '../domain/scope';
import { repositories } from '../repositories';
import { checkStops, guardName, lockStations, type RouteInput } from './route-input';
import type { ServiceDeps } from './service-deps';
import { refreshUpcomingTrips } from './trip-snapshot';
import { positiveInt, requiredText } from './validation';

/** Changes a route of the caller's scope; new stops clear its fares and re-send its upcoming trips. */
export class UpdateRouteService {
  constructor(private readonly deps: ServiceDeps) {}

  async update(scope: CompanyScope, id: string, input: RouteInput): Promise<RouteRow> {
    const stops = input.stops ? checkStops(input.stops) : null;
    const values: Partial<RouteRow> = {};
    if (input.name != null) values.name = requiredText(input.name, 'name', 100);
    if (input.distanceKm != null) values.distanceKm = positiveInt(input.distanceKm, 'distanceKm');
    return guardName(() =>
      this.deps.runner.run(async (uow) => {
        const repos = repositories(uow.tx);
        const route = await repos.routes.findById(scope, id);
        if (!route) throw outOfScope(scope, 'Route');
        const updated =
          Object.keys(values).length > 0
            ? (await repos.routes.update(companyScope(route.companyId), id, values))!
            : route;
        if (stops) {
          await lockStations(repos, stops);
          await repos.routes.replaceStops(id, stops);
          // Fares are per pair of positions: with new stops they would price other places.
          await repos.fares.clear(id);
          await refreshUpcomingTrips(uow, repos, { routeId: id }, this.deps.now());
        }
        return updated;
      }),
    );
  }
}

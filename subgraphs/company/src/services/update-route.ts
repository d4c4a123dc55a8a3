import { AppError, badInput } from '@busline/shared';
import type { RouteRow, TripRow } from '../db/schema';
import { companyScope, outOfScope, type CompanyScope } from '../domain/scope';
import { repositories, type Repositories } from '../repositories';
import { checkStops, guardName, lockStations, type RouteInput } from './route-input';
import type { NewStop } from '../repositories/route-repository';
import type { ServiceDeps } from './service-deps';
import { assertPlacement } from './trip-placement';
import { lockUpcomingTrips, resendTrips } from './trip-snapshot';
import { nameText, positiveInt } from './validation';

/** Whether `stops` are the route's stops `current` (in order): same stations, same minutes. */
function sameStops(current: readonly NewStop[], stops: readonly NewStop[]): boolean {
  return (
    current.length === stops.length &&
    current.every(
      (stop, i) =>
        stop.stationId === stops[i]!.stationId && stop.minutesFromDeparture === stops[i]!.minutesFromDeparture,
    )
  );
}

/** Changes a route of the caller's scope; other stops clear its fares and re-send its open trips. */
export class UpdateRouteService {
  constructor(private readonly deps: ServiceDeps) {}

  async update(scope: CompanyScope, id: string, input: RouteInput): Promise<RouteRow> {
    const stops = input.stops ? checkStops(input.stops) : null;
    const values: Partial<RouteRow> = {};
    if (input.name != null) values.name = nameText(input.name, 'name', 100);
    if (input.distanceKm != null) values.distanceKm = positiveInt(input.distanceKm, 'distanceKm');
    return guardName(() =>
      this.deps.runner.run(async (uow) => {
        const repos = repositories(uow.tx);
        // Locked: fares being set meanwhile are for the stops they were checked against (SetRouteFaresService).
        const route = await repos.routes.lock(scope, id);
        if (!route) throw outOfScope(scope, 'Route');
        const updated =
          Object.keys(values).length > 0
            ? (await repos.routes.update(companyScope(route.companyId), id, values))!
            : route;
        // The stops as they are (an edit form sending the route back whole) change nothing: its fares stay.
        if (stops && !sameStops(await repos.routes.stopsOf([id]), stops)) {
          await lockStations(repos, stops);
          await repos.routes.replaceStops(id, stops);
          // Fares are per pair of positions: with new stops they would price other places.
          await repos.fares.clear(id);
          // Trips under way too: a bus on the road follows the route's stops from its next snapshot on, so its
          // arrival (which frees the bus and the driver) must cover them.
          const open = await lockUpcomingTrips(repos, { routeId: id }, this.deps.now(), { underWay: true });
          await this.stretchTrips(repos, open, stops[stops.length - 1]!.minutesFromDeparture);
          await resendTrips(uow, repos, open, this.deps, scope);
        }
        return updated;
      }),
    );
  }

  /**
   * The route's open trips (`open`, locked) arrive no earlier than its new stops let them (the bus and driver are
   * taken until then): each one that would is moved to arrive then, if its bus and driver are free that long; else
   * the edit is refused.
   */
  private async stretchTrips(repos: Repositories, open: TripRow[], routeMinutes: number): Promise<void> {
    for (const trip of open) {
      const arrivalAt = new Date(trip.departureAt.getTime() + routeMinutes * 60_000);
      if (trip.arrivalAt.getTime() >= arrivalAt.getTime()) continue;
      try {
        await assertPlacement(repos, { ...trip, arrivalAt, tripId: trip.id });
      } catch (error) {
        if (error instanceof AppError)
          throw badInput(
            `The trip of ${trip.departureAt.toISOString()} would then arrive at ${arrivalAt.toISOString()}: ${error.message}`,
            'stops',
          );
        throw error;
      }
      await repos.trips.update(trip.id, { arrivalAt });
    }
  }
}

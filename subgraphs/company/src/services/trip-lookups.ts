import { AppError, ErrorCode, isUuid } from '@busline/shared';
import type { CompanyRow, TripRow } from '../db/schema';
import { outOfScope, type CompanyScope } from '../domain/scope';
import type { Repositories } from '../repositories';

// What the trip use cases (schedule, timetable, update, status, cancel) and setRouteFares read first: the route
// with its duration, the company that prices and dates a trip, the trip itself under its row lock.

/**
 * The route of `routeId` in scope, with its duration (minutes to the last stop). `locked` (a trip scheduled on it):
 * the route and its stations share-locked until the transaction ends, route first, stations in id order, before any
 * company, bus or driver lock: a route edit or a station change under way commits before its stops are read here
 * (the trip arrives no earlier than the new stops let it, and is announced with the stations as changed), and one
 * that starts meanwhile waits for the trip, which its re-sending then finds.
 */
export async function routeWithDuration(
  repos: Repositories,
  scope: CompanyScope,
  routeId: string,
  { locked = false } = {},
) {
  const route = isUuid(routeId)
    ? await (locked ? repos.routes.lock(scope, routeId, 'share') : repos.routes.findById(scope, routeId))
    : null;
  if (!route) throw outOfScope(scope, 'Route');
  const stops = await repos.routes.stopsOf([route.id]);
  if (locked)
    await repos.stations.lock(
      stops.map((stop) => stop.stationId),
      'share',
    );
  return { route, durationMinutes: stops[stops.length - 1]?.minutesFromDeparture ?? 0 };
}

/**
 * The company of a route or trip already found in scope (its currency prices the trip, its zone dates it), share-locked
 * until the transaction ends so that an edit of its currency waits for this write (and this one for it): a trip
 * scheduled in the old currency while the currency changed stayed open in it. Taken before any bus, driver or trip
 * lock (updateCompany locks the company, then its trips).
 */
export async function companyOf(repos: Repositories, companyId: string): Promise<CompanyRow> {
  const company = await repos.companies.lock(companyId, 'share');
  if (!company) throw new Error(`company ${companyId} of a stored route or trip is missing`);
  return company;
}

/** The trip of `tripId` in scope, locked until the transaction ends. */
export async function lockTrip(repos: Repositories, scope: CompanyScope, tripId: string): Promise<TripRow> {
  const trip = isUuid(tripId) ? await repos.trips.lock(scope, tripId) : null;
  if (!trip) throw scope === 'all' ? new AppError(ErrorCode.NOT_FOUND, 'Trip not found') : outOfScope(scope, 'Trip');
  return trip;
}

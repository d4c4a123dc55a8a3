import { badInput, isUniqueViolation, isUuid } from '@busline/shared';
import type { Repositories } from '../repositories';
import type { NewStop } from '../repositories/route-repository';

/** What createRoute and updateRoute share: the route fields as given, the stops' checks and locks, the name's guard. */
export interface RouteInput {
  name?: string | null;
  distanceKm?: number | null;
  stops?: NewStop[] | null;
}

/**
 * Most stops a route has. Every trip event carries a fare for each pair of its stops (n·(n−1)/2: 780 at 40), to
 * every consumer, for every upcoming trip: a route of 300 stops made each trip event 4 MB, and one company's
 * timetable on it held up every other company's bookings behind the shared consumers. setRouteFares' 800 entries and
 * the router's list estimate for `Trip.fares` assume the same.
 */
export const MAX_STOPS = 40;

/**
 * The longest a trip may take: a week (Kampala to Johannesburg by road is three days). A route's last stop and a
 * trip's arrival are bounded by it, so that nothing computed from a trip's times (a boarding pass valid hours past
 * the arrival) runs past what Postgres can store.
 */
export const MAX_TRIP_MINUTES = 7 * 24 * 60;

/**
 * Stops: two to MAX_STOPS distinct stations, the origin at minute 0, minutes strictly increasing up to
 * MAX_TRIP_MINUTES.
 */
export function checkStops(stops: NewStop[]): NewStop[] {
  if (stops.length < 2) throw badInput('A route needs at least two stops', 'stops');
  if (stops.length > MAX_STOPS) throw badInput(`A route has at most ${MAX_STOPS} stops`, 'stops');
  if (stops.some((s) => !isUuid(s.stationId))) throw badInput('Every stop needs a station id', 'stops');
  if (new Set(stops.map((s) => s.stationId)).size !== stops.length)
    throw badInput('A route visits each station once', 'stops');
  if (stops[0]!.minutesFromDeparture !== 0) throw badInput('The first stop (origin) is at minute 0', 'stops');
  for (let i = 1; i < stops.length; i++) {
    const minutes = stops[i]!.minutesFromDeparture;
    if (!Number.isInteger(minutes) || minutes <= stops[i - 1]!.minutesFromDeparture) {
      throw badInput('minutesFromDeparture must increase from each stop to the next', 'stops');
    }
  }
  if (stops[stops.length - 1]!.minutesFromDeparture > MAX_TRIP_MINUTES)
    throw badInput(`The last stop is at most ${MAX_TRIP_MINUTES} minutes (a week) from departure`, 'stops');
  return stops.map((s) => ({ stationId: s.stationId, minutesFromDeparture: s.minutesFromDeparture }));
}

/** Default name "Kigali → Rubavu" from the origin and destination cities. */
export async function defaultName(repos: Repositories, stops: NewStop[]): Promise<string> {
  const ends = [stops[0]!.stationId, stops[stops.length - 1]!.stationId];
  const stations = await repos.stations.findByIds(ends);
  const city = (id: string) => stations.find((s) => s.id === id)?.city ?? '?';
  return `${city(ends[0]!)} → ${city(ends[1]!)}`;
}

/**
 * Checks the stops' stations exist and locks them until the route commits: a company admin's
 * change to a station checks, under the same lock, that no other company's route stops there.
 */
export async function lockStations(repos: Repositories, stops: NewStop[]): Promise<void> {
  const found = await repos.stations.lock(stops.map((s) => s.stationId));
  if (found.length !== stops.length) throw badInput('A stop refers to a station that does not exist', 'stops');
}

/** Runs `fn`, turning a name race lost at the unique index into the same clear error. */
export async function guardName<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error)) throw badInput('This company already has a route with this name', 'name');
    throw error;
  }
}

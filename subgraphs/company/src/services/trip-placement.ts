import { badInput } from '@busline/shared';
import { companyScope } from '../domain/scope';
import type { Repositories } from '../repositories';
import { MAX_TRIP_MINUTES } from './route-input';

export interface Placement {
  companyId: string;
  busId: string;
  driverId: string | null;
  departureAt: Date;
  arrivalAt: Date;
  /** The trip being moved, which must not count as its own overlap. */
  tripId?: string;
}

/**
 * Checks that the bus and driver belong to the company and are free for the whole trip.
 * Their rows are locked first (bus, then driver: one order everywhere, no deadlocks), so a
 * concurrent transaction placing the same bus or driver waits and then sees this trip.
 */
export async function assertPlacement(repos: Repositories, placement: Placement): Promise<void> {
  const scope = companyScope(placement.companyId);
  const bus = await repos.buses.lock(scope, placement.busId);
  if (!bus) throw badInput("The bus is not one of this company's buses", 'busId');
  // An empty id is an id that matches no driver, not "no driver" (that is null).
  if (placement.driverId !== null) {
    const driver = await repos.drivers.lock(scope, placement.driverId);
    if (!driver) throw badInput("The driver is not one of this company's drivers", 'driverId');
  }
  const { departureAt, arrivalAt, tripId } = placement;
  const [busClash] = await repos.trips.overlapping({ busId: placement.busId }, departureAt, arrivalAt, tripId);
  if (busClash) {
    throw badInput(
      `Bus ${bus.plateNumber} is already on a trip from ${busClash.departureAt.toISOString()} to ${busClash.arrivalAt.toISOString()}`,
      'busId',
    );
  }
  if (placement.driverId !== null) {
    const [driverClash] = await repos.trips.overlapping(
      { driverId: placement.driverId },
      departureAt,
      arrivalAt,
      tripId,
    );
    if (driverClash) {
      throw badInput(
        `The driver is already on a trip from ${driverClash.departureAt.toISOString()} to ${driverClash.arrivalAt.toISOString()}`,
        'driverId',
      );
    }
  }
}

/**
 * How far ahead a trip may leave: a year. Every upcoming trip is sent again to every consumer when its bus, route
 * or fares change, so trips scheduled years ahead would make one such edit a burst for every other company too.
 */
export const MAX_DAYS_AHEAD = 366;

/**
 * Times of a trip: departure still ahead, within MAX_DAYS_AHEAD, arrival within MAX_TRIP_MINUTES (a week) of it and
 * no earlier than its route lets the bus reach the last stop (`routeMinutes` after the departure; the bus is taken
 * until then, so an earlier arrival would let it be placed on another trip while still on the road).
 */
export function assertTimes(departureAt: Date, arrivalAt: Date, now: Date, routeMinutes: number): void {
  if (departureAt.getTime() <= now.getTime()) throw badInput('departureAt must be in the future', 'departureAt');
  if (departureAt.getTime() > now.getTime() + MAX_DAYS_AHEAD * 86_400_000)
    throw badInput(`departureAt must be within ${MAX_DAYS_AHEAD} days from now`, 'departureAt');
  if (arrivalAt.getTime() <= departureAt.getTime()) throw badInput('arrivalAt must be after departureAt', 'arrivalAt');
  if (arrivalAt.getTime() > departureAt.getTime() + MAX_TRIP_MINUTES * 60_000)
    throw badInput('arrivalAt must be within a week of departureAt', 'arrivalAt');
  if (arrivalAt.getTime() < departureAt.getTime() + routeMinutes * 60_000)
    throw badInput(`arrivalAt must leave the route's ${routeMinutes} minutes to its last stop`, 'arrivalAt');
}

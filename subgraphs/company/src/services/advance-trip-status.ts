import { AppError, badInput, ErrorCode, EventTypes } from '@busline/shared';
import type { TripRow, TripStatus } from '../db/schema';
import type { CompanyScope } from '../domain/scope';
import { repositories } from '../repositories';
import type { ServiceDeps } from './service-deps';
import { lockTrip } from './trip-lookups';
import { emitSnapshots } from './trip-snapshot';

/** Where a trip may go next in its life (cancellation is separate: cancelTrip). */
const NEXT_STATUS: Partial<Record<TripStatus, TripStatus>> = {
  SCHEDULED: 'BOARDING',
  BOARDING: 'DEPARTED',
  DEPARTED: 'ARRIVED',
};

/**
 * Boarding is recorded at most this long before the departure (a BOARDING trip's bookings can no longer be
 * cancelled: not hours early).
 */
export const BOARDING_RECORDABLE_MS = 60 * 60_000;
/** A departure is recorded at most this long before its time (a full bus may leave a little early). */
export const EARLY_DEPARTURE_MS = 30 * 60_000;

/**
 * The earliest time each step may be recorded. An arrival not before half the scheduled trip has passed since the
 * earliest departure: ARRIVED ends every pass of the trip (passengers waiting at later stops included), so a bus
 * cannot "arrive" minutes after it left.
 */
const RECORDABLE_FROM: Partial<Record<TripStatus, [(trip: TripRow) => number, string]>> = {
  BOARDING: [
    (trip) => trip.departureAt.getTime() - BOARDING_RECORDABLE_MS,
    'Boarding can be recorded from an hour before the departure',
  ],
  DEPARTED: [
    (trip) => trip.departureAt.getTime() - EARLY_DEPARTURE_MS,
    'A departure can be recorded from 30 minutes before its time',
  ],
  ARRIVED: [
    (trip) =>
      trip.departureAt.getTime() - EARLY_DEPARTURE_MS + (trip.arrivalAt.getTime() - trip.departureAt.getTime()) / 2,
    'An arrival can be recorded once half the scheduled trip has passed (from 30 minutes before its time)',
  ],
};

/**
 * Moves a trip along its life; emits `trip.updated`. Each step only when it can be true (a bus does not leave
 * days early: a trip marked DEPARTED can no longer be cancelled, nor its bookings), and a driver records the
 * progress of the trips they drive only.
 */
export class AdvanceTripStatusService {
  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Moves a trip one step: SCHEDULED → BOARDING → DEPARTED → ARRIVED. `driverUserId`: the caller is a DRIVER, who
   * may move only a trip assigned to their driver record.
   */
  async advanceStatus(
    scope: CompanyScope,
    tripId: string,
    status: TripStatus,
    driverUserId?: string,
  ): Promise<TripRow> {
    return this.deps.runner.run(async (uow) => {
      const repos = repositories(uow.tx);
      const trip = await lockTrip(repos, scope, tripId);
      if (driverUserId) {
        const mine = await repos.drivers.findByUserId(scope, driverUserId);
        if (!trip.driverId || !mine.some((driver) => driver.id === trip.driverId))
          throw new AppError(ErrorCode.FORBIDDEN, "Only the trip's driver or the company's admins record its progress");
      }
      if (trip.status === status) return trip;
      if (NEXT_STATUS[trip.status] !== status)
        throw badInput(`A ${trip.status} trip cannot become ${status}`, 'status');
      const from = RECORDABLE_FROM[status];
      if (from && this.deps.now().getTime() < from[0](trip))
        throw new AppError(ErrorCode.BAD_USER_INPUT, from[1], { field: 'status', reason: 'TOO_EARLY' });
      const updated = await repos.trips.update(trip.id, { status });
      await emitSnapshots(uow, repos, EventTypes.TripUpdated, [updated]);
      return updated;
    });
  }
}

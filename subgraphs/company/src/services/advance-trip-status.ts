import { badInput, EventTypes } from '@busline/shared';
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

/** Moves a trip along its life; emits `trip.updated`. */
export class AdvanceTripStatusService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Moves a trip one step: SCHEDULED → BOARDING → DEPARTED → ARRIVED. */
  async advanceStatus(scope: CompanyScope, tripId: string, status: TripStatus): Promise<TripRow> {
    return this.deps.runner.run(async (uow) => {
      const repos = repositories(uow.tx);
      const trip = await lockTrip(repos, scope, tripId);
      if (trip.status === status) return trip;
      if (NEXT_STATUS[trip.status] !== status)
        throw badInput(`A ${trip.status} trip cannot become ${status}`, 'status');
      const updated = await repos.trips.update(trip.id, { status });
      await emitSnapshots(uow, repos, EventTypes.TripUpdated, [updated]);
      return updated;
    });
  }
}

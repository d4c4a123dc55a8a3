import { badInput, EventTypes } from '@busline/shared';
import type { TripRow } from '../db/schema';
import type { CompanyScope } from '../domain/scope';
import { repositories } from '../repositories';
import type { ServiceDeps } from './service-deps';
import { lockTrip } from './trip-lookups';
import { requiredText } from './validation';

/** Cancels a trip that has not left; emits `trip.cancelled`. */
export class CancelTripService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Cancels a trip that has not left; cancelling it again changes nothing and emits nothing. */
  async cancel(scope: CompanyScope, tripId: string, reason: string): Promise<TripRow> {
    const why = requiredText(reason, 'reason', 500);
    return this.deps.runner.run(async ({ tx, emit }) => {
      const repos = repositories(tx);
      const trip = await lockTrip(repos, scope, tripId);
      if (trip.status === 'CANCELLED') return trip;
      if (trip.status === 'DEPARTED' || trip.status === 'ARRIVED')
        throw badInput(`A ${trip.status} trip cannot be cancelled`, 'tripId');
      const cancelledAt = this.deps.now();
      const updated = await repos.trips.update(trip.id, { status: 'CANCELLED', cancelReason: why, cancelledAt });
      await emit(EventTypes.TripCancelled, {
        tripId: updated.id,
        companyId: updated.companyId,
        reason: why,
        cancelledAt: cancelledAt.toISOString(),
        version: updated.version,
      });
      return updated;
    });
  }
}

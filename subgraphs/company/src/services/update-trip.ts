import { AppError, badInput, ErrorCode, EventTypes, isUuid } from '@busline/shared';
import type { TripRow } from '../db/schema';
import { inCompanyCurrency } from '../domain/currency';
import { companyScope, type CompanyScope } from '../domain/scope';
import { repositories } from '../repositories';
import type { ServiceDeps } from './service-deps';
import { companyOf, lockTrip, routeWithDuration } from './trip-lookups';
import { MAX_TRIP_MINUTES } from './route-input';
import { assertPlacement, assertTimes } from './trip-placement';
import { countSnapshots, emitSnapshots } from './trip-snapshot';
import { price, type MoneyInput } from './validation';

export interface UpdateTripInput {
  departureAt?: Date | null;
  arrivalAt?: Date | null;
  price?: MoneyInput | null;
  busId?: string | null;
  /** null unassigns the driver; absent keeps it. */
  driverId?: string | null;
}

/** Moves, reassigns or reprices a scheduled trip; emits `trip.updated` when anything changed. */
export class UpdateTripService {
  constructor(private readonly deps: ServiceDeps) {}

  async update(scope: CompanyScope, tripId: string, input: UpdateTripInput): Promise<TripRow> {
    const money = input.price ? price(input.price) : null;
    return this.deps.runner.run(async (uow) => {
      const repos = repositories(uow.tx);
      // Locks in the order every edit takes them (company, bus, driver, then trips): updateBus locks a bus and then
      // its trips, so taking the trip first and its bus second deadlocked against it.
      const [seen] = isUuid(tripId) ? await repos.trips.findByIds(scope, [tripId]) : [];
      const company = seen ? await companyOf(repos, seen.companyId) : undefined;
      const busIds = new Set<string>();
      const driverIds = new Set<string>();
      if (seen) {
        const placementScope = companyScope(seen.companyId);
        for (const busId of [...new Set([seen.busId, input.busId ?? seen.busId])].sort()) {
          await repos.buses.lock(placementScope, busId);
          busIds.add(busId);
        }
        const drivers = [seen.driverId, input.driverId].filter((id): id is string => typeof id === 'string');
        for (const driverId of [...new Set(drivers)].sort()) {
          await repos.drivers.lock(placementScope, driverId);
          driverIds.add(driverId);
        }
      }
      const trip = await lockTrip(repos, scope, tripId);
      // Moved to another bus or driver between the read and the lock (another edit committed): locking that bus or
      // driver now, with the trip held, would break the order (an edit of that bus holds it and waits for the trip:
      // a deadlock). Refused; asked again, the edit locks what the trip uses then.
      if (!busIds.has(trip.busId) || (trip.driverId !== null && !driverIds.has(trip.driverId)))
        throw new AppError(ErrorCode.UNAVAILABLE, 'This trip was changed meanwhile; nothing was changed, retry', {
          retryAfterSeconds: 1,
        });
      if (trip.status !== 'SCHEDULED')
        throw badInput(`Only a scheduled trip can be changed; this one is ${trip.status}`, 'tripId');
      const departureAt = input.departureAt ?? trip.departureAt;
      // Moving the departure alone keeps the trip's duration.
      const arrivalAt =
        input.arrivalAt ?? new Date(trip.arrivalAt.getTime() + (departureAt.getTime() - trip.departureAt.getTime()));
      const busId = input.busId ?? trip.busId;
      const driverId = input.driverId === undefined ? trip.driverId : input.driverId;
      const moved =
        departureAt.getTime() !== trip.departureAt.getTime() || arrivalAt.getTime() !== trip.arrivalAt.getTime();
      const reassigned = busId !== trip.busId || driverId !== trip.driverId;
      const newPrice = money
        ? {
            priceAmount: money.amount,
            priceCurrency: inCompanyCurrency(
              money.currency,
              (company ?? (await companyOf(repos, trip.companyId))).currency,
            ),
          }
        : null;
      const repriced =
        newPrice !== null &&
        (newPrice.priceAmount !== trip.priceAmount || newPrice.priceCurrency !== trip.priceCurrency);
      if (!moved && !reassigned && !repriced) return trip;
      // A trip scheduled before trips were limited to a week keeps its duration when only its departure moves:
      // say why the arrival (which the client did not send) is refused, and what to send.
      if (moved && input.arrivalAt == null && arrivalAt.getTime() - departureAt.getTime() > MAX_TRIP_MINUTES * 60_000)
        throw badInput(
          'This trip lasts more than a week (scheduled before trips were limited to one): ' +
            'give an arrivalAt within a week of departureAt',
          'arrivalAt',
        );
      if (moved)
        assertTimes(
          departureAt,
          arrivalAt,
          this.deps.now(),
          (await routeWithDuration(repos, companyScope(trip.companyId), trip.routeId)).durationMinutes,
        );
      if (moved || reassigned)
        await assertPlacement(repos, {
          companyId: trip.companyId,
          busId,
          driverId,
          departureAt,
          arrivalAt,
          tripId: trip.id,
        });
      // The trip is sent again whole: counted against the company's hour like any other re-send.
      await countSnapshots(repos, this.deps, scope, 1);
      const updated = await repos.trips.update(trip.id, {
        departureAt,
        arrivalAt,
        busId,
        driverId,
        ...(newPrice ?? {}),
      });
      await emitSnapshots(uow, repos, EventTypes.TripUpdated, [updated]);
      return updated;
    });
  }
}

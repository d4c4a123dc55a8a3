import { AppError, badInput, ErrorCode, EventTypes, isUuid } from '@busline/shared';
import type { CompanyRow, TripRow, TripStatus } from '../db/schema';
import { inCompanyCurrency } from '../domain/currency';
import { outOfScope, type CompanyScope } from '../domain/scope';
import { repositories, type Repositories } from '../repositories';
import type { ServiceDeps } from './service-deps';
import { assertPlacement, assertTimes } from './trip-placement';
import { emitSnapshots } from './trip-snapshot';
import { price, requiredText, type MoneyInput } from './validation';

export interface ScheduleTripInput {
  routeId: string;
  busId: string;
  driverId?: string | null;
  departureAt: Date;
  /** Defaults to departure plus the route's duration. */
  arrivalAt?: Date | null;
  price: MoneyInput;
}

export interface UpdateTripInput {
  departureAt?: Date | null;
  arrivalAt?: Date | null;
  price?: MoneyInput | null;
  busId?: string | null;
  /** null unassigns the driver; absent keeps it. */
  driverId?: string | null;
}

/** Where a trip may go next in its life (cancellation is separate: cancelTrip). */
const NEXT_STATUS: Partial<Record<TripStatus, TripStatus>> = {
  SCHEDULED: 'BOARDING',
  BOARDING: 'DEPARTED',
  DEPARTED: 'ARRIVED',
};

/** The route of `routeId` in scope, with its duration (minutes to the last stop). */
export async function routeWithDuration(repos: Repositories, scope: CompanyScope, routeId: string) {
  const route = isUuid(routeId) ? await repos.routes.findById(scope, routeId) : null;
  if (!route) throw outOfScope(scope, 'Route');
  const stops = await repos.routes.stopsOf([route.id]);
  return { route, durationMinutes: stops[stops.length - 1]?.minutesFromDeparture ?? 0 };
}

/** The company of a route or trip already found in scope (its currency prices the trip, its zone dates it). */
export async function companyOf(repos: Repositories, companyId: string): Promise<CompanyRow> {
  const [company] = await repos.companies.findByIds([companyId]);
  if (!company) throw new Error(`company ${companyId} of a stored route or trip is missing`);
  return company;
}

/** Trips: scheduling one departure, changing it, moving it along its life, cancelling it. */
export class TripService {
  constructor(private readonly deps: ServiceDeps) {}

  async schedule(scope: CompanyScope, input: ScheduleTripInput): Promise<TripRow> {
    const money = price(input.price);
    return this.deps.runner.run(async (uow) => {
      const repos = repositories(uow.tx);
      const { route, durationMinutes } = await routeWithDuration(repos, scope, input.routeId);
      const arrivalAt = input.arrivalAt ?? new Date(input.departureAt.getTime() + durationMinutes * 60_000);
      assertTimes(input.departureAt, arrivalAt, this.deps.now());
      const placement = {
        companyId: route.companyId,
        busId: input.busId,
        driverId: input.driverId ?? null,
        departureAt: input.departureAt,
        arrivalAt,
      };
      // A trip is priced in its company's currency: one without a currency gets it, another is refused.
      const currency = inCompanyCurrency(money.currency, (await companyOf(repos, route.companyId)).currency);
      await assertPlacement(repos, placement);
      const trip = await repos.trips.insert({
        ...placement,
        routeId: route.id,
        priceAmount: money.amount,
        priceCurrency: currency,
      });
      await emitSnapshots(uow, repos, EventTypes.TripScheduled, [trip]);
      return trip;
    });
  }

  async update(scope: CompanyScope, tripId: string, input: UpdateTripInput): Promise<TripRow> {
    const money = input.price ? price(input.price) : null;
    return this.deps.runner.run(async (uow) => {
      const repos = repositories(uow.tx);
      const trip = await this.lockTrip(repos, scope, tripId);
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
            priceCurrency: inCompanyCurrency(money.currency, (await companyOf(repos, trip.companyId)).currency),
          }
        : null;
      const repriced =
        newPrice !== null &&
        (newPrice.priceAmount !== trip.priceAmount || newPrice.priceCurrency !== trip.priceCurrency);
      if (!moved && !reassigned && !repriced) return trip;
      if (moved) assertTimes(departureAt, arrivalAt, this.deps.now());
      if (moved || reassigned)
        await assertPlacement(repos, {
          companyId: trip.companyId,
          busId,
          driverId,
          departureAt,
          arrivalAt,
          tripId: trip.id,
        });
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

  /** Moves a trip one step: SCHEDULED → BOARDING → DEPARTED → ARRIVED. */
  async advanceStatus(scope: CompanyScope, tripId: string, status: TripStatus): Promise<TripRow> {
    return this.deps.runner.run(async (uow) => {
      const repos = repositories(uow.tx);
      const trip = await this.lockTrip(repos, scope, tripId);
      if (trip.status === status) return trip;
      if (NEXT_STATUS[trip.status] !== status)
        throw badInput(`A ${trip.status} trip cannot become ${status}`, 'status');
      const updated = await repos.trips.update(trip.id, { status });
      await emitSnapshots(uow, repos, EventTypes.TripUpdated, [updated]);
      return updated;
    });
  }

  /** Cancels a trip that has not left; cancelling it again changes nothing and emits nothing. */
  async cancel(scope: CompanyScope, tripId: string, reason: string): Promise<TripRow> {
    const why = requiredText(reason, 'reason', 500);
    return this.deps.runner.run(async ({ tx, emit }) => {
      const repos = repositories(tx);
      const trip = await this.lockTrip(repos, scope, tripId);
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

  private async lockTrip(repos: Repositories, scope: CompanyScope, tripId: string): Promise<TripRow> {
    const trip = isUuid(tripId) ? await repos.trips.lock(scope, tripId) : null;
    if (!trip) throw scope === 'all' ? new AppError(ErrorCode.NOT_FOUND, 'Trip not found') : outOfScope(scope, 'Trip');
    return trip;
  }
}

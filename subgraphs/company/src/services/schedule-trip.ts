import { EventTypes } from '@busline/shared';
import type { TripRow } from '../db/schema';
import { inCompanyCurrency } from '../domain/currency';
import type { CompanyScope } from '../domain/scope';
import { repositories } from '../repositories';
import type { ServiceDeps } from './service-deps';
import { companyOf, routeWithDuration } from './trip-lookups';
import { assertPlacement, assertTimes } from './trip-placement';
import { countSnapshots, emitSnapshots } from './trip-snapshot';
import { price, type MoneyInput } from './validation';

export interface ScheduleTripInput {
  routeId: string;
  busId: string;
  driverId?: string | null;
  departureAt: Date;
  /** Defaults to departure plus the route's duration. */
  arrivalAt?: Date | null;
  price: MoneyInput;
}

/** Schedules one departure on a route; emits `trip.scheduled`. */
export class ScheduleTripService {
  constructor(private readonly deps: ServiceDeps) {}

  async schedule(scope: CompanyScope, input: ScheduleTripInput): Promise<TripRow> {
    const money = price(input.price);
    return this.deps.runner.run(async (uow) => {
      const repos = repositories(uow.tx);
      const { route, durationMinutes } = await routeWithDuration(repos, scope, input.routeId, { locked: true });
      const arrivalAt = input.arrivalAt ?? new Date(input.departureAt.getTime() + durationMinutes * 60_000);
      assertTimes(input.departureAt, arrivalAt, this.deps.now(), durationMinutes);
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
      await countSnapshots(repos, this.deps, scope, 1);
      await emitSnapshots(uow, repos, EventTypes.TripScheduled, [trip]);
      return trip;
    });
  }
}

import { badInput, isUuid } from '@busline/shared';
import type { RouteRow } from '../db/schema';
import { inCompanyCurrency } from '../domain/currency';
import { outOfScope, type CompanyScope } from '../domain/scope';
import { repositories } from '../repositories';
import type { ServiceDeps } from './service-deps';
import { companyOf } from './trip-lookups';
import { refreshUpcomingTrips } from './trip-snapshot';
import { price, type MoneyInput } from './validation';

/** A company admin's fare for one pair of stops; a null price removes it. */
export interface FareInput {
  boardingStop: number;
  alightingStop: number;
  price?: MoneyInput | null;
}

/** More pairs than a route of 40 stops has. */
const MAX_FARE_ENTRIES = 800;

/** A route's fares per pair of stops, in the company's currency. */
export class SetRouteFaresService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Sets (or, with a null price, removes) fares per pair of stops; upcoming trips are re-sent with them. */
  async setFares(scope: CompanyScope, routeId: string, input: FareInput[]): Promise<RouteRow> {
    if (input.length > MAX_FARE_ENTRIES) throw badInput(`At most ${MAX_FARE_ENTRIES} fares at once`, 'fares');
    const pairs = new Set(input.map((f) => `${f.boardingStop}:${f.alightingStop}`));
    if (pairs.size !== input.length) throw badInput('A pair of stops appears twice', 'fares');
    const fares = input.map((f) => ({ ...f, price: f.price ? price(f.price) : null }));
    return this.deps.runner.run(async (uow) => {
      const repos = repositories(uow.tx);
      // Locked: a route edit replacing its stops meanwhile would leave these fares on pairs they were not set for.
      const route = isUuid(routeId) ? await repos.routes.lock(scope, routeId) : null;
      if (!route) throw outOfScope(scope, 'Route');
      const last = (await repos.routes.stopsOf([route.id])).length - 1;
      // Fares are in the company's currency like its trips' prices (a fare in another would never apply).
      const { currency } = await companyOf(repos, route.companyId);
      for (const f of fares) {
        if (f.price) f.price.currency = inCompanyCurrency(f.price.currency, currency, 'fares');
        if (
          !Number.isInteger(f.boardingStop) ||
          !Number.isInteger(f.alightingStop) ||
          f.boardingStop < 0 ||
          f.alightingStop > last
        ) {
          throw badInput(
            `Stops ${f.boardingStop} → ${f.alightingStop} are not stops of this route (0 to ${last})`,
            'fares',
          );
        }
        if (f.boardingStop >= f.alightingStop)
          throw badInput('The alighting stop must come after the boarding stop', 'fares');
        if (f.boardingStop === 0 && f.alightingStop === last)
          throw badInput("The whole route's fare is each trip's price", 'fares');
      }
      await repos.fares.upsert(
        fares.flatMap((f) =>
          f.price
            ? [
                {
                  routeId: route.id,
                  boardingPosition: f.boardingStop,
                  alightingPosition: f.alightingStop,
                  amount: f.price.amount,
                  currency: f.price.currency ?? currency,
                },
              ]
            : [],
        ),
      );
      for (const f of fares.filter((f) => !f.price))
        await repos.fares.remove(route.id, f.boardingStop, f.alightingStop);
      await refreshUpcomingTrips(uow, repos, { routeId: route.id }, this.deps, scope);
      return route;
    });
  }
}

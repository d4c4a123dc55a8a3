import { badInput, isUniqueViolation, isUuid } from '@busline/shared';
import type { RouteRow } from '../db/schema';
import { inCompanyCurrency } from '../domain/currency';
import { companyScope, outOfScope, type CompanyScope } from '../domain/scope';
import { repositories, type Repositories } from '../repositories';
import type { NewStop } from '../repositories/route-repository';
import type { ServiceDeps } from './service-deps';
import { companyOf } from './trip-service';
import { refreshUpcomingTrips } from './trip-snapshot';
import { positiveInt, price, requiredText, type MoneyInput } from './validation';

/** A company admin's fare for one pair of stops; a null price removes it. */
export interface FareInput {
  boardingStop: number;
  alightingStop: number;
  price?: MoneyInput | null;
}

/** More pairs than a route of 40 stops has. */
const MAX_FARE_ENTRIES = 800;

export interface RouteInput {
  name?: string | null;
  distanceKm?: number | null;
  stops?: NewStop[] | null;
}

/** Stops: at least two distinct stations, the origin at minute 0, minutes strictly increasing. */
function checkStops(stops: NewStop[]): NewStop[] {
  if (stops.length < 2) throw badInput('A route needs at least two stops', 'stops');
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
  return stops.map((s) => ({ stationId: s.stationId, minutesFromDeparture: s.minutesFromDeparture }));
}

/** Default name "Kigali → Rubavu" from the origin and destination cities. */
async function defaultName(repos: Repositories, stops: NewStop[]): Promise<string> {
  const ends = [stops[0]!.stationId, stops[stops.length - 1]!.stationId];
  const stations = await repos.stations.findByIds(ends);
  const city = (id: string) => stations.find((s) => s.id === id)?.city ?? '?';
  return `${city(ends[0]!)} → ${city(ends[1]!)}`;
}

/**
 * Checks the stops' stations exist and locks them until the route commits: a company admin's
 * change to a station checks, under the same lock, that no other company's route stops there.
 */
async function lockStations(repos: Repositories, stops: NewStop[]): Promise<void> {
  const found = await repos.stations.lock(stops.map((s) => s.stationId));
  if (found.length !== stops.length) throw badInput('A stop refers to a station that does not exist', 'stops');
}

/** A company's routes with their ordered stops. */
export class RouteService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(scope: CompanyScope, companyId: string, input: RouteInput): Promise<RouteRow> {
    const stops = checkStops(input.stops ?? []);
    const distanceKm = positiveInt(input.distanceKm ?? 0, 'distanceKm');
    return this.guardName(() =>
      this.deps.runner.run(async ({ tx }) => {
        const repos = repositories(tx);
        const [company] = await repos.companies.findByIds([companyId]);
        if (!company) throw badInput('No such company', 'companyId');
        await lockStations(repos, stops);
        const name = input.name ? requiredText(input.name, 'name', 100) : await defaultName(repos, stops);
        if (await repos.routes.findByName(companyId, name))
          throw badInput(`This company already has a route named "${name}"`, 'name');
        return repos.routes.insert({ companyId, name, distanceKm }, stops);
      }),
    );
  }

  async update(scope: CompanyScope, id: string, input: RouteInput): Promise<RouteRow> {
    const stops = input.stops ? checkStops(input.stops) : null;
    const values: Partial<RouteRow> = {};
    if (input.name != null) values.name = requiredText(input.name, 'name', 100);
    if (input.distanceKm != null) values.distanceKm = positiveInt(input.distanceKm, 'distanceKm');
    return this.guardName(() =>
      this.deps.runner.run(async (uow) => {
        const repos = repositories(uow.tx);
        const route = await repos.routes.findById(scope, id);
        if (!route) throw outOfScope(scope, 'Route');
        const updated =
          Object.keys(values).length > 0
            ? (await repos.routes.update(companyScope(route.companyId), id, values))!
            : route;
        if (stops) {
          await lockStations(repos, stops);
          await repos.routes.replaceStops(id, stops);
          // Fares are per pair of positions: with new stops they would price other places.
          await repos.fares.clear(id);
          await refreshUpcomingTrips(uow, repos, { routeId: id }, this.deps.now());
        }
        return updated;
      }),
    );
  }

  /** Sets (or, with a null price, removes) fares per pair of stops; upcoming trips are re-sent with them. */
  async setFares(scope: CompanyScope, routeId: string, input: FareInput[]): Promise<RouteRow> {
    if (input.length > MAX_FARE_ENTRIES) throw badInput(`At most ${MAX_FARE_ENTRIES} fares at once`, 'fares');
    const pairs = new Set(input.map((f) => `${f.boardingStop}:${f.alightingStop}`));
    if (pairs.size !== input.length) throw badInput('A pair of stops appears twice', 'fares');
    const fares = input.map((f) => ({ ...f, price: f.price ? price(f.price) : null }));
    return this.deps.runner.run(async (uow) => {
      const repos = repositories(uow.tx);
      const route = isUuid(routeId) ? await repos.routes.findById(scope, routeId) : null;
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
      await refreshUpcomingTrips(uow, repos, { routeId: route.id }, this.deps.now());
      return route;
    });
  }

  private async guardName<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isUniqueViolation(error)) throw badInput('This company already has a route with this name', 'name');
      throw error;
    }
  }
}

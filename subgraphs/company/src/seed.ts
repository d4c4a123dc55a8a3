import { AppError, ErrorCode, Outbox, TransactionRunner, type SubgraphDeps } from '@busline/shared';
import { outbox } from './db/schema';
import { ALL, companyScope } from './domain/scope';
import { addDays, localDate, zonedToUtc } from './domain/zoned-time';
import { repositories } from './repositories';
import { DEMO_COMPANIES, DEMO_FLEETS, DEMO_STATIONS, TURNAROUND_MINUTES, type DemoCompanyKey } from './seed-data';
import { createServices, type Services } from './services';

/** Seeding needs only the database and a logger (full SubgraphDeps fit). */
export type SeedDeps = Pick<SubgraphDeps, 'db' | 'logger'>;

export interface SeededCompanies {
  volcanoCompanyId: string;
  horizonCompanyId: string;
  kivuCompanyId: string;
  /** The Kenyan demo company (KES, Africa/Nairobi). */
  savannahCompanyId: string;
  /** The Ugandan demo company (UGX, Africa/Kampala). */
  pearlCompanyId: string;
}

export interface SeedNetworkOptions {
  /** Busline user ids of demo drivers by email, e.g. { 'driver@volcano.busline.test': '…' }. */
  driverUserIds?: Record<string, string>;
  now?: Date;
  /** Length of the rolling window of trips, from today (in each company's time zone). */
  days?: number;
}

export interface SeededNetwork extends SeededCompanies {
  stationIds: Record<string, string>;
  tripsCreated: number;
}

/** Services whose events go to the outbox; the running subgraph's relay publishes them. */
function seedServices(deps: SeedDeps, now: () => Date): Services {
  const runner = new TransactionRunner(deps.db.db, new Outbox(outbox, 'company'), undefined, deps.logger);
  // The seed re-sends nothing it did not make: the running subgraph's bound is not its business.
  return createServices({
    db: deps.db.db,
    runner,
    now,
    tripResendsPerHour: Number.MAX_SAFE_INTEGER,
    quotas: { perKind: Number.MAX_SAFE_INTEGER, stations: Number.MAX_SAFE_INTEGER },
  });
}

// Seeds from several instances take turns (advisory lock), so natural keys are never raced.
const SEED_LOCK = 'company-seed';

/** The demo companies, created once (company.created emitted); returns their ids. */
export async function seedCompanies(deps: SeedDeps): Promise<SeededCompanies> {
  return deps.db.runExclusive(SEED_LOCK, () => ensureCompanies(deps));
}

async function ensureCompanies(deps: SeedDeps): Promise<SeededCompanies> {
  const services = seedServices(deps, () => new Date());
  const repos = repositories(deps.db.db);
  const ids = {} as Record<DemoCompanyKey, string>;
  for (const { key, ...input } of DEMO_COMPANIES) {
    const existing = await repos.companies.findBySlug(input.slug);
    ids[key] = existing ? existing.id : (await services.createCompany.create(input)).id;
  }
  return {
    volcanoCompanyId: ids.volcano,
    horizonCompanyId: ids.horizon,
    kivuCompanyId: ids.kivu,
    savannahCompanyId: ids.savannah,
    pearlCompanyId: ids.pearl,
  };
}

/**
 * Stations, buses, drivers, routes (both directions) and a rolling window of trips. Everything
 * is looked up by its natural key first, so a second run creates nothing twice and only tops
 * up trips for days that entered the window.
 */
export async function seedNetwork(deps: SeedDeps, options: SeedNetworkOptions = {}): Promise<SeededNetwork> {
  return deps.db.runExclusive(SEED_LOCK, () => ensureNetwork(deps, options));
}

async function ensureNetwork(deps: SeedDeps, options: SeedNetworkOptions): Promise<SeededNetwork> {
  const now = options.now ?? new Date();
  const days = options.days ?? 7;
  const services = seedServices(deps, () => now);
  const repos = repositories(deps.db.db);
  const companies = await ensureCompanies(deps);
  const companyIds: Record<DemoCompanyKey, string> = {
    volcano: companies.volcanoCompanyId,
    horizon: companies.horizonCompanyId,
    kivu: companies.kivuCompanyId,
    savannah: companies.savannahCompanyId,
    pearl: companies.pearlCompanyId,
  };

  const stationIds: Record<string, string> = {};
  for (const station of DEMO_STATIONS) {
    const existing = await repos.stations.findByCode(station.code);
    stationIds[station.code] = existing ? existing.id : (await services.createStation.create(ALL, station)).id;
  }

  let tripsCreated = 0;
  for (const key of Object.keys(DEMO_FLEETS) as DemoCompanyKey[]) {
    const fleet = DEMO_FLEETS[key];
    const companyId = companyIds[key];
    // Departures are wall-clock times where the company runs; prices are in its currency (the service applies it).
    const { timeZone } = DEMO_COMPANIES.find((company) => company.key === key)!;
    const scope = companyScope(companyId);
    const busIds: string[] = [];
    for (const bus of fleet.buses) {
      const existing = await repos.buses.findByPlate(bus.plateNumber);
      busIds.push(existing ? existing.id : (await services.createBus.create(scope, companyId, bus)).id);
    }
    const driverIds: string[] = [];
    for (const { email, ...driver } of fleet.drivers) {
      const userId = email ? options.driverUserIds?.[email] : undefined;
      const existing = await repos.drivers.findByLicence(scope, companyId, driver.licenceNumber);
      if (!existing) driverIds.push((await services.createDriver.create(scope, companyId, { ...driver, userId })).id);
      else {
        if (userId && existing.userId !== userId) await services.updateDriver.update(scope, existing.id, { userId });
        driverIds.push(existing.id);
      }
    }
    const outbound = fleet.line.stops;
    const total = outbound[outbound.length - 1]![1];
    const inbound = [...outbound].reverse().map(([code, minutes]) => [code, total - minutes] as [string, number]);
    const routeIds: string[] = [];
    for (const stops of [outbound, inbound]) {
      const input = {
        distanceKm: fleet.line.distanceKm,
        stops: stops.map(([code, minutes]) => ({ stationId: stationIds[code]!, minutesFromDeparture: minutes })),
      };
      const name = `${cityOf(stops[0]![0])} → ${cityOf(stops[stops.length - 1]![0])}`;
      const existing = await repos.routes.findByName(companyId, name);
      const routeId = existing
        ? existing.id
        : (await services.createRoute.create(scope, companyId, { ...input, name })).id;
      routeIds.push(routeId);
      // Fares for the intermediate pairs, once (before its trips are scheduled, so their snapshots carry them).
      if ((await repos.fares.ofRoutes([routeId])).length === 0) {
        const position = (code: string) => stops.findIndex(([c]) => c === code);
        const fares = fleet.line.fares.map(([a, b, amount]) => {
          const [from, to] = [position(a), position(b)].sort((x, y) => x - y) as [number, number];
          return { boardingStop: from, alightingStop: to, price: { amount } };
        });
        await services.setRouteFares.setFares(scope, routeId, fares);
      }
    }

    const today = localDate(now, timeZone);
    for (let day = 0; day < days; day++) {
      const date = addDays(today, day);
      for (const [i, time] of fleet.departures.entries()) {
        const out = zonedToUtc(date, time, timeZone);
        const back = new Date(out.getTime() + (total + TURNAROUND_MINUTES) * 60_000);
        for (const [leg, departureAt] of [out, back].entries()) {
          const created = await scheduleOnce(services, repos, now, {
            routeId: routeIds[leg]!,
            busId: busIds[i]!,
            driverId: driverIds[i]!,
            departureAt,
            price: { amount: fleet.line.price },
          });
          if (created) tripsCreated++;
        }
      }
    }
  }
  deps.logger.info({ tripsCreated }, 'company demo network seeded');
  return { ...companies, stationIds, tripsCreated };
}

const cityOf = (code: string) => DEMO_STATIONS.find((s) => s.code === code)!.city;

/** Schedules a trip unless the bus already departs then, or the slot has passed or is taken. */
async function scheduleOnce(
  services: Services,
  repos: ReturnType<typeof repositories>,
  now: Date,
  input: { routeId: string; busId: string; driverId: string; departureAt: Date; price: { amount: number } },
): Promise<boolean> {
  // Leave a margin: a departure minutes away is not worth selling.
  if (input.departureAt.getTime() <= now.getTime() + 15 * 60_000) return false;
  if (await repos.trips.findByBusAndDeparture(input.busId, input.departureAt)) return false;
  try {
    await services.scheduleTrip.schedule(ALL, input);
    return true;
  } catch (error) {
    // Someone placed another trip on this bus or driver (or a parallel seed won): keep theirs.
    if (error instanceof AppError && error.code === ErrorCode.BAD_USER_INPUT) return false;
    throw error;
  }
}

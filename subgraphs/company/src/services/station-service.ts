import { badInput, isUniqueViolation, notFound } from '@busline/shared';
import type { StationRow } from '../db/schema';
import type { CompanyScope } from '../domain/scope';
import { assertMayChangeStation } from '../domain/station-access';
import { repositories } from '../repositories';
import { refreshUpcomingTrips } from './trip-snapshot';
import type { ServiceDeps } from './service-deps';
import { requiredText } from './validation';

export interface StationInput {
  code?: string | null;
  name?: string | null;
  city?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

const CODE = /^[A-Z0-9][A-Z0-9-]{1,15}$/;

function checked(input: StationInput): Partial<StationRow> {
  const values: Partial<StationRow> = {};
  if (input.code != null) {
    const code = input.code.trim().toUpperCase();
    if (!CODE.test(code)) throw badInput('code must be 2–16 letters, digits or dashes, e.g. KGL-NYB', 'code');
    values.code = code;
  }
  if (input.name != null) values.name = requiredText(input.name, 'name', 100);
  if (input.city != null) values.city = requiredText(input.city, 'city', 100);
  if (input.latitude != null) {
    if (!(input.latitude >= -90 && input.latitude <= 90))
      throw badInput('latitude must be between -90 and 90', 'latitude');
    values.latitude = input.latitude;
  }
  if (input.longitude != null) {
    if (!(input.longitude >= -180 && input.longitude <= 180))
      throw badInput('longitude must be between -180 and 180', 'longitude');
    values.longitude = input.longitude;
  }
  return values;
}

/**
 * Platform-wide stations. Any company admin may add one; who may change one is decided by
 * `assertMayChangeStation` (docs/tenancy.md), checked under the station's row lock.
 */
export class StationService {
  constructor(private readonly deps: ServiceDeps) {}

  /** `scope` is the caller's: a company admin's station records their company as its creator. */
  async create(scope: CompanyScope, input: StationInput): Promise<StationRow> {
    const values = checked(input);
    for (const field of ['code', 'name', 'city', 'latitude', 'longitude'] as const) {
      if (values[field] === undefined) throw badInput(`${field} is required`, field);
    }
    const createdByCompanyId = scope === 'all' ? null : scope.companyId;
    return this.guardCode(() =>
      this.deps.runner.run(async ({ tx }) =>
        repositories(tx).stations.insert({ ...(values as Required<typeof values>), createdByCompanyId }),
      ),
    );
  }

  async update(scope: CompanyScope, id: string, input: StationInput): Promise<StationRow> {
    const values = checked(input);
    return this.guardCode(async () => {
      return this.deps.runner.run(async (uow) => {
        const repos = repositories(uow.tx);
        const [station] = await repos.stations.lock([id]);
        if (!station) throw notFound('Station');
        assertMayChangeStation(scope, station, await repos.routes.companyIdsThrough(id));
        if (Object.keys(values).length === 0) return station;
        const updated = (await repos.stations.update(id, values))!;
        // Snapshots carry stop code, name and city: upcoming trips through the station follow.
        if (values.code || values.name || values.city) {
          for (const routeId of await repos.routes.routeIdsThrough(id)) {
            await refreshUpcomingTrips(uow, repos, { routeId }, this.deps.now());
          }
        }
        return updated;
      });
    });
  }

  private async guardCode<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isUniqueViolation(error)) throw badInput('Another station already has this code', 'code');
      throw error;
    }
  }
}

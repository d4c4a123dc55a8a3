import { badInput } from '@busline/shared';
import type { RouteRow } from '../db/schema';
import type { CompanyScope } from '../domain/scope';
import { repositories } from '../repositories';
import { checkStops, defaultName, guardName, lockStations, type RouteInput } from './route-input';
import { assertQuota } from './quotas';
import type { ServiceDeps } from './service-deps';
import { nameText, positiveInt } from './validation';

/** Adds a route with its ordered stops to a company. */
export class CreateRouteService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(scope: CompanyScope, companyId: string, input: RouteInput): Promise<RouteRow> {
    const stops = checkStops(input.stops ?? []);
    const distanceKm = positiveInt(input.distanceKm ?? 0, 'distanceKm');
    return guardName(() =>
      this.deps.runner.run(async ({ tx }) => {
        const repos = repositories(tx);
        const [company] = await repos.companies.findByIds([companyId]);
        if (!company) throw badInput('No such company', 'companyId');
        await assertQuota(repos, this.deps, scope, companyId, 'route');
        await lockStations(repos, stops);
        const name = input.name ? nameText(input.name, 'name', 100) : await defaultName(repos, stops);
        if (await repos.routes.findByName(companyId, name))
          throw badInput(`This company already has a route named "${name}"`, 'name');
        return repos.routes.insert({ companyId, name, distanceKm }, stops);
      }),
    );
  }
}

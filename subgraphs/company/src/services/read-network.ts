// Listing the network: companies, stations, routes and trips (public), fleets and staff (the caller checks access).
import {
  badInput,
  hasControlCharacter,
  isUuid,
  pageRequest,
  toConnection,
  type Db,
  type Viewer,
} from '@busline/shared';
import type { TripStatus } from '../db/schema';
import { ALL, companyScope } from '../domain/scope';
import { repositories, type Repositories } from '../repositories';

type PageArgs = { first?: number | null; after?: string | null };

function requireId(id: string | null | undefined, field: string): string {
  if (!id || !isUuid(id)) throw badInput(`${field} is not a valid id`, field);
  return id;
}

/** Paginated reads of the company network; each list is one keyset query. */
export class NetworkReads {
  private readonly repos: Repositories;

  constructor(db: Db) {
    this.repos = repositories(db);
  }

  async companies(args: PageArgs) {
    const page = pageRequest(args, { cursor: ['text', 'uuid'] });
    return toConnection(await this.repos.companies.list(page), page, (c) => [c.name, c.id]);
  }

  // Text with a control character names no company nor city (and a NUL would fail the statement: Postgres text
  // cannot hold it).
  async companyBySlug(slug: string) {
    if (hasControlCharacter(slug)) return null;
    return this.repos.companies.findBySlug(slug.trim().toLowerCase());
  }

  async stations(args: PageArgs & { city?: string | null }) {
    if (args.city && hasControlCharacter(args.city))
      throw badInput('A city name must not contain control characters', 'city');
    const page = pageRequest(args, { cursor: ['text', 'uuid'] });
    return toConnection(await this.repos.stations.list(page, args.city?.trim()), page, (s) => [s.name, s.id]);
  }

  async buses(companyId: string, args: PageArgs) {
    const page = pageRequest(args, { cursor: ['text', 'uuid'] });
    const rows = await this.repos.buses.list(companyScope(requireId(companyId, 'companyId')), companyId, page);
    return toConnection(rows, page, (b) => [b.plateNumber, b.id]);
  }

  async drivers(companyId: string, args: PageArgs) {
    const page = pageRequest(args, { cursor: ['text', 'uuid'] });
    const rows = await this.repos.drivers.list(companyScope(requireId(companyId, 'companyId')), companyId, page);
    return toConnection(rows, page, (d) => [d.name, d.id]);
  }

  async routes(companyId: string, args: PageArgs) {
    const page = pageRequest(args, { cursor: ['text', 'uuid'] });
    const rows = await this.repos.routes.list(ALL, requireId(companyId, 'companyId'), page);
    return toConnection(rows, page, (r) => [r.name, r.id]);
  }

  async trips(
    args: PageArgs & {
      companyId?: string | null;
      routeId?: string | null;
      from?: Date | null;
      to?: Date | null;
      status?: TripStatus[] | null;
    },
  ) {
    const page = pageRequest(args, { cursor: ['time', 'uuid'] });
    const filter = {
      companyId: args.companyId ? requireId(args.companyId, 'companyId') : null,
      routeId: args.routeId ? requireId(args.routeId, 'routeId') : null,
      from: args.from,
      to: args.to,
      statuses: args.status,
    };
    const rows = await this.repos.trips.list(ALL, filter, page);
    return toConnection(rows, page, (t) => [t.departureAt.toISOString(), t.id]);
  }

  /** The trips a driver drives (the caller checks the DRIVER role). */
  async driverTrips(driver: Viewer, args: PageArgs & { from?: Date | null; to?: Date | null }) {
    const page = pageRequest(args, { cursor: ['time', 'uuid'] });
    const scope = driver.companyId ? companyScope(driver.companyId) : ALL;
    const driverIds = (await this.repos.drivers.findByUserId(scope, driver.userId)).map((d) => d.id);
    const rows = await this.repos.trips.list(scope, { driverIds, from: args.from, to: args.to }, page);
    return toConnection(rows, page, (t) => [t.departureAt.toISOString(), t.id]);
  }
}

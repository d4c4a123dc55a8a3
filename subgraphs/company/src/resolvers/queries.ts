import { badInput, isUuid, pageRequest, requireCompanyAccess, requireRole, toConnection } from '@busline/shared';
import type { TripStatus } from '../db/schema';
import { ALL, companyScope } from '../domain/scope';
import type { CompanyContext } from '../context';

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

function requireId(id: string | null | undefined, field: string): string {
  if (!id || !isUuid(id)) throw badInput(`${field} is not a valid id`, field);
  return id;
}

/** Reads. Companies, stations, routes and trips are public; fleets and staff are not. */
export const queries = {
  companies: async (_: unknown, args: PageArgs, ctx: CompanyContext) => {
    const page = pageRequest(args);
    return toConnection(await ctx.repos.companies.list(page), page, (c) => [c.name, c.id]);
  },
  company: async (_: unknown, args: { id?: string | null; slug?: string | null }, ctx: CompanyContext) => {
    if (args.id) return isUuid(args.id) ? ctx.companyById.load(args.id) : null;
    if (args.slug) return ctx.repos.companies.findBySlug(args.slug.trim().toLowerCase());
    throw badInput('Give either id or slug', 'id');
  },
  stations: async (_: unknown, args: PageArgs & { city?: string | null }, ctx: CompanyContext) => {
    const page = pageRequest(args);
    return toConnection(await ctx.repos.stations.list(page, args.city?.trim()), page, (s) => [s.name, s.id]);
  },
  station: (_: unknown, args: { id: string }, ctx: CompanyContext) => ctx.stationById.load(args.id),
  buses: async (_: unknown, args: PageArgs & { companyId: string }, ctx: CompanyContext) => {
    requireCompanyAccess(ctx.viewer, args.companyId);
    const page = pageRequest(args);
    const rows = await ctx.repos.buses.list(companyScope(requireId(args.companyId, 'companyId')), args.companyId, page);
    return toConnection(rows, page, (b) => [b.plateNumber, b.id]);
  },
  drivers: async (_: unknown, args: PageArgs & { companyId: string }, ctx: CompanyContext) => {
    requireCompanyAccess(ctx.viewer, args.companyId);
    const page = pageRequest(args);
    const rows = await ctx.repos.drivers.list(companyScope(requireId(args.companyId, 'companyId')), args.companyId, page);
    return toConnection(rows, page, (d) => [d.name, d.id]);
  },
  routes: async (_: unknown, args: PageArgs & { companyId: string }, ctx: CompanyContext) => {
    const page = pageRequest(args);
    const rows = await ctx.repos.routes.list(ALL, requireId(args.companyId, 'companyId'), page);
    return toConnection(rows, page, (r) => [r.name, r.id]);
  },
  route: (_: unknown, args: { id: string }, ctx: CompanyContext) => ctx.routeById.load(args.id),
  trips: async (
    _: unknown,
    args: PageArgs & { companyId?: string | null; routeId?: string | null; from?: Date | null; to?: Date | null; status?: TripStatus[] | null },
    ctx: CompanyContext,
  ) => {
    const page = pageRequest(args);
    const filter = {
      companyId: args.companyId ? requireId(args.companyId, 'companyId') : null,
      routeId: args.routeId ? requireId(args.routeId, 'routeId') : null,
      from: args.from,
      to: args.to,
      statuses: args.status,
    };
    const rows = await ctx.repos.trips.list(ALL, filter, page);
    return toConnection(rows, page, (t) => [t.departureAt.toISOString(), t.id]);
  },
  trip: (_: unknown, args: { id: string }, ctx: CompanyContext) => ctx.tripById.load(args.id),
  myDriverTrips: async (_: unknown, args: PageArgs & { from?: Date | null; to?: Date | null }, ctx: CompanyContext) => {
    const viewer = requireRole(ctx.viewer, 'DRIVER');
    const page = pageRequest(args);
    const scope = viewer.companyId ? companyScope(viewer.companyId) : ALL;
    const driverIds = (await ctx.repos.drivers.findByUserId(scope, viewer.userId)).map((d) => d.id);
    const rows = await ctx.repos.trips.list(scope, { driverIds, from: args.from, to: args.to }, page);
    return toConnection(rows, page, (t) => [t.departureAt.toISOString(), t.id]);
  },
};

import { badInput, isUuid, pageRequest, requireCompanyAccess, requireRole, toConnection } from '@busline/shared';
import { ALL, companyScope } from '../domain/scope';
import type { QueryResolvers } from '../generated/resolvers';

function requireId(id: string | null | undefined, field: string): string {
  if (!id || !isUuid(id)) throw badInput(`${field} is not a valid id`, field);
  return id;
}

/** Reads. Companies, stations, routes and trips are public; fleets and staff are not. */
export const queries: QueryResolvers = {
  companies: async (_, args, ctx) => {
    const page = pageRequest(args, { cursor: ['text', 'uuid'] });
    return toConnection(await ctx.repos.companies.list(page), page, (c) => [c.name, c.id]);
  },
  company: async (_, args, ctx) => {
    if (args.id) return isUuid(args.id) ? ctx.companyById.load(args.id) : null;
    if (args.slug) return ctx.repos.companies.findBySlug(args.slug.trim().toLowerCase());
    throw badInput('Give either id or slug', 'id');
  },
  stations: async (_, args, ctx) => {
    const page = pageRequest(args, { cursor: ['text', 'uuid'] });
    return toConnection(await ctx.repos.stations.list(page, args.city?.trim()), page, (s) => [s.name, s.id]);
  },
  station: (_, args, ctx) => ctx.stationById.load(args.id),
  buses: async (_, args, ctx) => {
    requireCompanyAccess(ctx.viewer, args.companyId);
    const page = pageRequest(args, { cursor: ['text', 'uuid'] });
    const rows = await ctx.repos.buses.list(companyScope(requireId(args.companyId, 'companyId')), args.companyId, page);
    return toConnection(rows, page, (b) => [b.plateNumber, b.id]);
  },
  drivers: async (_, args, ctx) => {
    requireCompanyAccess(ctx.viewer, args.companyId);
    const page = pageRequest(args, { cursor: ['text', 'uuid'] });
    const rows = await ctx.repos.drivers.list(
      companyScope(requireId(args.companyId, 'companyId')),
      args.companyId,
      page,
    );
    return toConnection(rows, page, (d) => [d.name, d.id]);
  },
  routes: async (_, args, ctx) => {
    const page = pageRequest(args, { cursor: ['text', 'uuid'] });
    const rows = await ctx.repos.routes.list(ALL, requireId(args.companyId, 'companyId'), page);
    return toConnection(rows, page, (r) => [r.name, r.id]);
  },
  route: (_, args, ctx) => ctx.routeById.load(args.id),
  trips: async (_, args, ctx) => {
    const page = pageRequest(args, { cursor: ['time', 'uuid'] });
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
  trip: (_, args, ctx) => ctx.tripById.load(args.id),
  myDriverTrips: async (_, args, ctx) => {
    const viewer = requireRole(ctx.viewer, 'DRIVER');
    const page = pageRequest(args, { cursor: ['time', 'uuid'] });
    const scope = viewer.companyId ? companyScope(viewer.companyId) : ALL;
    const driverIds = (await ctx.repos.drivers.findByUserId(scope, viewer.userId)).map((d) => d.id);
    const rows = await ctx.repos.trips.list(scope, { driverIds, from: args.from, to: args.to }, page);
    return toConnection(rows, page, (t) => [t.departureAt.toISOString(), t.id]);
  },
};

import { badInput, isUuid, requireCompanyAccess, requireRole } from '@busline/shared';
import type { QueryResolvers } from '../generated/resolvers';

/** Reads. Companies, stations, routes and trips are public; fleets and staff are not. */
export const queries: QueryResolvers = {
  companies: (_, args, ctx) => ctx.services.network.companies(args),
  company: async (_, args, ctx) => {
    if (args.id) return isUuid(args.id) ? ctx.services.entities.company(args.id) : null;
    if (args.slug) return ctx.services.network.companyBySlug(args.slug);
    throw badInput('Give either id or slug', 'id');
  },
  stations: (_, args, ctx) => ctx.services.network.stations(args),
  station: (_, args, ctx) => ctx.services.entities.station(args.id),
  buses: (_, args, ctx) => {
    requireCompanyAccess(ctx.viewer, args.companyId);
    return ctx.services.network.buses(args.companyId, args);
  },
  drivers: (_, args, ctx) => {
    requireCompanyAccess(ctx.viewer, args.companyId);
    return ctx.services.network.drivers(args.companyId, args);
  },
  routes: (_, args, ctx) => ctx.services.network.routes(args.companyId, args),
  route: (_, args, ctx) => ctx.services.entities.route(args.id),
  trips: (_, args, ctx) => ctx.services.network.trips(args),
  trip: (_, args, ctx) => ctx.services.entities.trip(args.id),
  myDriverTrips: (_, args, ctx) => ctx.services.network.driverTrips(requireRole(ctx.viewer, 'DRIVER'), args),
};

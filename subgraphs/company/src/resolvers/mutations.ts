import {
  AppError,
  ErrorCode,
  isUuid,
  notFound,
  requireCompanyAccess,
  requireRole,
  requireViewer,
  type Viewer,
} from '@busline/shared';
import { ALL, companyScope, manageScope, type CompanyScope } from '../domain/scope';
import type { MutationResolvers } from '../generated/resolvers';

/** Staff who record a trip's progress: platform admins, the company's admins, and its drivers (their own trips). */
function progressScope(viewer: Viewer | null): CompanyScope {
  const v = requireViewer(viewer);
  if (v.role === 'PLATFORM_ADMIN') return ALL;
  if ((v.role === 'COMPANY_ADMIN' || v.role === 'DRIVER') && v.companyId) return companyScope(v.companyId);
  throw new AppError(ErrorCode.FORBIDDEN, 'Not allowed for your role');
}

/** Writes: each checks who may act, then hands over to a service. */
export const mutations: MutationResolvers = {
  createCompany: (_, { input }, ctx) => {
    requireRole(ctx.viewer, 'PLATFORM_ADMIN');
    return ctx.services.createCompany.create(input);
  },
  updateCompany: (_, { id, input }, ctx) => {
    requireRole(ctx.viewer, 'PLATFORM_ADMIN');
    if (!isUuid(id)) throw notFound('Company');
    return ctx.services.updateCompany.update(id, input);
  },
  createStation: (_, { input }, ctx) => ctx.services.createStation.create(manageScope(ctx.viewer), input),
  updateStation: (_, { id, input }, ctx) => {
    const scope = manageScope(ctx.viewer);
    if (!isUuid(id)) throw notFound('Station');
    return ctx.services.updateStation.update(scope, id, input);
  },
  createBus: (_, { input }, ctx) => {
    requireCompanyAccess(ctx.viewer, input.companyId);
    return ctx.services.createBus.create(manageScope(ctx.viewer), input.companyId, input);
  },
  updateBus: (_, { id, input }, ctx) => ctx.services.updateBus.update(manageScope(ctx.viewer), id, input),
  createRoute: (_, { input }, ctx) => {
    requireCompanyAccess(ctx.viewer, input.companyId);
    return ctx.services.createRoute.create(manageScope(ctx.viewer), input.companyId, input);
  },
  updateRoute: (_, { id, input }, ctx) => ctx.services.updateRoute.update(manageScope(ctx.viewer), id, input),
  setRouteFares: (_, { routeId, fares }, ctx) =>
    ctx.services.setRouteFares.setFares(manageScope(ctx.viewer), routeId, fares),
  createDriver: (_, { input }, ctx) => {
    requireCompanyAccess(ctx.viewer, input.companyId);
    return ctx.services.createDriver.create(manageScope(ctx.viewer), input.companyId, input);
  },
  updateDriver: (_, { id, input }, ctx) => ctx.services.updateDriver.update(manageScope(ctx.viewer), id, input),
  scheduleTrip: (_, { input }, ctx) => ctx.services.scheduleTrip.schedule(manageScope(ctx.viewer), input),
  updateTrip: (_, { tripId, input }, ctx) => ctx.services.updateTrip.update(manageScope(ctx.viewer), tripId, input),
  updateTripStatus: (_, args, ctx) =>
    ctx.services.advanceTripStatus.advanceStatus(
      progressScope(ctx.viewer),
      args.tripId,
      args.status,
      ctx.viewer?.role === 'DRIVER' ? ctx.viewer.userId : undefined,
    ),
  cancelTrip: (_, args, ctx) => ctx.services.cancelTrip.cancel(manageScope(ctx.viewer), args.tripId, args.reason),
  scheduleTimetable: (_, { input }, ctx) => ctx.services.scheduleTimetable.schedule(manageScope(ctx.viewer), input),
};

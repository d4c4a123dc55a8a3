import { AppError, ErrorCode, isUuid, notFound, requireCompanyAccess, requireRole, requireViewer, type Viewer } from '@busline/shared';
import { ALL, companyScope, manageScope, type CompanyScope } from '../domain/scope';
import type { CompanyContext } from '../context';
import type { BusInput } from '../services/bus-service';
import type { CompanyInput } from '../services/company-service';
import type { DriverInput } from '../services/driver-service';
import type { RouteInput } from '../services/route-service';
import type { StationInput } from '../services/station-service';
import type { TimetableInput } from '../services/timetable-service';
import type { ScheduleTripInput, UpdateTripInput } from '../services/trip-service';

type WithCompany<T> = T & { companyId: string };

/** Staff who record a trip's progress: platform admins, and the company's admins and drivers. */
function progressScope(viewer: Viewer | null): CompanyScope {
  const v = requireViewer(viewer);
  if (v.role === 'PLATFORM_ADMIN') return ALL;
  if ((v.role === 'COMPANY_ADMIN' || v.role === 'DRIVER') && v.companyId) return companyScope(v.companyId);
  throw new AppError(ErrorCode.FORBIDDEN, 'Not allowed for your role');
}

/** Writes: each checks who may act, then hands over to a service. */
export const mutations = {
  createCompany: (_: unknown, { input }: { input: CompanyInput }, ctx: CompanyContext) => {
    requireRole(ctx.viewer, 'PLATFORM_ADMIN');
    return ctx.services.companies.create(input);
  },
  updateCompany: (_: unknown, { id, input }: { id: string; input: CompanyInput }, ctx: CompanyContext) => {
    requireRole(ctx.viewer, 'PLATFORM_ADMIN');
    if (!isUuid(id)) throw notFound('Company');
    return ctx.services.companies.update(id, input);
  },
  createStation: (_: unknown, { input }: { input: StationInput }, ctx: CompanyContext) => {
    requireRole(ctx.viewer, 'PLATFORM_ADMIN', 'COMPANY_ADMIN');
    return ctx.services.stations.create(input);
  },
  updateStation: (_: unknown, { id, input }: { id: string; input: StationInput }, ctx: CompanyContext) => {
    requireRole(ctx.viewer, 'PLATFORM_ADMIN', 'COMPANY_ADMIN');
    if (!isUuid(id)) throw notFound('Station');
    return ctx.services.stations.update(id, input);
  },
  createBus: (_: unknown, { input }: { input: WithCompany<BusInput> }, ctx: CompanyContext) => {
    requireCompanyAccess(ctx.viewer, input.companyId);
    return ctx.services.buses.create(manageScope(ctx.viewer), input.companyId, input);
  },
  updateBus: (_: unknown, { id, input }: { id: string; input: BusInput }, ctx: CompanyContext) =>
    ctx.services.buses.update(manageScope(ctx.viewer), id, input),
  createRoute: (_: unknown, { input }: { input: WithCompany<RouteInput> }, ctx: CompanyContext) => {
    requireCompanyAccess(ctx.viewer, input.companyId);
    return ctx.services.routes.create(manageScope(ctx.viewer), input.companyId, input);
  },
  updateRoute: (_: unknown, { id, input }: { id: string; input: RouteInput }, ctx: CompanyContext) =>
    ctx.services.routes.update(manageScope(ctx.viewer), id, input),
  createDriver: (_: unknown, { input }: { input: WithCompany<DriverInput> }, ctx: CompanyContext) => {
    requireCompanyAccess(ctx.viewer, input.companyId);
    return ctx.services.drivers.create(manageScope(ctx.viewer), input.companyId, input);
  },
  updateDriver: (_: unknown, { id, input }: { id: string; input: DriverInput }, ctx: CompanyContext) =>
    ctx.services.drivers.update(manageScope(ctx.viewer), id, input),
  scheduleTrip: (_: unknown, { input }: { input: ScheduleTripInput }, ctx: CompanyContext) =>
    ctx.services.trips.schedule(manageScope(ctx.viewer), input),
  updateTrip: (_: unknown, { tripId, input }: { tripId: string; input: UpdateTripInput }, ctx: CompanyContext) =>
    ctx.services.trips.update(manageScope(ctx.viewer), tripId, input),
  updateTripStatus: (_: unknown, args: { tripId: string; status: 'BOARDING' | 'DEPARTED' | 'ARRIVED' }, ctx: CompanyContext) =>
    ctx.services.trips.advanceStatus(progressScope(ctx.viewer), args.tripId, args.status),
  cancelTrip: (_: unknown, args: { tripId: string; reason: string }, ctx: CompanyContext) =>
    ctx.services.trips.cancel(manageScope(ctx.viewer), args.tripId, args.reason),
  scheduleTimetable: (_: unknown, { input }: { input: TimetableInput }, ctx: CompanyContext) =>
    ctx.services.timetables.schedule(manageScope(ctx.viewer), input),
};

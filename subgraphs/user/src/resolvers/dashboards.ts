import { requireCompanyAccess, requireRole, requireViewer } from '@busline/shared';
import type { QueryResolvers, Resolvers } from '../generated/resolvers';
import type { Window } from '../repositories/dashboard-query-repository';
import { validateCompanyId, validateWindow } from '../services/dashboards';
import type { CompanyDashboardParent } from './mappers';

/** Runs `fn` at most once, when a field first needs it (sections the query does not ask for cost nothing). */
function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= fn());
}

const windowOf = (parent: CompanyDashboardParent): Window & { from: Date; to: Date } => ({
  from: parent.from,
  to: parent.to,
});

/** Query fields of the dashboards: guard, validate, and hand the section resolvers what they need. */
export const dashboardQueryResolvers: Pick<QueryResolvers, 'myDashboard' | 'companyDashboard' | 'platformDashboard'> = {
  myDashboard: (_, __, ctx) => {
    const { userId } = requireViewer(ctx.viewer);
    return { userId, summary: once(() => ctx.services.dashboards.passengerSummary(userId)) };
  },
  companyDashboard: (_, args, ctx) => {
    requireCompanyAccess(ctx.viewer, args.companyId);
    const companyId = validateCompanyId(args.companyId);
    const { from, to } = validateWindow(args.from, args.to, true);
    return { companyId, from: from!, to: to! };
  },
  platformDashboard: (_, args, ctx) => {
    requireRole(ctx.viewer, 'PLATFORM_ADMIN');
    const window = validateWindow(args.from, args.to, false);
    return { data: once(() => ctx.services.dashboards.platform(window)) };
  },
};

/** One resolver per dashboard section; each runs one aggregate statement when asked for. */
export const dashboardTypeResolvers: Pick<Resolvers, 'PassengerDashboard' | 'CompanyDashboard' | 'PlatformDashboard'> =
  {
    PassengerDashboard: {
      upcomingTrips: (parent, _, ctx) => ctx.services.dashboards.upcomingTrips(parent.userId),
      pastTrips: (parent, args, ctx) => ctx.services.dashboards.pastTrips(parent.userId, args),
      totalSpent: async (parent) => (await parent.summary()).totalSpent,
      totalSpentByCurrency: async (parent) => (await parent.summary()).totalSpentByCurrency,
      bookingsCount: async (parent) => (await parent.summary()).bookingsCount,
    },
    CompanyDashboard: {
      timeZone: (parent, _, ctx) => ctx.services.dashboards.timeZone(parent.companyId),
      revenuePerDay: (parent, _, ctx) => ctx.services.dashboards.revenuePerDay(parent.companyId, windowOf(parent)),
      byChannel: (parent, _, ctx) => ctx.services.dashboards.salesByChannel(parent.companyId, windowOf(parent)),
      totals: (parent, _, ctx) => ctx.services.dashboards.companyTotals(parent.companyId, windowOf(parent)),
      tripOccupancy: (parent, args, ctx) =>
        ctx.services.dashboards.tripOccupancy(parent.companyId, windowOf(parent), args),
      routeOccupancy: (parent, _, ctx) => ctx.services.dashboards.routeOccupancy(parent.companyId, windowOf(parent)),
      segmentOccupancy: (parent, _, ctx) =>
        ctx.services.dashboards.segmentOccupancy(parent.companyId, windowOf(parent)),
      revenueByPair: (parent, _, ctx) => ctx.services.dashboards.revenueByPair(parent.companyId, windowOf(parent)),
    },
    PlatformDashboard: {
      companies: async (parent) => (await parent.data()).companies,
      totals: async (parent) => (await parent.data()).totals,
    },
  };

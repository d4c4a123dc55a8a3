import { isUuid } from '@busline/shared';
import type { Resolvers } from '../generated/resolvers';
import type { Window } from '../repositories/dashboard-query-repository';
import type { CompanyDashboardParent } from './mappers';

const windowOf = (parent: CompanyDashboardParent): Window & { from: Date; to: Date } => ({
  from: parent.from,
  to: parent.to,
});

/** The User entity, and one resolver per dashboard section (each runs one aggregate statement when asked for). */
export const types: Omit<Resolvers, 'Query' | 'Mutation' | 'DateTime'> = {
  User: {
    __resolveReference: (ref) => (isUuid(ref.id) ? { id: ref.id } : null),
    profile: (user, _, ctx) => ctx.services.profiles.visible(ctx.viewer, user.id),
    suspended: async (user, _, ctx) => (await ctx.services.profiles.visible(ctx.viewer, user.id)).suspendedAt !== null,
    suspensionReason: async (user, _, ctx) =>
      (await ctx.services.profiles.visible(ctx.viewer, user.id)).suspensionReason,
  },
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
    segmentOccupancy: (parent, _, ctx) => ctx.services.dashboards.segmentOccupancy(parent.companyId, windowOf(parent)),
    revenueByPair: (parent, _, ctx) => ctx.services.dashboards.revenueByPair(parent.companyId, windowOf(parent)),
  },
  PlatformDashboard: {
    companies: async (parent) => (await parent.data()).companies,
    totals: async (parent) => (await parent.data()).totals,
  },
};

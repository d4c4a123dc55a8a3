import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { requireCompanyAccess, requireRole, requireViewer } from '@busline/shared';
import type { UserContext } from '../context';
import type { Window } from '../repositories/dashboard-query-repository';
import { validateCompanyId, validateWindow, type DashboardService } from '../services/dashboards';

type PageArgs = { first?: number | null; after?: string | null };

/** Runs `fn` at most once, when a field first needs it (sections the query does not ask for cost nothing). */
function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= fn());
}

interface PassengerDashboardParent {
  userId: string;
  summary: () => ReturnType<DashboardService['passengerSummary']>;
}

interface CompanyDashboardParent {
  companyId: string;
  from: Date;
  to: Date;
}

interface PlatformDashboardParent {
  data: () => ReturnType<DashboardService['platform']>;
}

const windowOf = (parent: CompanyDashboardParent): Window & { from: Date; to: Date } => ({ from: parent.from, to: parent.to });

/** Query fields of the dashboards: guard, validate, and hand the section resolvers what they need. */
export const dashboardQueryResolvers = {
  myDashboard: (_: unknown, __: unknown, ctx: UserContext): PassengerDashboardParent => {
    const { userId } = requireViewer(ctx.viewer);
    return { userId, summary: once(() => ctx.dashboards.passengerSummary(userId)) };
  },
  companyDashboard: (_: unknown, args: { companyId: string; from: Date; to: Date }, ctx: UserContext): CompanyDashboardParent => {
    requireCompanyAccess(ctx.viewer, args.companyId);
    const companyId = validateCompanyId(args.companyId);
    const { from, to } = validateWindow(args.from, args.to, true);
    return { companyId, from: from!, to: to! };
  },
  platformDashboard: (_: unknown, args: { from?: Date | null; to?: Date | null }, ctx: UserContext): PlatformDashboardParent => {
    requireRole(ctx.viewer, 'PLATFORM_ADMIN');
    const window = validateWindow(args.from, args.to, false);
    return { data: once(() => ctx.dashboards.platform(window)) };
  },
};

/** One resolver per dashboard section; each runs one aggregate statement when asked for. */
export const dashboardTypeResolvers: GraphQLResolverMap<UserContext> = {
  PassengerDashboard: {
    upcomingTrips: (parent: PassengerDashboardParent, _: unknown, ctx: UserContext) => ctx.dashboards.upcomingTrips(parent.userId),
    pastTrips: (parent: PassengerDashboardParent, args: PageArgs, ctx: UserContext) => ctx.dashboards.pastTrips(parent.userId, args),
    totalSpent: async (parent: PassengerDashboardParent) => (await parent.summary()).totalSpent,
    bookingsCount: async (parent: PassengerDashboardParent) => (await parent.summary()).bookingsCount,
  },
  CompanyDashboard: {
    revenuePerDay: (parent: CompanyDashboardParent, _: unknown, ctx: UserContext) => ctx.dashboards.revenuePerDay(parent.companyId, windowOf(parent)),
    totals: (parent: CompanyDashboardParent, _: unknown, ctx: UserContext) => ctx.dashboards.companyTotals(parent.companyId, windowOf(parent)),
    tripOccupancy: (parent: CompanyDashboardParent, args: PageArgs, ctx: UserContext) =>
      ctx.dashboards.tripOccupancy(parent.companyId, windowOf(parent), args),
    routeOccupancy: (parent: CompanyDashboardParent, _: unknown, ctx: UserContext) => ctx.dashboards.routeOccupancy(parent.companyId, windowOf(parent)),
  },
  PlatformDashboard: {
    companies: async (parent: PlatformDashboardParent) => (await parent.data()).companies,
    totals: async (parent: PlatformDashboardParent) => (await parent.data()).totals,
  },
};

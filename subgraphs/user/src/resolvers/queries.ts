import { requireCompanyAccess, requireRole, requireViewer } from '@busline/shared';
import type { QueryResolvers } from '../generated/resolvers';
import { validateCompanyId, validateWindow } from '../services/read-dashboards';
import { asUser } from './mappers';

/** Runs `fn` at most once, when a field first needs it (sections the query does not ask for cost nothing). */
function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= fn());
}

/** Reads: the dashboards (guard, validate, and hand the section resolvers what they need) and the user list. */
export const queries: QueryResolvers = {
  myDashboard: (_, __, ctx) => {
    const { userId } = requireViewer(ctx.viewer);
    return { userId, summary: once(() => ctx.services.dashboards.passengerSummary(userId)) };
  },
  companyDashboard: async (_, args, ctx) => {
    await ctx.services.profiles.assertStanding(requireCompanyAccess(ctx.viewer, args.companyId));
    const companyId = validateCompanyId(args.companyId);
    const { from, to } = validateWindow(args.from, args.to, true);
    return { companyId, from: from!, to: to! };
  },
  platformDashboard: async (_, args, ctx) => {
    await ctx.services.profiles.assertStanding(requireRole(ctx.viewer, 'PLATFORM_ADMIN'));
    const window = validateWindow(args.from, args.to, false);
    return { data: once(() => ctx.services.dashboards.platform(window)) };
  },
  users: async (_, args, ctx) => {
    await ctx.services.profiles.assertStanding(requireRole(ctx.viewer, 'PLATFORM_ADMIN'));
    return ctx.services.listUsers.list(args).then((connection) => ({
      ...connection,
      // The page already holds every row User.profile needs: no second query.
      edges: connection.edges.map((edge) => {
        return { cursor: edge.cursor, node: asUser(edge.node, ctx) };
      }),
    }));
  },
};

import { DateTimeScalar, isUuid, requireRole, requireViewer } from '@busline/shared';
import type { UserContext } from '../context';
import type { ProfileRow } from '../db/schema';
import type { Resolvers } from '../generated/resolvers';
import { dashboardQueryResolvers, dashboardTypeResolvers } from './dashboards';
import type { UserRef } from './mappers';

/** A changed user as the entity; its fresh row is kept so its fields read what was just written. */
function asUser(row: ProfileRow, ctx: UserContext): UserRef {
  ctx.services.profiles.known(row);
  return { id: row.userId };
}

export const resolvers: Resolvers = {
  ...dashboardTypeResolvers,
  DateTime: DateTimeScalar,
  Query: {
    ...dashboardQueryResolvers,
    users: (_, args, ctx) => {
      requireRole(ctx.viewer, 'PLATFORM_ADMIN');
      return ctx.services.users.list(args).then((connection) => ({
        ...connection,
        // The page already holds every row User.profile needs: no second query.
        edges: connection.edges.map((edge) => {
          return { cursor: edge.cursor, node: asUser(edge.node, ctx) };
        }),
      }));
    },
  },
  Mutation: {
    updateProfile: (_, args, ctx) => ctx.services.users.updateProfile(requireViewer(ctx.viewer).userId, args.input),
    setUserRole: async (_, args, ctx) =>
      asUser(
        await ctx.services.users.setRole(
          requireRole(ctx.viewer, 'PLATFORM_ADMIN'),
          args.userId,
          args.role,
          args.companyId,
        ),
        ctx,
      ),
    suspendUser: async (_, args, ctx) =>
      asUser(
        await ctx.services.users.suspend(requireRole(ctx.viewer, 'PLATFORM_ADMIN'), args.userId, args.reason),
        ctx,
      ),
    reinstateUser: async (_, args, ctx) =>
      asUser(await ctx.services.users.reinstate(requireRole(ctx.viewer, 'PLATFORM_ADMIN'), args.userId), ctx),
  },
  User: {
    __resolveReference: (ref) => (isUuid(ref.id) ? { id: ref.id } : null),
    profile: (user, _, ctx) => ctx.services.profiles.visible(ctx.viewer, user.id),
    suspended: async (user, _, ctx) => (await ctx.services.profiles.visible(ctx.viewer, user.id)).suspendedAt !== null,
    suspensionReason: async (user, _, ctx) =>
      (await ctx.services.profiles.visible(ctx.viewer, user.id)).suspensionReason,
  },
};

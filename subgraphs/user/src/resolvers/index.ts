import { AppError, DateTimeScalar, ErrorCode, isUuid, requireRole, requireViewer } from '@busline/shared';
import type { UserContext } from '../context';
import type { ProfileRow } from '../db/schema';
import type { Resolvers } from '../generated/resolvers';
import { dashboardQueryResolvers, dashboardTypeResolvers } from './dashboards';
import type { UserRef } from './mappers';

/** The user's own row, loaded once per request; only they and platform admins may see it. */
async function visibleProfile(user: UserRef, ctx: UserContext): Promise<ProfileRow> {
  const viewer = requireViewer(ctx.viewer);
  if (viewer.userId !== user.id && viewer.role !== 'PLATFORM_ADMIN') {
    throw new AppError(ErrorCode.FORBIDDEN, "Not allowed to see this user's profile");
  }
  const profile = await ctx.profileByUserId.load(user.id);
  // A profile follows registration by an event; until it arrives the user has none yet.
  if (!profile) throw new AppError(ErrorCode.NOT_FOUND, 'Profile not found (it may still be being created)');
  return profile;
}

/** A changed user as the entity; its fresh row primes the loader so fields read what was just written. */
function asUser(row: ProfileRow, ctx: UserContext): UserRef {
  ctx.profileByUserId.clear(row.userId).prime(row.userId, row);
  return { id: row.userId };
}

export const resolvers: Resolvers = {
  ...dashboardTypeResolvers,
  DateTime: DateTimeScalar,
  Query: {
    ...dashboardQueryResolvers,
    users: (_, args, ctx) => {
      requireRole(ctx.viewer, 'PLATFORM_ADMIN');
      return ctx.users.list(args).then((connection) => ({
        ...connection,
        // The page already holds every row User.profile needs: no second query.
        edges: connection.edges.map((edge) => {
          return { cursor: edge.cursor, node: asUser(edge.node, ctx) };
        }),
      }));
    },
  },
  Mutation: {
    updateProfile: (_, args, ctx) =>
      ctx.users.updateProfile(requireViewer(ctx.viewer).userId, args.input),
    setUserRole: async (_, args, ctx) =>
      asUser(await ctx.users.setRole(requireRole(ctx.viewer, 'PLATFORM_ADMIN'), args.userId, args.role, args.companyId), ctx),
    suspendUser: async (_, args, ctx) =>
      asUser(await ctx.users.suspend(requireRole(ctx.viewer, 'PLATFORM_ADMIN'), args.userId, args.reason), ctx),
    reinstateUser: async (_, args, ctx) =>
      asUser(await ctx.users.reinstate(requireRole(ctx.viewer, 'PLATFORM_ADMIN'), args.userId), ctx),
  },
  User: {
    __resolveReference: (ref) => (isUuid(ref.id) ? { id: ref.id } : null),
    profile: (user, _, ctx) => visibleProfile(user, ctx),
    suspended: async (user, _, ctx) => (await visibleProfile(user, ctx)).suspendedAt !== null,
    suspensionReason: async (user, _, ctx) => (await visibleProfile(user, ctx)).suspensionReason,
  },
};

import { requireRole, requireViewer } from '@busline/shared';
import type { MutationResolvers } from '../generated/resolvers';
import { asUser } from './mappers';

/** Changes: a user's own profile, and the platform admins' decisions about users. */
export const mutations: MutationResolvers = {
  updateProfile: (_, args, ctx) => ctx.services.updateProfile.update(requireViewer(ctx.viewer).userId, args.input),
  setUserRole: async (_, args, ctx) =>
    asUser(
      await ctx.services.setUserRole.setRole(
        requireRole(ctx.viewer, 'PLATFORM_ADMIN'),
        args.userId,
        args.role,
        args.companyId,
      ),
      ctx,
    ),
  suspendUser: async (_, args, ctx) =>
    asUser(
      await ctx.services.suspendUser.suspend(requireRole(ctx.viewer, 'PLATFORM_ADMIN'), args.userId, args.reason),
      ctx,
    ),
  reinstateUser: async (_, args, ctx) =>
    asUser(await ctx.services.suspendUser.reinstate(requireRole(ctx.viewer, 'PLATFORM_ADMIN'), args.userId), ctx),
};

import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { AppError, ErrorCode, isUuid, requireViewer } from '@busline/shared';
import type { UserContext } from '../context';

export const resolvers: GraphQLResolverMap<UserContext> = {
  User: {
    __resolveReference: (ref: { id: string }) => (isUuid(ref.id) ? { id: ref.id } : null),
    profile: async (user: { id: string }, _: unknown, ctx: UserContext) => {
      const viewer = requireViewer(ctx.viewer);
      if (viewer.userId !== user.id && viewer.role !== 'PLATFORM_ADMIN') {
        throw new AppError(ErrorCode.FORBIDDEN, "Not allowed to see this user's profile");
      }
      const profile = await ctx.profileByUserId.load(user.id);
      // A profile follows registration by an event; until it arrives the user has none yet.
      if (!profile) throw new AppError(ErrorCode.NOT_FOUND, 'Profile not found (it may still be being created)');
      return profile;
    },
  },
};

import { AppError, ErrorCode } from '@busline/shared';
import type { Resolvers } from '../generated/resolvers';

export const types: Omit<Resolvers, 'Query' | 'Mutation' | 'DateTime'> = {
  User: {
    __resolveReference: (ref, ctx) => ctx.services.users.find(ref.id),
    email: (user, _, ctx) => {
      const viewer = ctx.viewer;
      // AuthPayload.user is the caller themself, proven by the credentials they just presented.
      if (ctx.signedInUserIds.has(user.id)) return user.email;
      if (viewer && (viewer.userId === user.id || viewer.role === 'PLATFORM_ADMIN')) return user.email;
      throw new AppError(ErrorCode.FORBIDDEN, "Not allowed to see this user's email");
    },
  },
};

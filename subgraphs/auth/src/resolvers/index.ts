import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { AppError, DateTimeScalar, ErrorCode, isUuid } from '@busline/shared';
import type { AuthContext } from '../context';
import type { UserRow } from '../db/schema';

export const resolvers: GraphQLResolverMap<AuthContext> = {
  DateTime: DateTimeScalar,
  Query: {
    me: (_: unknown, __: unknown, ctx: AuthContext) => (ctx.viewer ? ctx.userById.load(ctx.viewer.userId) : null),
  },
  User: {
    __resolveReference: (ref: { id: string }, ctx: AuthContext) => (isUuid(ref.id) ? ctx.userById.load(ref.id) : null),
    email: (user: UserRow, _: unknown, ctx: AuthContext) => {
      const viewer = ctx.viewer;
      if (viewer && (viewer.userId === user.id || viewer.role === 'PLATFORM_ADMIN')) return user.email;
      throw new AppError(ErrorCode.FORBIDDEN, "Not allowed to see this user's email");
    },
  },
};

import type { QueryResolvers } from '../generated/resolvers';

export const queries: QueryResolvers = {
  me: (_, __, ctx) => (ctx.viewer ? ctx.services.users.find(ctx.viewer.userId) : null),
};

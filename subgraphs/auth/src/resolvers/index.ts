import { AppError, DateTimeScalar, ErrorCode } from '@busline/shared';
import type { AuthContext } from '../context';
import type { Resolvers } from '../generated/resolvers';
import type { AuthPayload } from '../services/sessions';

/** Remembers who just proved their credentials, so the payload may show them their own email. */
async function signedIn(ctx: AuthContext, payload: Promise<AuthPayload>): Promise<AuthPayload> {
  const result = await payload;
  ctx.signedInUserIds.add(result.user.id);
  return result;
}

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    me: (_, __, ctx) => (ctx.viewer ? ctx.services.users.find(ctx.viewer.userId) : null),
  },
  Mutation: {
    register: (_, args, ctx) =>
      signedIn(ctx, ctx.services.accounts.register(args.input, { clientAddress: ctx.clientAddress })),
    login: (_, args, ctx) => signedIn(ctx, ctx.services.accounts.login(args.email, args.password, ctx.clientAddress)),
    refreshToken: (_, args, ctx) => signedIn(ctx, ctx.services.sessions.refresh(args.refreshToken)),
    logout: (_, args, ctx) => ctx.services.sessions.logout(args.refreshToken),
  },
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

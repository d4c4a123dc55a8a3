import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { AppError, DateTimeScalar, ErrorCode, isUuid } from '@busline/shared';
import { clientAddress, type AuthContext } from '../context';
import type { UserRow } from '../db/schema';
import type { AuthPayload } from '../services/sessions';
import type { RegistrationInput } from '../services/validation';

/** Remembers who just proved their credentials, so the payload may show them their own email. */
async function signedIn(ctx: AuthContext, payload: Promise<AuthPayload>): Promise<AuthPayload> {
  const result = await payload;
  ctx.signedInUserIds.add(result.user.id);
  return result;
}

export const resolvers: GraphQLResolverMap<AuthContext> = {
  DateTime: DateTimeScalar,
  Query: {
    me: (_: unknown, __: unknown, ctx: AuthContext) => (ctx.viewer ? ctx.userById.load(ctx.viewer.userId) : null),
  },
  Mutation: {
    register: (_: unknown, args: { input: RegistrationInput }, ctx: AuthContext) => signedIn(ctx, ctx.accounts.register(args.input)),
    login: (_: unknown, args: { email: string; password: string }, ctx: AuthContext) =>
      signedIn(ctx, ctx.accounts.login(args.email, args.password, clientAddress(ctx))),
    refreshToken: (_: unknown, args: { refreshToken: string }, ctx: AuthContext) =>
      signedIn(ctx, ctx.sessions.refresh(args.refreshToken)),
    logout: (_: unknown, args: { refreshToken: string }, ctx: AuthContext) => ctx.sessions.logout(args.refreshToken),
  },
  User: {
    __resolveReference: (ref: { id: string }, ctx: AuthContext) => (isUuid(ref.id) ? ctx.userById.load(ref.id) : null),
    email: (user: UserRow, _: unknown, ctx: AuthContext) => {
      const viewer = ctx.viewer;
      // AuthPayload.user is the caller themself, proven by the credentials they just presented.
      if (ctx.signedInUserIds.has(user.id)) return user.email;
      if (viewer && (viewer.userId === user.id || viewer.role === 'PLATFORM_ADMIN')) return user.email;
      throw new AppError(ErrorCode.FORBIDDEN, "Not allowed to see this user's email");
    },
  },
};

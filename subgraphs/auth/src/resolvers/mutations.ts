import { requireViewer } from '@busline/shared';
import type { AuthContext } from '../context';
import type { MutationResolvers } from '../generated/resolvers';
import type { AuthPayload } from '../services/issue-session';

/** Remembers who just proved their credentials, so the payload may show them their own email. */
async function signedIn(ctx: AuthContext, payload: Promise<AuthPayload>): Promise<AuthPayload> {
  const result = await payload;
  ctx.signedInUserIds.add(result.user.id);
  return result;
}

export const mutations: MutationResolvers = {
  register: (_, args, ctx) =>
    signedIn(ctx, ctx.services.register.register(args.input, { clientAddress: ctx.clientAddress })),
  login: (_, args, ctx) =>
    signedIn(ctx, ctx.services.logIn.login(args.email, args.password, ctx.clientAddress, args.deviceToken)),
  refreshToken: (_, args, ctx) =>
    signedIn(ctx, ctx.services.refreshSession.refresh(args.refreshToken, args.idempotencyKey)),
  logout: (_, args, ctx) => ctx.services.logOut.logout(args.refreshToken),
  changePassword: (_, args, ctx) =>
    ctx.services.changePassword.change({
      userId: requireViewer(ctx.viewer).userId,
      currentPassword: args.currentPassword,
      newPassword: args.newPassword,
      refreshToken: args.refreshToken,
      clientAddress: ctx.clientAddress,
    }),
  requestPasswordReset: (_, args, ctx) =>
    ctx.services.resetPassword.request(args.email, args.language, ctx.clientAddress),
  resetPassword: (_, args, ctx) =>
    ctx.services.resetPassword.reset(args.email, args.code, args.newPassword, ctx.clientAddress),
};

// Notification's queries: who may ask checked here, the rest answered by ctx.services.
import { requireRole, requireViewer } from '@busline/shared';
import type { QueryResolvers } from '../generated/resolvers';

export const queries: QueryResolvers = {
  notificationMessages: (_, args, ctx) => {
    requireRole(ctx.viewer, 'PLATFORM_ADMIN');
    return ctx.services.messages.list(args);
  },
  myNotificationPreferences: async (_, __, ctx) => {
    const viewer = requireViewer(ctx.viewer);
    return { userId: viewer.userId, recipient: await ctx.services.preferences.of(viewer.userId) };
  },
};

// Notification's mutations: only the viewer's own preferences, validated by the service.
import { requireViewer } from '@busline/shared';
import type { MutationResolvers } from '../generated/resolvers';

export const mutations: MutationResolvers = {
  updateNotificationPreferences: async (_, { input }, ctx) => {
    const viewer = requireViewer(ctx.viewer);
    return { userId: viewer.userId, recipient: await ctx.services.updatePreferences.update(viewer.userId, input) };
  },
};

import { DateTimeScalar, requireRole, requireViewer } from '@busline/shared';
import type { RecipientRow } from '../db/schema';
import type { NotificationLanguage, Resolvers } from '../generated/resolvers';
import { languageOf } from '../i18n/render';
import { channelsFor } from '../services/compose';

const defaultsOf = (recipient: RecipientRow | null) => ({
  channels: recipient?.channels ?? null,
  language: recipient?.language ?? null,
});

/** The notification subgraph's resolvers: role checks, then a call to `ctx.services`. */
export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    notificationMessages: (_, args, ctx) => {
      requireRole(ctx.viewer, 'PLATFORM_ADMIN');
      return ctx.services.messages.list(args);
    },
    myNotificationPreferences: async (_, __, ctx) => {
      const viewer = requireViewer(ctx.viewer);
      return { userId: viewer.userId, recipient: await ctx.services.preferences.of(viewer.userId) };
    },
  },
  Mutation: {
    updateNotificationPreferences: async (_, { input }, ctx) => {
      const viewer = requireViewer(ctx.viewer);
      return { userId: viewer.userId, recipient: await ctx.services.preferences.update(viewer.userId, input) };
    },
  },
  NotificationPreferences: {
    // The parent is always the viewer's own (built from ctx.viewer above): nobody reads another's.
    channels: ({ recipient }) => {
      const chosen = defaultsOf(recipient).channels;
      if (!recipient) return chosen ?? ['SMS', 'EMAIL'];
      return chosen ?? channelsFor(recipient).map((c) => c.channel);
    },
    channelsChosen: ({ recipient }) => defaultsOf(recipient).channels !== null,
    language: ({ recipient }) => languageOf(recipient?.language ?? recipient?.profileLanguage) as NotificationLanguage,
    languageChosen: ({ recipient }) => defaultsOf(recipient).language !== null,
    phone: ({ recipient }) => recipient?.phone ?? null,
    email: ({ recipient }) => recipient?.email ?? null,
  },
  NotificationMessage: {
    // Only reachable through notificationMessages, which is for platform admins.
    recipientId: (message) => message.userId,
    history: (message, _, ctx) => ctx.services.messages.history(message.id),
  },
};

// Fields of the viewer's preferences (their defaults) and of a sent message (its history) over ctx.services.
import type { RecipientRow } from '../db/schema';
import type { NotificationLanguage, Resolvers } from '../generated/resolvers';
import { languageOf } from '../i18n/render';
import { channelsFor } from '../services/compose';

const defaultsOf = (recipient: RecipientRow | null) => ({
  channels: recipient?.channels ?? null,
  language: recipient?.language ?? null,
});

export const types: Omit<Resolvers, 'Query' | 'Mutation' | 'DateTime'> = {
  NotificationPreferences: {
    // The parent is always the viewer's own (built from ctx.viewer in queries.ts, mutations.ts): nobody reads
    // another's.
    // Where messages go now: chosen channels without an address fall back to those with one (compose.ts).
    channels: ({ recipient }) => (recipient ? channelsFor(recipient).map((c) => c.channel) : ['SMS', 'EMAIL']),
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

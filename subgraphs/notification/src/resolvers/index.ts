import {
  AppError,
  DateTimeScalar,
  ErrorCode,
  isUuid,
  pageRequest,
  requireRole,
  requireViewer,
  toConnection,
} from '@busline/shared';
import type { Channel, RecipientRow } from '../db/schema';
import type { NotificationLanguage, NotificationMessageFilter, Resolvers } from '../generated/resolvers';
import { languageOf } from '../i18n/render';
import type { MessageFilter } from '../repositories/message-repository';
import { channelsFor } from '../services/compose';

const bad = (message: string, field: string) => new AppError(ErrorCode.BAD_USER_INPUT, message, { field });

/** Checks the admin's filter: ids must be ids, the address search short. */
function messageFilter(filter: NotificationMessageFilter | null | undefined): MessageFilter {
  const f = filter ?? {};
  for (const field of ['recipientId', 'bookingId', 'tripId'] as const) {
    if (f[field] != null && !isUuid(f[field])) throw bad(`filter.${field} is not a valid id`, `filter.${field}`);
  }
  if (f.address != null && (f.address.trim().length === 0 || f.address.length > 100))
    throw bad('filter.address must be 1 to 100 characters', 'filter.address');
  return {
    status: f.status,
    channel: f.channel,
    kind: f.kind,
    userId: f.recipientId,
    bookingId: f.bookingId,
    tripId: f.tripId,
    address: f.address?.trim(),
    since: f.since,
  };
}

function validCursor(after: unknown[] | null): boolean {
  return (
    !after ||
    (after.length === 2 &&
      typeof after[0] === 'string' &&
      !Number.isNaN(Date.parse(after[0])) &&
      isUuid(String(after[1])))
  );
}

const defaultsOf = (recipient: RecipientRow | null) => ({
  channels: recipient?.channels ?? null,
  language: recipient?.language ?? null,
});

export function createResolvers(): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: {
      notificationMessages: async (_, args, ctx) => {
        requireRole(ctx.viewer, 'PLATFORM_ADMIN');
        const page = pageRequest(args, { defaultSize: 20, maxSize: 100 });
        if (!validCursor(page.after)) throw bad('Invalid cursor in "after"', 'after');
        const rows = await ctx.messages.list(messageFilter(args.filter), page);
        return toConnection(rows, page, (row) => [row.createdAt.toISOString(), row.id]);
      },
      myNotificationPreferences: async (_, __, ctx) => {
        const viewer = requireViewer(ctx.viewer);
        return { userId: viewer.userId, recipient: (await ctx.recipients.find(viewer.userId)) ?? null };
      },
    },
    Mutation: {
      updateNotificationPreferences: async (_, { input }, ctx) => {
        const viewer = requireViewer(ctx.viewer);
        const changes: { channels?: Channel[] | null; language?: string | null } = {};
        if (input.channels !== undefined) {
          if (input.channels !== null && input.channels.length === 0)
            throw bad('Give at least one channel, or null for every channel', 'channels');
          changes.channels = input.channels === null ? null : [...new Set(input.channels)];
        }
        if (input.language !== undefined) changes.language = input.language;
        const recipient =
          Object.keys(changes).length > 0
            ? await ctx.recipients.setPreferences(viewer.userId, changes)
            : ((await ctx.recipients.find(viewer.userId)) ?? null);
        return { userId: viewer.userId, recipient };
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
      language: ({ recipient }) =>
        languageOf(recipient?.language ?? recipient?.profileLanguage) as NotificationLanguage,
      languageChosen: ({ recipient }) => defaultsOf(recipient).language !== null,
      phone: ({ recipient }) => recipient?.phone ?? null,
      email: ({ recipient }) => recipient?.email ?? null,
    },
    NotificationMessage: {
      // Only reachable through notificationMessages, which is for platform admins.
      recipientId: (message) => message.userId,
      history: (message, _, ctx) => ctx.historyByMessageId.load(message.id),
    },
  };
}

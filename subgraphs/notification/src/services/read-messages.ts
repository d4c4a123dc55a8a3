// The platform admins' view of every message sent: filtered, paginated, with each message's history.
import {
  badInput,
  groupLoader,
  hasControlCharacter,
  isUuid,
  pageRequest,
  toConnection,
  type Db,
} from '@busline/shared';
import type { NotificationMessageFilter } from '../generated/resolvers';
import { MessageRepository, type MessageFilter } from '../repositories/message-repository';

/** Checks the admin's filter: ids must be ids, the address search short. */
function messageFilter(filter: NotificationMessageFilter | null | undefined): MessageFilter {
  const f = filter ?? {};
  for (const field of ['recipientId', 'bookingId', 'tripId'] as const) {
    if (f[field] != null && !isUuid(f[field])) throw badInput(`filter.${field} is not a valid id`, `filter.${field}`);
  }
  if (f.address != null && (f.address.trim().length === 0 || f.address.length > 100))
    throw badInput('filter.address must be 1 to 100 characters', 'filter.address');
  if (f.address != null && hasControlCharacter(f.address))
    throw badInput('filter.address must not contain control characters', 'filter.address');
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

/** One request's message reads (the caller checks the platform-admin role). */
export class MessageReads {
  private readonly messages: MessageRepository;
  private readonly historyByMessageId;

  constructor(db: Db) {
    this.messages = new MessageRepository(db);
    this.historyByMessageId = groupLoader(
      (ids: readonly string[]) => this.messages.historyOf(ids),
      (row) => row.messageId,
    );
  }

  async list(args: { filter?: NotificationMessageFilter | null; first?: number | null; after?: string | null }) {
    const page = pageRequest(args, { defaultSize: 20, maxSize: 100, cursor: ['time', 'uuid'] });
    const rows = await this.messages.list(messageFilter(args.filter), page);
    return toConnection(rows, page, (row) => [row.createdAt.toISOString(), row.id]);
  }

  /** A message's delivery states, oldest first (one query per request for every message asked). */
  history(messageId: string) {
    return this.historyByMessageId.load(messageId);
  }
}

import DataLoader from 'dataloader';
import type { BaseContext, Db } from '@busline/shared';
import type { MessageEventRow, MessageRow } from './db/schema';
import { MessageRepository } from './repositories/message-repository';
import { RecipientRepository } from './repositories/recipient-repository';

/** Per-request state of the notification subgraph. */
export interface NotificationContext extends BaseContext {
  messages: MessageRepository;
  recipients: RecipientRepository;
  /** One query per request for every NotificationMessage.history. */
  historyByMessageId: DataLoader<string, MessageEventRow[]>;
  messageById: DataLoader<string, MessageRow | null>;
}

export function buildContext(base: BaseContext, db: Db): NotificationContext {
  const messages = new MessageRepository(db);
  return {
    ...base,
    messages,
    recipients: new RecipientRepository(db),
    historyByMessageId: new DataLoader(async (ids) => {
      const rows = await messages.historyOf(ids);
      return ids.map((id) => rows.filter((row) => row.messageId === id));
    }),
    messageById: new DataLoader(async (ids) => {
      const rows = await messages.findByIds(ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

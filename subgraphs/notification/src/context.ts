import type DataLoader from 'dataloader';
import { groupLoader, rowLoader, type BaseContext, type Db } from '@busline/shared';
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
    historyByMessageId: groupLoader(
      (ids: readonly string[]) => messages.historyOf(ids),
      (row) => row.messageId,
    ),
    messageById: rowLoader(
      (ids: readonly string[]) => messages.findByIds(ids),
      (row) => row.id,
    ),
  };
}

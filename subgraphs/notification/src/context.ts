import type { BaseContext, Db } from '@busline/shared';
import { Preferences } from './services/preferences';
import { MessageReads } from './services/read-messages';

/** What the notification resolvers call. */
export interface NotificationServices {
  /** The messages sent, for platform admins (batched per request). */
  messages: MessageReads;
  /** A passenger's own preferences. */
  preferences: Preferences;
}

/** Per-request state of the notification subgraph. */
export interface NotificationContext extends BaseContext {
  services: NotificationServices;
}

export function buildContext(base: BaseContext, db: Db): NotificationContext {
  return { ...base, services: { messages: new MessageReads(db), preferences: new Preferences(db) } };
}

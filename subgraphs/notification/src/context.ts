import type { BaseContext, Db } from '@busline/shared';
import { MessageReads } from './services/read-messages';
import { PreferenceReads } from './services/read-preferences';
import { UpdatePreferencesService } from './services/update-preferences';

/** What the notification resolvers call. */
export interface NotificationServices {
  /** The messages sent, for platform admins (batched per request). */
  messages: MessageReads;
  /** A passenger's own preferences: myNotificationPreferences. */
  preferences: PreferenceReads;
  /** updateNotificationPreferences. */
  updatePreferences: UpdatePreferencesService;
}

/** Per-request state of the notification subgraph. */
export interface NotificationContext extends BaseContext {
  services: NotificationServices;
}

export function buildContext(base: BaseContext, db: Db): NotificationContext {
  return {
    ...base,
    services: {
      messages: new MessageReads(db),
      preferences: new PreferenceReads(db),
      updatePreferences: new UpdatePreferencesService(db),
    },
  };
}

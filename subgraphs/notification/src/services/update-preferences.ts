// updateNotificationPreferences: a passenger sets their own channels and language.
import { badInput, type Db } from '@busline/shared';
import type { Channel, RecipientRow } from '../db/schema';
import { MessageRepository } from '../repositories/message-repository';
import { RecipientRepository } from '../repositories/recipient-repository';
import { channelsFor } from './compose';
import { PreferenceReads } from './read-preferences';

export interface PreferencesInput {
  channels?: Channel[] | null;
  language?: string | null;
}

/** updateNotificationPreferences: the recipient row changed, and messages on channels turned off given up. */
export class UpdatePreferencesService {
  private readonly reads: PreferenceReads;

  constructor(private readonly db: Db) {
    this.reads = new PreferenceReads(db);
  }

  /** Sets what the input gives (null: back to the default); an empty input changes nothing. */
  async update(userId: string, input: PreferencesInput): Promise<RecipientRow | null> {
    const changes: { channels?: Channel[] | null; language?: string | null } = {};
    if (input.channels !== undefined) {
      if (input.channels !== null && input.channels.length === 0)
        throw badInput('Give at least one channel, or null for every channel', 'channels');
      changes.channels = input.channels === null ? null : [...new Set(input.channels)];
    }
    if (input.language !== undefined) changes.language = input.language;
    if (Object.keys(changes).length === 0) return this.reads.of(userId);
    return this.db.transaction(async (tx) => {
      const row = await new RecipientRepository(tx).setPreferences(userId, changes);
      // Messages written before, on a channel the passenger no longer wants, are not sent: those the passenger is
      // reached on now (the chosen channels, or every one with an address when the chosen have none) stay.
      const reached = new Set(channelsFor(row).map((c) => c.channel));
      const off = (['SMS', 'EMAIL'] as const).filter((channel) => !reached.has(channel));
      if (changes.channels) await new MessageRepository(tx).giveUpChannels(userId, off);
      return row;
    });
  }
}

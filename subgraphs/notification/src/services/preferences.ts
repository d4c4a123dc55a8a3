// A passenger's own notification preferences: which channels, which language.
import { badInput, type Db } from '@busline/shared';
import type { Channel, RecipientRow } from '../db/schema';
import { RecipientRepository } from '../repositories/recipient-repository';

export interface PreferencesInput {
  channels?: Channel[] | null;
  language?: string | null;
}

export class Preferences {
  private readonly recipients: RecipientRepository;

  constructor(db: Db) {
    this.recipients = new RecipientRepository(db);
  }

  /** What notification knows of the user (null before any of their events arrived). */
  async of(userId: string): Promise<RecipientRow | null> {
    return (await this.recipients.find(userId)) ?? null;
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
    return Object.keys(changes).length > 0 ? this.recipients.setPreferences(userId, changes) : this.of(userId);
  }
}

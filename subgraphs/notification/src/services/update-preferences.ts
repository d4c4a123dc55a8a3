// updateNotificationPreferences: a passenger sets their own channels and language.
import { badInput, type Db } from '@busline/shared';
import type { Channel, RecipientRow } from '../db/schema';
import { RecipientRepository } from '../repositories/recipient-repository';
import { PreferenceReads } from './read-preferences';

export interface PreferencesInput {
  channels?: Channel[] | null;
  language?: string | null;
}

/** updateNotificationPreferences: the recipient row changed in one statement. */
export class UpdatePreferencesService {
  private readonly recipients: RecipientRepository;
  private readonly reads: PreferenceReads;

  constructor(db: Db) {
    this.recipients = new RecipientRepository(db);
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
    return Object.keys(changes).length > 0 ? this.recipients.setPreferences(userId, changes) : this.reads.of(userId);
  }
}

// myNotificationPreferences: what notification knows of a passenger's channels and language.
import type { Db } from '@busline/shared';
import type { RecipientRow } from '../db/schema';
import { RecipientRepository } from '../repositories/recipient-repository';

/** A passenger's own preferences, read over the pool. */
export class PreferenceReads {
  private readonly recipients: RecipientRepository;

  constructor(db: Db) {
    this.recipients = new RecipientRepository(db);
  }

  /** What notification knows of the user (null before any of their events arrived). */
  async of(userId: string): Promise<RecipientRow | null> {
    return (await this.recipients.find(userId)) ?? null;
  }
}

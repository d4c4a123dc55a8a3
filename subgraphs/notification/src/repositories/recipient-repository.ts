import { eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { anyOf, withoutTrunkZero, type Executor } from '@busline/shared';
import { recipients, type Channel, type RecipientRow } from '../db/schema';

export interface Contact {
  fullName?: string | null;
  email?: string | null;
  phone?: string | null;
  profileLanguage?: string | null;
}

/** SQL for recipients: contact facts from user events, and the passenger's preferences. */
export class RecipientRepository {
  constructor(private readonly db: Executor) {}

  async find(userId: string): Promise<RecipientRow | undefined> {
    const [row] = await this.db.select().from(recipients).where(eq(recipients.userId, userId));
    return row;
  }

  /**
   * The user's contact, share-locked until the transaction ends: a change of it (recordContact, then the readdressing
   * of unsent messages) either committed before and is what is read, or waits for the messages written here and
   * readdresses them.
   */
  async findForShare(userId: string): Promise<RecipientRow | undefined> {
    const [row] = await this.db.select().from(recipients).where(eq(recipients.userId, userId)).for('share');
    return row;
  }

  async findMany(userIds: readonly string[]): Promise<RecipientRow[]> {
    if (userIds.length === 0) return [];
    return this.db
      .select()
      .from(recipients)
      .where(anyOf(recipients.userId, [...userIds]));
  }

  /**
   * Records what a user event says as of `at`; an event older than the one applied last changes
   * nothing, and a registration nothing once a profile update of the same instant was applied.
   * Fields the event does not carry (undefined) stay as they are.
   */
  async recordContact(userId: string, contact: Contact, at: Date, source: 'registration' | 'profile'): Promise<void> {
    // One spelling of a phone, as auth and user keep it today (an event an older version sent may keep a trunk 0).
    const written = contact.phone ? { ...contact, phone: withoutTrunkZero(contact.phone) } : contact;
    const set = Object.fromEntries(Object.entries(written).filter(([, value]) => value !== undefined)) as Contact;
    await this.db
      .insert(recipients)
      .values({ userId, ...set, profileAt: at })
      .onConflictDoUpdate({
        target: recipients.userId,
        set: { ...set, profileAt: at, updatedAt: sql`now()` },
        setWhere: or(
          isNull(recipients.profileAt),
          source === 'profile' ? lte(recipients.profileAt, at) : lt(recipients.profileAt, at),
        ),
      });
  }

  /** Sets the passenger's choices; `undefined` leaves one as it is, null resets it to the default. */
  async setPreferences(
    userId: string,
    changes: { channels?: Channel[] | null; language?: string | null },
  ): Promise<RecipientRow> {
    const [row] = await this.db
      .insert(recipients)
      .values({ userId, ...changes })
      .onConflictDoUpdate({ target: recipients.userId, set: { ...changes, updatedAt: sql`now()` } })
      .returning();
    return row!;
  }
}

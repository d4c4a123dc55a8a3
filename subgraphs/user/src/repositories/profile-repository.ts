import { inArray } from 'drizzle-orm';
import type { Executor } from '@busline/shared';
import { profiles, type NewProfile, type ProfileRow } from '../db/schema';

/** SQL for profiles. */
export class ProfileRepository {
  constructor(private readonly db: Executor) {}

  async findByUserIds(userIds: readonly string[]): Promise<ProfileRow[]> {
    if (userIds.length === 0) return [];
    return this.db.select().from(profiles).where(inArray(profiles.userId, [...userIds]));
  }

  /** Creates the profile unless the user already has one; returns whether it did. */
  async createIfMissing(profile: NewProfile): Promise<boolean> {
    const inserted = await this.db.insert(profiles).values(profile).onConflictDoNothing().returning({ userId: profiles.userId });
    return inserted.length > 0;
  }
}

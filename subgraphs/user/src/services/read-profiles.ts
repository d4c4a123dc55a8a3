// Reading profiles: who may see whose, batched per request, and rows the request just wrote.
import { AppError, ErrorCode, requireViewer, rowLoader, type Db, type Viewer } from '@busline/shared';
import type { ProfileRow } from '../db/schema';
import { ProfileRepository } from '../repositories/profile-repository';

/** One request's profile reads: the user ids asked in one tick go to Postgres as one statement. */
export class ProfileReads {
  private readonly byUserId;

  constructor(db: Db) {
    const profiles = new ProfileRepository(db);
    this.byUserId = rowLoader(
      (ids: readonly string[]) => profiles.findByUserIds(ids),
      (row: ProfileRow) => row.userId,
    );
  }

  /**
   * A staff read (another user's profile, the user list, a dashboard) by a caller whose account this subgraph has
   * changed since their token was signed (suspended, given another role or company): FORBIDDEN until they sign in
   * again, as their admin decisions are. Their token stays valid until auth has revoked it, which waits for its event.
   * A caller whose profile is not here yet is taken at their token's word.
   */
  async assertStanding(viewer: Viewer): Promise<void> {
    const own = await this.byUserId.load(viewer.userId);
    if (!own) return;
    if (own.suspendedAt || own.role !== viewer.role || (own.companyId ?? null) !== (viewer.companyId ?? null))
      throw new AppError(ErrorCode.FORBIDDEN, 'Your account has changed since you signed in; sign in again');
  }

  /** A user's profile, which only they and platform admins may see. */
  async visible(viewer: Viewer | null, userId: string): Promise<ProfileRow> {
    const caller = requireViewer(viewer);
    if (caller.userId !== userId && caller.role !== 'PLATFORM_ADMIN') {
      throw new AppError(ErrorCode.FORBIDDEN, "Not allowed to see this user's profile");
    }
    if (caller.userId !== userId) await this.assertStanding(caller);
    const profile = await this.byUserId.load(userId);
    // A profile follows registration by an event; until it arrives the user has none yet.
    if (!profile) throw new AppError(ErrorCode.NOT_FOUND, 'Profile not found (it may still be being created)');
    return profile;
  }

  /** Remembers a row this request just read or wrote, so its fields read it without another query. */
  known(row: ProfileRow): void {
    this.byUserId.clear(row.userId).prime(row.userId, row);
  }
}

// A platform admin suspending a user, and lifting the suspension (reinstating); both are idempotent.
import { badInput, EventTypes, hasControlCharacterInText, type TransactionRunner, type Viewer } from '@busline/shared';
import type { ProfileRow } from '../db/schema';
import { changeUser } from './change-user';

export class SuspendUserService {
  constructor(private readonly runner: TransactionRunner) {}

  async suspend(admin: Viewer, userId: string, rawReason: string): Promise<ProfileRow> {
    const reason = rawReason.trim();
    if (reason.length === 0 || reason.length > 500) throw badInput('Give a reason of 1 to 500 characters', 'reason');
    if (hasControlCharacterInText(reason)) throw badInput('The reason must not contain control characters', 'reason');
    return changeUser(this.runner, admin, userId, async (current, profiles, { emit }, decision) => {
      if (current.userId === admin.userId) throw badInput('You cannot suspend yourself', 'userId');
      if (current.suspendedAt) return current;
      const updated = await profiles.update(current.userId, { suspendedAt: new Date(), suspensionReason: reason });
      await emit(EventTypes.UserSuspended, {
        userId: current.userId,
        reason,
        suspendedBy: admin.userId,
        decision,
      });
      return updated;
    });
  }

  async reinstate(admin: Viewer, userId: string): Promise<ProfileRow> {
    return changeUser(this.runner, admin, userId, async (current, profiles, { emit }, decision) => {
      if (!current.suspendedAt) return current;
      const updated = await profiles.update(current.userId, { suspendedAt: null, suspensionReason: null });
      await emit(EventTypes.UserReinstated, { userId: current.userId, reinstatedBy: admin.userId, decision });
      return updated;
    });
  }
}

// What the platform admins' decisions about a user share: one locked row, changed in one transaction.
import {
  AppError,
  badInput,
  ErrorCode,
  isUuid,
  type TransactionRunner,
  type UnitOfWork,
  type Viewer,
} from '@busline/shared';
import type { ProfileRow } from '../db/schema';
import { ProfileRepository } from '../repositories/profile-repository';

const isActiveAdmin = (profile: ProfileRow) => profile.role === 'PLATFORM_ADMIN' && !profile.suspendedAt;

/**
 * Runs an admin change on one user's row (locked); NOT_FOUND for users this subgraph has not heard of. The admins'
 * decisions run one after another, numbered in that order (`decision`, carried in their events), each by an admin
 * still active here (their token may predate their demotion or suspension by a second or two: FORBIDDEN), and none
 * leaves the platform without an active platform admin.
 */
export function changeUser(
  runner: TransactionRunner,
  admin: Viewer,
  userId: string,
  fn: (current: ProfileRow, profiles: ProfileRepository, uow: UnitOfWork, decision: number) => Promise<ProfileRow>,
): Promise<ProfileRow> {
  if (!isUuid(userId)) throw new AppError(ErrorCode.NOT_FOUND, 'User not found');
  return runner.run(async (uow) => {
    const profiles = new ProfileRepository(uow.tx);
    await profiles.lockAdminDecisions();
    const [acting] = await profiles.findByUserIds([admin.userId]);
    if (acting && !isActiveAdmin(acting))
      throw new AppError(ErrorCode.FORBIDDEN, 'You are no longer an active platform admin');
    const current = await profiles.findForUpdate(userId);
    if (!current) throw new AppError(ErrorCode.NOT_FOUND, 'User not found');
    const updated = await fn(current, profiles, uow, await profiles.nextDecision());
    if (
      isActiveAdmin(current) &&
      !isActiveAdmin(updated) &&
      (await profiles.countActiveAdminsExcept(current.userId)) === 0
    )
      throw badInput('The platform must keep at least one active platform admin', 'userId');
    return updated;
  });
}

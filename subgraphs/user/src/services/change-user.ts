// What the platform admins' decisions about a user share: one locked row, changed in one transaction.
import { AppError, ErrorCode, isUuid, type TransactionRunner, type UnitOfWork } from '@busline/shared';
import type { ProfileRow } from '../db/schema';
import { ProfileRepository } from '../repositories/profile-repository';

/** Runs an admin change on one user's row (locked); NOT_FOUND for users this subgraph has not heard of. */
export function changeUser(
  runner: TransactionRunner,
  userId: string,
  fn: (current: ProfileRow, profiles: ProfileRepository, uow: UnitOfWork) => Promise<ProfileRow>,
): Promise<ProfileRow> {
  if (!isUuid(userId)) throw new AppError(ErrorCode.NOT_FOUND, 'User not found');
  return runner.run(async (uow) => {
    const profiles = new ProfileRepository(uow.tx);
    const current = await profiles.findForUpdate(userId);
    if (!current) throw new AppError(ErrorCode.NOT_FOUND, 'User not found');
    return fn(current, profiles, uow);
  });
}

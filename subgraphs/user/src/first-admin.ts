// A deployment's first platform admin, made by its operator from the command line (scripts/platform-admin.ts):
// production seeds no account, and only a platform admin can give the role through the API.
import { AppError, ErrorCode, Outbox, TransactionRunner, type Db, type Logger, type Viewer } from '@busline/shared';
import { outbox, type ProfileRow } from './db/schema';
import { ProfileRepository } from './repositories/profile-repository';
import { SUBGRAPH } from './server';
import { SetUserRoleService } from './services/set-user-role';

/** Who user.role_changed names as having decided (`changedBy`) when the operator did: no account's id. */
export const OPERATOR_ID = '00000000-0000-4000-8000-000000000000';

/**
 * Makes the account with `email` a platform admin, as an admin's setUserRole does (user.role_changed goes out through
 * the outbox: auth revokes the account's access tokens already issued, and its next one carries the role). The account
 * must have signed up, and this service must have recorded it (user.registered). Already one: nothing changes.
 */
export async function grantPlatformAdmin(
  db: Db,
  email: string,
  logger: Logger,
): Promise<{ profile: ProfileRow; changed: boolean }> {
  const address = email.trim().toLowerCase();
  const account = await new ProfileRepository(db).findByEmail(address);
  if (!account)
    throw new AppError(
      ErrorCode.NOT_FOUND,
      `No account with the e-mail ${address}: sign up first (and let the user service record it), then run this again`,
    );
  const runner = new TransactionRunner(db, new Outbox(outbox, SUBGRAPH), undefined, logger);
  const operator: Viewer = { userId: OPERATOR_ID, role: 'PLATFORM_ADMIN', companyId: null };
  const profile = await new SetUserRoleService(runner, db).setRole(operator, account.userId, 'PLATFORM_ADMIN', null);
  return { profile, changed: account.role !== 'PLATFORM_ADMIN' };
}

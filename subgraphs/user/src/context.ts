import type { BaseContext, Db } from '@busline/shared';
import type { ListUsersService } from './services/list-users';
import type { DashboardReads } from './services/read-dashboards';
import { ProfileReads } from './services/read-profiles';
import type { SetUserRoleService } from './services/set-user-role';
import type { SuspendUserService } from './services/suspend-user';
import type { UpdateProfileService } from './services/update-profile';

/** The services shared by every request: profiles, the platform admins' decisions, dashboard reads. */
export interface Services {
  updateProfile: UpdateProfileService;
  listUsers: ListUsersService;
  setUserRole: SetUserRoleService;
  /** Suspending and reinstating users. */
  suspendUser: SuspendUserService;
  /** Dashboard reads (one aggregate statement per section). */
  dashboards: DashboardReads;
}

/** What the user resolvers call: the shared services and this request's batched profile reads. */
export interface UserServices extends Services {
  profiles: ProfileReads;
}

/** Per-request state of the user subgraph. */
export interface UserContext extends BaseContext {
  services: UserServices;
}

export function buildContext(base: BaseContext, db: Db, services: Services): UserContext {
  return { ...base, services: { ...services, profiles: new ProfileReads(db) } };
}

import type { BaseContext, Db } from '@busline/shared';
import type { DashboardService } from './services/dashboards';
import { ProfileReads } from './services/read-profiles';
import type { UserService } from './services/user-admin';

/** What the user resolvers call. */
export interface UserServices {
  /** Profiles and the platform admins' decisions about users. */
  users: UserService;
  /** Dashboard reads (one aggregate statement per section). */
  dashboards: DashboardService;
  /** This request's batched profile reads. */
  profiles: ProfileReads;
}

/** Per-request state of the user subgraph. */
export interface UserContext extends BaseContext {
  services: UserServices;
}

export function buildContext(base: BaseContext, db: Db, users: UserService, dashboards: DashboardService): UserContext {
  return { ...base, services: { users, dashboards, profiles: new ProfileReads(db) } };
}

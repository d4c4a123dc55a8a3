import type DataLoader from 'dataloader';
import { rowLoader, type BaseContext, type Db } from '@busline/shared';
import type { ProfileRow } from './db/schema';
import { ProfileRepository } from './repositories/profile-repository';
import type { DashboardService } from './services/dashboards';
import type { UserService } from './services/user-admin';

/** Per-request state of the user subgraph. */
export interface UserContext extends BaseContext {
  users: UserService;
  /** Dashboard reads (one aggregate statement per section). */
  dashboards: DashboardService;
  /** One query per request for every User.profile. */
  profileByUserId: DataLoader<string, ProfileRow | null>;
}

export function buildContext(base: BaseContext, db: Db, users: UserService, dashboards: DashboardService): UserContext {
  const profiles = new ProfileRepository(db);
  return {
    ...base,
    users,
    dashboards,
    profileByUserId: rowLoader((ids) => profiles.findByUserIds(ids), (row) => row.userId),
  };
}

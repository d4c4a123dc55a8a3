import DataLoader from 'dataloader';
import type { BaseContext, Db } from '@busline/shared';
import type { ProfileRow } from './db/schema';
import { ProfileRepository } from './repositories/profile-repository';

/** Per-request state of the user subgraph. */
export interface UserContext extends BaseContext {
  profiles: ProfileRepository;
  /** One query per request for every User.profile. */
  profileByUserId: DataLoader<string, ProfileRow | null>;
}

export function buildContext(base: BaseContext, db: Db): UserContext {
  const profiles = new ProfileRepository(db);
  return {
    ...base,
    profiles,
    profileByUserId: new DataLoader(async (ids) => {
      const rows = await profiles.findByUserIds(ids);
      const byId = new Map(rows.map((row) => [row.userId, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

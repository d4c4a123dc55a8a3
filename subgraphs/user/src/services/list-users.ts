// The platform admins' list of users, newest first, searchable and filtered by role and suspension.
import { badInput, hasControlCharacter, pageRequest, toConnection, type Db } from '@busline/shared';
import { ProfileRepository, type UserFilter } from '../repositories/profile-repository';

export class ListUsersService {
  constructor(private readonly db: Db) {}

  async list(args: UserFilter & { first?: number | null; after?: string | null }) {
    const page = pageRequest(args, { defaultSize: 20, maxSize: 100, cursor: ['time', 'uuid'] });
    if (args.search && args.search.length > 200) throw badInput('Search must be at most 200 characters', 'search');
    if (args.search && hasControlCharacter(args.search))
      throw badInput('Search must not contain control characters', 'search');
    const rows = await new ProfileRepository(this.db).list(args, page);
    return toConnection(rows, page, (row) => [row.registeredAt.toISOString(), row.userId]);
  }
}

import type { SubgraphDeps } from '@busline/shared';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { UserRepository } from './repositories/user-repository';
import { createAuthServices } from './server';

const SEED_LOCK = 'auth-seed';

/**
 * Creates the demo accounts through the registration service (so `user.registered` is emitted
 * and the user subgraph gets their profiles). Idempotent: existing emails are left as they are.
 * Returns the user id of every demo account by email.
 */
export async function seedDemoAccounts(
  deps: SubgraphDeps,
  companies: { volcanoCompanyId: string },
): Promise<Record<string, string>> {
  const { services } = createAuthServices(deps);
  const users = new UserRepository(deps.db.db);
  // Seeds running at once (two instances starting, `npm run seed` beside `npm start`) take turns: each finds what
  // the one before it registered.
  return deps.db.runExclusive(SEED_LOCK, async () => {
    const ids: Record<string, string> = {};
    for (const account of DEMO_ACCOUNTS) {
      const existing = await users.findByEmail(account.email);
      if (existing) {
        ids[account.email] = existing.id;
        continue;
      }
      const companyId = account.company === 'volcano' ? companies.volcanoCompanyId : null;
      const { user } = await services.register.register(account, { grant: { role: account.role, companyId } });
      ids[account.email] = user.id;
    }
    return ids;
  });
}

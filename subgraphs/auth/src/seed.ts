import type { Role, SubgraphDeps } from '@busline/shared';
import { UserRepository } from './repositories/user-repository';
import { createAuthServices } from './server';

interface DemoAccount {
  email: string;
  password: string;
  fullName: string;
  phone: string;
  role: Role;
  company: 'volcano' | null;
}

/** Demo accounts (README.md). Never seed them in production. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: 'admin@busline.test',
    password: 'Admin-demo-2026',
    fullName: 'Aline Mukamana',
    phone: '+250788100001',
    role: 'PLATFORM_ADMIN',
    company: null,
  },
  {
    email: 'ops@volcano.busline.test',
    password: 'Company-demo-2026',
    fullName: 'Eric Habimana',
    phone: '+250788100002',
    role: 'COMPANY_ADMIN',
    company: 'volcano',
  },
  {
    email: 'driver@volcano.busline.test',
    password: 'Driver-demo-2026',
    fullName: 'Jean Bosco Niyonzima',
    phone: '+250788100003',
    role: 'DRIVER',
    company: 'volcano',
  },
  {
    email: 'agent@busline.test',
    password: 'Agent-demo-2026',
    fullName: 'Claudine Uwase',
    phone: '+250788100005',
    role: 'COUNTER_AGENT',
    company: 'volcano',
  },
  {
    email: 'passenger@busline.test',
    password: 'Passenger-demo-2026',
    fullName: 'Grace Uwimana',
    phone: '+250788100004',
    role: 'PASSENGER',
    company: null,
  },
];

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

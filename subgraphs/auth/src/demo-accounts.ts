import type { Db, Role } from '@busline/shared';
import { UserRepository } from './repositories/user-repository';

export interface DemoAccount {
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

/**
 * Production (AuthServerOptions.refuseDemoAccounts) never runs with the demo accounts: their passwords are in
 * README.md, a platform admin's among them. Seeded into the database (a staging database promoted, `npm run seed`
 * run against it), they are refused at start, named, for an operator to delete. Sign-up refuses their addresses
 * there (RegisterService), so that nobody else can make an account that keeps auth from starting.
 */
export async function assertNoDemoAccounts(db: Db): Promise<void> {
  const users = new UserRepository(db);
  const found: string[] = [];
  for (const account of DEMO_ACCOUNTS) if (await users.findByEmail(account.email)) found.push(account.email);
  if (found.length > 0)
    throw new Error(
      `auth: refused in production: the database holds the demo accounts ${found.join(', ')}, whose passwords ` +
        'README.md publishes: delete them (`npm run seed` writes them; it is never run against production)',
    );
}

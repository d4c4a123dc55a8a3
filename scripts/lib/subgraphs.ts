import type { MigrationTarget, Service, SubgraphDeps } from '@busline/shared';
import { migrations as authMigrations } from '../../subgraphs/auth/src/db/migrations';
import { createServer as createAuth } from '../../subgraphs/auth/src/server';
import { migrations as companyMigrations } from '../../subgraphs/company/src/db/migrations';
import { createServer as createCompany } from '../../subgraphs/company/src/server';
import { migrations as paymentMigrations } from '../../subgraphs/payment/src/db/migrations';
import { createServer as createPayment } from '../../subgraphs/payment/src/server';
import { migrations as qrMigrations } from '../../subgraphs/qr/src/db/migrations';
import { createServer as createQr } from '../../subgraphs/qr/src/server';
import { migrations as ticketingMigrations } from '../../subgraphs/ticketing/src/db/migrations';
import { createServer as createTicketing } from '../../subgraphs/ticketing/src/server';
import { migrations as userMigrations } from '../../subgraphs/user/src/db/migrations';
import { createServer as createUser } from '../../subgraphs/user/src/server';

export interface SubgraphModule {
  name: string;
  /** Port in DESIGN.md. */
  port: number;
  migrations: MigrationTarget;
  /** Builds the subgraph, reading its own options (keys, secrets) from `env`. */
  create: (deps: SubgraphDeps, env: Record<string, string | undefined>) => Service | Promise<Service>;
}

/** The six subgraphs, in start order (auth first: the others verify tokens with its keys). */
export const SUBGRAPHS: SubgraphModule[] = [
  { name: 'auth', port: 8001, migrations: authMigrations, create: (deps) => createAuth(deps) },
  { name: 'user', port: 8002, migrations: userMigrations, create: (deps) => createUser(deps) },
  { name: 'company', port: 8003, migrations: companyMigrations, create: (deps) => createCompany(deps) },
  { name: 'ticketing', port: 8004, migrations: ticketingMigrations, create: (deps) => createTicketing(deps) },
  { name: 'qr', port: 8005, migrations: qrMigrations, create: (deps) => createQr(deps) },
  { name: 'payment', port: 8006, migrations: paymentMigrations, create: (deps) => createPayment(deps) },
];

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
  createServer: (deps: SubgraphDeps) => Service;
}

/** The six subgraphs, in start order (auth first: the others verify tokens with its keys). */
export const SUBGRAPHS: SubgraphModule[] = [
  { name: 'auth', port: 8001, migrations: authMigrations, createServer: createAuth },
  { name: 'user', port: 8002, migrations: userMigrations, createServer: createUser },
  { name: 'company', port: 8003, migrations: companyMigrations, createServer: createCompany },
  { name: 'ticketing', port: 8004, migrations: ticketingMigrations, createServer: createTicketing },
  { name: 'qr', port: 8005, migrations: qrMigrations, createServer: createQr },
  { name: 'payment', port: 8006, migrations: paymentMigrations, createServer: createPayment },
];

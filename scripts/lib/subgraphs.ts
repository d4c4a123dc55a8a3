import type { MigrationTarget, Service, SubgraphDeps } from '@busline/shared';
import { migrations as authMigrations } from '../../subgraphs/auth/src/db/migrations';
import { loadConfig as authConfig } from '../../subgraphs/auth/src/env';
import { loadServerOptions as authOptions } from '../../subgraphs/auth/src/options';
import { createServer as createAuth } from '../../subgraphs/auth/src/server';
import { migrations as companyMigrations } from '../../subgraphs/company/src/db/migrations';
import { createServer as createCompany } from '../../subgraphs/company/src/server';
import { migrations as paymentMigrations } from '../../subgraphs/payment/src/db/migrations';
import { loadConfig as paymentConfig } from '../../subgraphs/payment/src/env';
import { loadServerOptions as paymentOptions } from '../../subgraphs/payment/src/options';
import { createServer as createPayment } from '../../subgraphs/payment/src/server';
import { migrations as qrMigrations } from '../../subgraphs/qr/src/db/migrations';
import { loadConfig as qrConfig } from '../../subgraphs/qr/src/env';
import { loadServerOptions as qrOptions } from '../../subgraphs/qr/src/options';
import { createServer as createQr } from '../../subgraphs/qr/src/server';
import { migrations as ticketingMigrations } from '../../subgraphs/ticketing/src/db/migrations';
import { loadConfig as ticketingConfig } from '../../subgraphs/ticketing/src/env';
import { loadServerOptions as ticketingOptions } from '../../subgraphs/ticketing/src/options';
import { createServer as createTicketing } from '../../subgraphs/ticketing/src/server';
import { migrations as userMigrations } from '../../subgraphs/user/src/db/migrations';
import { createServer as createUser } from '../../subgraphs/user/src/server';

type Env = Record<string, string | undefined>;

export interface SubgraphModule {
  name: string;
  /** Port in README.md (Architecture). */
  port: number;
  migrations: MigrationTarget;
  /** Builds the subgraph, reading its own options (keys, secrets) from `env` as its index.ts does. */
  create: (deps: SubgraphDeps, env: Env) => Service | Promise<Service>;
}

/** The six subgraphs, in start order (auth first: the others verify tokens with its keys). */
export const SUBGRAPHS: SubgraphModule[] = [
  {
    name: 'auth',
    port: 8001,
    migrations: authMigrations,
    create: async (deps, env) => createAuth(deps, await authOptions(authConfig(env))),
  },
  { name: 'user', port: 8002, migrations: userMigrations, create: (deps) => createUser(deps) },
  { name: 'company', port: 8003, migrations: companyMigrations, create: (deps) => createCompany(deps) },
  {
    name: 'ticketing',
    port: 8004,
    migrations: ticketingMigrations,
    create: async (deps, env) => createTicketing(deps, await ticketingOptions(ticketingConfig(env))),
  },
  {
    name: 'qr',
    port: 8005,
    migrations: qrMigrations,
    create: async (deps, env) => createQr(deps, await qrOptions(qrConfig(env))),
  },
  {
    name: 'payment',
    port: 8006,
    migrations: paymentMigrations,
    create: async (deps, env) => createPayment(deps, await paymentOptions(paymentConfig(env))),
  },
];

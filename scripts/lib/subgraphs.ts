import type { MigrationTarget, Service, SubgraphDeps } from '@busline/shared';
import {
  createServer as createAuth,
  loadConfig as authConfig,
  loadServerOptions as authOptions,
  migrations as authMigrations,
} from '../../subgraphs/auth/src/public';
import {
  createServer as createCompany,
  loadConfig as companyConfig,
  loadServerOptions as companyOptions,
  migrations as companyMigrations,
} from '../../subgraphs/company/src/public';
import {
  createServer as createNotification,
  loadConfig as notificationConfig,
  loadServerOptions as notificationOptions,
  migrations as notificationMigrations,
} from '../../subgraphs/notification/src/public';
import {
  createServer as createPayment,
  loadConfig as paymentConfig,
  loadServerOptions as paymentOptions,
  migrations as paymentMigrations,
} from '../../subgraphs/payment/src/public';
import {
  createServer as createQr,
  loadConfig as qrConfig,
  loadServerOptions as qrOptions,
  migrations as qrMigrations,
} from '../../subgraphs/qr/src/public';
import {
  createServer as createTicketing,
  loadConfig as ticketingConfig,
  loadServerOptions as ticketingOptions,
  migrations as ticketingMigrations,
} from '../../subgraphs/ticketing/src/public';
import {
  createServer as createUser,
  loadConfig as userConfig,
  loadServerOptions as userOptions,
  migrations as userMigrations,
} from '../../subgraphs/user/src/public';

type Env = Record<string, string | undefined>;

export interface SubgraphModule {
  name: string;
  /** Port in README.md (Architecture). */
  port: number;
  migrations: MigrationTarget;
  /** Builds the subgraph, reading its own options (keys, secrets) from `env` as its index.ts does. */
  create: (deps: SubgraphDeps, env: Env) => Service | Promise<Service>;
}

/** The seven subgraphs, in start order (auth first: the others verify tokens with its keys). */
export const SUBGRAPHS: SubgraphModule[] = [
  {
    name: 'auth',
    port: 8001,
    migrations: authMigrations,
    create: async (deps, env) => createAuth(deps, await authOptions(authConfig(env))),
  },
  {
    name: 'user',
    port: 8002,
    migrations: userMigrations,
    create: (deps, env) => createUser(deps, userOptions(userConfig(env))),
  },
  {
    name: 'company',
    port: 8003,
    migrations: companyMigrations,
    create: (deps, env) => createCompany(deps, companyOptions(companyConfig(env))),
  },
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
  {
    name: 'notification',
    port: 8007,
    migrations: notificationMigrations,
    create: async (deps, env) => createNotification(deps, await notificationOptions(notificationConfig(env))),
  },
];

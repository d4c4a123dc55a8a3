import type { Logger, SubgraphDeps } from '@busline/shared';
import { seedDemoAccounts } from '../../subgraphs/auth/src/public';
import { seedCompanies, seedNetwork } from '../../subgraphs/company/src/public';

export interface SeedTargets {
  auth: SubgraphDeps;
  company: SubgraphDeps;
}

/**
 * Demo data through each subgraph's own seed code: companies, then the demo accounts (so the
 * company admin and driver belong to Volcano), then stations, fleets, routes and a rolling week
 * of trips. Idempotent: a second run only tops up the trip window. Events go through the outbox.
 */
export async function seedDemoData(
  targets: SeedTargets,
  logger: Logger,
  options: { days?: number } = {},
): Promise<void> {
  const started = performance.now();
  const companies = await seedCompanies(targets.company);
  const accounts = await seedDemoAccounts(targets.auth, { volcanoCompanyId: companies.volcanoCompanyId });
  const network = await seedNetwork(targets.company, { driverUserIds: accounts, days: options.days });
  logger.info(
    {
      accounts: Object.keys(accounts).length,
      stations: Object.keys(network.stationIds).length,
      tripsCreated: network.tripsCreated,
      ms: Math.round(performance.now() - started),
    },
    'demo data seeded',
  );
}

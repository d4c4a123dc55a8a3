import type { Logger } from '@busline/shared';
import type { Platform } from './platform';

/**
 * Demo data through each subgraph's own seed code (companies, then accounts, then the network),
 * idempotent: a second run only tops up the rolling week of trips.
 */
export async function seedDemoData(platform: Platform, logger: Logger): Promise<void> {
  logger.info('demo data: nothing to seed yet');
  void platform;
}

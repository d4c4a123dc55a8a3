import type { CompanyConfig } from './env';

/** What the company subgraph needs beyond SubgraphDeps. Everything omitted gets its default. */
export interface CompanyServerOptions {
  /** Clock for the domain rules ("departure in the future"); tests pin it. Default: the system clock. */
  now?: () => Date;
  /** Most upcoming trips one company's edits send again in an hour (TRIP_RESENDS_PER_COMPANY_HOUR). */
  tripResendsPerHour?: number;
  /** Company quotas (COMPANY_QUOTA, COMPANY_STATION_QUOTA). */
  quotas?: { perKind: number; stations: number };
}

/** The options a running company subgraph takes from its environment. */
export function loadServerOptions(config: CompanyConfig): CompanyServerOptions {
  return {
    tripResendsPerHour: config.TRIP_RESENDS_PER_COMPANY_HOUR,
    quotas: { perKind: config.COMPANY_QUOTA, stations: config.COMPANY_STATION_QUOTA },
  };
}

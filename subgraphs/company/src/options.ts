import type { CompanyConfig } from './env';

/** What the company subgraph needs beyond SubgraphDeps. Everything omitted gets its default. */
export interface CompanyServerOptions {
  /** Clock for the domain rules ("departure in the future"); tests pin it. Default: the system clock. */
  now?: () => Date;
}

/** The options a running company subgraph takes from its environment: none yet beyond the defaults. */
export function loadServerOptions(_config: CompanyConfig): CompanyServerOptions {
  return {};
}

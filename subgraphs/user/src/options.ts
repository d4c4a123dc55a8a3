import type { UserConfig } from './env';

/**
 * What the user subgraph needs beyond SubgraphDeps: nothing yet (its settings are the kit's common
 * ones). Kept so the user subgraph starts like the others; a tunable it gains goes here.
 */
export type UserServerOptions = Record<never, never>;

/** The options a running user subgraph takes from its environment. */
export function loadServerOptions(_config: UserConfig): UserServerOptions {
  return {};
}

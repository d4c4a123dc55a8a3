import { buildWebClient } from '../../scripts/lib/web-client';

/**
 * Builds the web client before the browser tests, outside any test hook (a build can take a minute on a
 * busy machine); skipped when clients/web/dist is up to date, as `npm start` skips it.
 */
export default async function setup(): Promise<void> {
  // On stderr, so `vitest list --json` output stays JSON.
  await buildWebClient((message) => console.error(`[browser tests] ${message}`));
}

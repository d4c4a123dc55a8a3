import { createEventRuntime, json, serveSubgraph, type SubgraphDeps } from '@busline/shared';
import { buildContext } from './context';
import { outbox, processedEvents } from './db/schema';
import { createHandlers } from './events';
import { generateSigningJwk, KeyRing } from './keys/key-ring';
import type { QrOptions } from './options';
import { resolvers } from './resolvers';

export const SUBGRAPH = 'qr';
export const QR_KEYS_PATH = '/.well-known/qr-keys.json';

/**
 * Builds the qr subgraph (not started: call `start(port)`). Without `options.signingKeys` it signs
 * with an ephemeral key (tests); index.ts passes the configured ones.
 */
export function createServer(deps: SubgraphDeps, options: QrOptions = {}) {
  const keys = new KeyRing(options.signingKeys ?? [generateSigningJwk()]);
  const graceMs = options.validityGraceMs ?? 6 * 3600_000;
  const events = createEventRuntime(SUBGRAPH, deps, { outbox, processedEvents }, createHandlers(keys, graceMs));
  const qr = { db: deps.db.db, keys, runner: events.runner, boardingOpensMs: options.boardingOpensMs ?? 30 * 60_000 };
  return serveSubgraph(deps, {
    name: SUBGRAPH,
    schema: new URL('./schema.graphql', import.meta.url),
    resolvers,
    buildContext: (base) => buildContext(base, qr),
    routes: [
      // Public keys only: scanners cache them and verify passes offline.
      {
        method: 'GET',
        path: QR_KEYS_PATH,
        handler: () => json({ keys: keys.publicJwks }, 200, { 'cache-control': 'public, max-age=300' }),
      },
    ],
    workers: events.workers,
  });
}

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest, TcpProxy, testEnv, testLogger } from '@busline/shared/testing';
import { generateSigningJwk, KeyRing, signPass } from '../subgraphs/qr/src/public';
import { startPlatform, type Platform } from '../scripts/lib/platform';
import { seedDemoData } from '../scripts/lib/seed';
import { isolatedPlatformOptions, login } from './harness';

/**
 * The whole platform on a Postgres reached through a proxy the test cuts: every connection of
 * every subgraph breaks and no new one can be made, as when the database restarts. The machine's
 * Postgres itself is never touched.
 */
if (!testEnv.postgresUrl)
  console.warn(
    'Skipping the degraded-mode tests: they need real Postgres (set POSTGRES_URL), reached through a proxy they cut.',
  );
describe.skipIf(!testEnv.postgresUrl)('with its database down, each subgraph', () => {
  const server = new URL(testEnv.postgresUrl ?? 'postgres://localhost:5432/postgres');
  const proxy = new TcpProxy(server.hostname, Number(server.port || 5432));
  const qrKey = generateSigningJwk();
  let options: ReturnType<typeof isolatedPlatformOptions>;
  let platform: Platform;
  const tokens = { passenger: '', admin: '' };
  let boardingPass = '';

  const OPERATIONS: {
    subgraph: string;
    query: string;
    variables?: () => Record<string, unknown>;
    as?: keyof typeof tokens;
  }[] = [
    { subgraph: 'auth', query: '{ me { id } }', as: 'passenger' },
    { subgraph: 'user', query: '{ myDashboard { upcomingTrips { bookingId } } }', as: 'passenger' },
    { subgraph: 'company', query: '{ stations(first: 1) { edges { node { id } } } }' },
    {
      subgraph: 'ticketing',
      query: 'query($id: ID!) { booking(id: $id) { id } }',
      variables: () => ({ id: randomUUID() }),
      as: 'passenger',
    },
    // A genuine signature makes qr look the pass up (a forged one is refused without the database).
    {
      subgraph: 'qr',
      query: 'mutation($token: String!) { verifyTicket(token: $token) { result } }',
      variables: () => ({ token: boardingPass }),
      as: 'admin',
    },
    {
      subgraph: 'payment',
      query: 'query($id: ID!) { payment(id: $id) { id } }',
      variables: () => ({ id: randomUUID() }),
      as: 'passenger',
    },
    { subgraph: 'notification', query: '{ myNotificationPreferences { language } }', as: 'passenger' },
  ];

  const run = (operation: (typeof OPERATIONS)[number]) =>
    graphqlRequest(
      `${platform.routerUrl}/graphql`,
      operation.query,
      operation.variables?.(),
      operation.as ? { authorization: `Bearer ${tokens[operation.as]}` } : {},
    );

  beforeAll(async () => {
    const port = await proxy.start();
    const proxied = new URL(server);
    proxied.port = String(port);
    options = {
      ...isolatedPlatformOptions({ QR_SIGNING_KEYS: JSON.stringify([qrKey]) }),
      postgresUrl: proxied.toString(),
    };
    platform = await startPlatform(options);
    const deps = (name: string) => platform.subgraphs.get(name)!.deps;
    await seedDemoData({ auth: deps('auth'), company: deps('company') }, testLogger('seed'), { days: 1 });
    const graphqlUrl = `${platform.routerUrl}/graphql`;
    tokens.passenger = await login(graphqlUrl, 'passenger@busline.test', 'Passenger-demo-2026');
    tokens.admin = await login(graphqlUrl, 'admin@busline.test', 'Admin-demo-2026');
    const now = Date.now();
    boardingPass = await signPass(
      new KeyRing([qrKey]),
      { tid: randomUUID(), trp: randomUUID(), seat: '1A', name: 'Grace Uwimana' },
      new Date(now - 60_000),
      new Date(now + 3_600_000),
    );
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await proxy.stop();
    await options?.cleanup();
  });

  describe('while Postgres is unreachable', () => {
    beforeAll(() => proxy.stop());

    it.each(OPERATIONS)('$subgraph answers UNAVAILABLE with a retry hint through the router', async (operation) => {
      const result = await run(operation);
      expect(result.errors).toEqual([
        expect.objectContaining({
          message: `The ${operation.subgraph} service's database is unavailable; retry shortly`,
          extensions: { code: 'UNAVAILABLE', serviceName: operation.subgraph, retryAfterSeconds: 5 },
        }),
      ]);
    });
  });

  describe('once Postgres is back', () => {
    beforeAll(() => proxy.start());

    it.each(OPERATIONS)('$subgraph answers the same operation', async (operation) => {
      const result = await run(operation);
      expect(result.errors).toBeUndefined();
      expect(result.data).toBeTruthy();
    });
  });
});

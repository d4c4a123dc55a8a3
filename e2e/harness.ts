import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropDatabase, queryRows, sql, type EventBus } from '@busline/shared';
import { eventually, graphqlRequest, testEnv, testLogger, uniqueName } from '@busline/shared/testing';
import { startPlatform, type Platform, type PlatformOptions } from '../scripts/lib/platform';
import { seedDemoData } from '../scripts/lib/seed';
import { SUBGRAPHS } from '../scripts/lib/subgraphs';
import { createServer as createRouter } from '../router/src/server';
import { loadSupergraphSdl } from '../router/src/supergraph';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The calendar date (YYYY-MM-DD) in `timeZone` `days` from now: a search date for a company of that zone. */
export const zonedDate = (timeZone: string, days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(Date.now() + days * 86_400_000));

/** Kigali's calendar date (YYYY-MM-DD) `days` from now: what a passenger types in a search. */
export const kigaliDate = (days: number) =>
  new Date(Date.now() + days * 86_400_000 + 2 * 3_600_000).toISOString().slice(0, 10);

/** Signs in through the router at `graphqlUrl` and returns the access token. */
export async function login(graphqlUrl: string, email: string, password: string): Promise<string> {
  const result = await graphqlRequest<{ login: { accessToken: string } }>(
    graphqlUrl,
    'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: password },
  );
  if (!result.data) throw new Error(`login of ${email} failed: ${JSON.stringify(result.errors)}`);
  return result.data.login.accessToken;
}

export interface TestPlatform {
  platform: Platform;
  routerUrl: string;
  /** Runs an operation through the router, optionally with a bearer token. */
  request<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): ReturnType<typeof graphqlRequest<T>>;
  /** Signs in through the router; resolves with the access token. */
  login(email: string, password: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The whole platform in this process on free ports, as `npm start` runs it: real Postgres and
 * Redis when CI provides them (fresh databases and stream prefix), embedded otherwise.
 */
/** Options of a platform isolated for one test file: free ports, fresh databases, own streams. */
export function isolatedPlatformOptions(
  env: Record<string, string> = {},
): PlatformOptions & { cleanup(): Promise<void> } {
  const prefix = `${uniqueName('e2e')}_`;
  const dataDir = mkdtempSync(join(tmpdir(), 'busline-e2e-'));
  return {
    logger: testLogger('e2e'),
    postgresUrl: testEnv.postgresUrl,
    redisUrl: testEnv.redisUrl,
    dataDir,
    inMemory: true,
    ports: Object.fromEntries([...SUBGRAPHS.map((s) => [s.name, 0]), ['router', 0]]),
    databasePrefix: prefix,
    eventPrefix: `test:${prefix}`,
    routerSecret: 'e2e-router-secret-0123456789abcdef',
    env: { NODE_ENV: 'test', ...env },
    supergraphConfigPath: `${root}supergraph.yaml`,
    async cleanup() {
      if (testEnv.postgresUrl) for (const s of SUBGRAPHS) await dropDatabase(testEnv.postgresUrl, `${prefix}${s.name}`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const countRows = async (platform: Platform, subgraph: string, table: string) =>
  Number(
    (
      await queryRows<{ n: string }>(
        platform.subgraphs.get(subgraph)!.deps.db.db,
        sql.raw(`select count(*) as n from "${subgraph}"."${table}"`),
      )
    )[0]!.n,
  );

/**
 * Demo data as `npm start` seeds it, then waits until the events it caused have built ticketing's inventory,
 * so tests start from a settled platform. Five days of trips (fewer than `npm start`'s keeps tests fast):
 * tests search up to three days on (`kigaliDate(3)`), and the fifth keeps that date seeded when Kigali's
 * midnight passes between the seed and the search.
 */
export async function seedTestPlatform(platform: Platform): Promise<void> {
  const deps = (name: string) => platform.subgraphs.get(name)!.deps;
  await seedDemoData({ auth: deps('auth'), company: deps('company') }, testLogger('seed'), { days: 5 });
  const trips = await countRows(platform, 'company', 'trips');
  await eventually(async () => (await countRows(platform, 'ticketing', 'trips')) >= trips, 30_000, 100);
}

export async function startTestPlatform(
  options: { env?: Record<string, string>; seed?: boolean } = {},
): Promise<TestPlatform> {
  const platformOptions = isolatedPlatformOptions(options.env);
  const platform = await startPlatform(platformOptions);
  if (options.seed) await seedTestPlatform(platform);
  const url = `${platform.routerUrl}/graphql`;
  return {
    platform,
    routerUrl: platform.routerUrl,
    request: (query, variables, token) =>
      graphqlRequest(url, query, variables, token ? { authorization: `Bearer ${token}` } : {}),
    login: (email, password) => login(url, email, password),
    async stop() {
      await platform.stop();
      await platformOptions.cleanup();
    },
  };
}

/**
 * Delivers the latest `trip.updated` of `tripId` (of any trip when omitted) from company's outbox a second
 * time, as the bus does after a consumer crashed before its acknowledgement, then a marker snapshot of a new
 * trip behind it; resolves once notification applied the marker, so the duplicate was handled by then.
 */
export async function redeliverTripUpdated(busline: TestPlatform, tripId?: string): Promise<void> {
  const company = busline.platform.subgraphs.get('company')!;
  const { rows } = (await company.deps.db.db.execute(
    sql`select id, payload, occurred_at from company.outbox where type = 'trip.updated'
        ${tripId ? sql`and payload->>'tripId' = ${tripId}` : sql``} order by seq desc limit 1`,
  )) as unknown as { rows: { id: string; payload: Record<string, unknown>; occurred_at: Date }[] };
  const event = rows[0];
  if (!event) throw new Error(`no trip.updated in company's outbox${tripId ? ` for trip ${tripId}` : ''}`);
  await company.deps.bus.publish({
    id: event.id,
    type: 'trip.updated',
    source: 'company',
    occurredAt: new Date(event.occurred_at).toISOString(),
    payload: event.payload,
  });
  const marker = { ...event.payload, tripId: crypto.randomUUID(), version: 1 };
  await company.deps.bus.publish({
    id: crypto.randomUUID(),
    type: 'trip.updated',
    source: 'company',
    occurredAt: new Date().toISOString(),
    payload: marker,
  });
  const notification = busline.platform.subgraphs.get('notification')!;
  await eventually(
    async () =>
      (
        (await notification.deps.db.db.execute(
          sql`select 1 from notification.trips where trip_id = ${marker.tripId}`,
        )) as unknown as { rows: unknown[] }
      ).rows.length === 1,
  );
}

/** A bus that delivers nothing: a router on it learns of changes only by its own mutations and the shared Redis. */
export const deafBus: EventBus = {
  kind: 'redis',
  publish: async () => undefined,
  subscribe: () => ({ stop: async () => undefined }),
  ping: async () => undefined,
  close: async () => undefined,
};

export type ExtraRouter = ReturnType<typeof createRouter>;

/**
 * Another router on a platform's subgraphs, with cache settings of its own, listening on a free port; it joins
 * `started`, which the caller stops.
 */
export async function startExtraRouter(
  platform: Platform,
  options: PlatformOptions,
  responseCache: Parameters<typeof createRouter>[0]['responseCache'],
  started: ExtraRouter[],
): Promise<{ router: ExtraRouter; url: string }> {
  const logger = testLogger('extra-router');
  const router = createRouter({
    logger,
    supergraphSdl: loadSupergraphSdl({ configPath: options.supergraphConfigPath, logger }),
    urls: Object.fromEntries([...platform.subgraphs].map(([name, s]) => [name, `${s.url}/graphql`])),
    routerSecret: options.routerSecret,
    responseCache,
  });
  started.push(router);
  return { router, url: await router.start(0, '127.0.0.1') };
}

import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '@busline/shared';
import { createTestTokens, eventually, graphqlRequest } from '@busline/shared/testing';
import { requestRouterStats, routerListening } from '../src/cluster-stats';
import { composeSupergraph } from '../src/compose';
import {
  ACCOUNTS_SDL,
  createReviewsSubgraph,
  postReview,
  reviewListeners,
  REVIEWS_SDL,
  startAccountsSubgraph,
} from './fixtures/subgraphs';

/** `ROUTER_WORKERS=2`: the router's own entry point, run as production runs it. */
const SECRET = 'router-secret-for-tests-0123456789';
let accounts: Awaited<ReturnType<typeof startAccountsSubgraph>>;
let reviews: Service;
let router: ChildProcess;
let url: string;
let dir: string;
const clients: Client[] = [];

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/**
 * Each test's inner waits (a worker replaced, events joined) can take most of the default 30 s on a loaded
 * machine; the test gets more, so a slow run fails on the wait that did not happen, not on a bare timeout.
 */
const TEST_TIMEOUT_MS = 45_000;
const query = () =>
  graphqlRequest<{ latestReviewer: { name: string } }>(`${url}/graphql`, '{ latestReviewer { name } }');

beforeAll(async () => {
  accounts = await startAccountsSubgraph();
  reviews = createReviewsSubgraph(await createTestTokens(), SECRET);
  const reviewsUrl = await reviews.start(0);
  const { supergraphSdl } = composeSupergraph([
    { name: 'accounts', url: `${accounts.url}/graphql`, sdl: ACCOUNTS_SDL },
    { name: 'reviews', url: `${reviewsUrl}/graphql`, sdl: REVIEWS_SDL },
  ]);
  dir = mkdtempSync(join(tmpdir(), 'busline-router-cluster-'));
  writeFileSync(join(dir, 'supergraph.graphql'), supergraphSdl);
  router = fork(fileURLToPath(new URL('../src/index.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      ROUTER_WORKERS: '2',
      // Port 0, told back over IPC: a port chosen here could be taken by another process before the router binds it.
      PORT: '0',
      HOST: '127.0.0.1',
      ROUTER_SECRET: SECRET,
      SUPERGRAPH_PATH: join(dir, 'supergraph.graphql'),
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  // The primary tells the port once both workers listen: each compiles and loads a whole router, which takes
  // half a minute on a loaded machine.
  url = `http://127.0.0.1:${await routerListening(router, 75_000)}`;
  expect(await requestRouterStats(router)).toHaveLength(2);
}, 90_000);

afterAll(async () => {
  for (const client of clients) await client.dispose();
  if (router.exitCode === null && router.signalCode === null) {
    router.kill('SIGKILL');
    await new Promise((resolve) => router.once('exit', resolve));
  }
  await reviews.stop();
  await accounts.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('router workers', () => {
  it(
    'spreads connections over two worker processes on one port and joins every event on each',
    async () => {
      for (let i = 0; i < 20; i++) expect((await query()).data).toEqual({ latestReviewer: { name: 'Aline' } });

      const received: unknown[][] = [];
      for (let i = 0; i < 4; i++) {
        const client = createClient({
          url: `${url.replace('http', 'ws')}/graphql`,
          webSocketImpl: WebSocket,
          retryAttempts: 0,
        });
        clients.push(client);
        const events: unknown[] = [];
        received.push(events);
        client.subscribe(
          { query: 'subscription { reviewPosted { id name } }' },
          { next: (r) => events.push(r.data), error: () => undefined, complete: () => undefined },
        );
      }
      await eventually(async () => (await requestRouterStats(router)).reduce((n, w) => n + w.subscribers, 0) === 4);
      const workers = await requestRouterStats(router);
      expect(new Set(workers.map((w) => w.pid)).size).toBe(2);
      // Each worker serves some of the connections and holds its own upstream subscription.
      expect(workers.every((w) => w.subscribers > 0)).toBe(true);
      expect(workers.map((w) => w.upstreamSubscriptions)).toEqual([1, 1]);

      // An event published before the subgraph has started both upstream subscriptions would reach nobody.
      await eventually(() => reviewListeners() === 2);
      postReview('a2');
      await eventually(() => received.every((events) => events.length === 1));
      for (const events of received) expect(events).toEqual([{ reviewPosted: { id: 'a2', name: 'Eric' } }]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'replaces a worker that dies while the other keeps serving',
    async () => {
      const [victim, survivor] = await requestRouterStats(router);
      process.kill(victim!.pid, 'SIGKILL');
      // Connections the dead worker held are gone (a pooled one may fail once); new ones are served at once.
      expect(await eventually(async () => (await query()).data, 2000)).toEqual({ latestReviewer: { name: 'Aline' } });
      // A short stats timeout per attempt, so one slow answer cannot carry the wait past its 30 s.
      await eventually(async () => {
        const pids = (await requestRouterStats(router, 1000)).map((w) => w.pid);
        return pids.length === 2 && pids.includes(survivor!.pid) && !pids.includes(victim!.pid);
      }, 30_000);
      for (let i = 0; i < 4; i++) expect((await query()).data).toEqual({ latestReviewer: { name: 'Aline' } });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'stops every worker cleanly on SIGTERM',
    async () => {
      for (const client of clients.splice(0)) await client.dispose();
      const pids = (await requestRouterStats(router)).map((w) => w.pid);
      router.kill('SIGTERM');
      await eventually(() => router.exitCode !== null || router.signalCode !== null, 15_000);
      expect({ code: router.exitCode, signal: router.signalCode }).toEqual({ code: 0, signal: null });
      await eventually(() => pids.every((pid) => !alive(pid)));
    },
    TEST_TIMEOUT_MS,
  );
});

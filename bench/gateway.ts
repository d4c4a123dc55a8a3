/**
 * The nested trip search (ticketing → company entity fetches: company, bus, route, stops, stations,
 * seat map) through four gateways in one run, on the same six subgraphs (services mode with
 * POSTGRES_URL/REDIS_URL, seeded with the demo network): the Busline router from its own entry point
 * (in-flight deduplication on, then off), stock @apollo/gateway on Apollo Server 5, and Hive Gateway
 * with its defaults and with its deduplication off. Every gateway runs in a process of its own and
 * the load comes from another (bench/lib/http-load.ts): every client sends the same search, as many
 * passengers looking at the same route and day do. Prints req/s, p50/p99, the gateway's CPU per
 * request and the subgraphs' (this process holds them).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isolatedPlatformOptions, seedTestPlatform } from '../e2e/harness';
import { loadSupergraphSdl } from '../router/src/supergraph';
import { startPlatform } from '../scripts/lib/platform';
import { localDateInKigali } from '../subgraphs/ticketing/src/public';
import { startBenchRouter } from './lib/router';
import type { PeerKind } from './lib/peer-gateway';

const TOTAL = Number(process.env.BENCH_REQUESTS ?? 3000);
const WARMUP = 500;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);

const QUERY = `query Search($i: SearchTripsInput!) {
  searchTrips(input: $i) {
    id departureAt arrivalAt status availableSeats
    price { amount currency }
    company { name slug contactPhone }
    bus { plateNumber model amenities seatCount }
    route { name distanceKm durationMinutes
      origin { name city } destination { name city }
      stops { order minutesFromDeparture station { code name city latitude longitude } } }
    seatMap { label state }
  }
}`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

function load(url: string, body: string, total: number): Promise<{ latencies: number[]; failures: number; elapsedMs: number }> {
  const child = fork(fileURLToPath(new URL('./lib/http-load.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('message', resolve as never);
    child.once('error', reject);
    child.send({ url, body, total, concurrency: CONCURRENCY });
  });
}

interface Gateway {
  url: string;
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

function ask<T>(child: ChildProcess, message: unknown): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', resolve as never);
    child.send(message as never);
  });
}

async function startPeer(kind: PeerKind, supergraphSdl: string, routerSecret: string): Promise<Gateway> {
  const child = fork(fileURLToPath(new URL('./lib/peer-gateway.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, NODE_ENV: 'production' } });
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  const { port } = await ask<{ port: number }>(child, { kind, supergraphSdl, routerSecret });
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    cpuMicros: async () => (await ask<{ cpuMicros: number }>(child, { stats: true })).cpuMicros,
    async stop() {
      process.off('exit', orphan);
      // Hive Gateway stays up on SIGTERM (its own handlers dispose of it); neither peer holds anything to keep.
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

const options = isolatedPlatformOptions();
const platform = await startPlatform(options);
try {
  await seedTestPlatform(platform);
  // Every gateway reads the same supergraph, pointed at this run's subgraphs.
  let supergraphSdl = loadSupergraphSdl({ configPath: options.supergraphConfigPath, logger: options.logger });
  for (const [name, subgraph] of platform.subgraphs) {
    supergraphSdl = supergraphSdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*"`), `$1${subgraph.url}/graphql"`);
  }
  const date = localDateInKigali(new Date(Date.now() + 86_400_000));
  const body = JSON.stringify({ query: QUERY, variables: { i: { originCity: 'Kigali', destinationCity: 'Huye', date, passengers: 1 } } });
  const check = await (await fetch(`${platform.routerUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json();
  const trips = (check as { data?: { searchTrips: unknown[] } }).data?.searchTrips.length;
  if (!trips) throw new Error(`the search finds nothing: ${JSON.stringify(check).slice(0, 500)}`);
  console.log(`\nnested searchTrips Kigali → Huye on ${date}: ${trips} trips, ${(JSON.stringify(check).length / 1024).toFixed(0)} KiB per answer`);
  console.log(`${TOTAL} requests after ${WARMUP} of warm-up, ${CONCURRENCY} connections, services mode (${options.postgresUrl ? 'Postgres' : 'PGlite'})\n`);

  const variants: [string, () => Promise<Gateway>][] = [
    ['Busline router (1 worker)', async () => busline('true')],
    ['Busline router, DEDUPE_INFLIGHT_FETCHES=false', async () => busline('false')],
    ['@apollo/gateway + Apollo Server 5', () => startPeer('apollo-server', supergraphSdl, options.routerSecret!)],
    ['Hive Gateway, defaults', () => startPeer('hive', supergraphSdl, options.routerSecret!)],
    ['Hive Gateway, deduplication off', () => startPeer('hive-no-dedupe', supergraphSdl, options.routerSecret!)],
  ];
  async function busline(dedupe: string): Promise<Gateway> {
    process.env.DEDUPE_INFLIGHT_FETCHES = dedupe;
    const router = await startBenchRouter(platform, { workers: 1, routerSecret: options.routerSecret! });
    delete process.env.DEDUPE_INFLIGHT_FETCHES;
    return { url: `${router.url}/graphql`, cpuMicros: async () => (await router.totals()).cpuMicros, stop: () => router.stop() };
  }

  const rows = [];
  for (const [label, start] of variants) {
    const gateway = await start();
    try {
      await load(gateway.url, body, WARMUP);
      const gatewayBefore = await gateway.cpuMicros();
      const subgraphsBefore = process.cpuUsage();
      const run = await load(gateway.url, body, TOTAL);
      const subgraphsCpu = process.cpuUsage(subgraphsBefore);
      const gatewayCpu = (await gateway.cpuMicros()) - gatewayBefore;
      const sorted = [...run.latencies].sort((a, b) => a - b);
      const row = {
        gateway: label,
        'req/s': Math.round(TOTAL / (run.elapsedMs / 1000)),
        'p50 ms': Math.round(percentile(sorted, 50)),
        'p99 ms': Math.round(percentile(sorted, 99)),
        'gateway CPU ms/req': +(gatewayCpu / 1000 / TOTAL).toFixed(2),
        'subgraphs CPU ms/req': +((subgraphsCpu.user + subgraphsCpu.system) / 1000 / TOTAL).toFixed(2),
        failures: run.failures,
      };
      console.log(JSON.stringify(row));
      rows.push(row);
    } finally {
      await gateway.stop();
    }
  }
  console.table(rows);
  const router = rows[0]!['req/s'];
  const hive = rows[3]!['req/s'];
  console.log(`Busline router / Hive Gateway (defaults): ${(router / hive).toFixed(2)}× (target ≥ 1.2×); router vs 119 req/s before: ${(router / 119).toFixed(1)}× (target ≥ 3×, p99 ≤ 300 ms)`);
} finally {
  await platform.stop();
  await options.cleanup();
}

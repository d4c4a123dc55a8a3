/**
 * What observability costs the router: one single-subgraph query (`{ me { id } }`, anonymous, answered
 * by auth without a database read) through the router from its own entry point, with tracing off and
 * then on (OTLP/HTTP to a sink in this process), metrics and the access log on in both (they always
 * are). The load comes from a child process. Prints requests/s, latency and the router's CPU per
 * request, then how long a scrape of /metrics takes on the router and on a subgraph.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { isolatedPlatformOptions } from '../e2e/harness';
import { startPlatform } from '../scripts/lib/platform';
import { startBenchRouter, type BenchRouter } from './lib/router';

const TOTAL = Number(process.env.BENCH_REQUESTS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const BODY = JSON.stringify({ query: 'query Me { me { id } }' });

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

function load(url: string, total: number): Promise<{ latencies: number[]; failures: number; elapsedMs: number }> {
  const child = fork(fileURLToPath(new URL('./lib/http-load.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', resolve as never);
    child.once('error', reject);
    child.send({ url, body: BODY, total, concurrency: CONCURRENCY });
  });
}

async function measure(label: string, router: BenchRouter) {
  await load(`${router.url}/graphql`, 2000); // warm-up: compiled code, plans, connections
  const before = await router.totals();
  const run = await load(`${router.url}/graphql`, TOTAL);
  const after = await router.totals();
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const row = {
    variant: label,
    'req/s': Math.round(TOTAL / (run.elapsedMs / 1000)),
    'p50 ms': +percentile(sorted, 50).toFixed(2),
    'p99 ms': +percentile(sorted, 99).toFixed(2),
    'router CPU µs/req': Math.round((after.cpuMicros - before.cpuMicros) / TOTAL),
    failures: run.failures,
  };
  console.log(JSON.stringify(row));
  return row;
}

async function scrapeMs(url: string, headers: Record<string, string>) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    const response = await fetch(`${url}/metrics`, { headers });
    bytes = (await response.text()).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { 'median ms': +percentile(times, 50).toFixed(2), bytes };
}

const options = isolatedPlatformOptions();
const platform = await startPlatform(options);
let spans = 0;
const sink = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    spans += (body.match(/"spanId"/g) ?? []).length;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
try {
  const rows = [];
  const off = await startBenchRouter(platform, { workers: 1, routerSecret: options.routerSecret! });
  rows.push(await measure('tracing off', off));
  console.log('scrape router', JSON.stringify(await scrapeMs(off.url, {})));
  console.log(
    'scrape ticketing',
    JSON.stringify(
      await scrapeMs(platform.subgraphs.get('ticketing')!.url, { 'x-router-secret': options.routerSecret! }),
    ),
  );
  await off.stop();

  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
  const on = await startBenchRouter(platform, { workers: 1, routerSecret: options.routerSecret! });
  rows.push(await measure('tracing on', on));
  await on.stop();
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  console.log(
    `spans received by the sink: ${spans} (${(spans / (TOTAL + 2000)).toFixed(1)} per request; the batch processor drops what overflows its queue)`,
  );
  console.table(rows);
} finally {
  sink.close();
  await platform.stop();
  await options.cleanup();
}

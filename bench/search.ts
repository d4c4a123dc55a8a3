/**
 * searchTrips over 10,000 trips on the ticketing subgraph (HTTP, real Postgres when POSTGRES_URL is
 * set, PGlite otherwise): p50/p99 of 500 sequential searches and of 500 at concurrency 8.
 * Target: p99 ≤ 20 ms.
 */
import { startTestSubgraph } from '@busline/shared/testing';
import { createServer, localDateInKigali, migrations } from '../subgraphs/ticketing/src/public';
import { insertSearchTrips } from '../subgraphs/ticketing/test/data/search-trips';

const TRIPS = Number(process.env.BENCH_TRIPS ?? 10_000);
const RUNS = 500;
const subgraph = await startTestSubgraph({
  name: 'bench_search',
  migrations,
  createServer: (deps) => createServer(deps, { sweepIntervalMs: 0 }),
});
await insertSearchTrips(subgraph.database.handle.db, TRIPS);
const date = localDateInKigali(new Date(Date.now() + 3 * 86_400_000));
const query = 'query($input: SearchTripsInput!) { searchTrips(input: $input) { id availableSeats } }';
const pairs = [
  ['Kigali', 'Huye'],
  ['Muhanga', 'Rusizi'],
  ['Musanze', 'Rubavu'],
  ['Rwamagana', 'Nyagatare'],
];

async function search(i: number): Promise<number> {
  const [originCity, destinationCity] = pairs[i % pairs.length]!;
  const started = performance.now();
  const result = await subgraph.request(query, { input: { originCity, destinationCity, date, passengers: 2 } });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return performance.now() - started;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1);
for (let i = 0; i < 50; i++) await search(i); // warm-up

const sequential: number[] = [];
for (let i = 0; i < RUNS; i++) sequential.push(await search(i));
sequential.sort((a, b) => a - b);

const concurrent: number[] = [];
const started = performance.now();
await Promise.all(
  Array.from({ length: 8 }, async (_, worker) => {
    for (let i = worker; i < RUNS; i += 8) concurrent.push(await search(i));
  }),
);
const seconds = (performance.now() - started) / 1000;
concurrent.sort((a, b) => a - b);

const found = (
  await subgraph.request(query, { input: { originCity: 'Kigali', destinationCity: 'Huye', date, passengers: 2 } })
).data?.searchTrips.length;
console.log(
  `\nsearchTrips over ${TRIPS.toLocaleString('en')} trips (${subgraph.database.handle.kind}), ${found} results per search\n`,
);
console.log('mode            | p50 ms | p99 ms | searches/s');
console.log('--------------- | ------ | ------ | ----------');
console.log(
  `sequential      | ${pct(sequential, 50).padStart(6)} | ${pct(sequential, 99).padStart(6)} | ${(1000 / (sequential.reduce((a, b) => a + b, 0) / RUNS)).toFixed(0).padStart(10)}`,
);
console.log(
  `concurrency 8   | ${pct(concurrent, 50).padStart(6)} | ${pct(concurrent, 99).padStart(6)} | ${(RUNS / seconds).toFixed(0).padStart(10)}`,
);
await subgraph.stop();

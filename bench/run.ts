/**
 * `npm run bench [-- name]`: runs the benchmarks (each prints its figures). Names: search, subscriptions,
 * subscriptions-joined, fanout-floor, observability, gateway, hold, soak
 * (soak runs for half an hour: only when named).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES: Record<string, string> = {
  search: 'search.ts',
  subscriptions: 'subscriptions.ts',
  'subscriptions-joined': 'subscriptions-joined.ts',
  'fanout-floor': 'fanout-floor.ts',
  observability: 'observability.ts',
  gateway: 'gateway.ts',
  hold: 'hold.ts',
  soak: 'soak.ts',
};
const wanted = process.argv.slice(2).filter((a) => a in BENCHES);
const byDefault = Object.keys(BENCHES).filter((name) => name !== 'soak');
for (const name of wanted.length ? wanted : byDefault) {
  const file = fileURLToPath(new URL(`./${BENCHES[name]}`, import.meta.url));
  const result = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', file], {
    stdio: 'inherit',
    env: process.env,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

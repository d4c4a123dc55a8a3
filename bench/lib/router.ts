/**
 * The router as production runs it, for the benchmarks: its own entry point (router/src/index.ts)
 * with ROUTER_WORKERS processes on one port, pointed at the subgraphs of a platform started in the
 * bench process. Its memory and CPU are read over IPC (the stats every worker reports).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { requestRouterStats, routerListening, type WorkerStats } from '../../router/src/cluster-stats';
import type { Platform } from '../../scripts/lib/platform';

export interface BenchRouter {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The primary's pid (it only supervises when there are workers). */
  pid: number;
  /** Each worker's figures (the one process's without workers). */
  workers(): Promise<WorkerStats[]>;
  /** Summed over the workers. */
  totals(): Promise<{
    subscribers: number;
    upstreamSubscriptions: number;
    heapUsed: number;
    rss: number;
    cpuMicros: number;
  }>;
  stop(): Promise<void>;
}

/** Where the subgraphs listen: a platform started in this process, or processes of their own. */
type SubgraphUrls = Pick<Platform, 'subgraphs'> | { subgraphs: Map<string, { url: string }> };

export async function startBenchRouter(
  platform: SubgraphUrls,
  options: { workers: number; routerSecret: string; env?: Record<string, string> },
): Promise<BenchRouter> {
  const router = fork(fileURLToPath(new URL('../../router/src/index.ts', import.meta.url)), [], {
    execArgv: [
      '--expose-gc',
      '--import',
      'tsx',
      // BENCH_ROUTER_CPU_PROFILE=<dir>: V8 profiles of the router's processes, written when they exit.
      ...(process.env.BENCH_ROUTER_CPU_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_ROUTER_CPU_PROFILE}`]
        : []),
    ],
    env: {
      ...process.env,
      ROUTER_WORKERS: String(options.workers),
      // Told back over IPC (routerListening): no other process can take it in between.
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ROUTER_SECRET: options.routerSecret,
      // Thousands of clients from this one machine and user: the per-address and per-user limits would
      // refuse them (they are tested in router/test/abuse-limits.test.ts, not measured here).
      RATE_LIMIT_USER_PER_MINUTE: '0',
      RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
      WS_MAX_CONNECTIONS_PER_ADDRESS: '1000000',
      WS_MAX_CONNECTIONS_PER_USER: '1000000',
      HTTP_MAX_CONNECTIONS_PER_ADDRESS: '0',
      ...Object.fromEntries(
        [...platform.subgraphs].map(([name, s]) => [`SUBGRAPH_${name.toUpperCase()}_URL`, `${s.url}/graphql`]),
      ),
      // The bench's auth, so the router verifies tokens (and counts users) as deployed, instead of failing to reach
      // the default address's key set on every request.
      ...(platform.subgraphs.get('auth') && {
        AUTH_JWKS_URL: `${platform.subgraphs.get('auth')!.url}/.well-known/jwks.json`,
      }),
      ...options.env,
    },
  });
  // A bench that fails must not leave the router running.
  const orphan = () => router.kill('SIGTERM');
  process.once('exit', orphan);
  const port = await routerListening(router);
  await new Promise<void>((resolve, reject) => {
    router.once('exit', (code) => reject(new Error(`the router exited (${code})`)));
    const poll = () =>
      fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => (r.ok ? resolve() : setTimeout(poll, 200)),
        () => setTimeout(poll, 200),
      );
    poll();
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: router.pid!,
    workers: () => requestRouterStats(router),
    async totals() {
      const all = await requestRouterStats(router);
      const sum = (pick: (s: WorkerStats) => number) => all.reduce((n, s) => n + pick(s), 0);
      return {
        subscribers: sum((s) => s.subscribers),
        upstreamSubscriptions: sum((s) => s.upstreamSubscriptions),
        heapUsed: sum((s) => s.heapUsed),
        rss: sum((s) => s.rss),
        cpuMicros: sum((s) => s.cpuMicros),
      };
    },
    async stop() {
      process.off('exit', orphan);
      const exited = new Promise((resolve) => router.once('exit', resolve));
      router.kill('SIGTERM');
      await exited;
    },
  };
}

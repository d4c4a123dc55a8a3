/**
 * The subgraphs and the provider simulator each in a process of its own, from their own entry
 * points (subgraphs/<name>/src/index.ts, as compose and Kubernetes run them), on databases and a
 * Redis already prepared (migrated and seeded). Each process preloads bench/lib/memory-probe.ts,
 * so its heap and RSS can be read over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { databaseUrl } from '@busline/shared';
import { freePort } from '@busline/shared/testing';
import { SUBGRAPHS } from '../../scripts/lib/subgraphs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PROBE = fileURLToPath(new URL('./memory-probe.ts', import.meta.url));
const KIND = 'busline:soak-memory';

/** The subgraphs in start order (auth first: the others read its keys), as the platform starts them. */
export const SUBGRAPH_NAMES = SUBGRAPHS.map((module) => module.name);

export interface ProcessMemory {
  pid: number;
  heapUsed: number;
  /** Of heapUsed, compiled code (V8's code spaces). */
  codeBytes: number;
  rss: number;
  cpuMicros: number;
}

export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Heap (after a full collection) and RSS of the process. */
  memory(): Promise<ProcessMemory>;
}

export interface ServiceProcesses {
  /** The subgraphs by name, with their http://host:port. */
  subgraphs: Map<string, ServiceProcess>;
  simulator: ServiceProcess;
  stop(): Promise<void>;
}

export interface ServiceProcessesOptions {
  postgresUrl: string;
  /** Database of subgraph `name`: `<databasePrefix><name>`. */
  databasePrefix: string;
  redisUrl: string;
  /** Where the keys generated outside production are kept (the seeding platform's DATA_DIR). */
  dataDir: string;
  routerSecret: string;
  /** Added to every subgraph's environment (limits, delays). */
  env?: Record<string, string>;
  /** Added to the simulator's environment. */
  simulatorEnv?: Record<string, string>;
}

function start(
  name: string,
  entry: string,
  env: Record<string, string | undefined>,
  url: string,
  readyPath = '/readyz',
): Promise<ServiceProcess> {
  const child = fork(entry, [], {
    cwd: root,
    execArgv: ['--expose-gc', '--import', 'tsx', '--import', PROBE],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const memory = () =>
    new Promise<ProcessMemory>((resolve, reject) => {
      const id = ++next;
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`${name} did not answer the memory request`));
      }, 15_000);
      const onMessage = (message: { kind?: string; id?: number } & ProcessMemory) => {
        if (message?.kind !== KIND || message.id !== id) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve({
          pid: message.pid,
          heapUsed: message.heapUsed,
          codeBytes: message.codeBytes,
          rss: message.rss,
          cpuMicros: message.cpuMicros,
        });
      };
      child.on('message', onMessage);
      child.send({ kind: KIND, id });
    });
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`${name} exited (${code}) before it was ready`));
    child.once('exit', exited);
    const deadline = Date.now() + 120_000;
    const poll = () =>
      fetch(`${url}${readyPath}`).then(
        (r) => (r.ok ? done() : retry()),
        () => retry(),
      );
    const retry = () =>
      Date.now() > deadline ? reject(new Error(`${name} not ready after 120 s`)) : setTimeout(poll, 250);
    const done = () => {
      child.off('exit', exited);
      resolve({ name, url, child, memory });
    };
    poll();
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(kill);
}

export async function startServiceProcesses(options: ServiceProcessesOptions): Promise<ServiceProcesses> {
  const started: ServiceProcess[] = [];
  // A bench that fails must not leave services running.
  const orphans = () => started.forEach((s) => s.child.kill('SIGKILL'));
  process.once('exit', orphans);
  const stop = async () => {
    process.off('exit', orphans);
    await Promise.all(started.map((s) => stopChild(s.child)));
  };
  try {
    const simulatorPort = await freePort();
    const simulator = await start(
      'provider-simulator',
      `${root}packages/provider-simulator/src/index.ts`,
      {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(simulatorPort),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...options.simulatorEnv,
      },
      `http://127.0.0.1:${simulatorPort}`,
      '/healthz',
    );
    started.push(simulator);
    const subgraphs = new Map<string, ServiceProcess>();
    let jwks = '';
    for (const name of SUBGRAPH_NAMES) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      if (name === 'auth') jwks = `${url}/.well-known/jwks.json`;
      const service = await start(
        name,
        `${root}subgraphs/${name}/src/index.ts`,
        {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: databaseUrl(options.postgresUrl, `${options.databasePrefix}${name}`),
          REDIS_URL: options.redisUrl,
          DATA_DIR: options.dataDir,
          ROUTER_SECRET: options.routerSecret,
          AUTH_JWKS_URL: jwks,
          PAYMENT_SIMULATOR_URL: simulator.url,
          ...options.env,
        },
        url,
      );
      started.push(service);
      subgraphs.set(name, service);
    }
    return { subgraphs, simulator, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

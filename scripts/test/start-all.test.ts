import { execFileSync, spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** What `npm start` listens on: router, the seven subgraphs, provider simulator (HTTP, SMTP), web client. */
const PORTS = [8080, 8001, 8002, 8003, 8004, 8005, 8006, 8007, 8090, 8025, 5173];

type Child = ChildProcessByStdio<null, Readable, Readable>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What `promise` resolves with, or 'still running' when it takes longer than `ms`. */
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, sleep(ms).then(() => 'still running' as const)]);

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(100);
  }
  return condition();
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

async function busyPorts(): Promise<number[]> {
  const free = await Promise.all(PORTS.map(portFree));
  return PORTS.filter((_, i) => !free[i]);
}

/** Processes of a process group that have not exited (zombies count as exited). */
function liveMembers(pgid: number): string[] {
  const table = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, group, stat]) => Number(group) === pgid && !stat?.startsWith('Z'))
    .map((fields) => fields.join(' '));
}

/** The output (standard output and error together), exit and log messages of a child process. */
function collect(child: Child) {
  const output = { text: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const messages = () =>
    output.text
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => {
        try {
          return (JSON.parse(line) as { msg?: string }).msg;
        } catch {
          return undefined; // not a log line (a build tool's output)
        }
      });
  return { output, exited, messages };
}

describe('npm start', () => {
  let dataDir: string | undefined;
  const groups: number[] = [];

  beforeAll(async () => {
    const busy = await busyPorts();
    if (busy.length > 0) throw new Error(`ports ${busy.join(', ')} are in use (is npm start running?)`);
    dataDir = mkdtempSync(join(tmpdir(), 'busline-start-all-'));
  });

  afterAll(() => {
    for (const pgid of groups) if (liveMembers(pgid).length > 0) process.kill(-pgid, 'SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    // What a supervisor, `kill <pid>` or `timeout --foreground` does.
    { to: 'npm alone', signal: 'SIGTERM', group: false },
    // What Ctrl-C and `timeout` do: npm forwards its own copy to the platform, which gets the signal twice.
    { to: 'the whole process group', signal: 'SIGINT', group: true },
  ] as const)(
    'stops the whole platform and frees its ports on $signal to $to',
    { timeout: 180_000 },
    async ({ signal, group }) => {
      // Its own process group: what is left of the group afterwards is what npm left running.
      const child = spawn('npm', ['start'], {
        cwd: root,
        detached: true,
        // MAX_DEPTH: the router's own settings reach the router `npm start` runs.
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME ?? tmpdir(),
          DATA_DIR: dataDir!,
          SEED: 'false',
          MAX_DEPTH: '3',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const pgid = child.pid!;
      groups.push(pgid);
      const { output, exited, messages } = collect(child);

      // The banner is printed once every port listens (a first start builds the web client before it).
      const ready = await until(() => output.text.includes('Busline is running') || child.exitCode !== null, 120_000);
      expect(ready && child.exitCode === null, output.text).toBe(true);
      expect((await fetch('http://127.0.0.1:8080/healthz')).ok).toBe(true);
      const deep = await fetch('http://127.0.0.1:8080/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ stations(first: 1) { edges { node { id } } } }' }),
      });
      expect(
        ((await deep.json()) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code,
      ).toBe('QUERY_LIMIT_EXCEEDED');

      process.kill(group ? -pgid : pgid, signal);
      const stopped = await until(() => liveMembers(pgid).length === 0, 15_000);
      expect(stopped ? [] : liveMembers(pgid), output.text).toEqual([]);
      expect(await busyPorts()).toEqual([]);
      expect(await within(exited, 5000)).toEqual({ code: 0, signal: null });
      expect(messages()).toContain('Busline stopped');
      expect(messages()).not.toContain('second signal: exiting now');
    },
  );
});

/** A process that calls stopOnSignals with a `stop` that never finishes. */
function hungService(options: { timeoutMs?: number } = {}) {
  const script = `
    import { createLogger } from './packages/shared/src/logger.ts';
    import { stopOnSignals } from './packages/shared/src/runtime.ts';
    const logger = createLogger('hung');
    stopOnSignals(logger, () => new Promise(() => {}), ${JSON.stringify(options)});
    logger.info('ready');
    setInterval(() => {}, 60_000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { child, ...collect(child) };
}

describe('stopOnSignals with a shutdown that hangs', () => {
  const children: Child[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('exits on a second signal, not on the copy of the first that npm forwards', { timeout: 60_000 }, async () => {
    const { child, exited, messages } = hungService();
    children.push(child);
    expect(await until(() => messages().includes('ready'), 30_000)).toBe(true);
    child.kill('SIGTERM');
    await sleep(50);
    child.kill('SIGTERM');
    await sleep(1500);
    expect({ code: child.exitCode, signal: child.signalCode }).toEqual({ code: null, signal: null });
    child.kill('SIGINT');
    expect(await within(exited, 10_000)).toEqual({ code: 1, signal: null });
    expect(messages()).toEqual(['ready', 'shutting down', 'second signal: exiting now']);
  });

  it('exits when the shutdown outlasts timeoutMs', { timeout: 60_000 }, async () => {
    const { child, exited, messages } = hungService({ timeoutMs: 500 });
    children.push(child);
    expect(await until(() => messages().includes('ready'), 30_000)).toBe(true);
    child.kill('SIGTERM');
    expect(await within(exited, 10_000)).toEqual({ code: 1, signal: null });
    expect(messages()).toEqual(['ready', 'shutting down', 'shutdown timed out: exiting now']);
  });
});

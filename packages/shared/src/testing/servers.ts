import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { freePort } from './infra';

/**
 * Redis and Postgres servers of a test's own, on free ports, that the test may pause, kill and
 * restart: fault tests use these and never touch the machine's servers.
 */
export interface OwnServer {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** SIGSTOP: the server keeps its connections but answers nothing. */
  pause(): void;
  resume(): void;
  /** SIGKILL, no shutdown of any kind; `start()` again later. */
  kill(): Promise<void>;
  /** Starts the server again on the same port from what its directory holds. */
  start(): Promise<void>;
  /** Stops it for good and removes its directory. */
  destroy(): Promise<void>;
}

function waitForPort(port: number, timeoutMs: number, child: () => ChildProcess | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const proc = child();
      if (proc && proc.exitCode !== null)
        return reject(new Error(`server exited with code ${proc.exitCode} before listening on ${port}`));
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on ${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

function exited(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

class ManagedServer implements OwnServer {
  private child: ChildProcess | undefined;
  private output = '';

  constructor(
    readonly port: number,
    readonly url: string,
    readonly dir: string,
    private readonly command: () => { file: string; args: string[]; uid?: number; gid?: number },
    private readonly ready: () => Promise<void>,
  ) {}

  async start(): Promise<void> {
    const { file, args, uid, gid } = this.command();
    this.output = '';
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], uid, gid });
    child.stdout!.on('data', (chunk) => (this.output = (this.output + chunk).slice(-4000)));
    child.stderr!.on('data', (chunk) => (this.output = (this.output + chunk).slice(-4000)));
    this.child = child;
    try {
      await waitForPort(this.port, 30_000, () => this.child);
      await this.ready();
    } catch (error) {
      throw new Error(`${file} did not start: ${(error as Error).message}\n${this.output}`);
    }
  }

  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  async kill(): Promise<void> {
    const child = this.child;
    child?.kill('SIGCONT');
    child?.kill('SIGKILL');
    await exited(child);
  }

  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A redis-server of the test's own. `appendonly` keeps every write (fsync each second, as a
 * production Redis would); without it the data survives a restart only up to the last `SAVE`.
 */
export async function startOwnRedis(options: { appendonly?: boolean } = {}): Promise<OwnServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'busline-redis-'));
  const server = new ManagedServer(
    port,
    `redis://127.0.0.1:${port}`,
    dir,
    () => ({
      file: 'redis-server',
      args: [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        options.appendonly ? 'yes' : 'no',
        '--appendfsync',
        'everysec',
      ],
    }),
    async () => undefined,
  );
  await server.start();
  return server;
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions)
    if (existsSync(join(root, version, 'bin', 'postgres'))) return join(root, version, 'bin');
  const found = spawnSync('sh', ['-c', 'dirname "$(command -v postgres)"'], { encoding: 'utf8' }).stdout.trim();
  if (found && existsSync(join(found, 'initdb'))) return found;
  throw new Error('no PostgreSQL server binaries (initdb, postgres) found on this machine');
}

/** Postgres refuses to run as root: as root the server runs as the `postgres` account. */
function postgresAccount(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A Postgres cluster of the test's own (initdb in a temporary directory, trust auth, user postgres). */
export async function startOwnPostgres(): Promise<OwnServer> {
  const bin = postgresBin();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'busline-pg-'));
  const data = join(dir, 'data');
  const account = postgresAccount();
  if (account.uid !== undefined) {
    chownSync(dir, account.uid, account.gid!);
    chmodSync(dir, 0o700);
  }
  const init = spawnSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'],
    {
      encoding: 'utf8',
      uid: account.uid,
      gid: account.gid,
    },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const server = new ManagedServer(
    port,
    `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir,
    () => ({
      file: join(bin, 'postgres'),
      args: [
        '-D',
        data,
        '-p',
        String(port),
        '-h',
        '127.0.0.1',
        '-k',
        dir,
        '-c',
        'fsync=off',
        '-c',
        'max_connections=200',
        '-c',
        'shared_buffers=32MB',
      ],
      ...account,
    }),
    async () => {
      // Listening is not accepting: wait until a query answers (recovery after a kill included).
      const pg = await import('pg');
      const deadline = Date.now() + 30_000;
      for (;;) {
        const client = new pg.default.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
        try {
          await client.connect();
          await client.query('select 1');
          await client.end();
          return;
        } catch (error) {
          await client.end().catch(() => undefined);
          if (Date.now() > deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    },
  );
  await server.start();
  return server;
}

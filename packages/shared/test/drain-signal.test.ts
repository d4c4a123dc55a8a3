import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { shutdownTimeoutMs } from '../src/runtime';
import { createTestDatabase, eventually, testEnv } from '../src/testing';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The user subgraph in a process of its own, as its image runs it; its log lines as they come. */
function startUserProcess(env: Record<string, string>) {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['subgraphs/user/src/index.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      // The port it listens on is read from its log: one chosen here could be taken by another process first.
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: { msg?: string; url?: string }[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const complete = buffered.split('\n');
    buffered = complete.pop()!;
    for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = () => eventually(() => lines.find((l) => l.msg === 'user listening')?.url, 60_000, 100);
  return { child, lines, exited, listening };
}

describe('a subgraph process on SIGTERM', () => {
  it('drains (WebSockets closed with 1001) and exits 0', { timeout: 90_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'busline-drain-'));
    // A fresh database of its own (PGlite under DATA_DIR without POSTGRES_URL) and in-memory events.
    const database = testEnv.postgresUrl ? await createTestDatabase('drain_signal') : undefined;
    const { child, lines, exited, listening } = startUserProcess({
      DATA_DIR: dataDir,
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
      SHUTDOWN_GRACE_MS: '5000',
    });
    try {
      const url = await listening();
      const socket = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ type: 'connection_init' }));
      await new Promise((resolve) => socket.once('message', resolve));

      child.kill('SIGTERM');
      expect(await closed).toBe(1001);
      expect(await exited).toBe(0);
      const messages = lines.map((l) => l.msg);
      expect(messages).toContain('user draining');
      expect(messages.indexOf('user draining')).toBeLessThan(messages.indexOf('user stopped'));
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      await database?.cleanup();
    }
  });

  it.runIf(testEnv.postgresUrl)(
    'exits on its own once its grace and closing time are over, even with a statement waiting on a lock',
    { timeout: 90_000 },
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'busline-drain-'));
      const database = await createTestDatabase('drain_lock');
      const graceMs = 1000;
      const { child, lines, exited, listening } = startUserProcess({
        DATA_DIR: dataDir,
        DATABASE_URL: database.url!,
        SHUTDOWN_GRACE_MS: String(graceMs),
      });
      const locker = new pg.Client({ connectionString: database.url });
      await locker.connect();
      try {
        await listening();
        // Another session holds the outbox table (a migration of the next version, say): the relay's poll waits on it,
        // holding a connection of the pool that closing waits for.
        await locker.query('begin');
        await locker.query('lock table "user".outbox in access exclusive mode');
        await eventually(
          async () => {
            const { rows } = await locker.query<{ n: string }>(
              `select count(*) as n from pg_stat_activity where application_name = 'user' and wait_event_type = 'Lock'`,
            );
            return Number(rows[0]!.n) > 0;
          },
          20_000,
          200,
        );
        const signalled = performance.now();
        child.kill('SIGTERM');
        const code = await Promise.race([exited, sleep(15_000).then(() => 'still running' as const)]);
        expect(code).toBe(1);
        expect(performance.now() - signalled).toBeLessThan(shutdownTimeoutMs(graceMs) + 3000);
        expect(lines.map((l) => l.msg)).toContain('shutdown timed out: exiting now');
      } finally {
        await locker.query('rollback').catch(() => undefined);
        await locker.end();
        if (child.exitCode === null) child.kill('SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
        await database.cleanup();
      }
    },
  );
});

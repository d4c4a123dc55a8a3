import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, eventually, testEnv } from '../src/testing';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('a subgraph process on SIGTERM', () => {
  it('drains (WebSockets closed with 1001) and exits 0', { timeout: 90_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'busline-drain-'));
    // A fresh database of its own (PGlite under DATA_DIR without POSTGRES_URL) and in-memory events.
    const database = testEnv.postgresUrl ? await createTestDatabase('drain_signal') : undefined;
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['subgraphs/user/src/index.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        // The port it listens on is read from its log: one chosen here could be taken by another process first.
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        ...(database?.url ? { DATABASE_URL: database.url } : {}),
        LOG_LEVEL: 'info',
        SHUTDOWN_GRACE_MS: '5000',
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
    try {
      const url = await eventually(() => lines.find((l) => l.msg === 'user listening')?.url, 60_000, 100);
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
});

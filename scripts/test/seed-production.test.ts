import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'busline-seed-production-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs a script of the repository with `env`; answers its exit code and what it wrote. */
async function run(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, output: output.trim() };
}

describe('npm run seed', () => {
  it('refuses NODE_ENV=production before it opens any database', { timeout: 120_000 }, async () => {
    const { POSTGRES_URL: _shared, ...env } = process.env;
    // The embedded database in a directory of this test's own, never a shared server.
    const answer = await run('scripts/seed.ts', { ...env, NODE_ENV: 'production', DATA_DIR: dataDir, SEED_DAYS: '1' });
    expect(answer).toEqual({
      code: 1,
      output: 'seed: refused, NODE_ENV=production: demo accounts with published passwords are never seeded',
    });
    expect(existsSync(join(dataDir, 'pglite'))).toBe(false);
  });

  // Read as the services read it: a value they refuse to start with is no leave to seed.
  it.each(['Production', ''])(
    'refuses NODE_ENV=%j before it opens any database',
    { timeout: 120_000 },
    async (nodeEnv) => {
      const { POSTGRES_URL: _shared, ...env } = process.env;
      const answer = await run('scripts/seed.ts', { ...env, NODE_ENV: nodeEnv, DATA_DIR: dataDir, SEED_DAYS: '1' });
      expect(answer.code).toBe(1);
      expect(answer.output).toContain('NODE_ENV');
      expect(existsSync(join(dataDir, 'pglite'))).toBe(false);
    },
  );
});

describe('npm run start:scaled', () => {
  it(
    'refuses NODE_ENV=production before it opens any database (it seeds the demo accounts)',
    { timeout: 120_000 },
    async () => {
      // Nothing listens there: a script that went on would fail to connect instead of refusing.
      const answer = await run('scripts/start-topology.ts', {
        ...process.env,
        NODE_ENV: 'production',
        POSTGRES_URL: 'postgres://postgres@127.0.0.1:1/postgres',
        REDIS_URL: 'redis://127.0.0.1:1',
      });
      expect(answer).toEqual({
        code: 1,
        output: 'start:scaled: refused, NODE_ENV=production: it is a development topology with demo accounts',
      });
    },
  );

  /** start-topology with `env` over datastores nobody listens on: its exit code and what it said first. */
  const topology = (env: NodeJS.ProcessEnv) =>
    run('scripts/start-topology.ts', {
      ...process.env,
      ...env,
      POSTGRES_URL: 'postgres://postgres@127.0.0.1:1/postgres',
      REDIS_URL: 'redis://127.0.0.1:1',
    });

  it(
    'refuses NODE_ENV="Production" (the services refuse it) before it opens any database',
    { timeout: 120_000 },
    async () => {
      const answer = await topology({ NODE_ENV: 'Production' });
      expect(answer.code).toBe(1);
      expect(answer.output).toMatch(/^Invalid configuration for topology:\n {2}- NODE_ENV: /);
    },
  );

  it(
    "reads the routers' settings as the router does: a value it cannot read is refused",
    { timeout: 120_000 },
    async () => {
      // Before, only the exact 'false' turned the response cache off: a typo left it on without a word.
      const answer = await topology({ RESPONSE_CACHE: 'flase' });
      expect(answer.code).toBe(1);
      expect(answer.output).toMatch(/^Invalid configuration for topology:\n {2}- RESPONSE_CACHE: /);
    },
  );
});

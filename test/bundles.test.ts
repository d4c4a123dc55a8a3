// The images run each service as a bundle (scripts/build.ts: our code bundled, npm packages external) against the
// app's node_modules: every module a bundle imports must resolve there to the version its code was written for.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildService } from '../scripts/build';

const SUBGRAPHS = ['auth', 'user', 'company', 'ticketing', 'qr', 'payment', 'notification'];
/** Services that refuse something else of this environment first (their keys, their providers). */
const REFUSING_FIRST = new Map([
  ['auth', /AUTH_SIGNING_KEYS or AUTH_SIGNING_KEYS_FILE is required in production/],
  ['qr', /QR_SIGNING_KEYS is required in production/],
  ['notification', /notification cannot reach passengers/],
]);

/** Runs `node <bundle>` with `env` until it exits (or `until` appears in its output, then stops it). */
function runBundle(file: string, env: Record<string, string>, until?: RegExp) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [file], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** What a bundle prints when a module it imports did not resolve, or resolved to another version. */
const LOAD_FAILURE = /SyntaxError|ERR_MODULE_NOT_FOUND|Cannot find (module|package)|does not provide an export/;

describe('production bundles', () => {
  it.each(['router', ...SUBGRAPHS])(
    '%s loads every module it imports and, in production, refuses what it is not given',
    async (service) => {
      const dir = await buildService(service);
      const { code, output } = await runBundle(join(dir, 'index.js'), {
        NODE_ENV: 'production',
        ROUTER_SECRET: '1234567890123456',
        DATABASE_URL: 'postgres://busline@127.0.0.1:1/busline',
        REDIS_URL: 'redis://127.0.0.1:1',
      });
      expect(output).not.toMatch(LOAD_FAILURE);
      expect(code).not.toBe(0);
      // Its code ran: the refusal is the configuration's (the secret's estimate loads its dictionaries then).
      expect(output).toMatch(
        REFUSING_FIRST.get(service) ?? /ROUTER_SECRET: a published example or too simple to be secret/,
      );
    },
    60_000,
  );

  it('provider-simulator loads and starts', async () => {
    const dir = await buildService('provider-simulator');
    const { output } = await runBundle(
      join(dir, 'index.js'),
      { PORT: '0', SIMULATOR_SMTP_PORT: '0', HOST: '127.0.0.1' },
      /provider simulator listening/,
    );
    expect(output).not.toMatch(LOAD_FAILURE);
    expect(output).toMatch(/provider simulator listening/);
  }, 60_000);
});

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer as createSimulator, type ProviderSimulator } from '@busline/provider-simulator';
import { createTestDatabase, testEnv, testLogger, type TestDatabase } from '@busline/shared/testing';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'payment-production-'));
const production: Record<string, string> = {
  NODE_ENV: 'production',
  ROUTER_SECRET: 'a-router-secret-of-32-characters!',
  MOMO_WEBHOOK_SECRET: 'a-webhook-secret-of-some-length',
  DATA_DIR: dataDir,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_PRETTY: 'false',
};

/**
 * Payment's entry point in a node process of its own, as its image runs it (nothing of this machine's
 * environment). Node itself, not `npx tsx`: a signal to npx would not reach the service, which would outlive
 * the test.
 */
const startPayment = (env: Record<string, string>) =>
  spawn(process.execPath, ['--import', 'tsx', 'subgraphs/payment/src/index.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env },
  });

/** Stops a started payment process: SIGTERM (it drains), SIGKILL if it is still there after 20 s. */
async function stop(child: ReturnType<typeof startPayment>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** Runs payment's entry point until it exits (stopped after 60 s). */
function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = startPayment(env);
    let output = '';
    const timer = setTimeout(() => void stop(child), 60_000);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

let simulator: ProviderSimulator;
let database: TestDatabase | undefined;
beforeAll(async () => {
  simulator = createSimulator({ logger: testLogger('provider-simulator') });
  await simulator.start(0);
  // Production runs on its own Postgres database and Redis (it refuses the embedded ones).
  if (testEnv.postgresUrl && testEnv.redisUrl) {
    database = await createTestDatabase('payment_production');
    Object.assign(production, { DATABASE_URL: database.url!, REDIS_URL: testEnv.redisUrl });
  }
});
afterAll(async () => {
  await database?.cleanup();
  await simulator.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('payment in production', () => {
  it(
    'refuses to start with no provider credentials, saying what is missing and that the simulator must be chosen explicitly',
    { timeout: 90_000 },
    async () => {
      const { code, output } = await run(production);
      expect(code).toBe(1);
      expect(output).toContain(
        'payment cannot take payments: mtn-momo needs MTN_MOMO_API_USER, MTN_MOMO_API_KEY and MTN_MOMO_SUBSCRIPTION_KEY',
      );
      expect(output).toContain('airtel-money needs AIRTEL_MONEY_CLIENT_ID and AIRTEL_MONEY_CLIENT_SECRET');
      expect(output).toContain(
        'or PAYMENT_SIMULATOR_URL to run against the provider simulator (no money is collected)',
      );
      expect(output).not.toMatch(/payment listening/);
    },
  );

  it(
    'refuses to start with real credentials and PAYMENT_SIMULATOR_URL both set, or a simulator on a public host',
    { timeout: 90_000 },
    async () => {
      const credentials = {
        MTN_MOMO_API_USER: 'user',
        MTN_MOMO_API_KEY: 'key',
        MTN_MOMO_SUBSCRIPTION_KEY: 'sub',
        AIRTEL_MONEY_CLIENT_ID: 'id',
        AIRTEL_MONEY_CLIENT_SECRET: 'secret',
      };
      const both = await run({ ...production, ...credentials, PAYMENT_SIMULATOR_URL: simulator.url });
      expect(both.code).toBe(1);
      expect(both.output).toContain(
        'PAYMENT_SIMULATOR_URL is set together with provider credentials (MTN_MOMO_API_USER, MTN_MOMO_API_KEY',
      );
      expect(both.output).not.toMatch(/payment listening/);
      const remote = await run({ ...production, PAYMENT_SIMULATOR_URL: 'https://evil.example.com' });
      expect(remote.code).toBe(1);
      expect(remote.output).toContain(
        'PAYMENT_SIMULATOR_URL must point at a simulator on this machine or a private network',
      );
    },
  );

  it.skipIf(!testEnv.postgresUrl || !testEnv.redisUrl)(
    'starts against the simulator when PAYMENT_SIMULATOR_URL is set, and says so in its log and on /readyz',
    { timeout: 90_000 },
    async () => {
      const child = startPayment({ ...production, PAYMENT_SIMULATOR_URL: simulator.url });
      let output = '';
      try {
        const url = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`payment did not start:\n${output}`)), 60_000);
          const collect = (chunk: Buffer) => {
            output += chunk;
            const listening = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"payment listening"/.exec(output)?.[1];
            if (listening) {
              clearTimeout(timer);
              resolve(listening);
            }
          };
          child.stdout.on('data', collect);
          child.stderr.on('data', collect);
          child.on('exit', () => reject(new Error(`payment exited:\n${output}`)));
        });
        const readiness = (await (await fetch(`${url}/readyz`)).json()) as {
          status: string;
          checks: { name: string; ok: boolean }[];
        };
        expect(readiness.status).toBe('ready');
        expect(readiness.checks).toContainEqual({
          name: 'payment-providers: SIMULATOR, no money is collected',
          ok: true,
        });
        expect(output).toMatch(
          /"level":40[^\n]*PAYMENT SIMULATOR: payments go to the provider simulator; no money is collected/,
        );
      } finally {
        await stop(child);
      }
      expect(output).toMatch(/"msg":"shutting down"/);
    },
  );
});

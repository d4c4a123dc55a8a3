import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startOwnRedis } from '@busline/shared/testing';
import { generatedSecrets } from './support/generated-secrets';

const root = fileURLToPath(new URL('..', import.meta.url));
const SUBGRAPHS = ['auth', 'user', 'company', 'ticketing', 'qr', 'payment', 'notification'];

/** Runs a service's entry point as its Dockerfile does; resolves with its exit code and output. */
function run(service: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const entry = service.endsWith('.ts') ? service : `${service}/src/index.ts`;
    const child = execFile('npx', ['tsx', entry], {
      cwd: root,
      // Nothing of the machine's services: a service that got past its checks would fail to connect, not start.
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', PORT: '0', LOG_PRETTY: 'false', ...env },
      timeout: 60_000,
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('production mode', () => {
  // The router's entry point, and one subgraph's: all seven start through the same runSubgraph (below).
  it('refuses to start the router or a subgraph without the router secret', { timeout: 90_000 }, async () => {
    const { ROUTER_SECRET: _left, POSTGRES_PASSWORD: _unused, ...secrets } = generatedSecrets();
    const env = { ...secrets, NODE_ENV: 'production', DATA_DIR: '/nonexistent' };
    const outcomes = await Promise.all(
      ['router', 'subgraphs/payment'].map(async (service) => ({ service, ...(await run(service, env)) })),
    );
    for (const { service, code, output } of outcomes) {
      expect({ service, code, refusal: output.includes('ROUTER_SECRET: required when NODE_ENV=production') }).toEqual({
        service,
        code: 1,
        refusal: true,
      });
    }
  });

  it(
    'refuses to send the router secret, bearer tokens, the token keys or a datastore password in clear to a public host',
    { timeout: 90_000 },
    async () => {
      const { POSTGRES_PASSWORD: _unused, ...secrets } = generatedSecrets();
      const production = { ...secrets, NODE_ENV: 'production', HOST: '127.0.0.1' };
      const outcomes = await Promise.all([
        run('router', { ...production, SUBGRAPH_PAYMENT_URL: 'http://payment.busline-example.com/graphql' }).then(
          (outcome) => ({ setting: 'SUBGRAPH_PAYMENT_URL', ...outcome }),
        ),
        run('subgraphs/user', {
          ...production,
          // Nothing listens there: a service that passed its checks would fail to connect instead.
          DATABASE_URL: 'postgres://busline:pw@127.0.0.1:1/db_user',
          REDIS_URL: 'redis://127.0.0.1:1',
          AUTH_JWKS_URL: 'http://auth.busline-example.com/.well-known/jwks.json',
        }).then((outcome) => ({ setting: 'AUTH_JWKS_URL', ...outcome })),
        // The datastores' passwords, events and rows: TLS to a public host.
        run('router', { ...production, REDIS_URL: 'redis://:pw@redis.busline-example.com:6379' }).then((outcome) => ({
          setting: 'REDIS_URL',
          ...outcome,
        })),
        run('subgraphs/user', {
          ...production,
          DATABASE_URL: 'postgres://busline:pw@db.busline-example.com:5432/db_user',
          REDIS_URL: 'redis://127.0.0.1:1',
        }).then((outcome) => ({ setting: 'DATABASE_URL', ...outcome })),
      ]);
      const refusals: Record<string, string> = {
        SUBGRAPH_PAYMENT_URL: 'must be https',
        AUTH_JWKS_URL: 'must be https',
        REDIS_URL: 'must be rediss://',
        DATABASE_URL: 'must ask for TLS',
      };
      for (const { setting, code, output } of outcomes) {
        expect({ setting, code, refusal: output.includes(`${setting}: ${refusals[setting]}`) }).toEqual({
          setting,
          code: 1,
          refusal: true,
        });
      }
    },
  );

  it(
    'refuses to start the router, a subgraph or the platform on a Redis that evicts keys',
    { timeout: 90_000 },
    async () => {
      const redis = await startOwnRedis();
      try {
        const admin = new Redis(redis.url);
        await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
        await admin.config('SET', 'maxmemory', '100mb');
        admin.disconnect();
        const { POSTGRES_PASSWORD: _unused, ...secrets } = generatedSecrets();
        const env = { ...secrets, NODE_ENV: 'production', REDIS_URL: redis.url };
        const outcomes = await Promise.all(
          // Nothing listens at the database's address: a service that got past the check would fail to connect.
          ['router', 'subgraphs/user', 'scripts/start-all.ts'].map(async (service) => ({
            service,
            ...(await run(service, {
              ...env,
              DATABASE_URL: 'postgres://busline:pw@127.0.0.1:1/db_user',
              POSTGRES_URL: 'postgres://busline:pw@127.0.0.1:1/postgres',
            })),
          })),
        );
        for (const { service, code, output } of outcomes) {
          expect({
            service,
            code,
            refusal: output.includes("REDIS_URL: Redis's maxmemory-policy is allkeys-lru"),
          }).toEqual({ service, code: 1, refusal: true });
        }
      } finally {
        await redis.destroy();
      }
    },
  );

  it.each(SUBGRAPHS)('starts %s through runSubgraph, which checks the production secrets first', (name) => {
    const entry = readFileSync(`${root}subgraphs/${name}/src/index.ts`, 'utf8');
    expect(entry).toMatch(/^await runSubgraph\(/m);
  });
});

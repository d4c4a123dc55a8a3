import { describe, expect, it } from 'vitest';
import { loadConfig as loadRouterConfig } from '../../router/src/env';
import { routerTuning } from '../../router/src/settings';
import { loadStartConfig } from '../lib/start-config';

/** The datastores production requires (on a private network, so plain connections are taken). */
const DATASTORES = { POSTGRES_URL: 'postgres://busline@postgres:5432/postgres', REDIS_URL: 'redis://redis:6379' };

describe('npm start settings', () => {
  it("reads the router's limits and tuning as the router run alone does, with the same defaults", () => {
    expect(routerTuning(loadStartConfig({}))).toEqual(routerTuning(loadRouterConfig({})));
    const env = { MAX_DEPTH: '3', RATE_LIMIT_USER_PER_MINUTE: '7', TRUST_PROXY: '2', SUBGRAPH_TIMEOUT_MS: '5000' };
    expect(routerTuning(loadStartConfig(env))).toEqual(routerTuning(loadRouterConfig(env)));
    expect(routerTuning(loadStartConfig(env))).toMatchObject({
      limits: { maxDepth: 3 },
      rateLimit: { perUserPerMinute: 7 },
      trustProxy: 2,
      subgraphTimeoutMs: 5000,
    });
    expect(loadStartConfig({ DATABASE_POOL_SIZE: '4' }).DATABASE_POOL_SIZE).toBe(4);
    // The response cache's switch, read as the router reads it: 0 and no turn it off, what it cannot read is refused.
    for (const off of ['false', '0', 'no'])
      expect(routerTuning(loadStartConfig({ RESPONSE_CACHE: off })).responseCache.enabled).toBe(false);
    expect(routerTuning(loadStartConfig({})).responseCache.enabled).toBe(true);
    expect(() => loadStartConfig({ RESPONSE_CACHE: 'flase' })).toThrow(/RESPONSE_CACHE/);
    expect(() => loadStartConfig({ MAX_DEPTH: '0' })).toThrow(/MAX_DEPTH/);
  });

  it('seeds the demo accounts and serves introspection by default', () => {
    const config = loadStartConfig({});
    expect({ seed: config.seed, introspection: config.introspection }).toEqual({ seed: true, introspection: true });
  });

  it('seeds nothing and hides introspection in production unless introspection is asked for', () => {
    const production = loadStartConfig({ NODE_ENV: 'production', ...DATASTORES });
    expect({ seed: production.seed, introspection: production.introspection }).toEqual({
      seed: false,
      introspection: false,
    });
    expect(loadStartConfig({ NODE_ENV: 'production', INTROSPECTION: 'true', ...DATASTORES }).introspection).toBe(true);
  });

  it('refuses to seed demo accounts with published passwords in production', () => {
    expect(() => loadStartConfig({ NODE_ENV: 'production', SEED: 'true', ...DATASTORES })).toThrow(
      'Invalid configuration for platform:\n  - SEED: demo accounts with published passwords are never seeded when NODE_ENV=production',
    );
  });

  it('closes the subgraph ports with a random router secret when none is given', () => {
    const first = loadStartConfig({}).routerSecret;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(loadStartConfig({}).routerSecret).not.toBe(first);
    expect(loadStartConfig({ ROUTER_SECRET: 'a-router-secret-of-32-characters' }).routerSecret).toBe(
      'a-router-secret-of-32-characters',
    );
  });

  it('refuses in production the secrets every service run alone refuses: guessable, published, shared with metrics', () => {
    const strong = 'Zq3-vK9_pL2xR7mN4tY8wB1cD6fG0hJ5';
    for (const [env, refusal] of [
      [{ ROUTER_SECRET: 'aaaaaaaaaaaaaaaa' }, /ROUTER_SECRET: a published example or too simple/],
      [
        { ROUTER_SECRET: 'at-least-16-characters-known-to-the-router-and-every-subgraph' },
        /ROUTER_SECRET: a published example or too simple/,
      ],
      [{ ROUTER_SECRET: strong, METRICS_TOKEN: strong }, /METRICS_TOKEN: must differ from ROUTER_SECRET/],
      [{ METRICS_TOKEN: 'bbbbbbbbbbbbbbbbbbbb' }, /METRICS_TOKEN: a published example or too simple/],
    ] as const) {
      expect(() => loadStartConfig({ NODE_ENV: 'production', HOST: '0.0.0.0', ...DATASTORES, ...env })).toThrow(
        refusal,
      );
      expect(() => loadStartConfig(env)).not.toThrow(); // development takes them, as every service does
    }
    expect(loadStartConfig({ NODE_ENV: 'production', ROUTER_SECRET: strong, ...DATASTORES }).routerSecret).toBe(strong);
  });

  it('refuses in production what every subgraph refuses: no datastores, a clear-text one on a public host', () => {
    expect(() => loadStartConfig({ NODE_ENV: 'production' })).toThrow(
      'Invalid configuration for platform:\n' +
        '  - POSTGRES_URL: required when NODE_ENV=production (the embedded database is for development)\n' +
        '  - REDIS_URL: required when NODE_ENV=production (without it events never leave this process)',
    );
    expect(() =>
      loadStartConfig({
        NODE_ENV: 'production',
        ...DATASTORES,
        POSTGRES_URL: 'postgres://busline:the-password@db.example.com:5432/postgres',
      }),
    ).toThrow(/POSTGRES_URL: must ask for TLS/);
    expect(() =>
      loadStartConfig({ NODE_ENV: 'production', ...DATASTORES, REDIS_URL: 'redis://:pw@cache.example.com:6379' }),
    ).toThrow(/REDIS_URL: must be rediss:\/\//);
    const tls = 'postgres://busline:the-password@db.example.com:5432/postgres?sslmode=verify-full';
    expect(loadStartConfig({ NODE_ENV: 'production', ...DATASTORES, POSTGRES_URL: tls }).POSTGRES_URL).toBe(tls);
    // Development takes the embedded database and a plain connection anywhere, as every service does.
    expect(() => loadStartConfig({ POSTGRES_URL: 'postgres://u:p@db.example.com:5432/postgres' })).not.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { loadStartConfig } from '../lib/start-config';

describe('npm start settings', () => {
  it('seeds the demo accounts and serves introspection by default', () => {
    const config = loadStartConfig({});
    expect({ seed: config.seed, introspection: config.introspection }).toEqual({ seed: true, introspection: true });
  });

  it('seeds nothing and hides introspection in production unless introspection is asked for', () => {
    const production = loadStartConfig({ NODE_ENV: 'production' });
    expect({ seed: production.seed, introspection: production.introspection }).toEqual({
      seed: false,
      introspection: false,
    });
    expect(loadStartConfig({ NODE_ENV: 'production', INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it('refuses to seed demo accounts with published passwords in production', () => {
    expect(() => loadStartConfig({ NODE_ENV: 'production', SEED: 'true' })).toThrow(
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
      expect(() => loadStartConfig({ NODE_ENV: 'production', HOST: '0.0.0.0', ...env })).toThrow(refusal);
      expect(() => loadStartConfig(env)).not.toThrow(); // development takes them, as every service does
    }
    expect(loadStartConfig({ NODE_ENV: 'production', ROUTER_SECRET: strong }).routerSecret).toBe(strong);
  });
});

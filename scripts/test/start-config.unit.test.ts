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
});

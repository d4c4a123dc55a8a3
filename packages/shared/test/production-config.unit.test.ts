import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  isWeakSecret,
  assertProductionDatastores,
  assertProductionInfra,
  assertProductionSecrets,
  assertProductionUrls,
  AUTH_JWKS_CARRIES,
} from '../src/config/env';

const strong = 'Zq3-vK9_pL2xR7mN4tY8wB1cD6fG0hJ5';
const other = 'Hs8_Jd2-Kf5Lg7Mq9Nw3Pe6Rt1Vy4Xa0Z';
const refusal = (run: () => void) => {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('production secrets', () => {
  it('refuses a published example, a secret with too few distinct characters, and a metrics token equal to it', () => {
    expect(
      refusal(() =>
        assertProductionSecrets('router', {
          NODE_ENV: 'production',
          ROUTER_SECRET: 'at-least-16-characters-known-to-the-router-and-every-subgraph',
        }),
      ),
    ).toMatch(/ROUTER_SECRET: a published example or too simple/);
    expect(
      refusal(() => assertProductionSecrets('user', { NODE_ENV: 'production', ROUTER_SECRET: 'aaaaaaaaaaaaaaaa' })),
    ).toMatch(/ROUTER_SECRET: a published example or too simple/);
    expect(
      refusal(() =>
        assertProductionSecrets('router', { NODE_ENV: 'production', ROUTER_SECRET: strong, METRICS_TOKEN: strong }),
      ),
    ).toMatch(/METRICS_TOKEN: must differ from ROUTER_SECRET/);
    expect(
      refusal(() =>
        assertProductionSecrets('router', {
          NODE_ENV: 'production',
          ROUTER_SECRET: strong,
          METRICS_TOKEN: 'the-bearer-token-your-prometheus-sends-to-metrics',
        }),
      ),
    ).toMatch(/METRICS_TOKEN: a published example/);
  });

  it('refuses secrets long enough but easy to guess: sequences, keyboard walks, words and the platform’s own', () => {
    for (const guessable of [
      '1234567890123456',
      'qwertyuiopasdfgh',
      'a1b2c3d4e5f6g7h8',
      'routersecret1234',
      'kigali2026secret',
      'passwordpassword123',
    ]) {
      expect(
        refusal(() => assertProductionSecrets('router', { NODE_ENV: 'production', ROUTER_SECRET: guessable })),
        guessable,
      ).toMatch(/ROUTER_SECRET: a published example or too simple/);
      expect(
        refusal(() =>
          assertProductionSecrets('router', {
            NODE_ENV: 'production',
            ROUTER_SECRET: strong,
            METRICS_TOKEN: guessable,
          }),
        ),
        guessable,
      ).toMatch(/METRICS_TOKEN: a published example or too simple/);
    }
  });

  it('accepts what `npm run keys` generates, and 16 random characters, the shortest a secret may be', () => {
    for (let i = 0; i < 50; i++) expect(isWeakSecret(randomBytes(32).toString('base64url'))).toBe(false);
    for (const random of ['Xk9pQ2mZ7vR4tL8w', 'q7Rt2mXw9LpZ4vKs', '4f9c1e7a2b8d3c6e'])
      expect(isWeakSecret(random), random).toBe(false);
  });

  it('accepts generated secrets, and anything outside production', () => {
    expect(
      refusal(() =>
        assertProductionSecrets('router', { NODE_ENV: 'production', ROUTER_SECRET: strong, METRICS_TOKEN: other }),
      ),
    ).toBeUndefined();
    expect(refusal(() => assertProductionSecrets('router', { ROUTER_SECRET: 'aaaaaaaaaaaaaaaa' }))).toBeUndefined();
  });
});

describe('production infrastructure', () => {
  it('refuses a subgraph without its Postgres database or Redis, and takes one with both', () => {
    const message = refusal(() => assertProductionInfra('payment', { NODE_ENV: 'production' }));
    expect(message).toMatch(/DATABASE_URL: required when NODE_ENV=production/);
    expect(message).toMatch(/REDIS_URL: required when NODE_ENV=production/);
    expect(
      refusal(() =>
        assertProductionInfra('payment', {
          NODE_ENV: 'production',
          DATABASE_URL: 'postgres://db/payment',
          REDIS_URL: 'redis://redis:6379',
        }),
      ),
    ).toBeUndefined();
    expect(refusal(() => assertProductionInfra('payment', { NODE_ENV: 'development' }))).toBeUndefined();
  });
});

describe('production datastores', () => {
  const production = (urls: { DATABASE_URL?: string; REDIS_URL?: string }) =>
    refusal(() => assertProductionDatastores('payment', { NODE_ENV: 'production', ...urls }));

  it('refuses Redis without TLS and Postgres without sslmode on a public host, naming the setting', () => {
    const message = production({
      DATABASE_URL: 'postgres://busline:pw@db.busline-prod.example.com:5432/payment',
      REDIS_URL: 'redis://:pw@redis.busline-prod.example.com:6379',
    });
    expect(message).toMatch(/REDIS_URL: must be rediss:\/\/ \(TLS\)/);
    expect(message).toMatch(/DATABASE_URL: must ask for TLS \(sslmode=verify-full, or require\)/);
    expect(production({ DATABASE_URL: 'postgres://u:p@db.example.com/x?sslmode=disable' })).toMatch(/DATABASE_URL/);
    expect(production({ DATABASE_URL: 'postgres://u:p@db.example.com/x?sslmode=prefer' })).toMatch(/DATABASE_URL/);
    // sslmode decides over ssl=true, as in node-postgres.
    expect(production({ DATABASE_URL: 'postgres://u:p@db.example.com/x?ssl=true&sslmode=disable' })).toMatch(
      /DATABASE_URL/,
    );
    // The clients connect to a host given as a query parameter, not to the URL's.
    expect(production({ DATABASE_URL: 'postgres://u:p@localhost:5432/x?host=db.busline-prod.example.com' })).toMatch(
      /DATABASE_URL/,
    );
    expect(production({ REDIS_URL: 'redis:///?host=redis.busline-prod.example.com&password=pw' })).toMatch(/REDIS_URL/);
  });

  it('takes TLS anywhere, clear text on private hosts and Unix sockets, and anything outside production', () => {
    expect(
      production({
        DATABASE_URL: 'postgres://u:p@db.busline-prod.example.com:5432/payment?sslmode=verify-full',
        REDIS_URL: 'rediss://:pw@redis.busline-prod.example.com:6380',
      }),
    ).toBeUndefined();
    expect(production({ DATABASE_URL: 'postgres://u:p@db.example.com/x?sslmode=require' })).toBeUndefined();
    // Compose's and Kubernetes' service names, private addresses, a socket directory.
    expect(
      production({ DATABASE_URL: 'postgres://u:p@postgres:5432/payment', REDIS_URL: 'redis://:pw@redis:6379' }),
    ).toBeUndefined();
    expect(
      production({
        DATABASE_URL: 'postgres://u:p@postgres.example.internal:5432/db',
        REDIS_URL: 'redis://:pw@10.0.3.7:6379',
      }),
    ).toBeUndefined();
    expect(production({ DATABASE_URL: 'postgres://u@localhost/payment?host=/var/run/postgresql' })).toBeUndefined();
    expect(
      refusal(() => assertProductionDatastores('payment', { REDIS_URL: 'redis://:pw@redis.example.com:6379' })),
    ).toBeUndefined();
  });
});

describe('production URLs that carry secrets', () => {
  const jwks = (url: string) => ({ AUTH_JWKS_URL: { url, carries: AUTH_JWKS_CARRIES } });

  it('refuses plain http to a public host, naming the setting', () => {
    const message = refusal(() =>
      assertProductionUrls('user', { NODE_ENV: 'production' }, jwks('http://auth.busline-example.com/jwks.json')),
    );
    expect(message).toMatch(/AUTH_JWKS_URL: must be https when NODE_ENV=production unless its host is private/);
    expect(
      refusal(() =>
        assertProductionUrls(
          'router',
          { NODE_ENV: 'production' },
          { SUBGRAPH_PAYMENT_URL: { url: 'http://203.0.113.9:8006/graphql', carries: 'the router secret' } },
        ),
      ),
    ).toMatch(/SUBGRAPH_PAYMENT_URL: must be https/);
  });

  it('takes https anywhere, http on loopback, private addresses and private names, and anything outside production', () => {
    for (const url of [
      'https://auth.busline-example.com/jwks.json',
      'http://auth:8001/.well-known/jwks.json',
      'http://localhost:8001/.well-known/jwks.json',
      'http://10.0.3.4:8001/.well-known/jwks.json',
      'http://auth.busline.svc.cluster.local:8001/.well-known/jwks.json',
    ])
      expect(refusal(() => assertProductionUrls('user', { NODE_ENV: 'production' }, jwks(url)))).toBeUndefined();
    expect(
      refusal(() =>
        assertProductionUrls('user', { NODE_ENV: 'development' }, jwks('http://auth.busline-example.com/')),
      ),
    ).toBeUndefined();
  });
});

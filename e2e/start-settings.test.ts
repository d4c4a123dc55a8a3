// `npm start` reads the router's limits as the router run alone does: the operator's MAX_DEPTH, rate limits,
// TRUST_PROXY and pool size reach the one-process platform (scripts/start-all.ts builds it exactly so).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../scripts/lib/platform';
import { loadStartConfig } from '../scripts/lib/start-config';
import { routerTuning } from '../router/src/settings';
import { isolatedPlatformOptions } from './harness';

let options: ReturnType<typeof isolatedPlatformOptions>;
let platform: Platform;
let url: string;

beforeAll(async () => {
  const config = loadStartConfig({ MAX_DEPTH: '3', RATE_LIMIT_ADDRESS_PER_MINUTE: '4', TRUST_PROXY: '1' });
  options = isolatedPlatformOptions();
  platform = await startPlatform({ ...options, routerTuning: routerTuning(config) });
  url = `${platform.routerUrl}/graphql`;
}, 120_000);
afterAll(async () => {
  await platform?.stop();
  await options?.cleanup();
});

const post = (query: string, address: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query }),
  });

describe('npm start with the router settings set', () => {
  it('refuses a query deeper than MAX_DEPTH', async () => {
    const deep = '{ stations(first: 1) { edges { node { id } } } }';
    const body = (await (await post(deep, '203.0.113.1')).json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
  });

  it('answers past RATE_LIMIT_ADDRESS_PER_MINUTE with 429, per forwarded address (TRUST_PROXY)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post('{ __typename }', '203.0.113.2')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    expect((await post('{ __typename }', '203.0.113.3')).status).toBe(200);
  });
});

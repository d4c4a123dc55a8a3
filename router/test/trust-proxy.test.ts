import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { graphqlRequest } from '@busline/shared/testing';
import { loadConfig } from '../src/env';
import { startProbeRouter, type ProbeRouter } from './fixtures/probe-router';
import { startProbeSubgraph, type ProbeSubgraph } from './fixtures/subgraphs';

let probe: ProbeSubgraph;
const routers = new Map<number, ProbeRouter>();

/** The client address the subgraph received for a request through the router trusting `proxies` hops. */
async function addressSeen(proxies: number, forwardedFor?: string): Promise<unknown> {
  const headers: Record<string, string> = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  const result = await graphqlRequest(
    `${routers.get(proxies)!.url}/graphql`,
    '{ forwardedClientIp }',
    undefined,
    headers,
  );
  expect(result.errors).toBeUndefined();
  return result.data?.forwardedClientIp;
}

beforeAll(async () => {
  probe = await startProbeSubgraph();
  for (const proxies of [0, 1, 2]) routers.set(proxies, await startProbeRouter(probe, { trustProxy: proxies }));
});

afterAll(async () => {
  for (const router of routers.values()) await router.stop();
  await probe.stop();
});

describe('TRUST_PROXY', () => {
  it('ignores X-Forwarded-For by default: subgraphs see the socket address', async () => {
    expect(await addressSeen(0, '203.0.113.7')).toBe('127.0.0.1');
  });

  it('behind one proxy, takes the rightmost entry: a forged leftmost one does not choose the address', async () => {
    expect(await addressSeen(1, '6.6.6.6, 203.0.113.7')).toBe('203.0.113.7');
  });

  it('behind two proxies, takes the entry two hops from the right', async () => {
    expect(await addressSeen(2, '6.6.6.6, 203.0.113.7, 10.0.0.2')).toBe('203.0.113.7');
  });

  it('uses the socket address when the header has fewer entries than trusted proxies (client-written)', async () => {
    expect(await addressSeen(2, '6.6.6.6')).toBe('127.0.0.1');
  });

  it('uses the socket address when a request behind trusted proxies carries no X-Forwarded-For', async () => {
    expect(await addressSeen(1)).toBe('127.0.0.1');
  });

  it('takes the address of a graphql-ws connection from its upgrade request the same way', async () => {
    const headers = { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' };
    class ProxiedWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    }
    const client = createClient({
      url: `${routers.get(1)!.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: ProxiedWebSocket,
      retryAttempts: 0,
    });
    try {
      const result = await new Promise<unknown>((resolve, reject) => {
        client.subscribe(
          { query: '{ forwardedClientIp }' },
          { next: resolve, error: reject, complete: () => undefined },
        );
      });
      expect(result).toEqual({ data: { forwardedClientIp: '203.0.113.7' } });
    } finally {
      await client.dispose();
    }
  });

  it.each([
    [undefined, 0],
    ['0', 0],
    ['1', 1],
    ['3', 3],
    ['true', 1],
    ['false', 0],
  ])('reads TRUST_PROXY=%s as %i trusted proxies', (value, proxies) => {
    expect(loadConfig({ TRUST_PROXY: value }).TRUST_PROXY).toBe(proxies);
  });

  it.each(['-1', 'all', '1.5'])('refuses TRUST_PROXY=%s at start-up', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });
});

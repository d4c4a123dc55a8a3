import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upgradeStatus } from '@busline/shared/testing';
import { startTestPlatform, type TestPlatform } from './harness';

/**
 * Each subgraph of a running platform, attacked directly on its own port the ways a router-secret
 * check that compares paths lets through: every one must refuse, and run nothing.
 */
let busline: TestPlatform;

beforeAll(async () => {
  busline = await startTestPlatform();
});
afterAll(() => busline?.stop());

const SUBGRAPH_NAMES = ['auth', 'user', 'company', 'ticketing', 'qr', 'payment', 'notification'];
const ATTACK_PATHS = ['/graphql', '/graphql/', '/x?/graphql', '/anything/graphql', '/graphql?query=%7B__typename%7D'];
const federationQueries = [
  '{ _service { sdl } }',
  '{ _entities(representations: [{ __typename: "User", id: "x" }]) { __typename } }',
];

describe('the trust boundary of every subgraph', () => {
  it('lists the six subgraphs it attacks', () => {
    expect([...busline.platform.subgraphs.keys()].sort()).toEqual([...SUBGRAPH_NAMES].sort());
  });

  it.each(SUBGRAPH_NAMES)('%s refuses federation queries without the router secret on every path', async (name) => {
    const { url } = busline.platform.subgraphs.get(name)!;
    for (const path of ATTACK_PATHS) {
      for (const query of federationQueries) {
        const response = await fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        expect({ path, query, status: response.status }).toEqual({ path, query, status: 403 });
      }
      const get = await fetch(`${url}${path}`);
      expect({ path, status: get.status }).toEqual({ path, status: 403 });
    }
  });

  it.each(SUBGRAPH_NAMES)('%s refuses a WebSocket upgrade without the router secret', async (name) => {
    const { url } = busline.platform.subgraphs.get(name)!;
    expect(await upgradeStatus(`${url.replace('http', 'ws')}/graphql`)).toBe(403);
  });

  it('still answers through the router, subscriptions included', async () => {
    expect((await busline.request('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('refuses a 50 MB unsigned webhook body before reading it', async () => {
    const { hostname, port } = new URL(busline.platform.subgraphs.get('payment')!.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk) => (text += chunk));
      socket.on('error', reject);
      socket.on('close', () => resolve(text));
      socket.write(
        `POST /webhooks/momo HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\ncontent-length: 50000000\r\n\r\n`,
      );
      socket.write(Buffer.alloc(256 * 1024, 0x20));
    });
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 413 ');
  });
});

import net from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { testLogger } from '@busline/shared/testing';
import { composeSupergraph } from '../src/compose';
import { loadGateway } from '../src/gateway';
import { ACCOUNTS_SDL, REVIEWS_SDL } from './fixtures/subgraphs';

// Every connection attempt made by this process while the test runs.
const attempts: string[] = [];
const connect = vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (
  this: net.Socket,
  ...args: unknown[]
) {
  // Node passes (options, listener), (port, host) or, internally, one array of normalized arguments.
  const [first, second] = (Array.isArray(args[0]) ? args[0] : args) as [
    { host?: string; port?: number; path?: string } | number | string,
    unknown,
  ];
  attempts.push(
    typeof first === 'object'
      ? (first.path ?? `${first.host ?? 'localhost'}:${first.port}`)
      : `${String(second ?? 'localhost')}:${first}`,
  );
  // Nothing leaves the process: the attempt fails as an unreachable host would.
  queueMicrotask(() => this.destroy(new Error('connect blocked by the test')));
  return this;
});

afterAll(() => connect.mockRestore());

describe('router telemetry', () => {
  it('makes no connection of its own when the gateway loads: no cloud metadata probes, no usage reports', async () => {
    delete process.env.APOLLO_TELEMETRY_DISABLED;
    const { supergraphSdl } = composeSupergraph([
      { name: 'accounts', url: 'http://127.0.0.1:9/graphql', sdl: ACCOUNTS_SDL },
      { name: 'reviews', url: 'http://127.0.0.1:9/graphql', sdl: REVIEWS_SDL },
    ]);
    const gateway = await loadGateway({ supergraphSdl, logger: testLogger('router'), timeoutMs: 500, connections: 4 });
    // The probes start in the background as the gateway is created; give them time to show.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await gateway.stop();
    expect(attempts).toEqual([]);
    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('true');
  });
});

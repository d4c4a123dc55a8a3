import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createLogger } from '@busline/shared';
import { eventually } from '@busline/shared/testing';
import { composeSupergraph } from '../src/compose';
import { createServer } from '../src/server';
import { PROBE_SDL, startProbeSubgraph, type ProbeSubgraph } from './fixtures/subgraphs';

let probe: ProbeSubgraph;
let router: ReturnType<typeof createServer>;
let url: string;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  probe = await startProbeSubgraph();
  const { supergraphSdl } = composeSupergraph([{ name: 'probe', url: `${probe.url}/graphql`, sdl: PROBE_SDL }]);
  router = createServer({
    logger: createLogger('router', {
      level: 'info',
      destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
    }),
    supergraphSdl,
  });
  url = await router.start(0);
});
afterAll(async () => {
  await router.stop();
  await probe.stop();
});

describe('operation names in the router log', () => {
  it("a subscription's client-chosen name is cut in the router's lines about its upstream errors", async () => {
    const name = `Long${'x'.repeat(45_000)}`;
    const client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    try {
      await new Promise<void>((resolve) => {
        client.subscribe(
          { query: `subscription ${name} { probeFailure(kind: UNEXPECTED) }`, operationName: name },
          { next: () => undefined, error: () => resolve(), complete: () => resolve() },
        );
      });
    } finally {
      await client.dispose();
    }
    await eventually(() => lines.some((l) => l.msg === 'subgraph error (masked)'));
    const masked = lines.find((l) => l.msg === 'subgraph error (masked)')!;
    expect(String(masked.subscription).length).toBeLessThanOrEqual(100);
  });
});

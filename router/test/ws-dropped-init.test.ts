import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenVerifier } from '@busline/shared';
import { createTestTokens } from '@busline/shared/testing';
import { startProbeRouter, type ProbeRouter } from './fixtures/probe-router';
import { startProbeSubgraph, type ProbeSubgraph } from './fixtures/subgraphs';

/**
 * A WebSocket closed while the router still checks its connection_init token (auth's key set being fetched, at a
 * cold start, every 10 minutes, or for any token of an unknown key) counts nowhere once the check ends: graphql-ws
 * has run its close handling already, so a connection counted then would stay counted for good.
 */
let probe: ProbeSubgraph;
let router: ProbeRouter;
let tokens: Awaited<ReturnType<typeof createTestTokens>>;
/** Token checks wait for this gate while it is shut. */
let gate: Promise<void> = Promise.resolve();
let open: () => void = () => undefined;

beforeAll(async () => {
  probe = await startProbeSubgraph();
  tokens = await createTestTokens();
  const gated: TokenVerifier = { verify: async (token) => (await gate, tokens.verifier.verify(token)) };
  router = await startProbeRouter(probe, { verifier: gated, connectionLimits: { perUser: 2 } });
});
afterAll(async () => {
  await router?.stop();
  await probe?.stop();
});

const init = (authorization: string) => JSON.stringify({ type: 'connection_init', payload: { authorization } });
const wsUrl = () => `${router.url.replace(/^http/, 'ws')}/graphql`;

/** Connects with `authorization` and answers the router's reply to connection_init (or how it closed). */
function connect(authorization: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(wsUrl(), 'graphql-transport-ws');
    socket.on('open', () => socket.send(init(authorization)));
    socket.on('message', (data) => {
      resolve(JSON.parse(String(data)).type);
      socket.close();
    });
    socket.on('close', (code) => resolve(`closed ${code}`));
    socket.on('error', () => undefined);
  });
}

describe('a WebSocket dropped while its token is checked', () => {
  it("takes none of the user's connections", async () => {
    const authorization = `Bearer ${await tokens.sign({ userId: 'user-dropping', role: 'PASSENGER', companyId: null })}`;
    gate = new Promise((resolve) => (open = resolve));
    // Three connections (the user may have two) sent connection_init, then dropped while the check waited.
    const sockets = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<WebSocket>((resolve) => {
            const socket = new WebSocket(wsUrl(), 'graphql-transport-ws');
            socket.on('open', () => resolve(socket));
            socket.on('error', () => undefined);
          }),
      ),
    );
    for (const socket of sockets) socket.send(init(authorization));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.all(
      sockets.map((socket) => new Promise((resolve) => (socket.once('close', resolve), socket.terminate()))),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    open();
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Both of the user's connections are free.
    expect(await Promise.all([connect(authorization), connect(authorization)])).toEqual([
      'connection_ack',
      'connection_ack',
    ]);
  });
});

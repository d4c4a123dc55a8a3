import { once } from 'node:events';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestTokens, eventually, type TestTokens } from '@busline/shared/testing';
import { TOKEN_EXPIRED } from '../src/transports';
import { startProbeRouter, type ProbeRouter } from './fixtures/probe-router';
import { startProbeSubgraph, type ProbeSubgraph } from './fixtures/subgraphs';

/**
 * An access token's authority ends at its expiry, for the subscriptions opened with it too: the router closes a
 * WebSocket connection when its token expires (4403: graphql-ws clients reconnect with their current token and
 * subscribe again) and ends an SSE stream with UNAUTHENTICATED. A token is accepted 5 s past its expiry (clock
 * tolerance), so each test waits about 6 s.
 */
let probe: ProbeSubgraph;
let tokens: TestTokens;
let router: ProbeRouter;
beforeAll(async () => {
  probe = await startProbeSubgraph();
  tokens = await createTestTokens();
  router = await startProbeRouter(probe, { verifier: tokens.verifier });
});
afterAll(async () => {
  await router.stop();
  await probe.stop();
});

const passenger = { userId: 'user-expiring', role: 'PASSENGER' as const, companyId: null };
const shortLived = async () => `Bearer ${await tokens.sign(passenger, { expiresIn: '1s' })}`;

it('closes a WebSocket connection with 4403 when its token expires; the client goes on with a new token', async () => {
  let authorization = await shortLived();
  const closes: { code: number; reason: string }[] = [];
  const ticks: unknown[] = [];
  const errors: unknown[] = [];
  const client = createClient({
    url: `${router.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 3,
    retryWait: async () => undefined,
    connectionParams: () => ({ authorization }),
    on: { closed: (event) => void closes.push(event as { code: number; reason: string }) },
  });
  try {
    client.subscribe(
      { query: 'subscription { probeTicks }' },
      { next: (tick) => void ticks.push(tick), error: (error) => void errors.push(error), complete: () => undefined },
    );
    await eventually(() => probe.openTicks() === 1);
    // The session refreshes its token meanwhile; the connection still runs on the first one.
    authorization = `Bearer ${await tokens.sign(passenger)}`;
    await eventually(() => closes.length === 1, 10_000);
    expect(closes[0]).toMatchObject({ code: 4403, reason: TOKEN_EXPIRED });
    // Reconnected with the new token and subscribed again: events reach it, and it never saw an error.
    await eventually(async () => {
      await probe.publishTick(ticks.length + 1);
      return ticks.length > 0;
    }, 10_000);
    expect(errors).toEqual([]);
  } finally {
    await client.dispose();
  }
});

it('closes a WebSocket connection with 4403 when its token, written with spaces around it, expires', async () => {
  const socket = new WebSocket(`${router.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
  const closed = new Promise<number>((resolve) => socket.once('close', resolve));
  await once(socket, 'open');
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: ` ${await shortLived()} ` } }));
  try {
    // Valid for 1 s, and 5 s more of clock tolerance.
    const stillOpen = new Promise<string>((resolve) => setTimeout(() => resolve('still open'), 10_000).unref());
    expect(await Promise.race([closed, stillOpen])).toBe(4403);
  } finally {
    socket.terminate();
  }
}, 15_000);

it('ends an SSE subscription stream with UNAUTHENTICATED when its token expires', async () => {
  const response = await fetch(`${router.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: await shortLived() },
    body: JSON.stringify({ query: 'subscription { probeTicks }' }),
  });
  const text = await response.text();
  expect(text).toContain('Access token expired');
  expect(text).toContain('"code":"UNAUTHENTICATED"');
  await eventually(() => probe.openTicks() === 0);
});

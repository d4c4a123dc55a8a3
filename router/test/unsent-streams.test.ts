import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { startProbeRouter, type ProbeRouter } from './fixtures/probe-router';
import { startProbeSubgraph, type ProbeSubgraph } from './fixtures/subgraphs';

/**
 * A subscription over HTTP asked with an Accept the router cannot stream in is answered 406 Not Acceptable after the
 * federated executor opened it: the router ends it (useEndUnsentStreams), so it keeps no upstream subscription and no
 * place in the address's (or user's) open streams.
 */
const PER_ADDRESS = 3;
let probe: ProbeSubgraph;
let router: ProbeRouter;

beforeAll(async () => {
  probe = await startProbeSubgraph();
});
// A router of its own per test: what one test leaves open must not decide the next.
beforeEach(async () => {
  router = await startProbeRouter(probe, { connectionLimits: { perAddress: PER_ADDRESS } });
});
afterEach(() => router.stop());
afterAll(() => probe.stop());

const post = (accept: string, signal?: AbortSignal) =>
  fetch(`${router.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query: 'subscription { probeTicks }' }),
    signal,
  });

it('leaves nothing open behind a subscription refused 406', async () => {
  for (const accept of ['application/json', 'application/graphql-response+json', 'text/html', 'multipart/mixed']) {
    const response = await post(accept);
    expect([accept, response.status]).toEqual([accept, 406]);
    await response.body?.cancel();
  }
  await eventually(() => router.router.subscriptions!.stats().subscribers === 0 && probe.openTicks() === 0);
  expect(router.router.subscriptions!.stats()).toMatchObject({ upstreamSubscriptions: 0, subscribers: 0 });
});

it("does not count refused subscriptions against the address's open streams", async () => {
  for (let i = 0; i < PER_ADDRESS + 2; i++) expect((await post('application/json')).status).toBe(406);
  const abort = new AbortController();
  try {
    const response = await post('text/event-stream', abort.signal);
    expect(response.status).toBe(200);
    // Admitted: it subscribes upstream (a refused one would answer SUBSCRIPTION_LIMIT_REACHED and open nothing).
    await eventually(() => probe.openTicks() === 1);
    await probe.publishTick(7);
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('"probeTicks":7')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).not.toContain('SUBSCRIPTION_LIMIT_REACHED');
  } finally {
    abort.abort();
  }
});

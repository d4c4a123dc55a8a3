import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TokenVerifier } from '@busline/shared';
import { createTestTokens, eventually } from '@busline/shared/testing';
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

const post = (accept: string, signal?: AbortSignal, authorization?: string, url = router.url) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query: 'subscription { probeTicks }' }),
    signal,
  });

const SSE = 'text/event-stream';
const MULTIPART = 'multipart/mixed;subscriptionSpec="1.0", application/json';
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends a subscription and aborts its request `afterMs` later, most often before any answer came. */
async function aborted(accept: string, afterMs: number, authorization?: string, url = router.url) {
  const abort = new AbortController();
  const request = post(accept, abort.signal, authorization, url).then(
    (response) => response.body?.cancel(),
    () => undefined,
  );
  await wait(afterMs);
  abort.abort();
  await request;
}

/** Subscribes over SSE and reads until the first tick: admitted, not refused with SUBSCRIPTION_LIMIT_REACHED. */
async function admitted(authorization?: string, url = router.url) {
  const abort = new AbortController();
  try {
    const response = await post(SSE, abort.signal, authorization, url);
    const reader = response.body!.getReader();
    let text = '';
    const reading = (async () => {
      while (!text.includes('"probeTicks"') && !text.includes('"errors"')) {
        const { done, value } = await reader.read();
        // A stream that ended first fails the wait below rather than spinning here.
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    })();
    await eventually(async () => {
      await probe.publishTick(1);
      return text.includes('"probeTicks"') || text.includes('"errors"');
    });
    await reading;
    return text;
  } finally {
    abort.abort();
  }
}

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

describe('a subscription whose request the client aborts before the answer begins', () => {
  it.each([
    ['sse', SSE],
    ['multipart', MULTIPART],
  ])("(%s) keeps nothing open, nor a place in the user's open streams", async (_name, accept) => {
    const tokens = await createTestTokens();
    // Verification that takes a while (as a JWKS fetch does) leaves time to abort while the stream is being opened.
    const slow: TokenVerifier = { verify: async (token) => (await wait(50), tokens.verifier.verify(token)) };
    const signedIn = await startProbeRouter(probe, { verifier: slow, connectionLimits: { perUser: 2 } });
    try {
      const user = { userId: 'user-aborting', role: 'PASSENGER' as const, companyId: null };
      const authorization = `Bearer ${await tokens.sign(user)}`;
      // Aborted at every moment of the first 120 ms: while admitted, identified, subscribed, answered.
      for (let ms = 0; ms < 120; ms += 5) await aborted(accept, ms, authorization, signedIn.url);
      await eventually(() => signedIn.router.subscriptions!.stats().subscribers === 0 && probe.openTicks() === 0);
      expect(signedIn.router.subscriptions!.stats()).toMatchObject({ upstreamSubscriptions: 0, subscribers: 0 });
      expect(await admitted(authorization, signedIn.url)).not.toContain('SUBSCRIPTION_LIMIT_REACHED');
    } finally {
      await signedIn.stop();
    }
  });
});

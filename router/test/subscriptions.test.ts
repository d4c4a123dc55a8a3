import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Service } from '@busline/shared';
import { createTestTokens, eventually, testLogger, type TestTokens } from '@busline/shared/testing';
import { composeSupergraph } from '../src/compose';
import { createServer } from '../src/server';
import {
  ACCOUNTS_SDL,
  createReviewsSubgraph,
  postReview,
  reviewListeners,
  REVIEWS_SDL,
  startAccountsSubgraph,
} from './fixtures/subgraphs';

const SECRET = 'router-secret-for-tests-0123456789';
let tokens: TestTokens;
let accounts: Awaited<ReturnType<typeof startAccountsSubgraph>>;
let reviews: Service;
let reviewsPort: number;
let router: ReturnType<typeof createServer>;
let url: string;

// Each test follows a channel of its own: a subscription left over from another test never counts as its own.
const SUBSCRIPTION = 'subscription($channel: String) { reviewPosted(channel: $channel) { id name reviews } }';

function client(connectionParams: Record<string, unknown> = {}): Client {
  return createClient({
    url: `${url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams,
  });
}

function follow(c: Client, channel: string, query = SUBSCRIPTION) {
  const events: unknown[] = [];
  const errors: unknown[] = [];
  let completed = false;
  const stop = c.subscribe(
    { query, variables: { channel } },
    {
      next: (result) => {
        if (result.data) events.push(result.data);
        if (result.errors) errors.push(...result.errors);
      },
      error: (error) => errors.push(error),
      complete: () => {
        completed = true;
      },
    },
  );
  return { events, errors, stop, completed: () => completed };
}

const stats = () => router.subscriptions!.stats();

beforeAll(async () => {
  tokens = await createTestTokens();
  accounts = await startAccountsSubgraph();
  reviews = createReviewsSubgraph(tokens, SECRET);
  const reviewsUrl = await reviews.start(0);
  reviewsPort = Number(new URL(reviewsUrl).port);
  router = createServer({
    logger: testLogger('router'),
    supergraphSdl: composeSupergraph([
      { name: 'accounts', url: `${accounts.url}/graphql`, sdl: ACCOUNTS_SDL },
      { name: 'reviews', url: `${reviewsUrl}/graphql`, sdl: REVIEWS_SDL },
    ]).supergraphSdl,
    routerSecret: SECRET,
    subscriptionRetry: { attempts: 3, delayMs: () => 200 },
  });
  url = await router.start(0);
});

afterAll(async () => {
  await router.stop();
  await reviews.stop();
  await accounts.stop();
});

describe('federated subscriptions', () => {
  it('joins fields from another subgraph into every event', async () => {
    const channel = randomUUID();
    const c = client();
    const stream = follow(c, channel);
    // Published before the subgraph has started the upstream subscription, the event would reach nobody.
    await eventually(() => reviewListeners(channel) === 1);
    await postReview('a1', channel);
    await eventually(() => stream.events.length === 1);
    expect(stream.events[0]).toEqual({ reviewPosted: { id: 'a1', name: 'Aline', reviews: ['Clean bus, on time'] } });
    stream.stop();
    await c.dispose();
    await eventually(() => stats().upstreamSubscriptions === 0 && stats().subscribers === 0);
  });

  // Its waits (10 s each at most) add up past the default 30 s: a slow run fails on the wait that is late.
  it('shares one upstream subscription between identical subscriptions', { timeout: 60_000 }, async () => {
    const channel = randomUUID();
    const c = client();
    const streams = Array.from({ length: 50 }, () => follow(c, channel));
    await eventually(() => stats().subscribers === 50);
    expect(stats().upstreamSubscriptions).toBe(1);
    await eventually(() => reviewListeners(channel) === 1);
    await postReview('a2', channel);
    await eventually(() => streams.every((s) => s.events.length === 1));
    expect(streams[49]!.events[0]).toEqual({ reviewPosted: { id: 'a2', name: 'Eric', reviews: [] } });
    streams.forEach((s) => s.stop());
    await c.dispose();
    await eventually(() => stats().upstreamSubscriptions === 0);
  });

  it('keeps serving a client that unsubscribes and at once subscribes again to the same thing', async () => {
    const channel = randomUUID();
    const c = client();
    const first = follow(c, channel);
    await eventually(() => reviewListeners(channel) === 1);
    first.stop();
    const second = follow(c, channel);
    await eventually(() => stats().subscribers === 1);
    // The first upstream subscription may still be closing while the second one starts, and the
    // listener count cannot tell them apart: publish until the second stream has an event.
    await eventually(
      async () => {
        await postReview('a1', channel);
        return second.events.length > 0;
      },
      5000,
      200,
    );
    expect(second.completed()).toBe(false);
    second.stop();
    await c.dispose();
    await eventually(() => stats().upstreamSubscriptions === 0);
  });

  it('refuses a subscription with a bad token with UNAUTHENTICATED, not as an outage', async () => {
    const c = client({ authorization: 'Bearer not.a.token' });
    const stream = follow(c, randomUUID());
    await eventually(() => stream.completed() || stream.errors.length > 0);
    expect(JSON.stringify(stream.errors)).toContain('UNAUTHENTICATED');
    expect(JSON.stringify(stream.errors)).not.toContain('UNAVAILABLE');
    await c.dispose();
    await eventually(() => stats().upstreamSubscriptions === 0);
  });

  it("fails a malformed subscription alone; the same connection's other subscriptions run on", async () => {
    const channel = randomUUID();
    const c = client();
    const good = follow(c, channel);
    await eventually(() => reviewListeners(channel) === 1);
    const bad = follow(c, channel, 'subscription { reviewPosted { ');
    await eventually(() => bad.errors.length > 0);
    expect(JSON.stringify(bad.errors)).toContain('GRAPHQL_PARSE_FAILED');
    await postReview('a2', channel);
    await eventually(() => good.events.length === 1);
    expect(good.events[0]).toEqual({ reviewPosted: { id: 'a2', name: 'Eric', reviews: [] } });
    good.stop();
    await c.dispose();
  });

  it('resumes the stream when the owning subgraph restarts', async () => {
    const channel = randomUUID();
    const c = client();
    const stream = follow(c, channel);
    await eventually(() => stats().upstreamSubscriptions === 1);
    await reviews.stop();
    reviews = createReviewsSubgraph(tokens, SECRET);
    await reviews.start(reviewsPort);
    // The router reconnects and subscribes again; an event after that reaches the client.
    await eventually(
      async () => {
        await postReview('a1', channel);
        return stream.events.length > 0;
      },
      10_000,
      300,
    );
    expect(stream.errors).toEqual([]);
    stream.stop();
    await c.dispose();
    await eventually(() => stats().upstreamSubscriptions === 0);
  });

  it('closes its upstream connection quietly when the last subscriber leaves while the subgraph restarts', async () => {
    // The connection's reconnection fails as it is closed: unhandled, that rejection ends the router's process.
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const c = client();
      const stream = follow(c, randomUUID());
      await eventually(() => stats().upstreamSubscriptions === 1);
      // A deploy: the subgraph drains (the router's upstream socket closes with 1001, the router reconnects)...
      await reviews.stop({ graceMs: 500 });
      // ...and meanwhile the subscription's one client goes away.
      stream.stop();
      await c.dispose();
      await eventually(() => stats().upstreamSubscriptions === 0 && stats().subscribers === 0);
      // The reconnection's wait (200 ms here) and its refusal.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      reviews = createReviewsSubgraph(tokens, SECRET);
      await reviews.start(reviewsPort);
    }
  });

  it('ends the stream with UNAVAILABLE when the owning subgraph stays away, leaving nothing open', async () => {
    const c = client();
    const stream = follow(c, randomUUID());
    await eventually(() => stats().upstreamSubscriptions === 1);
    await reviews.stop();
    await eventually(() => stream.completed(), 10_000);
    expect(JSON.stringify(stream.errors)).toContain('UNAVAILABLE');
    expect(stats()).toMatchObject({ upstreamSubscriptions: 0, subscribers: 0 });
    await c.dispose();
    reviews = createReviewsSubgraph(tokens, SECRET);
    await reviews.start(reviewsPort);
  });
});

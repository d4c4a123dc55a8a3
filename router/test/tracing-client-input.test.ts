// What a client chooses (an operation name, a URL path) is cut to a bounded size in every span the router exports,
// the gateway's own spans and each subscription event's delivery span included.
import { randomBytes } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { reviewEvents, reviewListeners } from './fixtures/subgraphs';
import { startTracedRouter, type TracedRouter } from './fixtures/traced-router';

let traced: TracedRouter;
beforeAll(async () => {
  traced = await startTracedRouter('busline');
});
afterAll(() => traced?.stop());

const traceparent = (traceId: string) => `00-${traceId}-${randomBytes(8).toString('hex')}-01`;

describe("the router's spans", () => {
  it("carry a client-chosen operation name cut to 100 characters, the gateway's own spans included", async () => {
    // Within the 100 KB body limit: the name only in the document.
    const name = `Long${'x'.repeat(90_000)}`;
    const traceId = randomBytes(16).toString('hex');
    const response = await fetch(`${traced.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: traceparent(traceId) },
      body: JSON.stringify({ query: `query ${name} { latestReviewer { id name reviews } }` }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).errors).toBeUndefined();

    const spans = await eventually(async () => {
      await traced.tracing.flush();
      const inTrace = traced.collector.spans.filter((s) => s.traceId === traceId);
      return inTrace.some((s) => s.name === 'gateway.request') ? inTrace : undefined;
    }, 10_000);
    // Every attribute of this request's spans that holds the name: its first 100 characters; a span name: `query `
    // and those.
    const attributes = spans.flatMap((span) =>
      Object.values(span.attributes).filter((v): v is string => typeof v === 'string' && v.includes('Longxxxx')),
    );
    expect(attributes.length).toBeGreaterThan(0);
    expect(attributes.filter((v) => v !== name.slice(0, 100))).toEqual([]);
    const named = spans.map((span) => span.name).filter((n) => n.includes('Longxxxx'));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((n) => n.length > 'query '.length + 100)).toEqual([]);
  });

  it("name a subscription event's delivery after the client's operation name cut to 100 characters", async () => {
    const name = `LongWatch${'x'.repeat(90_000)}`;
    const channel = `observe-${randomBytes(4).toString('hex')}`;
    const client = createClient({
      url: `${traced.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const received: unknown[] = [];
    const stop = client.subscribe(
      {
        query: `subscription ${name}($c: String) { reviewPosted(channel: $c) { id name } }`,
        variables: { c: channel },
      },
      { next: (r) => void received.push(r), error: () => undefined, complete: () => undefined },
    );
    const traceId = randomBytes(16).toString('hex');
    try {
      await eventually(() => reviewListeners(channel) === 1);
      // A live update published inside a trace (what withLiveTraceparent adds to a payload).
      await reviewEvents.publish(`reviewPosted.${channel}`, {
        reviewPosted: { id: 'a1' },
        __traceparent: traceparent(traceId),
      });
      await eventually(() => received.length > 0);
    } finally {
      stop();
      await client.dispose();
    }
    const delivery = await eventually(async () => {
      await traced.tracing.flush();
      return traced.collector.spans.find(
        (s) => s.traceId === traceId && s.service === 'router' && s.name.startsWith('deliver'),
      );
    }, 10_000);
    expect(delivery.name.length).toBeLessThanOrEqual('deliver '.length + 100);
  });

  it('are not named after a client-chosen URL path (any length, any number of distinct names)', async () => {
    const traceIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const traceId = randomBytes(16).toString('hex');
      traceIds.push(traceId);
      // A scanner's path: 404, but traced.
      await fetch(`${traced.url}/${randomBytes(2000).toString('hex')}`, {
        headers: { traceparent: traceparent(traceId) },
      });
    }
    const spans = await eventually(async () => {
      await traced.tracing.flush();
      const roots = traced.collector.spans.filter((s) => traceIds.includes(s.traceId) && s.service === 'router');
      return roots.length >= traceIds.length ? roots : undefined;
    }, 10_000);
    const names = new Set(spans.map((s) => s.name));
    // Bounded names: one per route (or `GET` for paths the router does not serve), each short.
    expect(Math.max(...[...names].map((n) => n.length))).toBeLessThanOrEqual(100);
    expect(names.size).toBeLessThanOrEqual(2);
  });

  it("carry no client's tracestate, to the router's spans or the subgraphs'", async () => {
    const traceId = randomBytes(16).toString('hex');
    const response = await fetch(`${traced.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: traceparent(traceId),
        tracestate: `vendor=${'x'.repeat(200)}`,
      },
      body: JSON.stringify({ query: 'query Reviewer { latestReviewer { id name reviews } }' }),
    });
    expect(response.status).toBe(200);
    const spans = await eventually(async () => {
      await traced.tracing.flush();
      const inTrace = traced.collector.spans.filter((s) => s.traceId === traceId);
      return inTrace.some((s) => s.name === 'query Reviewer') ? inTrace : undefined;
    }, 10_000);
    expect(spans.filter((s) => s.traceState)).toEqual([]);
  });
});

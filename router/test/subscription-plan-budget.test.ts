import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionResult } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { graphqlRequest } from '@busline/shared/testing';
import { startProbeRouter, type ProbeRouter } from './fixtures/probe-router';
import { startProbeSubgraph, type ProbeSubgraph } from './fixtures/subgraphs';

/**
 * Query planning is bounded per client address (plan-budget.ts, README "Limits"): once an address has spent its
 * minute's planning, operations the router has no plan for are answered RATE_LIMITED. Subscriptions are planned by
 * the subscription executor's own planner (subscriptions.ts), which nothing charged: on the real supergraph one
 * subscription with 29 aliased joins costs ~130 ms of planning on the router's thread, and a literal changed makes a
 * new plan, so any address could keep the thread busy planning.
 */
let probe: ProbeSubgraph;
let budgeted: ProbeRouter;

beforeAll(async () => {
  probe = await startProbeSubgraph();
  // Addresses told apart by X-Forwarded-For; a budget any real plan spends at once (as router/test/query-limits).
  budgeted = await startProbeRouter(probe, { trustProxy: 1, limits: { maxPlanningMsPerMinute: 0.001 } });
});
afterAll(async () => {
  await budgeted?.stop();
  await probe?.stop();
});

/** Every result of an SSE subscription from `address`, read until the router ends it. */
async function sse(address: string, query: string): Promise<ExecutionResult[]> {
  const response = await fetch(`${budgeted.url}/graphql`, {
    method: 'POST',
    headers: { accept: 'text/event-stream', 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => /^event: next$/m.test(block))
    .map((block) => JSON.parse(/^data: ?(.*)$/m.exec(block)![1]!) as ExecutionResult);
}

describe('planning budget per address', () => {
  it('refuses a new subscription over SSE from an address whose planning budget is spent', async () => {
    const address = '198.51.100.23';
    // The address spends its budget on a query; its next new query is refused, as documented.
    expect(
      (await graphqlRequest(`${budgeted.url}/graphql`, '{ a: probe }', undefined, { 'x-forwarded-for': address })).data,
    ).toEqual({ a: true });
    const refused = await graphqlRequest(`${budgeted.url}/graphql`, '{ b: probe }', undefined, {
      'x-forwarded-for': address,
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');

    // A subscription it never sent before needs a new plan too. (probeFailure fails at once upstream, so the stream
    // ends by itself: the code of its only result tells whether the router planned it.)
    const results = await sse(address, 'subscription { fresh1: probeFailure(kind: DOMAIN) }');
    expect(results[0]?.errors?.[0]?.extensions?.code, 'the subscription was planned past the budget').toBe(
      'RATE_LIMITED',
    );
  });

  it('refuses a new subscription over graphql-ws from an address whose planning budget is spent', async () => {
    const address = '198.51.100.24';
    expect(
      (await graphqlRequest(`${budgeted.url}/graphql`, '{ c: probe }', undefined, { 'x-forwarded-for': address })).data,
    ).toEqual({ c: true });
    const client = createClient({
      url: `${budgeted.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols, { headers: { 'x-forwarded-for': address } });
        }
      },
      retryAttempts: 0,
    });
    try {
      const codes: unknown[] = [];
      await new Promise<void>((resolve) => {
        client.subscribe(
          { query: 'subscription { fresh2: probeFailure(kind: DOMAIN) }' },
          {
            next: (result) => codes.push(...(result.errors ?? []).map((e) => e.extensions?.code)),
            error: (error) => {
              codes.push(...((error as { extensions?: { code?: string } }[]) ?? []).map((e) => e.extensions?.code));
              resolve();
            },
            complete: resolve,
          },
        );
      });
      expect(codes[0], 'the subscription was planned past the budget').toBe('RATE_LIMITED');
    } finally {
      await client.dispose();
    }
  });
});

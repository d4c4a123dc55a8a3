// OTEL_TRACES_SAMPLER=traceidratio on the router decides there alone: a client's traceparent is linked, not continued,
// so that the trace ids a client chooses cannot choose what is traced.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { startTracedRouter, type TracedRouter } from './fixtures/traced-router';

let traced: TracedRouter;
beforeAll(async () => {
  traced = await startTracedRouter('router', {
    // What the docs advise: the router samples on its own, here one request in ten thousand.
    OTEL_TRACES_SAMPLER: 'traceidratio',
    OTEL_TRACES_SAMPLER_ARG: '0.0001',
  });
});
afterAll(() => traced?.stop());

const query = (headers: Record<string, string>) =>
  fetch(`${traced.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: 'query Reviewer { latestReviewer { id name reviews } }' }),
  });

describe('sampling decided on the router (OTEL_TRACES_SAMPLER=traceidratio)', () => {
  it("is not the client's to choose through the trace ids it sends", async () => {
    // Precondition (holds today): with random trace ids, the ratio applies: 20 requests are not traced.
    const random: string[] = [];
    for (let i = 0; i < 20; i++) {
      const traceId = randomBytes(16).toString('hex');
      random.push(traceId);
      expect((await query({ traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` })).status).toBe(200);
    }
    const chosen: string[] = [];
    for (let i = 1; i <= 20; i++) {
      // Trace ids whose 32-bit chunks XOR to a small number: under any ratio's bound. The flags even say "not sampled".
      const traceId = `${'0'.repeat(24)}${i.toString(16).padStart(8, '0')}`;
      chosen.push(traceId);
      const response = await query({ traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-00` });
      expect(response.status).toBe(200);
    }
    await traced.tracing.flush();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await traced.tracing.flush();
    const tracedOf = (ids: string[]) =>
      new Set(traced.collector.spans.filter((s) => ids.includes(s.traceId)).map((s) => s.traceId));
    expect(tracedOf(random).size).toBeLessThanOrEqual(1);
    // One request in 10,000 is to be traced: 20 requests make none (at most one by a rare chance).
    expect(tracedOf(chosen).size).toBeLessThanOrEqual(1);
  });
});

describe('a client trace under a sampler that decides alone', () => {
  it("begins a new trace linked to the client's, whose requests are still traced by the ratio", async () => {
    await traced.restartTracing({ OTEL_TRACES_SAMPLER_ARG: '1' });
    const clientTrace = randomBytes(16).toString('hex');
    const clientSpan = randomBytes(8).toString('hex');
    expect((await query({ traceparent: `00-${clientTrace}-${clientSpan}-00` })).status).toBe(200);
    await traced.tracing.flush();
    const server = traced.collector.spans.find(
      (s) => s.service === 'router' && s.name === 'query Reviewer' && s.links.some((l) => l.traceId === clientTrace),
    );
    expect(server).toBeDefined();
    expect(server!.traceId).not.toBe(clientTrace);
    expect(server!.parentSpanId).toBeUndefined();
    expect(server!.links).toEqual([{ traceId: clientTrace, spanId: clientSpan }]);
    expect(traced.collector.spans.filter((s) => s.traceId === clientTrace)).toEqual([]);
    // The subgraph, whose caller is the router, continues the router's trace: one request is one trace.
    const fetchSpan = await eventually(async () => {
      await traced.tracing.flush();
      return traced.collector.spans.find((s) => s.name === 'fetch reviews' && s.traceId === server!.traceId);
    }, 10_000);
    const subgraphSpan = await eventually(async () => {
      await traced.tracing.flush();
      return traced.collector.spans.find((s) => s.service === 'reviews' && s.traceId === server!.traceId);
    }, 10_000);
    expect(subgraphSpan).toMatchObject({ parentSpanId: fetchSpan.spanId, links: [] });
  });
});

// OTEL_TRACES_SAMPLER=traceidratio on the router decides there alone: a client's traceparent is linked, not continued,
// so that the trace ids a client chooses cannot choose what is traced.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, startTracing, type Tracing } from '@busline/shared';
import { eventually, startOtlpCollector, type OtlpCollector } from '@busline/shared/testing';
import { createServer } from '../src/server';
import { startReviewFixtures, type ReviewFixtures } from './fixtures/subgraphs';

const SECRET = 'router-secret-for-tests-0123456789';
let collector: OtlpCollector;
let tracing: Tracing;
let fixtures: ReviewFixtures;
let router: ReturnType<typeof createServer>;
let url: string;

beforeAll(async () => {
  collector = await startOtlpCollector();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = collector.url;
  // What the docs advise: the router samples on its own, here one request in ten thousand.
  process.env.OTEL_TRACES_SAMPLER = 'traceidratio';
  process.env.OTEL_TRACES_SAMPLER_ARG = '0.0001';
  tracing = startTracing('router')!;
  fixtures = await startReviewFixtures(SECRET);
  router = createServer({
    logger: createLogger('router', { level: 'silent' }),
    supergraphSdl: fixtures.supergraphSdl,
    routerSecret: SECRET,
    verifier: fixtures.tokens.verifier,
  });
  url = await router.start(0);
});

afterAll(async () => {
  await router?.stop();
  await fixtures?.stop();
  await tracing?.shutdown();
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  delete process.env.OTEL_TRACES_SAMPLER;
  delete process.env.OTEL_TRACES_SAMPLER_ARG;
  await collector?.close();
});

const query = (headers: Record<string, string>) =>
  fetch(`${url}/graphql`, {
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
    await tracing.flush();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await tracing.flush();
    const tracedOf = (ids: string[]) =>
      new Set(collector.spans.filter((s) => ids.includes(s.traceId)).map((s) => s.traceId));
    expect(tracedOf(random).size).toBeLessThanOrEqual(1);
    const traced = tracedOf(chosen);
    // One request in 10,000 is to be traced: 20 requests make none (at most one by a rare chance).
    expect(traced.size).toBeLessThanOrEqual(1);
  });
});

describe('a client trace under a sampler that decides alone', () => {
  it("begins a new trace linked to the client's, whose requests are still traced by the ratio", async () => {
    await tracing.shutdown();
    process.env.OTEL_TRACES_SAMPLER_ARG = '1';
    tracing = startTracing('router')!;
    const clientTrace = randomBytes(16).toString('hex');
    const clientSpan = randomBytes(8).toString('hex');
    expect((await query({ traceparent: `00-${clientTrace}-${clientSpan}-00` })).status).toBe(200);
    await tracing.flush();
    const server = collector.spans.find(
      (s) => s.service === 'router' && s.name === 'query Reviewer' && s.links.some((l) => l.traceId === clientTrace),
    );
    expect(server).toBeDefined();
    expect(server!.traceId).not.toBe(clientTrace);
    expect(server!.parentSpanId).toBeUndefined();
    expect(server!.links).toEqual([{ traceId: clientTrace, spanId: clientSpan }]);
    expect(collector.spans.filter((s) => s.traceId === clientTrace)).toEqual([]);
    // The subgraph, whose caller is the router, continues the router's trace: one request is one trace.
    const fetchSpan = await eventually(async () => {
      await tracing.flush();
      return collector.spans.find((s) => s.name === 'fetch reviews' && s.traceId === server!.traceId);
    }, 10_000);
    const subgraphSpan = await eventually(async () => {
      await tracing.flush();
      return collector.spans.find((s) => s.service === 'reviews' && s.traceId === server!.traceId);
    }, 10_000);
    expect(subgraphSpan).toMatchObject({ parentSpanId: fetchSpan.spanId, links: [] });
  });
});

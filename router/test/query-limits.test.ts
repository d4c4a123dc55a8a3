import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest } from '@busline/shared/testing';
import { startProbeRouter, type ProbeRouter } from './fixtures/probe-router';
import { startProbeSubgraph, type ProbeSubgraph } from './fixtures/subgraphs';

let probe: ProbeSubgraph;
let router: ProbeRouter;

const post = (query: string) => graphqlRequest(`${router.url}/graphql`, query);

/** Sends the query and returns its answer with the number of requests the subgraph received meanwhile. */
async function sent(query: string) {
  const before = probe.requests();
  const result = await post(query);
  return { result, subgraphRequests: probe.requests() - before };
}

beforeAll(async () => {
  probe = await startProbeSubgraph();
  // The default limits, as in production.
  router = await startProbeRouter(probe);
});

afterAll(async () => {
  await router.stop();
  await probe.stop();
});

describe('query limits', () => {
  it('sends a query within the limits to the subgraph', async () => {
    const { result, subgraphRequests } = await sent('{ probe }');
    expect(result.data).toEqual({ probe: true });
    expect(subgraphRequests).toBe(1);
  });

  it('refuses a query of more than 5,000 tokens without calling the subgraph', async () => {
    const { result, subgraphRequests } = await sent(`{ ${'probe '.repeat(5001)}}`);
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toEqual([
      { message: expect.stringMatching(/Token limit of 5000 exceeded/), extensions: { code: 'QUERY_LIMIT_EXCEEDED' } },
    ]);
    expect(subgraphRequests).toBe(0);
  });

  it('refuses a query whose estimated cost is over 20,000 without calling the subgraph', async () => {
    const { result, subgraphRequests } = await sent('{ probeItems(first: 10000) { id } }');
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.message).toMatch(/Cost limit of 20000 exceeded/);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED' });
    expect(subgraphRequests).toBe(0);
  });

  it('refuses a query with more than 50 directives without calling the subgraph', async () => {
    const { result, subgraphRequests } = await sent(`{ ${'probe @include(if: true) '.repeat(51)}}`);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.message).toMatch(/Directives limit of 50 exceeded/);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED' });
    expect(subgraphRequests).toBe(0);
  });

  it('refuses a query deeper than 15 levels without calling the subgraph', async () => {
    const { result, subgraphRequests } = await sent(
      `{ probeItems(first: 1) { ${'next { '.repeat(16)}id${' }'.repeat(16)} } }`,
    );
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.message).toMatch(/depth limit of 15/);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED' });
    expect(subgraphRequests).toBe(0);
  });

  // 300 copies of one field within every other limit cost the router's thread a fifth of a second to validate (pairs
  // of fields sharing a response name are compared); 1,200 were refused only after that work.
  it('refuses a query of more than 250 fields before validating it, without calling the subgraph', async () => {
    const { result, subgraphRequests } = await sent(`{ probeItems(first: 1) { ${'next { id } '.repeat(126)}} }`);
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toEqual([
      {
        message: 'Fields limit of 250 exceeded: ask for fewer fields in one operation',
        extensions: { code: 'QUERY_LIMIT_EXCEEDED', maxFields: 250 },
      },
    ]);
    expect(subgraphRequests).toBe(0);
    // 250 are fine.
    const within = await sent(`{ probeItems(first: 1) { ${'next { id } '.repeat(124)}id } }`);
    expect(within.result.errors).toBeUndefined();
  });

  it('refuses a query with more than 30 aliases without calling the subgraph', async () => {
    const { result, subgraphRequests } = await sent(
      `{ ${Array.from({ length: 31 }, (_, i) => `p${i}: probe`).join(' ')} }`,
    );
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.message).toMatch(/Aliases limit of 30 exceeded/);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED' });
    expect(subgraphRequests).toBe(0);
  });

  it('refuses an operation that may return more than 25,000 list items, page sizes from its variables', async () => {
    const query = `query($n: Int!) { a: probeItems(first: $n) { id } b: probeItems(first: $n) { id } }`;
    const asked = async (n: number) => {
      const before = probe.requests();
      const result = await graphqlRequest(`${router.url}/graphql`, query, { n });
      return { result, subgraphRequests: probe.requests() - before };
    };
    const within = await asked(12_500);
    expect(within.result.errors).toBeUndefined();
    const over = await asked(12_501);
    expect(over.result.data ?? null).toBeNull();
    expect(over.result.errors?.[0]?.message).toMatch(/more than 25000 list items/);
    expect(over.result.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', maxListItems: 25_000 });
    expect(over.subgraphRequests).toBe(0);
  });
});

// 30 aliased lookups, each joining several subgraphs, cost @apollo/gateway ~0.4 s to plan within every query limit,
// and a literal changed makes a new plan: one address could keep the router's thread busy. The planning of one
// address's operations is bounded per minute.
describe('planning per address', () => {
  let budgeted: ProbeRouter;
  beforeAll(async () => {
    // Two addresses told apart by X-Forwarded-For; a budget any real plan spends at once.
    budgeted = await startProbeRouter(probe, { trustProxy: 1, limits: { maxPlanningMsPerMinute: 0.001 } });
  });
  afterAll(() => budgeted?.stop());

  const from = (address: string, query: string) =>
    graphqlRequest(`${budgeted.url}/graphql`, query, undefined, { 'x-forwarded-for': address });

  it("refuses an address's new operations once its minute's planning is spent, not another address's", async () => {
    expect((await from('198.51.100.7', '{ a: probe }')).data).toEqual({ a: true });
    const before = probe.requests();
    const refused = await from('198.51.100.7', '{ b: probe }');
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 60 });
    expect(refused.errors?.[0]?.message).toMatch(/took the router more than 0.001 ms to plan in a minute/);
    expect(probe.requests()).toBe(before);
    // Another address is planned.
    expect((await from('203.0.113.9', '{ c: probe }')).data).toEqual({ c: true });
    // An operation planned already costs nothing: the spent address still gets it.
    expect((await from('198.51.100.7', '{ a: probe }')).data).toEqual({ a: true });
  });

  it('charges each plan as it starts: operations sent at once do not all pass before the first is charged', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => from('192.0.2.44', `{ burst${i}: probe }`)));
    expect(answers.filter((answer) => answer.errors?.[0]?.extensions?.code === 'RATE_LIMITED')).toHaveLength(5);
  });
});

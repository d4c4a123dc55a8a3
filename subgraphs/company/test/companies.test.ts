import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, type TestSubgraph } from '@busline/shared/testing';
import { companies } from '../src/db/schema';
import { migrations } from '../src/db/migrations';
import { createServer } from '../src/server';

let subgraph: TestSubgraph<ReturnType<typeof createServer>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph({ name: 'company', migrations, createServer });
  await subgraph.database.handle.db.insert(companies).values([
    { name: 'Volcano Coaches', slug: 'volcano' },
    { name: 'Horizon Lines', slug: 'horizon' },
    { name: 'Kivu Shuttle', slug: 'kivu' },
  ]);
});
afterAll(() => subgraph.stop());

describe('company subgraph', () => {
  it('lists companies by name, one page at a time', async () => {
    const first = await subgraph.request(`{ companies(first: 2) { edges { node { name slug } } pageInfo { hasNextPage endCursor } } }`);
    expect(first.errors).toBeUndefined();
    expect(first.data?.companies.edges.map((e: any) => e.node.slug)).toEqual(['horizon', 'kivu']);
    expect(first.data?.companies.pageInfo.hasNextPage).toBe(true);
    const second = await subgraph.request(`query($after: String) { companies(first: 2, after: $after) { edges { node { slug } } pageInfo { hasNextPage } } }`, {
      after: first.data?.companies.pageInfo.endCursor,
    });
    expect(second.data?.companies.edges.map((e: any) => e.node.slug)).toEqual(['volcano']);
    expect(second.data?.companies.pageInfo.hasNextPage).toBe(false);
  });

  it('resolves Company entity references for the gateway', async () => {
    const rows = await subgraph.database.handle.db.select().from(companies);
    const volcano = rows.find((r) => r.slug === 'volcano')!;
    const result = await subgraph.request(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Company { id name } } }`,
      { reps: [{ __typename: 'Company', id: volcano.id }, { __typename: 'Company', id: 'not-a-uuid' }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ id: volcano.id, name: 'Volcano Coaches' }, null]);
  });

  it('rejects a page size out of range with BAD_USER_INPUT', async () => {
    const result = await subgraph.request(`{ companies(first: 1000) { edges { cursor } } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers /healthz and /readyz', async () => {
    const base = subgraph.server.url!;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, type TestSubgraph } from '@busline/shared/testing';
import { users } from '../src/db/schema';
import { migrations } from '../src/db/migrations';
import { createServer } from '../src/server';

let subgraph: TestSubgraph<ReturnType<typeof createServer>>;
let alice: typeof users.$inferSelect;
let bob: typeof users.$inferSelect;
beforeAll(async () => {
  subgraph = await startTestSubgraph({ name: 'auth', migrations, createServer });
  [alice, bob] = (await subgraph.database.handle.db
    .insert(users)
    .values([
      { email: 'alice@example.com', passwordHash: 'x' },
      { email: 'bob@example.com', passwordHash: 'x' },
    ])
    .returning()) as [typeof alice, typeof bob];
});
afterAll(() => subgraph.stop());

describe('me', () => {
  it('is null without credentials', async () => {
    const result = await subgraph.request('{ me { id } }');
    expect(result.data).toEqual({ me: null });
  });

  it('returns the signed-in user', async () => {
    const result = await subgraph.request(
      '{ me { id email role } }',
      {},
      { userId: alice.id, role: 'PASSENGER', companyId: null },
    );
    expect(result.data?.me).toEqual({ id: alice.id, email: 'alice@example.com', role: 'PASSENGER' });
  });

  it("hides another user's email behind FORBIDDEN", async () => {
    const result = await subgraph.request(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { email } } }',
      { r: [{ __typename: 'User', id: bob.id }] },
      { userId: alice.id, role: 'PASSENGER', companyId: null },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses an invalid token with UNAUTHENTICATED', async () => {
    const response = await fetch(subgraph.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.token' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

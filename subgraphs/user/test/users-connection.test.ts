import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, codeOf, registerProfile, startUser, type UserSubgraph } from './user-harness';

let subgraph: UserSubgraph;
const ids: Record<string, string> = {};
beforeAll(async () => {
  subgraph = await startUser();
  const people: [string, string, string, string | null][] = [
    ['aline', 'Aline Uwase', 'PASSENGER', null],
    ['eric', 'Eric Habimana', 'COMPANY_ADMIN', '6f1c2a54-4a57-4a36-9a38-6f0a1c1f7d01'],
    ['jean', 'Jean Bosco Niyonzima', 'DRIVER', '6f1c2a54-4a57-4a36-9a38-6f0a1c1f7d01'],
    ['grace', 'Grace Uwimana', 'PASSENGER', null],
    ['claude', 'Claude Uwase', 'PASSENGER', null],
  ];
  let minute = 0;
  for (const [key, fullName, role, companyId] of people) {
    const registeredAt = new Date(Date.UTC(2026, 0, 1, 8, minute++)).toISOString();
    ids[key] = await registerProfile(subgraph, {
      fullName,
      role,
      companyId,
      email: `${key}.test@example.com`,
      registeredAt,
    });
  }
});
afterAll(() => subgraph.stop());

const USERS = `query($first: Int, $after: String, $role: Role, $search: String) {
  users(first: $first, after: $after, role: $role, search: $search) {
    edges { cursor node { id profile { fullName } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
type Page = {
  edges: { node: { id: string; profile: { fullName: string } } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};
const list = async (variables: Record<string, unknown>) =>
  (await subgraph.request<{ users: Page }>(USERS, variables, admin())).data!.users;
const names = (page: Page) => page.edges.map((edge) => edge.node.profile.fullName);

describe('users connection', () => {
  it('pages through every user in registration order', async () => {
    const first = await list({ first: 2 });
    expect(names(first)).toEqual(['Aline Uwase', 'Eric Habimana']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await list({ first: 2, after: first.pageInfo.endCursor });
    expect(names(second)).toEqual(['Jean Bosco Niyonzima', 'Grace Uwimana']);
    const last = await list({ first: 2, after: second.pageInfo.endCursor });
    expect(names(last)).toEqual(['Claude Uwase']);
    expect(last.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by role', async () => {
    expect(names(await list({ role: 'PASSENGER' }))).toEqual(['Aline Uwase', 'Grace Uwimana', 'Claude Uwase']);
    expect(names(await list({ role: 'DRIVER' }))).toEqual(['Jean Bosco Niyonzima']);
  });

  it('searches word prefixes of the name and email, case-insensitively', async () => {
    expect(names(await list({ search: 'UWA' }))).toEqual(['Aline Uwase', 'Claude Uwase']);
    expect(names(await list({ search: 'uwase cla' }))).toEqual(['Claude Uwase']);
    expect(names(await list({ search: 'eric.test@example.com' }))).toEqual(['Eric Habimana']);
    expect(names(await list({ search: 'bosco', role: 'PASSENGER' }))).toEqual([]);
    expect(names(await list({ search: '%' }))).toEqual([]);
  });

  it('refuses a malformed cursor with BAD_USER_INPUT', async () => {
    const result = await subgraph.request(USERS, { after: Buffer.from('["nope",1]').toString('base64url') }, admin());
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    // Times Date.parse takes but Postgres does not failed the list with an unexpected error.
    const id = '0b8a5a3e-2f4e-4c1a-9a57-1f7e3c6d2b10';
    for (const time of ['99999', '+275760-09-13T00:00:00.000Z', '2026-02-30T00:00:00.000Z']) {
      const after = Buffer.from(JSON.stringify([time, id])).toString('base64url');
      expect(codeOf(await subgraph.request(USERS, { after }, admin())), time).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses a search with a control character (a NUL failed in Postgres)', async () => {
    const result = await subgraph.request(USERS, { search: 'uwa\u0000' }, admin());
    expect(result.errors?.[0]).toMatchObject({
      message: 'Search must not contain control characters',
      extensions: { code: 'BAD_USER_INPUT', field: 'search' },
    });
  });
});

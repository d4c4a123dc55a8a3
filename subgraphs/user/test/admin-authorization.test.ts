import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@busline/shared';
import {
  accountOf,
  admin,
  codeOf,
  companyAdmin,
  driver,
  errorOf,
  eventTypesAbout,
  knownCompany,
  passenger,
  registerProfile,
  startUser,
  type UserSubgraph,
} from './user-harness';

let subgraph: UserSubgraph;
const companyId = randomUUID();
beforeAll(async () => {
  subgraph = await startUser();
  await knownCompany(subgraph, companyId);
});
afterAll(() => subgraph.stop());

const SET_ROLE = 'mutation($u: ID!, $r: Role!, $c: ID) { setUserRole(userId: $u, role: $r, companyId: $c) { id } }';
const SUSPEND = 'mutation($u: ID!, $reason: String!) { suspendUser(userId: $u, reason: $reason) { id suspended } }';
const REINSTATE = 'mutation($u: ID!) { reinstateUser(userId: $u) { id suspended } }';
const USERS = '{ users { edges { node { id } } } }';

const UNAUTHENTICATED = { code: 'UNAUTHENTICATED', message: 'Authentication required' };
const FORBIDDEN = { code: 'FORBIDDEN', message: 'Not allowed for your role' };

/** A driver of `companyId`; suspended by a platform admin first when `suspended`. */
async function staffMember(companyId: string, suspended = false) {
  const userId = await registerProfile(subgraph, { role: 'DRIVER', companyId });
  if (suspended) {
    const result = await subgraph.request(SUSPEND, { u: userId, reason: 'Fare dodging' }, admin());
    expect(result.errors).toBeUndefined();
  }
  return userId;
}

const callers: [string, () => Viewer | null, { code: string; message: string }][] = [
  ['an anonymous caller', () => null, UNAUTHENTICATED],
  ['a PASSENGER', () => passenger(), FORBIDDEN],
  ['a DRIVER of the same company', () => driver(companyId), FORBIDDEN],
  ['a COMPANY_ADMIN of the same company', () => companyAdmin(companyId), FORBIDDEN],
  ['a COMPANY_ADMIN of another company', () => companyAdmin(randomUUID()), FORBIDDEN],
];

describe.each(callers)('user administration refused to %s', (_who, viewer, refusal) => {
  it('refuses setUserRole and leaves the role as it was', async () => {
    const userId = await staffMember(companyId);
    const before = await accountOf(subgraph, userId);
    const result = await subgraph.request(SET_ROLE, { u: userId, r: 'COMPANY_ADMIN', c: companyId }, viewer());
    expect(errorOf(result)).toEqual(refusal);
    expect(result.data).toBeNull();
    expect(await accountOf(subgraph, userId)).toEqual(before);
    expect(await eventTypesAbout(subgraph, userId)).toEqual([]);
  });

  it('refuses to make the caller a platform admin', async () => {
    const caller = viewer();
    const userId = caller
      ? await registerProfile(subgraph, { role: caller.role, companyId: caller.companyId }, caller.userId)
      : await staffMember(companyId);
    const before = await accountOf(subgraph, userId);
    const result = await subgraph.request(SET_ROLE, { u: userId, r: 'PLATFORM_ADMIN' }, caller);
    expect(errorOf(result)).toEqual(refusal);
    expect(await accountOf(subgraph, userId)).toEqual(before);
    expect(await eventTypesAbout(subgraph, userId)).toEqual([]);
  });

  it('refuses suspendUser and leaves the user active', async () => {
    const userId = await staffMember(companyId);
    const result = await subgraph.request(SUSPEND, { u: userId, reason: 'Late again' }, viewer());
    expect(errorOf(result)).toEqual(refusal);
    expect(await accountOf(subgraph, userId)).toEqual({
      role: 'DRIVER',
      companyId,
      suspendedAt: null,
      suspensionReason: null,
    });
    expect(await eventTypesAbout(subgraph, userId)).toEqual([]);
  });

  it('refuses reinstateUser and leaves the user suspended', async () => {
    const userId = await staffMember(companyId, true);
    const before = await accountOf(subgraph, userId);
    const result = await subgraph.request(REINSTATE, { u: userId }, viewer());
    expect(errorOf(result)).toEqual(refusal);
    expect(await accountOf(subgraph, userId)).toEqual(before);
    expect(before?.suspensionReason).toBe('Fare dodging');
    expect(await eventTypesAbout(subgraph, userId)).toEqual(['user.suspended']);
  });

  it('refuses the users list', async () => {
    await staffMember(companyId);
    const result = await subgraph.request(USERS, {}, viewer());
    expect(errorOf(result)).toEqual(refusal);
    expect(result.data).toBeNull();
  });
});

describe('a platform admin acting on their own account', () => {
  const SELF_DEMOTION = { code: 'BAD_USER_INPUT', message: 'You cannot take away your own platform admin role' };
  const SELF_SUSPENSION = { code: 'BAD_USER_INPUT', message: 'You cannot suspend yourself' };
  const platformAdmin = async () => admin(await registerProfile(subgraph, { role: 'PLATFORM_ADMIN', companyId: null }));
  const unchanged = { role: 'PLATFORM_ADMIN', companyId: null, suspendedAt: null, suspensionReason: null };

  it.each([
    ['PASSENGER', null],
    ['DRIVER', companyId],
    ['COMPANY_ADMIN', companyId],
  ])('cannot make themself %s', async (role, company) => {
    const self = await platformAdmin();
    const result = await subgraph.request(SET_ROLE, { u: self.userId, r: role, c: company }, self);
    expect(errorOf(result)).toEqual(SELF_DEMOTION);
    expect(result.errors?.[0]?.extensions?.field).toBe('role');
    expect(await accountOf(subgraph, self.userId)).toEqual(unchanged);
    expect(await eventTypesAbout(subgraph, self.userId)).toEqual([]);
  });

  it('cannot demote themself by writing their id in capitals', async () => {
    const self = await platformAdmin();
    const result = await subgraph.request(SET_ROLE, { u: self.userId.toUpperCase(), r: 'PASSENGER' }, self);
    expect(errorOf(result)).toEqual(SELF_DEMOTION);
    expect(await accountOf(subgraph, self.userId)).toEqual(unchanged);
    expect(await eventTypesAbout(subgraph, self.userId)).toEqual([]);
  });

  it('cannot suspend themself', async () => {
    const self = await platformAdmin();
    const result = await subgraph.request(SUSPEND, { u: self.userId, reason: 'Testing' }, self);
    expect(errorOf(result)).toEqual(SELF_SUSPENSION);
    expect(result.errors?.[0]?.extensions?.field).toBe('userId');
    expect(await accountOf(subgraph, self.userId)).toEqual(unchanged);
    expect(await eventTypesAbout(subgraph, self.userId)).toEqual([]);
  });

  it('cannot suspend themself by writing their id in capitals', async () => {
    const self = await platformAdmin();
    const result = await subgraph.request(SUSPEND, { u: self.userId.toUpperCase(), reason: 'Testing' }, self);
    expect(errorOf(result)).toEqual(SELF_SUSPENSION);
    expect(await accountOf(subgraph, self.userId)).toEqual(unchanged);
    expect(await eventTypesAbout(subgraph, self.userId)).toEqual([]);
  });

  it('keeps their role when they set it to PLATFORM_ADMIN again, and records no change', async () => {
    const self = await platformAdmin();
    const result = await subgraph.request(SET_ROLE, { u: self.userId, r: 'PLATFORM_ADMIN' }, self);
    expect(result).toEqual({ status: 200, data: { setUserRole: { id: self.userId } } });
    expect(await accountOf(subgraph, self.userId)).toEqual(unchanged);
    expect(await eventTypesAbout(subgraph, self.userId)).toEqual([]);
  });

  it('may demote another platform admin', async () => {
    const self = await platformAdmin();
    const other = await platformAdmin();
    const result = await subgraph.request(SET_ROLE, { u: other.userId, r: 'PASSENGER' }, self);
    expect(result).toEqual({ status: 200, data: { setUserRole: { id: other.userId } } });
    expect(await accountOf(subgraph, other.userId)).toEqual({ ...unchanged, role: 'PASSENGER' });
    expect(await eventTypesAbout(subgraph, other.userId)).toEqual(['user.role_changed']);
  });
});

describe('staff whose account changed since their token was signed', () => {
  it("refuses a suspended platform admin the user list, others' profiles and the platform dashboard", async () => {
    const acting = await registerProfile(subgraph, { role: 'PLATFORM_ADMIN' });
    const suspended = await registerProfile(subgraph, { role: 'PLATFORM_ADMIN' });
    const victim = await registerProfile(subgraph);
    const suspend = 'mutation($u: ID!) { suspendUser(userId: $u, reason: "compromised account") { suspended } }';
    expect((await subgraph.request(suspend, { u: suspended }, admin(acting))).errors).toBeUndefined();
    // Their token still says PLATFORM_ADMIN until auth has revoked it.
    const reads = [
      ['{ users(first: 100) { edges { node { id profile { fullName phone } } } } }', {}],
      [
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { profile { phone } } } }',
        { r: [{ __typename: 'User', id: victim }] },
      ],
      ['{ platformDashboard { totals { bookings } } }', {}],
    ] as const;
    for (const [query, variables] of reads) {
      expect(codeOf(await subgraph.request(query, variables, admin(suspended)))).toBe('FORBIDDEN');
      expect(codeOf(await subgraph.request(query, variables, admin(acting)))).toBeUndefined();
    }
    // Their own profile stays theirs to read.
    const own = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { profile { fullName } } } }';
    expect(codeOf(await subgraph.request(own, { r: [{ __typename: 'User', id: suspended }] }, admin(suspended)))).toBe(
      undefined,
    );
  });

  it("refuses a company admin moved to another company their old company's dashboard", async () => {
    const acting = await registerProfile(subgraph, { role: 'PLATFORM_ADMIN' });
    const [before, after] = [randomUUID(), await knownCompany(subgraph)];
    const moved = await registerProfile(subgraph, { role: 'COMPANY_ADMIN', companyId: before });
    const setRole = 'mutation($u: ID!, $c: ID) { setUserRole(userId: $u, role: COMPANY_ADMIN, companyId: $c) { id } }';
    expect((await subgraph.request(setRole, { u: moved, c: after }, admin(acting))).errors).toBeUndefined();
    const dashboard = `query($c: ID!) { companyDashboard(companyId: $c, from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") {
      totals { bookings } } }`;
    const oldToken: Viewer = { userId: moved, role: 'COMPANY_ADMIN', companyId: before };
    expect(codeOf(await subgraph.request(dashboard, { c: before }, oldToken))).toBe('FORBIDDEN');
    const newToken: Viewer = { userId: moved, role: 'COMPANY_ADMIN', companyId: after };
    expect(codeOf(await subgraph.request(dashboard, { c: after }, newToken))).toBeUndefined();
  });
});

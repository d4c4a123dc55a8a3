import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../src/db/schema';
import { accountOf, admin, codeOf, knownCompany, registerProfile, startUser, type UserSubgraph } from './user-harness';

let subgraph: UserSubgraph;
const platformAdmin = admin();
beforeAll(async () => {
  subgraph = await startUser();
});
afterAll(() => subgraph.stop());

const SET_ROLE = 'mutation($u: ID!, $r: Role!, $c: ID) { setUserRole(userId: $u, role: $r, companyId: $c) { id } }';
const SUSPEND =
  'mutation($u: ID!, $reason: String!) { suspendUser(userId: $u, reason: $reason) { id suspended suspensionReason } }';
const REINSTATE = 'mutation($u: ID!) { reinstateUser(userId: $u) { id suspended } }';

const eventsFor = async (type: string, userId: string) =>
  (await subgraph.database.handle.db.select().from(outbox)).filter(
    (row) => row.type === type && (row.payload as { userId: string }).userId === userId,
  );

describe('admin user management', () => {
  it('setUserRole emits user.role_changed with the company and who changed it', async () => {
    const userId = await registerProfile(subgraph);
    const companyId = await knownCompany(subgraph);
    const result = await subgraph.request(SET_ROLE, { u: userId, r: 'DRIVER', c: companyId }, platformAdmin);
    expect(result.data?.setUserRole).toEqual({ id: userId });
    const events = await eventsFor('user.role_changed', userId);
    expect(events.map((e) => e.payload)).toEqual([
      { userId, role: 'DRIVER', companyId, changedBy: platformAdmin.userId, decision: expect.any(Number) },
    ]);
  });

  it('setUserRole requires a company for COMPANY_ADMIN and DRIVER and refuses one otherwise', async () => {
    const userId = await registerProfile(subgraph);
    expect(codeOf(await subgraph.request(SET_ROLE, { u: userId, r: 'COMPANY_ADMIN' }, platformAdmin))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      codeOf(await subgraph.request(SET_ROLE, { u: userId, r: 'PASSENGER', c: randomUUID() }, platformAdmin)),
    ).toBe('BAD_USER_INPUT');
    expect(await eventsFor('user.role_changed', userId)).toHaveLength(0);
  });

  it('setUserRole makes a COUNTER_AGENT of one company only with companyId, and the event carries the company', async () => {
    const userId = await registerProfile(subgraph);
    const withoutCompany = await subgraph.request(SET_ROLE, { u: userId, r: 'COUNTER_AGENT' }, platformAdmin);
    expect(codeOf(withoutCompany)).toBe('BAD_USER_INPUT');
    expect(withoutCompany.errors?.[0]?.message).toContain('companyId');
    expect(await eventsFor('user.role_changed', userId)).toHaveLength(0);

    const companyId = await knownCompany(subgraph);
    const result = await subgraph.request(SET_ROLE, { u: userId, r: 'COUNTER_AGENT', c: companyId }, platformAdmin);
    expect(result.errors).toBeUndefined();
    expect(await accountOf(subgraph, userId)).toMatchObject({ role: 'COUNTER_AGENT', companyId });
    // The same role again changes nothing and emits nothing more, the company's id in capitals included (a new
    // decision would end the user's sessions).
    await subgraph.request(SET_ROLE, { u: userId, r: 'COUNTER_AGENT', c: companyId }, platformAdmin);
    const same = await subgraph.request(
      SET_ROLE,
      { u: userId, r: 'COUNTER_AGENT', c: companyId.toUpperCase() },
      platformAdmin,
    );
    expect(same.errors).toBeUndefined();
    expect((await eventsFor('user.role_changed', userId)).map((e) => e.payload)).toEqual([
      { userId, role: 'COUNTER_AGENT', companyId, changedBy: platformAdmin.userId, decision: expect.any(Number) },
    ]);
  });

  it('setUserRole refuses a company this subgraph never heard of (a mistyped id): nothing changes', async () => {
    const userId = await registerProfile(subgraph);
    const result = await subgraph.request(SET_ROLE, { u: userId, r: 'COMPANY_ADMIN', c: randomUUID() }, platformAdmin);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'companyId',
      reason: 'UNKNOWN_COMPANY',
    });
    expect(await accountOf(subgraph, userId)).toMatchObject({ role: 'PASSENGER', companyId: null });
    expect(await eventsFor('user.role_changed', userId)).toHaveLength(0);
  });

  it('setUserRole waits a moment for a company created just before (its company.created on the way)', async () => {
    const userId = await registerProfile(subgraph);
    const companyId = randomUUID();
    const answer = subgraph.request(SET_ROLE, { u: userId, r: 'COMPANY_ADMIN', c: companyId }, platformAdmin);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await knownCompany(subgraph, companyId);
    expect((await answer).errors).toBeUndefined();
    expect(await accountOf(subgraph, userId)).toMatchObject({ role: 'COMPANY_ADMIN', companyId });
  });

  it('suspendUser emits user.suspended once and shows the suspension', async () => {
    const userId = await registerProfile(subgraph);
    const result = await subgraph.request(SUSPEND, { u: userId, reason: 'Chargeback fraud' }, platformAdmin);
    expect(result.data?.suspendUser).toEqual({ id: userId, suspended: true, suspensionReason: 'Chargeback fraud' });
    await subgraph.request(SUSPEND, { u: userId, reason: 'again' }, platformAdmin);
    const events = await eventsFor('user.suspended', userId);
    expect(events.map((e) => e.payload)).toEqual([
      { userId, reason: 'Chargeback fraud', suspendedBy: platformAdmin.userId, decision: expect.any(Number) },
    ]);
  });

  it('suspendUser refuses a reason with a control character other than a line break, changing nothing', async () => {
    const userId = await registerProfile(subgraph);
    const result = await subgraph.request(SUSPEND, { u: userId, reason: 'fraud\u0000' }, platformAdmin);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'reason' } });
    expect(await eventsFor('user.suspended', userId)).toEqual([]);
    const lines = await subgraph.request(SUSPEND, { u: userId, reason: 'Chargebacks:\n2 in May' }, platformAdmin);
    expect(lines.data?.suspendUser).toMatchObject({ suspended: true, suspensionReason: 'Chargebacks:\n2 in May' });
  });

  it('reinstateUser emits user.reinstated and lifts the suspension', async () => {
    const userId = await registerProfile(subgraph);
    await subgraph.request(SUSPEND, { u: userId, reason: 'check' }, platformAdmin);
    const result = await subgraph.request(REINSTATE, { u: userId }, platformAdmin);
    expect(result.data?.reinstateUser).toEqual({ id: userId, suspended: false });
    const [reinstated] = (await eventsFor('user.reinstated', userId)).map((e) => e.payload as { decision: number });
    expect(reinstated).toEqual({ userId, reinstatedBy: platformAdmin.userId, decision: expect.any(Number) });
    // Numbered in the order the decisions were made, for the auth subgraph to apply them in that order.
    const [suspended] = (await eventsFor('user.suspended', userId)).map((e) => e.payload as { decision: number });
    expect(reinstated!.decision).toBeGreaterThan(suspended!.decision);
  });

  it('answers NOT_FOUND for a user it has never heard of', async () => {
    expect(codeOf(await subgraph.request(SUSPEND, { u: randomUUID(), reason: 'x' }, platformAdmin))).toBe('NOT_FOUND');
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profiles } from '../src/db/schema';
import { accountOf, admin, errorOf, registerProfile, startUser, type UserSubgraph } from './user-harness';

/**
 * The platform admins' decisions run one after another, each by an admin still active, and the platform always
 * keeps one active platform admin (otherwise nobody could appoint one again without the database).
 */
let subgraph: UserSubgraph;
beforeAll(async () => {
  subgraph = await startUser();
});
afterAll(() => subgraph.stop());

const SET_ROLE = 'mutation($u: ID!, $r: Role!) { setUserRole(userId: $u, role: $r) { id } }';
const SUSPEND = 'mutation($u: ID!, $reason: String!) { suspendUser(userId: $u, reason: $reason) { id } }';
const NO_LONGER = { code: 'FORBIDDEN', message: 'You are no longer an active platform admin' };

const platformAdmin = () => registerProfile(subgraph, { role: 'PLATFORM_ADMIN' });
const activeAdmins = async () =>
  (await subgraph.database.handle.db.select().from(profiles).where(eq(profiles.role, 'PLATFORM_ADMIN')))
    .filter((row) => !row.suspendedAt)
    .map((row) => row.userId);

describe('platform admins deciding about each other', () => {
  it("two admins taking each other's role at the same moment: one is done, the other refused", async () => {
    const [ana, ben] = [await platformAdmin(), await platformAdmin()];
    const answers = await Promise.all([
      subgraph.request(SET_ROLE, { u: ben, r: 'PASSENGER' }, admin(ana)),
      subgraph.request(SET_ROLE, { u: ana, r: 'PASSENGER' }, admin(ben)),
    ]);
    expect(answers.map((a) => errorOf(a) ?? 'done').sort()).toEqual(['done', NO_LONGER].sort());
    const roles = [(await accountOf(subgraph, ana))!.role, (await accountOf(subgraph, ben))!.role];
    expect(roles.sort()).toEqual(['PASSENGER', 'PLATFORM_ADMIN']);
  });

  it('two admins suspending each other at the same moment: one is done, the other refused', async () => {
    const [cleo, dan] = [await platformAdmin(), await platformAdmin()];
    const answers = await Promise.all([
      subgraph.request(SUSPEND, { u: dan, reason: 'Dispute' }, admin(cleo)),
      subgraph.request(SUSPEND, { u: cleo, reason: 'Dispute' }, admin(dan)),
    ]);
    expect(answers.map((a) => errorOf(a) ?? 'done').sort()).toEqual(['done', NO_LONGER].sort());
    const suspended = [(await accountOf(subgraph, cleo))!.suspendedAt, (await accountOf(subgraph, dan))!.suspendedAt];
    expect(suspended.filter(Boolean)).toHaveLength(1);
  });

  it('refuses a demoted admin whose token still says PLATFORM_ADMIN', async () => {
    const [eve, fay, target] = [await platformAdmin(), await platformAdmin(), await registerProfile(subgraph)];
    expect(errorOf(await subgraph.request(SET_ROLE, { u: eve, r: 'PASSENGER' }, admin(fay)))).toBeUndefined();
    const late = await subgraph.request(SUSPEND, { u: target, reason: 'Spam' }, admin(eve));
    expect(errorOf(late)).toEqual(NO_LONGER);
    expect((await accountOf(subgraph, target))!.suspendedAt).toBeNull();
  });

  it('never takes away the role of, or suspends, the last active platform admin', async () => {
    // An operator's admin not known here (a token of a user whose profile this subgraph has not heard of) demotes
    // every admin one by one: all but the last.
    const operator = admin();
    const before = await activeAdmins();
    expect(before.length).toBeGreaterThan(1);
    const refused: unknown[] = [];
    for (const userId of before) {
      const answer = await subgraph.request(SET_ROLE, { u: userId, r: 'PASSENGER' }, operator);
      if (answer.errors) refused.push(errorOf(answer));
    }
    const [last] = await activeAdmins();
    expect(refused).toEqual([
      { code: 'BAD_USER_INPUT', message: 'The platform must keep at least one active platform admin' },
    ]);
    expect(await activeAdmins()).toEqual([last]);
    const suspension = await subgraph.request(SUSPEND, { u: last, reason: 'Leaving' }, operator);
    expect(errorOf(suspension)?.code).toBe('BAD_USER_INPUT');
    expect(await activeAdmins()).toEqual([last]);
  });
});

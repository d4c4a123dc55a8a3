// A deployment's first platform admin, made by its operator (scripts/platform-admin.ts runs grantPlatformAdmin).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testLogger } from '@busline/shared/testing';
import { outbox } from '../src/db/schema';
import { grantPlatformAdmin, OPERATOR_ID } from '../src/first-admin';
import { accountOf, eventTypesAbout, registerProfile, startUser, type UserSubgraph } from './user-harness';

let subgraph: UserSubgraph;
beforeAll(async () => {
  subgraph = await startUser();
});
afterAll(() => subgraph.stop());

const db = () => subgraph.database.handle.db;
const grant = (email: string) => grantPlatformAdmin(db(), email, testLogger());

describe('the first platform admin', () => {
  it('makes a signed-up account a platform admin as setUserRole would, once', async () => {
    const email = `first-${Date.now()}@operator.example`;
    const userId = await registerProfile(subgraph, { email });
    expect(await grant(` ${email.toUpperCase()} `)).toMatchObject({ changed: true, profile: { userId, email } });
    expect(await accountOf(subgraph, userId)).toMatchObject({ role: 'PLATFORM_ADMIN', companyId: null });
    // user.role_changed, which auth applies to the account's sessions, decided by the operator.
    const changes = async () =>
      (await db().select().from(outbox)).filter((row) => row.type === 'user.role_changed').map((row) => row.payload);
    const changed = [
      expect.objectContaining({ userId, role: 'PLATFORM_ADMIN', companyId: null, changedBy: OPERATOR_ID }),
    ];
    expect(await changes()).toEqual(changed);
    expect(await grant(email)).toMatchObject({ changed: false });
    expect(await changes()).toEqual(changed);
    expect(await eventTypesAbout(subgraph, userId)).toEqual(['user.role_changed']);
  });

  it('refuses an address no account has, changing nothing', async () => {
    const before = await db().select().from(outbox);
    await expect(grant('nobody@operator.example')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('No account with the e-mail nobody@operator.example: sign up first'),
    });
    expect(await db().select().from(outbox)).toEqual(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest } from '@busline/shared/testing';
import { call, codeOf, LOGIN, newEmail, PASSWORD, registerUser, startAuth, type AuthSubgraph } from './auth-harness';

let auth: AuthSubgraph;
beforeAll(async () => {
  auth = await startAuth();
});
afterAll(() => auth.stop());

async function failTimes(email: string, times: number, ip?: string) {
  for (let i = 0; i < times; i++) {
    const result = await call(auth, LOGIN, { email, password: `wrong-password-${i}` }, { ip });
    expect(codeOf(result)).toBe('UNAUTHENTICATED');
  }
}

describe('failed login throttling', () => {
  it('answers the 11th wrong password for an account with RATE_LIMITED, from any address', async () => {
    const { email } = await registerUser(auth);
    await failTimes(email, 10);
    const result = await call(auth, LOGIN, { email, password: 'wrong-password-x' });
    expect(codeOf(result)).toBe('RATE_LIMITED');
  });

  it('refuses even the correct password once the account is throttled', async () => {
    const { email } = await registerUser(auth);
    await failTimes(email, 10);
    const result = await call(auth, LOGIN, { email, password: PASSWORD });
    expect(codeOf(result)).toBe('RATE_LIMITED');
  });

  it('throttles a client address that fails on many different accounts', async () => {
    const ip = '192.0.2.77';
    for (let i = 0; i < 10; i++) await failTimes(newEmail(), 1, ip);
    const { email } = await registerUser(auth);
    expect(codeOf(await call(auth, LOGIN, { email, password: PASSWORD }, { ip }))).toBe('RATE_LIMITED');
    expect(codeOf(await call(auth, LOGIN, { email, password: PASSWORD }, { ip: '192.0.2.78' }))).toBeUndefined();
  });

  it('lets the account in after fewer than 10 failures and starts counting again', async () => {
    const { email } = await registerUser(auth);
    await failTimes(email, 9);
    expect(codeOf(await call(auth, LOGIN, { email, password: PASSWORD }))).toBeUndefined();
    await failTimes(email, 9);
    expect(codeOf(await call(auth, LOGIN, { email, password: PASSWORD }))).toBeUndefined();
  });

  it('counts failures per socket address when the router sent no client address', async () => {
    const direct = (email: string, password: string) => graphqlRequest(auth.graphqlUrl, LOGIN, { email, password });
    for (let i = 0; i < 10; i++) expect(codeOf(await direct(newEmail(), 'wrong-password-1'))).toBe('UNAUTHENTICATED');
    const { email } = await registerUser(auth);
    expect(codeOf(await direct(email, PASSWORD))).toBe('RATE_LIMITED');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest, itConcurrent } from '@busline/shared/testing';
import { call, codeOf, LOGIN, newEmail, PASSWORD, REGISTER, registerUser, startAuth, type AuthSubgraph } from './auth-harness';

// Small numbers so each scenario stays short; the shape of the rules is what is tested.
const SETTINGS = { maxPairFailures: 5, accountSlowdownAfter: 8, slowdownSeconds: 30, maxRegistrations: 3 };

let auth: AuthSubgraph;
beforeAll(async () => {
  auth = await startAuth({ loginThrottle: SETTINGS });
});
afterAll(() => auth.stop());

const login = (email: string, password: string, ip: string) => call(auth, LOGIN, { email, password }, { ip });

async function failTimes(email: string, times: number, ip: (i: number) => string) {
  for (let i = 0; i < times; i++) expect(codeOf(await login(email, `wrong-password-${i}`, ip(i)))).toBe('UNAUTHENTICATED');
}

/** A fresh address per test, so no test depends on another's counters. */
let next = 0;
const address = () => `198.51.100.${++next}`;

describe('sign-in throttling', () => {
  it('refuses one account from one address after 5 failures, even with the right password, with a retry hint', async () => {
    const { email } = await registerUser(auth);
    const ip = address();
    await failTimes(email, 5, () => ip);
    const refused = await login(email, PASSWORD, ip);
    expect(refused.errors?.[0]).toMatchObject({
      message: 'Too many failed sign-in attempts from here; try again in up to 15 minutes',
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 900 },
    });
    expect(refused.data).toBeNull();
  });

  it("lets the owner sign in from another address while a guesser is refused at theirs", async () => {
    const { email } = await registerUser(auth);
    const guesser = address();
    await failTimes(email, 5, () => guesser);
    expect(codeOf(await login(email, 'wrong-again', guesser))).toBe('RATE_LIMITED');
    const owner = await login(email, PASSWORD, address());
    expect(owner.data?.login.user.email).toBe(email);
  });

  it('lets a user with no failures sign in from an address that failed for many other accounts', async () => {
    const shared = address();
    for (let i = 0; i < 25; i++) await failTimes(newEmail(), 1, () => shared);
    const { email } = await registerUser(auth);
    expect((await login(email, PASSWORD, shared)).data?.login.user.email).toBe(email);
  });

  it('slows guesses spread over many addresses to one per 30 seconds', async () => {
    const { email } = await registerUser(auth);
    await failTimes(email, SETTINGS.accountSlowdownAfter, () => address());
    const slowed = await login(email, 'another-guess', address());
    expect(slowed.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(slowed.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(29);
    expect(slowed.errors?.[0]?.extensions?.retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it('never slows the owner down at an address they signed in from before', async () => {
    const { email } = await registerUser(auth);
    const home = address();
    expect((await login(email, PASSWORD, home)).data?.login.user.email).toBe(email);
    await failTimes(email, SETTINGS.accountSlowdownAfter, () => address());
    expect(codeOf(await login(email, 'guess', address()))).toBe('RATE_LIMITED');
    expect((await login(email, PASSWORD, home)).data?.login.user.email).toBe(email);
  });

  it("forgets the owner's own typos at an address once they sign in there", async () => {
    const { email } = await registerUser(auth);
    const ip = address();
    await failTimes(email, 4, () => ip);
    expect((await login(email, PASSWORD, ip)).data?.login.user.email).toBe(email);
    await failTimes(email, 4, () => ip);
    expect((await login(email, PASSWORD, ip)).data?.login.user.email).toBe(email);
  });

  it('counts failures per socket address when the router sent no client address', async () => {
    const direct = (email: string, password: string) => graphqlRequest(auth.graphqlUrl, LOGIN, { email, password });
    const { email } = await registerUser(auth);
    for (let i = 0; i < 5; i++) expect(codeOf(await direct(email, 'wrong-password-1'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await direct(email, PASSWORD))).toBe('RATE_LIMITED');
    expect((await login(email, PASSWORD, address())).data?.login.user.email).toBe(email);
  });
});

describe('sign-in throttling under parallel guesses', () => {
  itConcurrent('counts 30 parallel guesses from one address one by one: 5 get an answer, the rest RATE_LIMITED', async () => {
    const { email } = await registerUser(auth);
    const ip = address();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => login(email, `parallel-guess-${i}`, ip)));
    const codes = results.map(codeOf);
    expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(25);
  });
});

describe('registration throttling', () => {
  const register = (ip: string) =>
    call(auth, REGISTER, { input: { email: newEmail(), password: PASSWORD, fullName: 'Test Person', phone: '+250788000111' } }, { ip });

  it('refuses a fourth registration from one address within the hour, and not from another', async () => {
    const ip = address();
    for (let i = 0; i < 3; i++) expect(codeOf(await register(ip))).toBeUndefined();
    const refused = await register(ip);
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 3600 });
    expect(refused.errors?.[0]?.message).toBe('Too many accounts registered from this address; try again later');
    expect(codeOf(await register(address()))).toBeUndefined();
  });
});

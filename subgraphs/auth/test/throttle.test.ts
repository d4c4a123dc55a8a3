import { eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteExpired } from '@busline/shared';
import { graphqlRequest, itConcurrent } from '@busline/shared/testing';
import {
  call,
  codeOf,
  LOGIN,
  newEmail,
  PASSWORD,
  REGISTER,
  registerUser,
  startAuth,
  type AuthSubgraph,
} from './auth-harness';
import { loginFailures, signInAddresses } from '../src/db/schema';
import { SIGN_IN_ADDRESSES_RETENTION_MS } from '../src/db/retention';

// Small numbers so each scenario stays short; the shape of the rules is what is tested.
const SETTINGS = {
  maxPairFailures: 5,
  accountSlowdownAfter: 8,
  slowdownSeconds: 30,
  accountMaxFailures: 14,
  maxRegistrations: 3,
};

let auth: AuthSubgraph;
beforeAll(async () => {
  auth = await startAuth({ loginThrottle: SETTINGS });
});
afterAll(() => auth.stop());

const login = (email: string, password: string, ip: string) => call(auth, LOGIN, { email, password }, { ip });

async function failTimes(email: string, times: number, ip: (i: number) => string) {
  for (let i = 0; i < times; i++)
    expect(codeOf(await login(email, `wrong-password-${i}`, ip(i)))).toBe('UNAUTHENTICATED');
}

/** A fresh address per test, so no test depends on another's counters. */
let next = 0;
const address = () => `198.51.100.${++next}`;

describe('sign-in throttling', () => {
  it.each([
    ['longer than any account can have', `${'x'.repeat(2500)}@busline.test`, '%xxxx%'],
    ['with a control character (a NUL)', `nul${Date.now()}\u0000@busline.test`, '%nul%'],
  ])('answers an email %s like a wrong sign-in, storing nothing under it', async (_label, email, stored) => {
    const ip = address();
    for (let i = 0; i < 3; i++) {
      const answer = await login(email, `wrong-password-${i}`, ip);
      expect(answer.errors?.[0]).toMatchObject({
        message: 'Invalid email or password',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
    expect(await auth.database.handle.db.select().from(loginFailures).where(like(loginFailures.key, stored))).toEqual(
      [],
    );
  });

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

  it('lets the owner sign in from another address while a guesser is refused at theirs', async () => {
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

  describe('a device that signed in before (its device token)', () => {
    const LOGIN_ON_DEVICE = `mutation($email: String!, $password: String!, $device: String) {
      login(email: $email, password: $password, deviceToken: $device) { accessToken deviceToken user { email } }
    }`;
    const loginOn = (email: string, password: string, ip: string, device?: string | null) =>
      call(auth, LOGIN_ON_DEVICE, { email, password, device }, { ip });
    const deviceId = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).jti;

    it('is not locked out by a guesser at its own address (a carrier NAT) or by guesses spread over many', async () => {
      const { email } = await registerUser(auth);
      const shared = address();
      const first = await loginOn(email, PASSWORD, shared);
      const device = first.data?.login.deviceToken as string;
      expect(device).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      await failTimes(email, SETTINGS.maxPairFailures, () => shared);
      expect(codeOf(await loginOn(email, PASSWORD, shared))).toBe('RATE_LIMITED');
      const again = await loginOn(email, PASSWORD, shared, device);
      expect(again.data?.login.user.email).toBe(email);
      // The same device keeps its id.
      expect(deviceId(again.data?.login.deviceToken as string)).toBe(deviceId(device));
      // Past the account's ceiling (guesses from many addresses), from an address it never used.
      await failTimes(email, SETTINGS.accountMaxFailures - SETTINGS.maxPairFailures, () => address());
      expect(codeOf(await loginOn(email, PASSWORD, address()))).toBe('RATE_LIMITED');
      expect((await loginOn(email, PASSWORD, address(), device)).data?.login.user.email).toBe(email);
    });

    it('counts its own failures: five wrong passwords on it refuse that device, not the owner elsewhere', async () => {
      const { email } = await registerUser(auth);
      const device = (await loginOn(email, PASSWORD, address())).data?.login.deviceToken as string;
      for (let i = 0; i < SETTINGS.maxPairFailures; i++)
        expect(codeOf(await loginOn(email, `wrong-${i}`, address(), device))).toBe('UNAUTHENTICATED');
      expect(codeOf(await loginOn(email, PASSWORD, address(), device))).toBe('RATE_LIMITED');
      expect((await loginOn(email, PASSWORD, address())).data?.login.user.email).toBe(email);
    });

    it("is of its account only: another account's token, an access token or a forged one counts for nothing", async () => {
      const victim = await registerUser(auth);
      const attacker = await registerUser(auth);
      const own = await loginOn(attacker.email, PASSWORD, address());
      const shared = address();
      await failTimes(victim.email, SETTINGS.maxPairFailures, () => shared);
      const [header, payload] = (own.data?.login.deviceToken as string).split('.');
      const forged = `${header}.${payload}.${'A'.repeat(86)}`;
      for (const token of [own.data?.login.deviceToken, own.data?.login.accessToken, forged, 'not-a-token'])
        expect(codeOf(await loginOn(victim.email, PASSWORD, shared, token as string))).toBe('RATE_LIMITED');
    });
  });

  it('slows each new address to one attempt per 30 seconds once guesses at the account spread over many', async () => {
    const { email } = await registerUser(auth);
    await failTimes(email, SETTINGS.accountSlowdownAfter, () => address());
    const guesser = address();
    expect(codeOf(await login(email, 'one-more-guess', guesser))).toBe('UNAUTHENTICATED');
    const slowed = await login(email, 'and-another', guesser);
    expect(slowed.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(slowed.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(29);
    expect(slowed.errors?.[0]?.extensions?.retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it('lets the owner in from a new address while guessers elsewhere keep the account slowed', async () => {
    const { email } = await registerUser(auth);
    await failTimes(email, SETTINGS.accountSlowdownAfter + 2, () => address());
    expect((await login(email, PASSWORD, address())).data?.login.user.email).toBe(email);
  });

  it('refuses every new address past the ceiling of failures for the account, but not a known one', async () => {
    const { email } = await registerUser(auth);
    const home = address();
    expect((await login(email, PASSWORD, home)).data?.login.user.email).toBe(email);
    await failTimes(email, SETTINGS.accountMaxFailures, () => address());
    const refused = await login(email, PASSWORD, address());
    expect(refused.errors?.[0]).toMatchObject({
      message:
        'Too many failed sign-in attempts for this account; sign in from a device you used before, or try again later',
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 900 },
    });
    expect((await login(email, PASSWORD, home)).data?.login.user.email).toBe(email);
  });

  it('counts an IPv6 /64 as one address', async () => {
    const { email } = await registerUser(auth);
    for (let i = 0; i < 5; i++)
      expect(codeOf(await login(email, `guess-${i}`, `2001:db8:77:1::${i + 1}`))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login(email, PASSWORD, '2001:db8:77:1:ffff::9'))).toBe('RATE_LIMITED');
    expect((await login(email, PASSWORD, '2001:db8:77:2::1')).data?.login.user.email).toBe(email);
  });

  it('never slows the owner down at an address they signed in from before', async () => {
    const { email } = await registerUser(auth);
    const home = address();
    expect((await login(email, PASSWORD, home)).data?.login.user.email).toBe(email);
    await failTimes(email, SETTINGS.accountSlowdownAfter, () => address());
    await failTimes(email, 1, () => home);
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
  itConcurrent(
    'counts 30 parallel guesses from one address one by one: 5 get an answer, the rest RATE_LIMITED',
    async () => {
      const { email } = await registerUser(auth);
      const ip = address();
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => login(email, `parallel-guess-${i}`, ip)));
      const codes = results.map(codeOf);
      expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(5);
      expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(25);
    },
  );
});

describe('registration throttling', () => {
  const register = (ip: string) =>
    call(
      auth,
      REGISTER,
      { input: { email: newEmail(), password: PASSWORD, fullName: 'Test Person', phone: '+250788000111' } },
      { ip },
    );

  it('refuses a fourth registration from one address within the hour, and not from another', async () => {
    const ip = address();
    for (let i = 0; i < 3; i++) expect(codeOf(await register(ip))).toBeUndefined();
    const refused = await register(ip);
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 3600 });
    expect(refused.errors?.[0]?.message).toBe('Too many accounts registered from this address; try again later');
    expect(codeOf(await register(address()))).toBeUndefined();
  });

  it('counts an attempt with a taken e-mail (it tells the e-mail has an account), not invalid input', async () => {
    const ip = address();
    const taken = (await registerUser(auth)).email;
    const attempt = (email: string, password = PASSWORD) =>
      call(auth, REGISTER, { input: { email, password, fullName: 'Test Person', phone: '+250788000111' } }, { ip });
    for (let i = 0; i < 5; i++) expect(codeOf(await attempt(newEmail(), 'short'))).toBe('BAD_USER_INPUT');
    const probes = [];
    for (let i = 0; i < 4; i++) probes.push(await attempt(taken));
    expect(probes.map((probe) => probe.errors?.[0]?.message)).toEqual([
      'An account with this email already exists',
      'An account with this email already exists',
      'An account with this email already exists',
      'Too many accounts registered from this address; try again later',
    ]);
    expect(codeOf(await register(ip))).toBe('RATE_LIMITED');
  });

  it('forgets failures a day old and addresses unused for 90 days, by the retention worker’s rules', async () => {
    const db = auth.database.handle.db;
    const [stale, fresh] = [newEmail(), newEmail()];
    await failTimes(stale, 2, () => address());
    await failTimes(fresh, 1, () => address());
    const ago = (days: number) => new Date(Date.now() - days * 24 * 3600_000);
    await db
      .update(loginFailures)
      .set({ failedAt: ago(2) })
      .where(like(loginFailures.key, `%${stale}%`));
    const [unused, used] = [await registerUser(auth), await registerUser(auth)];
    for (const [user, ip] of [
      [unused, address()],
      [used, address()],
    ] as const)
      expect(codeOf(await login(user.email, PASSWORD, ip))).toBeUndefined();
    await db
      .update(signInAddresses)
      .set({ lastSuccessAt: ago(91) })
      .where(eq(signInAddresses.email, unused.email));
    await db
      .update(signInAddresses)
      .set({ lastSuccessAt: ago(89) })
      .where(eq(signInAddresses.email, used.email));

    const rules = auth.server.events.retention;
    const failuresRule = rules.find((r) => r.table === loginFailures)!;
    expect(failuresRule.keepMs).toBe(24 * 3600_000);
    expect(rules.find((r) => r.table === signInAddresses)!.keepMs).toBe(SIGN_IN_ADDRESSES_RETENTION_MS);
    for (const rule of rules) await deleteExpired(db, rule);

    const keys = await db.select({ key: loginFailures.key }).from(loginFailures);
    expect(keys.filter(({ key }) => key.includes(stale))).toEqual([]);
    expect(keys.filter(({ key }) => key.includes(fresh))).toHaveLength(2);
    const remembered = await db
      .select({ email: signInAddresses.email })
      .from(signInAddresses)
      .where(inArray(signInAddresses.email, [unused.email, used.email]));
    expect(remembered.map((row) => row.email)).toEqual([used.email]);
  });
});

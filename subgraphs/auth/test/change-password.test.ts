// changePassword: what an account's owner does once someone else has signed in with their password.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inFlight, lockWaiters, untilWaiting } from '@busline/shared/testing';
import { users } from '../src/db/schema';
import { LoginFailureRepository } from '../src/repositories/login-failure-repository';
import {
  call,
  codeOf,
  LOGIN,
  ME,
  PASSWORD,
  REFRESH,
  registerUser,
  startAuth,
  type AuthSubgraph,
  type Payload,
} from './auth-harness';

let auth: AuthSubgraph;
beforeAll(async () => {
  auth = await startAuth();
});
afterAll(() => auth.stop());

const CHANGE = `mutation($current: String!, $next: String!, $t: String!) {
  changePassword(currentPassword: $current, newPassword: $next, refreshToken: $t)
}`;
const NEW_PASSWORD = 'a-new-password-of-the-owner';
const login = async (email: string, password: string) => call(auth, LOGIN, { email, password });
const whoAmI = async (token: string) => {
  const result = await call(auth, ME, {}, { token });
  return result.errors ? codeOf(result) : (result.data?.me as { id: string }).id;
};

describe('changePassword', () => {
  it("ends every other sign-in of the account, the thief's refresh and access tokens included; this one goes on", async () => {
    const owner = await registerUser(auth);
    const thief = (await login(owner.email, PASSWORD)).data?.login as Payload;
    const change = await call(
      auth,
      CHANGE,
      { current: PASSWORD, next: NEW_PASSWORD, t: owner.refreshToken },
      { token: owner.accessToken, ip: '10.9.0.1' },
    );
    expect(change.errors).toBeUndefined();
    expect(change.data?.changePassword).toBe(true);
    expect(await whoAmI(thief.accessToken)).toBe('UNAUTHENTICATED');
    expect(codeOf(await call(auth, REFRESH, { t: thief.refreshToken }))).toBe('UNAUTHENTICATED');
    // The owner's sign-in goes on: its access token works, its refresh token renews it.
    expect(await whoAmI(owner.accessToken)).toBe(owner.user.id);
    const renewed = (await call(auth, REFRESH, { t: owner.refreshToken })).data?.refreshToken as Payload;
    expect(await whoAmI(renewed.accessToken)).toBe(owner.user.id);
    // The old password signs in no more; the new one does.
    expect(codeOf(await login(owner.email, PASSWORD))).toBe('UNAUTHENTICATED');
    expect((await login(owner.email, NEW_PASSWORD)).data?.login).toBeTruthy();
  });

  it('refuses a wrong current password, changing nothing, and counts it as a failed sign-in', async () => {
    const owner = await registerUser(auth);
    const other = (await login(owner.email, PASSWORD)).data?.login as Payload;
    const attempt = (current: string) =>
      call(
        auth,
        CHANGE,
        { current, next: NEW_PASSWORD, t: owner.refreshToken },
        { token: owner.accessToken, ip: '10.9.0.2' },
      );
    const wrong = await attempt('not-the-password');
    expect(wrong.errors?.[0]).toMatchObject({
      message: 'The current password is not right',
      extensions: { code: 'BAD_USER_INPUT', field: 'currentPassword' },
    });
    expect(await whoAmI(other.accessToken)).toBe(owner.user.id);
    expect((await login(owner.email, PASSWORD)).data?.login).toBeTruthy();
    // A stolen access token cannot guess the password faster than a sign-in could: five failures from one address.
    for (let i = 0; i < 4; i++) expect(codeOf(await attempt(`guess-number-${i}`))).toBe('BAD_USER_INPUT');
    expect(codeOf(await attempt(PASSWORD))).toBe('RATE_LIMITED');
  });

  it("is throttled as the sign-in: strangers' failed sign-ins at the owner's address or spread over many refuse none", async () => {
    const nat = '100.64.7.7';
    const owner = await registerUser(auth);
    const guess = (ip: string, i: number) =>
      call(auth, LOGIN, { email: owner.email, password: `guess-${i}-xx` }, { ip });
    // A stranger behind the owner's carrier address fails five times: that address is refused for the account now.
    for (let i = 0; i < 5; i++) expect(codeOf(await guess(nat, i))).toBe('UNAUTHENTICATED');
    expect(codeOf(await call(auth, LOGIN, { email: owner.email, password: PASSWORD }, { ip: nat }))).toBe(
      'RATE_LIMITED',
    );
    // And the account's ceiling on failures spread over many addresses (as if a hundred more had come in the window).
    const failures = new LoginFailureRepository(auth.database.handle.db);
    for (let i = 0; i < 100; i++) await failures.record([`email:${owner.email}`], 15 * 60);
    const fresh = { email: owner.email, password: PASSWORD };
    expect(codeOf(await call(auth, LOGIN, fresh, { ip: '10.201.0.1' }))).toBe('RATE_LIMITED');
    // The owner's live sign-in changes the password at the carrier address, and moved to a new address.
    const change = (ip: string, current: string, next: string) =>
      call(auth, CHANGE, { current, next, t: owner.refreshToken }, { token: owner.accessToken, ip });
    expect((await change(nat, PASSWORD, NEW_PASSWORD)).data?.changePassword).toBe(true);
    expect((await change('10.201.0.2', NEW_PASSWORD, `${NEW_PASSWORD}-2`)).data?.changePassword).toBe(true);
  });

  it('refuses without a sign-in, with another account’s refresh token, and a new password an account cannot have', async () => {
    const owner = await registerUser(auth);
    const stranger = await registerUser(auth);
    const as = (variables: Record<string, string>, token?: string) =>
      call(auth, CHANGE, { current: PASSWORD, next: NEW_PASSWORD, t: owner.refreshToken, ...variables }, { token });
    expect(codeOf(await as({}))).toBe('UNAUTHENTICATED');
    const field = (result: Awaited<ReturnType<typeof as>>) => result.errors?.[0]?.extensions?.field;
    expect(field(await as({ t: stranger.refreshToken }, owner.accessToken))).toBe('refreshToken');
    expect(field(await as({ t: 'not-a-token' }, owner.accessToken))).toBe('refreshToken');
    expect(field(await as({ next: 'short' }, owner.accessToken))).toBe('newPassword');
    expect(field(await as({ next: owner.email.toUpperCase() }, owner.accessToken))).toBe('newPassword');
    expect(field(await as({ next: PASSWORD }, owner.accessToken))).toBe('newPassword');
    // Nothing changed: the stranger's sign-in and the owner's password are as they were.
    expect(await whoAmI(stranger.accessToken)).toBe(stranger.user.id);
    expect((await login(owner.email, PASSWORD)).data?.login).toBeTruthy();
  });

  it('refuses a suspended account, whatever access token it still holds', async () => {
    const owner = await registerUser(auth);
    // Suspended in the database alone (its tokens not revoked): the status is what is checked.
    await auth.database.handle.db.update(users).set({ status: 'SUSPENDED' }).where(eq(users.id, owner.user.id));
    const result = await call(
      auth,
      CHANGE,
      { current: PASSWORD, next: NEW_PASSWORD, t: owner.refreshToken },
      { token: owner.accessToken },
    );
    expect(result.errors?.[0]).toMatchObject({ message: 'Account suspended', extensions: { code: 'FORBIDDEN' } });
    await auth.database.handle.db.update(users).set({ status: 'ACTIVE' }).where(eq(users.id, owner.user.id));
    expect((await login(owner.email, PASSWORD)).data?.login).toBeTruthy();
  });

  it("ends the sign-in of a refresh token already exchanged too: a thief's rotation of the copy does not go on", async () => {
    const owner = await registerUser(auth);
    // The thief copied the owner's refresh token and exchanged it first: the owner's copy is used.
    const thief = (await call(auth, REFRESH, { t: owner.refreshToken })).data?.refreshToken as Payload;
    const change = await call(
      auth,
      CHANGE,
      { current: PASSWORD, next: NEW_PASSWORD, t: owner.refreshToken },
      { token: owner.accessToken, ip: '10.9.0.3' },
    );
    expect(change.data?.changePassword).toBe(true);
    expect(codeOf(await call(auth, REFRESH, { t: thief.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(await whoAmI(thief.accessToken)).toBe('UNAUTHENTICATED');
    expect((await login(owner.email, NEW_PASSWORD)).data?.login).toBeTruthy();
  });

  it("lets the first of two changes at once win: the second's proof, the old password, proves nothing then", async () => {
    const owner = await registerUser(auth);
    const thief = (await login(owner.email, PASSWORD)).data?.login as Payload;
    const [ownerChange, thiefChange] = await queuedOnAccount(owner.user.id, [
      () =>
        call(
          auth,
          CHANGE,
          { current: PASSWORD, next: NEW_PASSWORD, t: owner.refreshToken },
          { token: owner.accessToken, ip: '10.9.0.4' },
        ),
      () =>
        call(
          auth,
          CHANGE,
          { current: PASSWORD, next: 'the-thief-keeps-it-2026', t: thief.refreshToken },
          { token: thief.accessToken, ip: '10.9.0.5' },
        ),
    ]);
    expect(ownerChange!.data?.changePassword).toBe(true);
    expect(thiefChange!.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    expect(codeOf(await login(owner.email, 'the-thief-keeps-it-2026'))).toBe('UNAUTHENTICATED');
    expect((await login(owner.email, NEW_PASSWORD)).data?.login).toBeTruthy();
  });

  it('refuses a sign-in with the old password that waited for the change to commit', async () => {
    const owner = await registerUser(auth);
    const [change, late] = await queuedOnAccount(owner.user.id, [
      () =>
        call(
          auth,
          CHANGE,
          { current: PASSWORD, next: NEW_PASSWORD, t: owner.refreshToken },
          { token: owner.accessToken, ip: '10.9.0.6' },
        ),
      // Its password was checked before the change committed; its sign-in would be made after the others ended.
      () => login(owner.email, PASSWORD),
    ]);
    expect(change!.data?.changePassword).toBe(true);
    expect(codeOf(late!)).toBe('UNAUTHENTICATED');
  });
});

/**
 * Holds the account's row (as an edit of it would) while `requests` start one after another, each seen waiting for
 * that row before the next starts, then lets it go: they take the row in that order. Their answers, in order.
 */
async function queuedOnAccount<T>(userId: string, requests: (() => Promise<T>)[]): Promise<T[]> {
  const db = auth.database.handle.db;
  let release!: () => void;
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = db.transaction(async (tx) => {
    await tx.select().from(users).where(eq(users.id, userId)).for('update');
    locked();
    await new Promise<void>((resolve) => (release = resolve));
  });
  await isLocked;
  const started = [];
  for (const [i, request] of requests.entries()) {
    const flight = inFlight(request());
    await untilWaiting(flight, async () => (await lockWaiters(db)) >= i + 1);
    started.push(flight);
  }
  release();
  await holder;
  return Promise.all(started.map((flight) => flight.answer));
}

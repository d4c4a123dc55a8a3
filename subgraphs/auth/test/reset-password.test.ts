// requestPasswordReset / resetPassword: an owner who lost the password (or whose password someone else changed) takes
// the account back with a code e-mailed to its address.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, passwordResets, refreshTokens } from '../src/db/schema';
import { LoginFailureRepository } from '../src/repositories/login-failure-repository';
import {
  call,
  codeOf,
  LOGIN,
  ME,
  newEmail,
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

const REQUEST =
  'mutation($email: String!, $language: String) { requestPasswordReset(email: $email, language: $language) }';
const RESET = `mutation($email: String!, $code: String!, $next: String!) {
  resetPassword(email: $email, code: $code, newPassword: $next)
}`;
const NEW_PASSWORD = 'taken-back-by-the-owner';

/** The codes e-mailed for the account so far (password.reset_requested in the outbox), oldest first. */
async function codesSent(userId: string): Promise<{ code: string; email: string; language: string }[]> {
  const rows = await auth.database.handle.db.select().from(outbox).where(eq(outbox.type, 'password.reset_requested'));
  return rows
    .map((row) => row.payload as { userId: string; code: string; email: string; language: string })
    .filter((payload) => payload.userId === userId);
}

const failures = () => new LoginFailureRepository(auth.database.handle.db);
const request = (email: string, language?: string) => call(auth, REQUEST, { email, language });
const reset = (email: string, code: string, next = NEW_PASSWORD, ip?: string) =>
  call(auth, RESET, { email, code, next }, { ip });

describe('password reset', () => {
  it("e-mails a code; the code sets a new password and ends every sign-in, a thief's included", async () => {
    const owner = await registerUser(auth);
    const thief = (await call(auth, LOGIN, { email: owner.email, password: PASSWORD })).data?.login as Payload;
    expect((await request(owner.email.toUpperCase(), 'rw')).data?.requestPasswordReset).toBe(true);
    const [sent] = await codesSent(owner.user.id);
    expect(sent).toMatchObject({ email: owner.email, language: 'rw' });
    expect(sent!.code).toMatch(/^\d{8}$/);
    // Only a hash of the code is kept.
    const [row] = await auth.database.handle.db
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.userId, owner.user.id));
    expect(JSON.stringify(row)).not.toContain(sent!.code);

    expect(await reset(owner.email, ` ${sent!.code} `)).toMatchObject({ data: { resetPassword: true } });
    for (const session of [owner, thief]) {
      expect(codeOf(await call(auth, ME, {}, { token: session.accessToken }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await call(auth, REFRESH, { t: session.refreshToken }))).toBe('UNAUTHENTICATED');
    }
    expect(codeOf(await call(auth, LOGIN, { email: owner.email, password: PASSWORD }))).toBe('UNAUTHENTICATED');
    const back = await call(auth, LOGIN, { email: owner.email, password: NEW_PASSWORD });
    expect((back.data?.login as Payload).user.id).toBe(owner.user.id);
    // A code works once.
    expect(codeOf(await reset(owner.email, sent!.code, 'and-once-more-please'))).toBe('BAD_USER_INPUT');
  });

  it('answers true for an address without an account, and sends nothing', async () => {
    const before = (await auth.database.handle.db.select().from(outbox)).length;
    expect((await request(newEmail())).data?.requestPasswordReset).toBe(true);
    expect((await auth.database.handle.db.select().from(outbox)).length).toBe(before);
  });

  it('refuses a wrong code (BAD_USER_INPUT, field code); five wrong tries use it up from that address only', async () => {
    const owner = await registerUser(auth);
    await request(owner.email);
    const [sent] = await codesSent(owner.user.id);
    const wrong = sent!.code === '00000000' ? '00000001' : '00000000';
    // A stranger who knows the address guesses from theirs.
    const refusal = await reset(owner.email, wrong, NEW_PASSWORD, '10.7.0.1');
    expect(refusal.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    for (let i = 1; i < 5; i++) await reset(owner.email, wrong, NEW_PASSWORD, '10.7.0.1');
    // Refused there now (the code spent for that address, and the address throttled as after five failed sign-ins).
    expect(['BAD_USER_INPUT', 'RATE_LIMITED']).toContain(
      codeOf(await reset(owner.email, sent!.code, NEW_PASSWORD, '10.7.0.1')),
    );
    expect((await call(auth, LOGIN, { email: owner.email, password: PASSWORD })).data?.login).toBeTruthy();
    // The owner, from their own address, still sets the password with it.
    expect(await reset(owner.email, sent!.code, NEW_PASSWORD, '10.7.9.9')).toMatchObject({
      data: { resetPassword: true },
    });
  });

  it('uses a code up once it took 25 wrong tries from anywhere', async () => {
    const owner = await registerUser(auth);
    await request(owner.email);
    const [sent] = await codesSent(owner.user.id);
    const wrong = sent!.code === '00000000' ? '00000001' : '00000000';
    await reset(owner.email, wrong, NEW_PASSWORD, '10.7.3.1');
    const db = auth.database.handle.db;
    const [row] = await db.select().from(passwordResets).where(eq(passwordResets.userId, owner.user.id));
    expect(row).toMatchObject({ attempts: 1, wrongTries: { '10.7.3.1': 1 } });
    // As if 24 more had come from as many addresses (each under its own five).
    await db.update(passwordResets).set({ attempts: 25 }).where(eq(passwordResets.id, row!.id));
    expect(codeOf(await reset(owner.email, sent!.code, NEW_PASSWORD, '10.7.4.1'))).toBe('BAD_USER_INPUT');
  });

  it("takes the right code whatever strangers' failed sign-ins at the owner's address or spread over many", async () => {
    const nat = '100.64.8.8';
    const owner = await registerUser(auth);
    for (let i = 0; i < 5; i++) await call(auth, LOGIN, { email: owner.email, password: `guess-${i}-xx` }, { ip: nat });
    for (let i = 0; i < 100; i++) await failures().record([`email:${owner.email}`], 15 * 60);
    // Sign-ins are refused there and at any new address now...
    for (const ip of [nat, '10.202.0.1'])
      expect(codeOf(await call(auth, LOGIN, { email: owner.email, password: PASSWORD }, { ip }))).toBe('RATE_LIMITED');
    // ...a wrong code is too (a failed sign-in)...
    await request(owner.email);
    const [sent] = await codesSent(owner.user.id);
    const wrong = sent!.code === '00000000' ? '00000001' : '00000000';
    expect(codeOf(await reset(owner.email, wrong, NEW_PASSWORD, nat))).toBe('RATE_LIMITED');
    // ...but the code the owner read in the mailbox sets the password, and they sign in with it there.
    expect(await reset(owner.email, sent!.code, NEW_PASSWORD, nat)).toMatchObject({ data: { resetPassword: true } });
    expect(
      codeOf(await call(auth, LOGIN, { email: owner.email, password: NEW_PASSWORD }, { ip: nat })),
    ).toBeUndefined();
  });

  it('counts a wrong code as a failed sign-in: guesses are throttled', async () => {
    const owner = await registerUser(auth);
    await request(owner.email);
    const answers = [];
    // More guesses than the account's codes would take, from one address.
    for (let i = 0; i < 12; i++) answers.push(codeOf(await reset(owner.email, '12345678', NEW_PASSWORD, '10.7.2.1')));
    expect(answers).toContain('RATE_LIMITED');
  });

  it('sends three codes an hour asked from one address, ten from all, more to an address the owner signed in from', async () => {
    const owner = await registerUser(auth);
    const from = (ip: string) => call(auth, REQUEST, { email: owner.email }, { ip });
    for (let i = 0; i < 5; i++) expect((await from('10.8.0.1')).data?.requestPasswordReset).toBe(true);
    expect(await codesSent(owner.user.id)).toHaveLength(3);
    // A stranger spending one address's codes keeps nobody else from theirs, up to ten in the hour.
    for (let i = 0; i < 9; i++) await from(`10.8.1.${i}`);
    expect(await codesSent(owner.user.id)).toHaveLength(10);
    // The owner, at an address they signed in from, still gets one.
    expect(
      (await call(auth, LOGIN, { email: owner.email, password: PASSWORD }, { ip: '10.8.2.1' })).data?.login,
    ).toBeTruthy();
    await from('10.8.2.1');
    expect(await codesSent(owner.user.id)).toHaveLength(11);
  });

  it('uses up the codes sent before a password change: none sets a password after it', async () => {
    const owner = await registerUser(auth);
    await request(owner.email);
    const [sent] = await codesSent(owner.user.id);
    const CHANGE = `mutation($c: String!, $n: String!, $t: String!) {
      changePassword(currentPassword: $c, newPassword: $n, refreshToken: $t)
    }`;
    const changed = await call(
      auth,
      CHANGE,
      { c: PASSWORD, n: 'changed-by-the-owner-2026', t: owner.refreshToken },
      { token: owner.accessToken },
    );
    expect(changed.data?.changePassword).toBe(true);
    expect(codeOf(await reset(owner.email, sent!.code))).toBe('BAD_USER_INPUT');
    expect(
      (await call(auth, LOGIN, { email: owner.email, password: 'changed-by-the-owner-2026' })).data?.login,
    ).toBeTruthy();
  });

  it('refuses a new password that is too short, and a language it does not write', async () => {
    const owner = await registerUser(auth);
    await request(owner.email);
    const [sent] = await codesSent(owner.user.id);
    expect((await reset(owner.email, sent!.code, 'short')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'newPassword',
    });
    expect((await request(owner.email, 'de')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'language',
    });
    // The code still works.
    expect(await reset(owner.email, sent!.code)).toMatchObject({ data: { resetPassword: true } });
    const rows = await auth.database.handle.db
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.userId, owner.user.id));
    expect(rows.every((token) => token.revokedAt !== null)).toBe(true);
  });
});

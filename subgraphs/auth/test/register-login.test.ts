import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../src/db/schema';
import {
  call,
  codeOf,
  LOGIN,
  ME,
  newEmail,
  PASSWORD,
  REGISTER,
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

const input = (overrides: Record<string, unknown> = {}) => ({
  email: newEmail(),
  password: PASSWORD,
  fullName: 'Aline Uwase',
  phone: '+250788123456',
  ...overrides,
});

describe('register and login', () => {
  it('registers a passenger, signs in with the password, and me returns the account', async () => {
    const email = newEmail();
    const registered = await call(auth, REGISTER, { input: input({ email: email.toUpperCase() }) });
    const session = registered.data?.register as Payload;
    expect(session.user).toMatchObject({ email, role: 'PASSENGER', companyId: null });
    expect(session.expiresIn).toBe(900);

    const login = await call(auth, LOGIN, { email, password: PASSWORD });
    const token = (login.data?.login as Payload).accessToken;
    const me = await call(auth, ME, {}, { token });
    expect(me.data?.me).toEqual({ id: session.user.id, email, role: 'PASSENGER', companyId: null });
  });

  it('emits user.registered with the profile fields in the same transaction', async () => {
    const session = await registerUser(auth);
    const rows = await auth.database.handle.db.select().from(outbox);
    const event = rows.find(
      (row) => row.type === 'user.registered' && (row.payload as { userId: string }).userId === session.user.id,
    );
    expect(event?.payload).toMatchObject({
      email: session.email,
      fullName: 'Test Person',
      phone: '+250788000111',
      role: 'PASSENGER',
      companyId: null,
    });
    expect(typeof (event?.payload as { registeredAt: string }).registeredAt).toBe('string');
  });

  it('keeps one spelling of a phone: a trunk 0 written after an African country code is dropped', async () => {
    const written = [
      ['+250 0788 123 456', '+250788123456'],
      ['2560712345678', '+256712345678'],
      ['+33 612 345 678', '+33612345678'],
    ];
    for (const [phone, kept] of written) {
      const attempt = input({ phone });
      const result = await call(auth, REGISTER, { input: attempt });
      expect(result.errors).toBeUndefined();
      const rows = await auth.database.handle.db.select().from(outbox);
      const event = rows.find(
        (row) => row.type === 'user.registered' && (row.payload as { email: string }).email === attempt.email,
      );
      expect((event?.payload as { phone: string }).phone, phone).toBe(kept);
    }
  });

  it.each([
    ['email', { email: 'not-an-email' }],
    // A display name: the mail library delivers `0<victim@…>` and `1<victim@…>` to one mailbox.
    ['email', { email: `0<victim-${Date.now()}@example.com>` }],
    ['email', { email: 'two@example.com,three@example.com' }],
    ['password', { password: 'short' }],
    ['password', { email: 'same-as-password@example.com', password: 'Same-As-Password@example.com' }],
    ['fullName', { fullName: '   ' }],
    ['fullName', { fullName: 'Aline\u0000Uwase' }],
    ['phone', { phone: 'call me' }],
    // International Premium Rate Service and an international network: reminders would be texted there for free.
    ['phone', { phone: '+979123456789' }],
    ['phone', { phone: '882 1234 5678 90' }],
  ])('refuses an invalid %s with BAD_USER_INPUT and creates nothing', async (field, overrides) => {
    const attempt = input(overrides);
    const result = await call(auth, REGISTER, { input: attempt });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
    const login = await call(auth, LOGIN, { email: attempt.email, password: attempt.password });
    expect(codeOf(login)).toBe('UNAUTHENTICATED');
  });

  it('refuses a duplicate email regardless of case with BAD_USER_INPUT', async () => {
    const { email } = await registerUser(auth);
    const result = await call(auth, REGISTER, { input: input({ email: email.toUpperCase() }) });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toBe('An account with this email already exists');
    expect(result.errors?.[0]?.extensions?.field).toBe('email');
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const { email } = await registerUser(auth);
    const wrong = await call(auth, LOGIN, { email, password: 'wrong-password-123' });
    const unknown = await call(auth, LOGIN, { email: newEmail(), password: 'wrong-password-123' });
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    expect(unknown.errors).toEqual(wrong.errors);
  });
});

import { createHmac } from 'node:crypto';
import { importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, graphqlRequest } from '@busline/shared/testing';
import { generateSigningKeys, type PrivateSigningJwk } from '../subgraphs/auth/src/public';
import { startTestPlatform, type TestPlatform } from './harness';

const ROUTER_SECRET = 'e2e-router-secret-0123456789abcdef';
let busline: TestPlatform;
let signingKey: PrivateSigningJwk;

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id email role } } }`;
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken refreshToken user { id role } } }`;
const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`;
const ME = `{ me { email role profile { fullName } } }`;

let counter = 0;
async function register(fullName = 'Claudine Ingabire') {
  const email = `rider${Date.now()}${counter++}@example.rw`;
  const password = 'correct-horse-battery';
  const result = await busline.request(REGISTER, { input: { email, password, fullName, phone: '+250788123456' } });
  expect(result.errors).toBeUndefined();
  return {
    email,
    password,
    ...(result.data!.register as { accessToken: string; refreshToken: string; user: { id: string } }),
  };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  signingKey = (await generateSigningKeys())[0]!;
  busline = await startTestPlatform({ seed: true, env: { AUTH_SIGNING_KEYS: JSON.stringify([signingKey]) } });
});
afterAll(() => busline?.stop());

describe('identity through the router', () => {
  it('registers, signs in and answers me with the profile from the user subgraph in one query', async () => {
    const { email, password } = await register('Claudine Ingabire');
    const login = await busline.request(LOGIN, { email, password });
    const token = (login.data!.login as { accessToken: string }).accessToken;
    await eventually(
      async () => (await busline.request(ME, {}, token)).data?.me?.profile?.fullName === 'Claudine Ingabire',
    );
    expect((await busline.request(ME, {}, token)).data).toEqual({
      me: { email, role: 'PASSENGER', profile: { fullName: 'Claudine Ingabire' } },
    });
  });

  it('revokes the whole family when a rotated refresh token is presented again', async () => {
    const session = await register();
    const rotated = await busline.request(REFRESH, { t: session.refreshToken });
    const newer = (rotated.data!.refreshToken as { refreshToken: string }).refreshToken;
    const reuse = await busline.request(REFRESH, { t: session.refreshToken });
    expect(reuse.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const afterReuse = await busline.request(REFRESH, { t: newer });
    expect(afterReuse.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  describe('refuses forged and stale tokens with UNAUTHENTICATED, through the router and at every subgraph', async () => {
    const forge = async () => {
      const session = { sub: '00000000-0000-4000-8000-000000000001', role: 'PLATFORM_ADMIN' };
      const key = await importJWK(signingKey as JWK, 'EdDSA');
      const valid = await new SignJWT(session)
        .setProtectedHeader({ alg: 'EdDSA', kid: signingKey.kid })
        .setIssuedAt()
        .setIssuer('https://auth.busline.local')
        .setAudience('busline')
        .setExpirationTime('15m')
        .sign(key);
      const [header, payload, signature] = valid.split('.');
      const publicJwk = { kty: signingKey.kty, crv: signingKey.crv, x: signingKey.x, kid: signingKey.kid };
      const hsHeader = b64({ alg: 'HS256', kid: signingKey.kid });
      const hsPayload = payload!;
      const hs = createHmac('sha256', JSON.stringify(publicJwk)).update(`${hsHeader}.${hsPayload}`).digest('base64url');
      return {
        'alg none': `${b64({ alg: 'none' })}.${payload}.`,
        'HS256 signed with the public key': `${hsHeader}.${hsPayload}.${hs}`,
        expired: await new SignJWT(session)
          .setProtectedHeader({ alg: 'EdDSA', kid: signingKey.kid })
          .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
          .setIssuer('https://auth.busline.local')
          .setAudience('busline')
          .setExpirationTime(Math.floor(Date.now() / 1000) - 600)
          .sign(key),
        'wrong audience': await new SignJWT(session)
          .setProtectedHeader({ alg: 'EdDSA', kid: signingKey.kid })
          .setIssuedAt()
          .setIssuer('https://auth.busline.local')
          .setAudience('someone-else')
          .setExpirationTime('15m')
          .sign(key),
        'tampered payload': `${header}.${b64({ ...session, role: 'PLATFORM_ADMIN', sub: 'someone-else', iat: 1, exp: 9999999999 })}.${signature}`,
      };
    };

    it('through the router', async () => {
      for (const [name, token] of Object.entries(await forge())) {
        const result = await busline.request('{ me { id } }', {}, token);
        expect([name, result.errors?.[0]?.extensions?.code]).toEqual([name, 'UNAUTHENTICATED']);
      }
    });

    it('at each subgraph called directly', async () => {
      const tokens = await forge();
      for (const [service, running] of busline.platform.subgraphs) {
        for (const [name, token] of Object.entries(tokens)) {
          const result = await graphqlRequest(
            `${running.url}/graphql`,
            '{ __typename }',
            {},
            { authorization: `Bearer ${token}`, 'x-router-secret': ROUTER_SECRET },
          );
          expect([service, name, result.errors?.[0]?.extensions?.code]).toEqual([service, name, 'UNAUTHENTICATED']);
        }
      }
    });
  });

  it('answers FORBIDDEN to a passenger calling an admin mutation', async () => {
    const session = await register();
    const result = await busline.request(
      'mutation($id: ID!) { suspendUser(userId: $id, reason: "no") { id } }',
      { id: session.user.id },
      session.accessToken,
    );
    expect(result.errors?.map((e) => ({ code: e.extensions?.code, message: e.message }))).toEqual([
      { code: 'FORBIDDEN', message: 'Not allowed for your role' },
    ]);
  });

  it('keeps a user suspended by a platform admin from signing in or refreshing', async () => {
    const admin = await busline.request(LOGIN, { email: 'admin@busline.test', password: 'Admin-demo-2026' });
    const adminToken = (admin.data!.login as { accessToken: string }).accessToken;
    const victim = await register();
    await eventually(async () => {
      const result = await busline.request(
        'mutation($id: ID!) { suspendUser(userId: $id, reason: "chargeback fraud") { id } }',
        { id: victim.user.id },
        adminToken,
      );
      return !result.errors;
    });
    await eventually(
      async () =>
        (await busline.request(LOGIN, { email: victim.email, password: victim.password })).errors?.[0]?.extensions
          ?.code === 'FORBIDDEN',
    );
    const login = await busline.request(LOGIN, { email: victim.email, password: victim.password });
    expect(login.errors?.map((e) => ({ code: e.extensions?.code, message: e.message }))).toEqual([
      { code: 'FORBIDDEN', message: 'Account suspended' },
    ]);
    const refresh = await busline.request(REFRESH, { t: victim.refreshToken });
    expect(refresh.errors?.map((e) => ({ code: e.extensions?.code, message: e.message }))).toEqual([
      { code: 'FORBIDDEN', message: 'Account suspended' },
    ]);
    expect(refresh.data ?? null).toBeNull();
  });

  it('throttles the 6th wrong password from one address and then a correct one too', async () => {
    const session = await register();
    for (let i = 0; i < 5; i++) {
      const wrong = await busline.request(LOGIN, { email: session.email, password: 'wrong-password-123' });
      expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(
      (await busline.request(LOGIN, { email: session.email, password: 'wrong-password-123' })).errors?.[0]?.extensions
        ?.code,
    ).toBe('RATE_LIMITED');
    expect(
      (await busline.request(LOGIN, { email: session.email, password: session.password })).errors?.[0]?.extensions
        ?.code,
    ).toBe('RATE_LIMITED');
  });
});

import { createHmac } from 'node:crypto';
import { decodeJwt, importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '@busline/shared';
import { JWKS_PATH } from '../src/server';
import {
  AUDIENCE,
  call,
  codeOf,
  ISSUER,
  ME,
  registerUser,
  startAuth,
  type AuthSubgraph,
  type Payload,
} from './auth-harness';

let auth: AuthSubgraph;
let session: Payload;
beforeAll(async () => {
  auth = await startAuth();
  session = await registerUser(auth);
});
afterAll(() => auth.stop());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwksUrl = () => `${auth.server.url}${JWKS_PATH}`;

async function signWithAuthKey(
  claims: Record<string, unknown>,
  options: { audience?: string; expiresAt?: number } = {},
) {
  const jwk = auth.keys[0]!;
  const key = await importJWK(jwk, 'EdDSA');
  return new SignJWT({ role: 'PASSENGER', ...claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid })
    .setSubject(session.user.id)
    .setIssuer(ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt(options.expiresAt ? options.expiresAt - 900 : undefined)
    .setExpirationTime(options.expiresAt ?? '15m')
    .sign(key);
}

describe('access tokens', () => {
  it('publishes the public signing keys, without private parts, at the JWKS endpoint', async () => {
    const response = await fetch(jwksUrl());
    const body = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(response.status).toBe(200);
    expect(body.keys).toEqual([
      { kty: 'OKP', crv: 'Ed25519', x: auth.keys[0]!.x, kid: auth.keys[0]!.kid, alg: 'EdDSA', use: 'sig' },
    ]);
  });

  it('issues tokens that the shared verifier accepts through the published JWKS', async () => {
    const verifier = createTokenVerifier({ jwksUrl: jwksUrl(), issuer: ISSUER, audience: AUDIENCE });
    const viewer = await verifier.verify(session.accessToken);
    expect(viewer).toEqual({ userId: session.user.id, role: 'PASSENGER', companyId: null });
  });

  it('carries sub, role, iss, aud, a 15-minute expiry and the kid', async () => {
    const claims = decodeJwt(session.accessToken);
    expect(claims).toMatchObject({ sub: session.user.id, role: 'PASSENGER', iss: ISSUER, aud: AUDIENCE });
    expect(claims.exp! - claims.iat!).toBe(900);
    const header = JSON.parse(Buffer.from(session.accessToken.split('.')[0]!, 'base64url').toString());
    expect(header).toMatchObject({ alg: 'EdDSA', kid: auth.keys[0]!.kid });
  });

  it('accepts a token it signed on me', async () => {
    const me = await call(auth, ME, {}, { token: await signWithAuthKey({}) });
    expect((me.data?.me as { id: string }).id).toBe(session.user.id);
  });

  const forged: [string, () => Promise<string>][] = [
    ['alg none', async () => `${b64({ alg: 'none', kid: auth.keys[0]!.kid })}.${b64(decodeJwt(session.accessToken))}.`],
    [
      'HS256 signed with the public key',
      async () => {
        const input = `${b64({ alg: 'HS256', kid: auth.keys[0]!.kid })}.${b64({ ...decodeJwt(session.accessToken), role: 'PLATFORM_ADMIN' })}`;
        const publicJwk = JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: auth.keys[0]!.x });
        return `${input}.${createHmac('sha256', publicJwk).update(input).digest('base64url')}`;
      },
    ],
    ['expired', () => signWithAuthKey({}, { expiresAt: Math.floor(Date.now() / 1000) - 60 })],
    ['for another audience', () => signWithAuthKey({}, { audience: 'someone-else' })],
    [
      'with a tampered payload',
      async () => {
        const [header, , signature] = session.accessToken.split('.');
        return `${header}.${b64({ ...decodeJwt(session.accessToken), role: 'PLATFORM_ADMIN' })}.${signature}`;
      },
    ],
  ];

  it.each(forged)('refuses a token %s with UNAUTHENTICATED on me', async (_label, make) => {
    const result = await call(auth, ME, {}, { token: await make() });
    expect(codeOf(result)).toBe('UNAUTHENTICATED');
    expect(result.data?.me ?? null).toBeNull();
  });
});

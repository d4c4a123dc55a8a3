import { base64url, generateKeyPair, SignJWT } from 'jose';
import { createHmac, createPublicKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, viewerFromAuthorization, type TokenVerifier } from '../src/auth/token-verifier';
import { AppError } from '../src/errors';
import { createTestTokens, TEST_AUDIENCE, TEST_ISSUER, type TestTokens } from '../src/testing';

const viewer = { userId: '7d3c5f7e-1d9a-4a53-9f57-0a7a1c1f2b11', role: 'PASSENGER' as const, companyId: null };

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : 'NOT_APP_ERROR';
  }
}

let tokens: TestTokens;
let verifier: TokenVerifier;
beforeAll(async () => {
  tokens = await createTestTokens();
  verifier = tokens.verifier;
});

describe('access token verification', () => {
  it('accepts a valid EdDSA token and returns its viewer', async () => {
    const token = await tokens.sign({ ...viewer, role: 'COMPANY_ADMIN', companyId: 'c1' });
    await expect(verifier.verify(token)).resolves.toEqual({ ...viewer, role: 'COMPANY_ADMIN', companyId: 'c1' });
  });

  it('refuses an unsigned token (alg none)', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const now = Math.floor(Date.now() / 1000);
    const payload = base64url.encode(JSON.stringify({ sub: viewer.userId, role: 'PLATFORM_ADMIN', iss: TEST_ISSUER, aud: TEST_AUDIENCE, iat: now, exp: now + 600 }));
    expect(await codeOf(verifier.verify(`${header}.${payload}.`))).toBe('UNAUTHENTICATED');
  });

  it('refuses an HS256 token signed with the public key as secret (algorithm confusion)', async () => {
    const publicPem = createPublicKey({ key: tokens.publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const now = Math.floor(Date.now() / 1000);
    const header = base64url.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'test-key' }));
    const payload = base64url.encode(JSON.stringify({ sub: viewer.userId, role: 'PLATFORM_ADMIN', iss: TEST_ISSUER, aud: TEST_AUDIENCE, iat: now, exp: now + 600 }));
    const signature = createHmac('sha256', publicPem).update(`${header}.${payload}`).digest('base64url');
    expect(await codeOf(verifier.verify(`${header}.${payload}.${signature}`))).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token', async () => {
    const token = await tokens.sign(viewer, { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    expect(await codeOf(verifier.verify(token))).toBe('UNAUTHENTICATED');
  });

  it('refuses a token for another audience or issuer', async () => {
    expect(await codeOf(verifier.verify(await tokens.sign(viewer, { audience: 'someone-else' })))).toBe('UNAUTHENTICATED');
    expect(await codeOf(verifier.verify(await tokens.sign(viewer, { issuer: 'https://evil.example' })))).toBe('UNAUTHENTICATED');
  });

  it('refuses a token whose payload was tampered with', async () => {
    const [header, payload, signature] = (await tokens.sign(viewer)).split('.') as [string, string, string];
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as Record<string, unknown>;
    const forged = base64url.encode(JSON.stringify({ ...claims, role: 'PLATFORM_ADMIN' }));
    expect(await codeOf(verifier.verify(`${header}.${forged}.${signature}`))).toBe('UNAUTHENTICATED');
  });

  it('refuses a token signed by a key that is not published', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const token = await new SignJWT({ role: 'PLATFORM_ADMIN' })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'test-key' })
      .setSubject(viewer.userId)
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    expect(await codeOf(verifier.verify(token))).toBe('UNAUTHENTICATED');
  });

  it('refuses a token whose role is not one of ours', async () => {
    const token = await tokens.sign({ ...viewer, role: 'SUPERUSER' as never });
    expect(await codeOf(verifier.verify(token))).toBe('UNAUTHENTICATED');
  });

  it('answers UNAVAILABLE, not UNAUTHENTICATED, when the key set cannot be fetched', async () => {
    const unreachable = createTokenVerifier({ jwksUrl: 'http://127.0.0.1:1/.well-known/jwks.json', issuer: TEST_ISSUER, audience: TEST_AUDIENCE });
    expect(await codeOf(unreachable.verify(await tokens.sign(viewer)))).toBe('UNAVAILABLE');
  });
});

describe('viewer from the Authorization header', () => {
  it('is anonymous without a header', async () => {
    await expect(viewerFromAuthorization(undefined, verifier)).resolves.toBeNull();
  });

  it('refuses a header that is not a bearer token', async () => {
    expect(await codeOf(viewerFromAuthorization('Basic dXNlcjpwYXNz', verifier))).toBe('UNAUTHENTICATED');
  });
});

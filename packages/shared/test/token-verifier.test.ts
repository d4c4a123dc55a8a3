import { base64url, createLocalJWKSet, generateKeyPair, SignJWT, type JWTVerifyGetKey } from 'jose';
import { createHmac, createPublicKey } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  createTokenVerifier,
  KEY_SET_RETRY_MS,
  viewerFromAuthorization,
  type TokenVerifier,
} from '../src/auth/token-verifier';
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
    const payload = base64url.encode(
      JSON.stringify({
        sub: viewer.userId,
        role: 'PLATFORM_ADMIN',
        iss: TEST_ISSUER,
        aud: TEST_AUDIENCE,
        iat: now,
        exp: now + 600,
      }),
    );
    expect(await codeOf(verifier.verify(`${header}.${payload}.`))).toBe('UNAUTHENTICATED');
  });

  it('refuses an HS256 token signed with the public key as secret (algorithm confusion)', async () => {
    const publicPem = createPublicKey({ key: tokens.publicJwk as never, format: 'jwk' }).export({
      type: 'spki',
      format: 'pem',
    });
    const now = Math.floor(Date.now() / 1000);
    const header = base64url.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'test-key' }));
    const payload = base64url.encode(
      JSON.stringify({
        sub: viewer.userId,
        role: 'PLATFORM_ADMIN',
        iss: TEST_ISSUER,
        aud: TEST_AUDIENCE,
        iat: now,
        exp: now + 600,
      }),
    );
    const signature = createHmac('sha256', publicPem).update(`${header}.${payload}`).digest('base64url');
    expect(await codeOf(verifier.verify(`${header}.${payload}.${signature}`))).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token', async () => {
    const token = await tokens.sign(viewer, { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    expect(await codeOf(verifier.verify(token))).toBe('UNAUTHENTICATED');
  });

  it('refuses a token for another audience or issuer', async () => {
    expect(await codeOf(verifier.verify(await tokens.sign(viewer, { audience: 'someone-else' })))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await codeOf(verifier.verify(await tokens.sign(viewer, { issuer: 'https://evil.example' })))).toBe(
      'UNAUTHENTICATED',
    );
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
    const unreachable = createTokenVerifier({
      jwksUrl: 'http://127.0.0.1:1/.well-known/jwks.json',
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
    });
    expect(await codeOf(unreachable.verify(await tokens.sign(viewer)))).toBe('UNAVAILABLE');
  });

  it('asks a failing auth for its key set once a second, not once a request, and answers UNAVAILABLE meanwhile', async () => {
    let answering = false;
    let fetches = 0;
    const auth = createServer((request, response) => {
      fetches++;
      if (!answering) return response.writeHead(503).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [tokens.publicJwk] }));
    });
    await new Promise<void>((resolve) => auth.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => auth.close(() => resolve())));
    const { port } = auth.address() as AddressInfo;
    const remote = createTokenVerifier({
      jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
    });
    const token = await tokens.sign(viewer);
    // Auth answering 503 is not a bad token (UNAUTHENTICATED would sign the client out): retry later.
    for (let i = 0; i < 20; i++) expect(await codeOf(remote.verify(token))).toBe('UNAVAILABLE');
    expect(fetches).toBe(1);
    answering = true;
    expect(await codeOf(remote.verify(token))).toBe('UNAVAILABLE');
    expect(fetches).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, KEY_SET_RETRY_MS + 100));
    expect(await remote.verify(token)).toEqual(viewer);
    expect(fetches).toBe(2);
  });

  it.each([
    ['not JSON (a proxy page)', '<html>maintenance</html>'],
    ['a malformed key set', '{"keys": 5}'],
  ])('answers UNAVAILABLE for a 200 that is %s, asking at most once a second', async (_label, body) => {
    let fetches = 0;
    const auth = createServer((_request, response) => {
      fetches++;
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => auth.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => auth.close(() => resolve())));
    const remote = createTokenVerifier({
      jwksUrl: `http://127.0.0.1:${(auth.address() as AddressInfo).port}/.well-known/jwks.json`,
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
    });
    const token = await tokens.sign(viewer);
    for (let i = 0; i < 20; i++) expect(await codeOf(remote.verify(token))).toBe('UNAVAILABLE');
    expect(fetches).toBe(1);
  });
});

describe('verified tokens remembered', () => {
  /** A verifier over the test key whose key lookups (one per signature check) are counted. */
  function countingVerifier(options: { cacheTtlMs?: number; cacheSize?: number } = {}) {
    const local = createLocalJWKSet({ keys: [tokens.publicJwk] });
    const lookups = { count: 0 };
    const jwks: JWTVerifyGetKey = (header, token) => {
      lookups.count++;
      return local(header, token);
    };
    return {
      lookups,
      verifier: createTokenVerifier({ jwks, issuer: TEST_ISSUER, audience: TEST_AUDIENCE, ...options }),
    };
  }
  afterEach(() => vi.useRealTimers());

  it('checks the signature of a token once, and answers repeats with the same viewer', async () => {
    const { lookups, verifier: cached } = countingVerifier();
    const token = await tokens.sign({ ...viewer, role: 'DRIVER', companyId: 'c9' });
    for (let i = 0; i < 5; i++)
      await expect(cached.verify(token)).resolves.toEqual({ ...viewer, role: 'DRIVER', companyId: 'c9' });
    expect(lookups.count).toBe(1);
    // Each answer is the caller's own object: changing one does not change the next.
    const first = await cached.verify(token);
    first.role = 'PLATFORM_ADMIN';
    expect((await cached.verify(token)).role).toBe('DRIVER');
  });

  it('never remembers a refusal, and checks again once the remembered answer is a minute old', async () => {
    const { lookups, verifier: cached } = countingVerifier();
    const [header, payload, signature] = (await tokens.sign(viewer)).split('.') as [string, string, string];
    const tampered = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(await codeOf(cached.verify(tampered))).toBe('UNAUTHENTICATED');
    expect(await codeOf(cached.verify(tampered))).toBe('UNAUTHENTICATED');
    expect(lookups.count).toBe(2);

    vi.useFakeTimers({ toFake: ['Date'] });
    const token = await tokens.sign(viewer);
    await cached.verify(token);
    vi.setSystemTime(Date.now() + 59_000);
    await cached.verify(token);
    expect(lookups.count).toBe(3);
    vi.setSystemTime(Date.now() + 2_000);
    await cached.verify(token);
    expect(lookups.count).toBe(4);
  });

  it('does not answer for a token past its expiry', async () => {
    const { verifier: cached } = countingVerifier({ cacheTtlMs: 10 * 60_000 });
    vi.useFakeTimers({ toFake: ['Date'] });
    const token = await tokens.sign(viewer, { expiresIn: '30s' });
    await expect(cached.verify(token)).resolves.toEqual(viewer);
    // Past expiry and the verifier's 5 s clock tolerance: refused, not answered from memory.
    vi.setSystemTime(Date.now() + 40_000);
    expect(await codeOf(cached.verify(token))).toBe('UNAUTHENTICATED');
  });

  it('keeps at most cacheSize tokens, forgetting the oldest', async () => {
    const { lookups, verifier: cached } = countingVerifier({ cacheSize: 2 });
    const [a, b, c] = await Promise.all([1, 2, 3].map((n) => tokens.sign({ ...viewer, userId: `user-${n}` })));
    for (const token of [a!, b!, c!]) await cached.verify(token);
    expect(lookups.count).toBe(3);
    await cached.verify(c!);
    await cached.verify(b!);
    expect(lookups.count).toBe(3);
    await cached.verify(a!);
    expect(lookups.count).toBe(4);
  });

  it('checks every time with cacheTtlMs 0', async () => {
    const { lookups, verifier: uncached } = countingVerifier({ cacheTtlMs: 0 });
    const token = await tokens.sign(viewer);
    await uncached.verify(token);
    await uncached.verify(token);
    expect(lookups.count).toBe(2);
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

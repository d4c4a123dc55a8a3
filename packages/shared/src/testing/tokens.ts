import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { createMemoryRevocations, type RevocationList } from '../auth/revocations';
import { ACCESS_TOKEN_ALGORITHM, createTokenVerifier, type TokenVerifier } from '../auth/token-verifier';
import type { Viewer } from '../auth/viewer';

export const TEST_ISSUER = 'https://auth.busline.test';
export const TEST_AUDIENCE = 'busline';

export interface TestTokens {
  verifier: TokenVerifier;
  /** The revocations `verifier` refuses by (in memory). */
  revocations: RevocationList;
  publicJwk: JWK;
  /** A valid access token for `viewer` (override claims or expiry to make invalid ones). */
  sign(
    viewer: Viewer,
    options?: { expiresIn?: string | number; audience?: string; issuer?: string; sessionId?: string },
  ): Promise<string>;
  /** `Authorization` header for `viewer`. */
  authorization(viewer: Viewer): Promise<Record<string, string>>;
}

/** An Ed25519 key pair standing in for the auth subgraph in other subgraphs' tests. */
export async function createTestTokens(): Promise<TestTokens> {
  const { publicKey, privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, {
    crv: 'Ed25519',
    extractable: true,
  });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' };
  const revocations = createMemoryRevocations();
  const verifier = createTokenVerifier({
    jwks: { keys: [publicJwk] },
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    revocations,
  });
  const sign: TestTokens['sign'] = (viewer, options = {}) =>
    new SignJWT({
      role: viewer.role,
      ...(viewer.companyId ? { companyId: viewer.companyId } : {}),
      ...(options.sessionId ? { sid: options.sessionId } : {}),
    })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: 'test-key' })
      .setSubject(viewer.userId)
      .setIssuer(options.issuer ?? TEST_ISSUER)
      .setAudience(options.audience ?? TEST_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '15m')
      .sign(privateKey);
  return {
    verifier,
    revocations,
    publicJwk,
    sign,
    authorization: async (viewer) => ({ authorization: `Bearer ${await sign(viewer)}` }),
  };
}

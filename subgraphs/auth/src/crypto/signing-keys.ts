import { hkdfSync, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import { ACCESS_TOKEN_ALGORITHM } from '@busline/shared';

/** A private Ed25519 JWK with its key id (what AUTH_SIGNING_KEYS holds). */
export type PrivateSigningJwk = JWK & { kid: string; d: string };

export interface SigningKeySet {
  /** The key new tokens are signed with (the first configured). */
  current: { kid: string; key: CryptoKey };
  /** Every configured key's public half: rotation keeps old keys published until their tokens expire. */
  jwks: JSONWebKeySet;
  /**
   * A secret derived from each configured key, the current key's first: what a refresh token's successor is derived
   * with (SessionIssuer.successorsOf), so that only auth can tell the successor of a token it exchanged.
   */
  refreshSecrets: Buffer[];
}

/** The secret refresh-token successors are derived with, from a private key (HKDF: never the key itself). */
const refreshSecretOf = (key: PrivateSigningJwk): Buffer =>
  Buffer.from(hkdfSync('sha256', Buffer.from(key.d, 'base64url'), key.kid, 'busline refresh-token successor', 32));

/** Generates `count` fresh Ed25519 private JWKs (for `npm run keys` or a first dev start). */
export async function generateSigningKeys(count = 1): Promise<PrivateSigningJwk[]> {
  const keys: PrivateSigningJwk[] = [];
  for (let i = 0; i < count; i++) {
    const { privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { crv: 'Ed25519', extractable: true });
    const jwk = await exportJWK(privateKey);
    keys.push({
      ...jwk,
      kid: `auth-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`,
      alg: ACCESS_TOKEN_ALGORITHM,
      use: 'sig',
      d: jwk.d!,
    });
  }
  return keys;
}

/** Checks that `value` is a non-empty array of private Ed25519 JWKs with distinct kids. */
export function parseSigningKeys(value: unknown, source: string): PrivateSigningJwk[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new Error(`${source}: expected a non-empty JSON array of private JWKs`);
  const kids = new Set<string>();
  return value.map((key: unknown, index) => {
    const jwk = key as Partial<PrivateSigningJwk>;
    if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || typeof jwk.d !== 'string') {
      throw new Error(`${source}[${index}]: not a private Ed25519 JWK (kty OKP, crv Ed25519, x, d)`);
    }
    if (typeof jwk.kid !== 'string' || jwk.kid.length === 0) throw new Error(`${source}[${index}]: missing "kid"`);
    if (kids.has(jwk.kid)) throw new Error(`${source}[${index}]: duplicate kid "${jwk.kid}"`);
    kids.add(jwk.kid);
    return jwk as PrivateSigningJwk;
  });
}

/** The public halves of `keys`, as published at /.well-known/jwks.json (embedded mode can hand this to verifiers). */
export function toPublicJwks(keys: PrivateSigningJwk[]): JSONWebKeySet {
  return { keys: keys.map(({ kty, crv, x, kid }) => ({ kty, crv, x, kid, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' })) };
}

/** Imports the configured keys: the first signs, all are published. */
export async function loadSigningKeySet(keys: PrivateSigningJwk[]): Promise<SigningKeySet> {
  const first = keys[0];
  if (!first) throw new Error('At least one signing key is required');
  const key = (await importJWK(first, ACCESS_TOKEN_ALGORITHM)) as CryptoKey;
  return { current: { kid: first.kid, key }, jwks: toPublicJwks(keys), refreshSecrets: keys.map(refreshSecretOf) };
}

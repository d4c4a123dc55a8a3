import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

export const QR_ALGORITHM = 'EdDSA';

/** A private Ed25519 signing key as stored in QR_SIGNING_KEYS / keys/qr.json. */
export interface SigningJwk extends JWK {
  kid: string;
  d: string;
}

/** Creates a new Ed25519 signing key with a fresh kid. */
export function generateSigningJwk(): SigningJwk {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  return {
    ...jwk,
    kid: `qr-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`,
    alg: QR_ALGORITHM,
    use: 'sig',
  } as SigningJwk;
}

/** The public half (`x`) of a private Ed25519 JWK, worked out from its `d`; undefined when `d` is not a key. */
function publicHalfOf(jwk: SigningJwk): string | undefined {
  try {
    const key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x!, d: jwk.d }, format: 'jwk' });
    return (createPublicKey(key).export({ format: 'jwk' }) as JWK).x;
  } catch {
    return undefined;
  }
}

/**
 * The QR keys: the first signs new passes; all of them (older ones kept during a rotation)
 * verify, and their public halves are published for offline scanners.
 */
export class KeyRing {
  readonly signingKid: string;
  readonly signingKey: KeyObject;
  readonly publicJwks: JWK[] = [];
  private readonly verifiers = new Map<string, KeyObject>();

  constructor(jwks: JWK[]) {
    if (jwks.length === 0) throw new Error('QR signing keys: at least one key is required');
    for (const jwk of jwks) {
      if (
        jwk.kty !== 'OKP' ||
        jwk.crv !== 'Ed25519' ||
        typeof jwk.d !== 'string' ||
        typeof jwk.x !== 'string' ||
        typeof jwk.kid !== 'string' ||
        jwk.kid.trim() === ''
      ) {
        throw new Error('QR signing keys must be private Ed25519 JWKs (kty OKP, crv Ed25519, x, d, kid a string)');
      }
      if (this.verifiers.has(jwk.kid)) throw new Error(`QR signing keys: duplicate kid ${jwk.kid}`);
      // Passes are signed with d and checked (here and by offline scanners) with x: an x that is not d's own
      // public half (a slip in a rotation) would start the service and make every genuine pass INVALID.
      if (publicHalfOf(jwk as SigningJwk) !== jwk.x)
        throw new Error(`QR signing key ${jwk.kid}: x is not the public half of its d`);
      const publicJwk: JWK = { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: jwk.kid, alg: QR_ALGORITHM, use: 'sig' };
      this.verifiers.set(jwk.kid, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' }));
      this.publicJwks.push(publicJwk);
    }
    const first = jwks[0]!;
    this.signingKid = first.kid!;
    this.signingKey = createPrivateKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: first.x!, d: first.d! },
      format: 'jwk',
    });
  }

  verificationKey(kid: string | undefined): KeyObject | undefined {
    return kid ? this.verifiers.get(kid) : undefined;
  }
}

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
      if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d || !jwk.x || !jwk.kid) {
        throw new Error('QR signing keys must be private Ed25519 JWKs (kty OKP, crv Ed25519, x, d, kid)');
      }
      if (this.verifiers.has(jwk.kid)) throw new Error(`QR signing keys: duplicate kid ${jwk.kid}`);
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

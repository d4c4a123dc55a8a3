import { decodeProtectedHeader, SignJWT } from 'jose';
import { ACCESS_TOKEN_ALGORITHM, createTokenVerifier, type Role, type TokenVerifier } from '@busline/shared';
import type { SigningKeySet } from './signing-keys';

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** Claims an access token carries: who, what they may do right now, and which sign-in it belongs to. */
export interface TokenSubject {
  id: string;
  role: Role;
  companyId: string | null;
  /** The sign-in (its refresh-token family): `sid`, what a logout revokes. */
  sessionId: string;
}

/** Signs short-lived EdDSA access tokens in the shape the shared createTokenVerifier accepts. */
export class AccessTokenSigner {
  constructor(
    private readonly keys: Promise<SigningKeySet>,
    readonly settings: AccessTokenSettings,
  ) {}

  async sign(subject: TokenSubject): Promise<string> {
    const { current } = await this.keys;
    return new SignJWT({
      role: subject.role,
      sid: subject.sessionId,
      ...(subject.companyId ? { companyId: subject.companyId } : {}),
    })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: current.kid, typ: 'JWT' })
      .setSubject(subject.id)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt()
      .setExpirationTime(`${this.settings.ttlSeconds}s`)
      .sign(current.key);
  }
}

/**
 * How auth checks the tokens it receives: its own keys locally (no HTTP call to itself), and
 * tokens signed with any other kid through the platform verifier from SubgraphDeps.
 */
export function createOwnTokenVerifier(
  keys: Promise<SigningKeySet>,
  settings: AccessTokenSettings,
  platform: TokenVerifier,
): TokenVerifier {
  const local = keys.then((set) => ({
    kids: new Set(set.jwks.keys.map((key) => key.kid)),
    verifier: createTokenVerifier({
      jwks: set.jwks,
      issuer: settings.issuer,
      audience: settings.audience,
      revocations: platform.revocations,
    }),
  }));
  return {
    revocations: platform.revocations,
    async verify(token) {
      let kid: string | undefined;
      try {
        kid = decodeProtectedHeader(token).kid;
      } catch {
        kid = undefined;
      }
      const own = await local;
      if (kid && own.kids.has(kid)) return own.verifier.verify(token);
      return platform.verify(token);
    },
  };
}

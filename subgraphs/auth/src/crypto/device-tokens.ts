import { createHash, randomUUID } from 'node:crypto';
import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { ACCESS_TOKEN_ALGORITHM } from '@busline/shared';
import type { SigningKeySet } from './signing-keys';

/** How a device token says what it is: never mistaken for an access token (other `typ` and audience). */
const DEVICE_TOKEN_TYPE = 'busline-device+jwt';

export interface DeviceTokenSettings {
  issuer: string;
  /** The access tokens' audience; device tokens carry `<audience>:device`. */
  audience: string;
  ttlSeconds: number;
}

/** Device tokens name the account by a hash of its (normalised) e-mail: what sign-in throttling knows it by. */
const emailHash = (email: string) => createHash('sha256').update(email).digest('base64url');

/**
 * Device tokens: proof that this browser or phone signed in to an account before (handed out with every sign-in,
 * sent back with the next `login`). A device that shows one is throttled on its own (its failures counted per
 * device), so failures of others — a guesser behind the same carrier address, or spread over many — never lock it
 * out. Signed with auth's access-token keys, under their own type and audience; nothing is stored.
 */
export class DeviceTokens {
  private readonly verifying: Promise<ReturnType<typeof createLocalJWKSet>>;

  constructor(
    private readonly keys: Promise<SigningKeySet>,
    private readonly settings: DeviceTokenSettings,
  ) {
    this.verifying = keys.then((set) => createLocalJWKSet(set.jwks));
  }

  private get audience(): string {
    return `${this.settings.audience}:device`;
  }

  /** A token for this device and account: the device id `deviceId` (a device signing in again), or a new one. */
  async issue(email: string, deviceId: string = randomUUID()): Promise<string> {
    const { current } = await this.keys;
    return new SignJWT({ em: emailHash(email) })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: current.kid, typ: DEVICE_TOKEN_TYPE })
      .setJti(deviceId)
      .setIssuer(this.settings.issuer)
      .setAudience(this.audience)
      .setIssuedAt()
      .setExpirationTime(`${this.settings.ttlSeconds}s`)
      .sign(current.key);
  }

  /** The device id of a valid token of this account; undefined for anything else (expired, another account's). */
  async deviceOf(token: string | null | undefined, email: string): Promise<string | undefined> {
    if (!token || token.length > 2048) return undefined;
    try {
      const { payload } = await jwtVerify(token, await this.verifying, {
        issuer: this.settings.issuer,
        audience: this.audience,
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        typ: DEVICE_TOKEN_TYPE,
        requiredClaims: ['jti', 'exp'],
      });
      return payload.em === emailHash(email) && typeof payload.jti === 'string' ? payload.jti : undefined;
    } catch {
      return undefined;
    }
  }
}

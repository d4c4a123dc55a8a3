// Issuing a session (an access token and a rotating refresh token): what register, logIn and refreshToken share.
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Executor } from '@busline/shared';
import type { AccessTokenSigner } from '../crypto/access-tokens';
import type { SigningKeySet } from '../crypto/signing-keys';
import type { UserRow } from '../db/schema';
import { RefreshTokenRepository } from '../repositories/refresh-token-repository';

/** What register, login and refreshToken answer. */
export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: UserRow;
  /** Marks the device as one the account signs in from (register and login; null from refreshToken). */
  deviceToken?: string | null;
}

/** A sign-in's newest refresh token and the sign-in's id (its refresh-token family). */
export interface Session {
  refreshToken: string;
  sessionId: string;
}

/** Refresh tokens are stored only as this hash. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The shape of a refresh token this service hands out (anything else is not one). */
export const REFRESH_TOKEN_FORMAT = /^[A-Za-z0-9_-]{20,100}$/;

export const SUSPENDED_MESSAGE = 'Account suspended';

/**
 * Sessions: an access token plus an opaque refresh token that rotates on every use. Tokens of
 * one sign-in form a family; a token presented twice means it was copied, so the family dies.
 */
export class SessionIssuer {
  constructor(
    private readonly signer: AccessTokenSigner,
    private readonly refreshTtlSeconds: number,
    /** The longest a sign-in lasts from its first token, however often it is renewed. */
    private readonly signInMaxSeconds: number,
    /** The keys successors are derived with (SigningKeySet.refreshSecrets). */
    private readonly keys: Promise<Pick<SigningKeySet, 'refreshSecrets'>>,
  ) {}

  /**
   * The refresh token an exchange of `token` makes, derived from it with auth's secret (`HMAC-SHA256`, base64url):
   * the same every time, so that the exchange repeated by a client whose answer was lost can be answered with the
   * same successor (RefreshSessionService); nobody without the secret can tell it from the token. One per configured
   * key, the current key's first (a repeat across a key rotation finds the successor the older key made).
   */
  async successorsOf(token: string): Promise<string[]> {
    const { refreshSecrets } = await this.keys;
    return refreshSecrets.map((secret) => createHmac('sha256', secret).update(token).digest('base64url'));
  }

  /**
   * Starts a new family (sign-in) or continues one (rotation) inside the caller's transaction. The family's
   * id is the session's: its access tokens carry it as `sid`.
   */
  async createRefreshToken(
    tx: Executor,
    userId: string,
    family: { id: string; startedAt: Date } = { id: randomUUID(), startedAt: new Date() },
    /** The token to store: a rotation's successor (successorsOf); a new sign-in's is random. */
    token: string = randomBytes(32).toString('base64url'),
  ): Promise<Session> {
    // A refresh token lives refreshTtlSeconds, and no longer than its sign-in may: rotations renew a sign-in, they
    // never make it last for ever (a copied token refreshed by a thief every day would).
    const expiresAt = new Date(
      Math.min(Date.now() + this.refreshTtlSeconds * 1000, family.startedAt.getTime() + this.signInMaxSeconds * 1000),
    );
    await new RefreshTokenRepository(tx).insert({
      userId,
      familyId: family.id,
      familyStartedAt: family.startedAt,
      tokenHash: hashToken(token),
      expiresAt,
    });
    return { refreshToken: token, sessionId: family.id };
  }

  /** The answer to a sign-in: a fresh access token for the user, with their refresh token. */
  async payload(user: UserRow, session: Session): Promise<AuthPayload> {
    const accessToken = await this.signer.sign({
      id: user.id,
      role: user.role,
      companyId: user.companyId,
      sessionId: session.sessionId,
    });
    return { accessToken, refreshToken: session.refreshToken, expiresIn: this.signer.settings.ttlSeconds, user };
  }
}

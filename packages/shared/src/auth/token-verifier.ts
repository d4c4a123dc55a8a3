import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { AppError, ErrorCode } from '../errors';
import type { RevocationList } from './revocations';
import { Roles, type Role, type Viewer } from './viewer';

export const ACCESS_TOKEN_ALGORITHM = 'EdDSA';
/** Seconds by which clocks may differ: a token is accepted until that long after its expiry. */
const CLOCK_TOLERANCE_S = 5;
/** The longest delay setTimeout takes (about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;
const BEARER = /^Bearer\s+([A-Za-z0-9\-_.~+/]+=*)$/i;
/** How long after a failed fetch of the key set the next one waits (see fetchPausingAfterFailure). */
export const KEY_SET_RETRY_MS = 1000;

/**
 * fetch for the key set that, once a fetch failed (no answer, an answer other than 200, or a 200 that is not a key
 * set: a proxy's page), fails again at once for `pauseMs` without asking: jose keeps no failure, so while auth was
 * down every request with a token (and every token of an unknown key) sent a fetch of its own, a connection attempt
 * to auth per request. A 200 that is not a key set is answered to jose as a 502, so it is UNAVAILABLE as well.
 */
function fetchPausingAfterFailure(pauseMs: number): typeof fetch {
  let failed: { until: number; error?: unknown; status?: number } | undefined;
  return async (input, init) => {
    if (failed && Date.now() < failed.until) {
      if (failed.status === undefined) throw failed.error;
      return new Response(null, { status: failed.status });
    }
    try {
      const response = await fetch(input, init);
      const status = response.status === 200 && !(await isKeySet(response.clone())) ? 502 : response.status;
      failed = status === 200 ? undefined : { until: Date.now() + pauseMs, status };
      return status === response.status ? response : new Response(null, { status });
    } catch (error) {
      failed = { until: Date.now() + pauseMs, error };
      throw error;
    }
  };
}

/** Whether `response`'s body is JSON with a list of keys (what jose's own check asks of a key set). */
async function isKeySet(response: Response): Promise<boolean> {
  try {
    const body = (await response.json()) as { keys?: unknown } | null;
    return Array.isArray(body?.keys);
  } catch {
    return false;
  }
}

/** Whether `error` says the key set could not be had (auth unreachable, slow, or answering other than 200). */
function keySetUnavailable(error: unknown): boolean {
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) return true;
  if (error instanceof TypeError && /fetch/i.test(error.message)) return true;
  return error instanceof joseErrors.JOSEError && /JSON Web Key Set HTTP response/.test(error.message);
}

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Auth's JWKS endpoint (fetched and cached) ... */
  jwksUrl?: string;
  /** ... or the key set itself (embedded mode, tests). */
  jwks?: JSONWebKeySet | JWTVerifyGetKey;
  /**
   * How long a verified token is remembered (default 60 s, never past its expiry; 0 turns it off).
   * A query that the router spreads over three subgraphs presents the same token to each, and a
   * subscription's entity fetches present it on every event: the signature check is the dearest
   * step of a small request, and its answer for one token cannot change before the token expires.
   */
  cacheTtlMs?: number;
  /** Tokens remembered at most (the oldest are forgotten first; default 10,000). */
  cacheSize?: number;
  /**
   * Users whose tokens were voided before they expire (suspended, role changed), and sign-ins that ended
   * (the token's `sid`: logged out, or a refresh token copied): checked on every verify.
   */
  revocations?: RevocationList;
}

export interface TokenVerifier {
  /** Verifies an access token and returns its viewer; throws UNAUTHENTICATED when it is not valid. */
  verify(token: string): Promise<Viewer>;
  /** The revocation list this verifier refuses by (servers end open subscriptions when it changes). */
  readonly revocations?: RevocationList;
}

const revoked = () => new AppError(ErrorCode.UNAUTHENTICATED, 'Access token revoked; sign in again');

/**
 * Access-token verification shared by every subgraph: pinned algorithm (EdDSA), issuer,
 * audience, expiry, and a key from auth's published JWKS (cached, refreshed on unknown kid).
 * Tokens that passed are remembered for a minute at most (see `cacheTtlMs`); failures never are.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  let keys: JWTVerifyGetKey;
  if (typeof options.jwks === 'function') keys = options.jwks;
  else if (options.jwks) keys = createLocalJWKSet(options.jwks);
  else if (options.jwksUrl) {
    keys = createRemoteJWKSet(new URL(options.jwksUrl), {
      cacheMaxAge: 10 * 60_000,
      cooldownDuration: 30_000,
      timeoutDuration: 5000,
      [customFetch]: fetchPausingAfterFailure(KEY_SET_RETRY_MS),
    });
  } else throw new Error('createTokenVerifier needs jwksUrl or jwks');

  const ttlMs = options.cacheTtlMs ?? 60_000;
  const maxEntries = options.cacheSize ?? 10_000;
  /** Verified tokens: Map keeps insertion order, so the first key is the oldest. */
  const verified = new Map<string, { viewer: Viewer; issuedAt: number; sessionId?: string; until: number }>();
  const remember = (token: string, viewer: Viewer, issuedAt: number, expiresAt: number, sessionId?: string) => {
    if (ttlMs <= 0) return;
    if (verified.size >= maxEntries) verified.delete(verified.keys().next().value!);
    verified.set(token, { viewer, issuedAt, sessionId, until: Math.min(Date.now() + ttlMs, expiresAt * 1000) });
  };
  const { revocations } = options;

  return {
    revocations,
    async verify(token: string): Promise<Viewer> {
      const known = verified.get(token);
      if (known) {
        // A remembered token is checked against revocations too: they may have come since.
        if (revocations?.isRevoked(known.viewer.userId, known.issuedAt, known.sessionId)) {
          verified.delete(token);
          throw revoked();
        }
        if (known.until > Date.now()) return { ...known.viewer };
        verified.delete(token);
      }
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: [ACCESS_TOKEN_ALGORITHM],
          requiredClaims: ['sub', 'exp', 'iat'],
          clockTolerance: CLOCK_TOLERANCE_S,
        });
        const role = payload.role;
        if (typeof payload.sub !== 'string' || typeof role !== 'string' || !Roles.includes(role as Role)) {
          throw new AppError(ErrorCode.UNAUTHENTICATED, 'Invalid access token');
        }
        // Tokens signed before sign-ins had an id carry none: only their user's revocations reach them.
        const sessionId = typeof payload.sid === 'string' ? payload.sid : undefined;
        if (revocations?.isRevoked(payload.sub, payload.iat!, sessionId)) throw revoked();
        const companyId = typeof payload.companyId === 'string' ? payload.companyId : null;
        const viewer: Viewer = { userId: payload.sub, role: role as Role, companyId };
        remember(token, viewer, payload.iat!, payload.exp!, sessionId);
        return { ...viewer };
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (error instanceof joseErrors.JWTExpired) {
          throw new AppError(ErrorCode.UNAUTHENTICATED, 'Access token expired');
        }
        // Auth answering 503 (or garbage) is not a bad token: the client should retry, not sign out.
        if (keySetUnavailable(error)) {
          throw new AppError(ErrorCode.UNAVAILABLE, 'Cannot verify the access token right now; try again');
        }
        throw new AppError(ErrorCode.UNAUTHENTICATED, 'Invalid access token');
      }
    },
  };
}

/**
 * The token of "Bearer <token>" credentials, whitespace around them ignored; undefined for credentials of any other
 * form. The one reading of credentials: what a subgraph verifies is what the router counts limits against.
 */
export function bearerToken(authorization: string | null | undefined): string | undefined {
  return BEARER.exec(authorization?.trim() ?? '')?.[1];
}

/**
 * The viewer of a request: null without credentials; UNAUTHENTICATED for credentials that
 * are present but not valid (a bad token is never silently treated as anonymous).
 */
export async function viewerFromAuthorization(
  authorization: string | null | undefined,
  verifier: TokenVerifier,
): Promise<Viewer | null> {
  if (!authorization) return null;
  const token = bearerToken(authorization);
  if (!token) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Authorization must be "Bearer <token>"');
  return verifier.verify(token);
}

/**
 * Runs `then` once the bearer token of `authorization` is no longer accepted (its expiry plus the clock
 * tolerance), `afterMs` later if given; returns what cancels it. Nothing runs for credentials without a
 * readable expiry. The token is read, not checked: for credentials already verified (an open subscription's).
 */
export function whenCredentialsExpire(
  authorization: string | null | undefined,
  then: () => void,
  afterMs = 0,
): () => void {
  const token = bearerToken(authorization);
  let expiresAt: number | undefined;
  try {
    const { exp } = token ? decodeJwt(token) : {};
    if (typeof exp === 'number') expiresAt = (exp + CLOCK_TOLERANCE_S) * 1000 + afterMs;
  } catch {
    // Not a JWT: the verifier refused it already.
  }
  if (expiresAt === undefined) return () => undefined;
  let timer: ReturnType<typeof setTimeout>;
  const arm = () => {
    const wait = expiresAt - Date.now();
    timer = wait > MAX_TIMER_MS ? setTimeout(arm, MAX_TIMER_MS) : setTimeout(then, Math.max(0, wait));
  };
  arm();
  return () => clearTimeout(timer);
}

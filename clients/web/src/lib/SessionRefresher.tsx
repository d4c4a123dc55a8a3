import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { graphql } from '../gql';
import { useRevokeSession } from './revoke-session';
import { useSession } from './session';

const REFRESH = graphql(`
  mutation RefreshSession($refreshToken: String!, $idempotencyKey: String) {
    refreshToken(refreshToken: $refreshToken, idempotencyKey: $idempotencyKey) {
      accessToken
      refreshToken
      expiresIn
    }
  }
`);

/** How long one renewal may take before it counts as failed (a hanging connection). */
const RENEWAL_TIMEOUT_MS = 10_000;
/** The first wait before a failed renewal is tried again; doubled each time, at most RETRY_MAX_MS. */
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 30_000;
/**
 * How long a tab waits on the renewal of a session whose access token has run out (it shows its loading line
 * meanwhile) before giving the session up.
 */
const EXPIRED_GIVE_UP_MS = 20_000;

/** Codes with which the server says the session is over: renewing again cannot help. */
const REFUSED = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT']);

/**
 * Whether the server refused the renewal. No answer, a timeout, a rate limit (RATE_LIMITED, 429) or auth being
 * away (UNAVAILABLE) are not a refusal: the session is likely still good, and is renewed again a little later.
 */
function refused(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.some((e) => REFUSED.has(String(e.extensions?.code ?? '')));
}

/**
 * Renews the 15-minute access token a minute before it ends, so a long booking never signs out; a stored session
 * whose access token already ran out (a tab reloaded after a while) at once. A renewal that fails for want of an
 * answer (a bad connection, auth restarting, a rate limit) is tried again with growing waits; a session the server
 * refuses, or one that ran out and still cannot be renewed after EXPIRED_GIVE_UP_MS, is forgotten and ended on the
 * server: a tab that shows nobody signed in keeps no refresh token that still works. A renewal whose answer was lost
 * after auth exchanged the token is asked again with that token and the same idempotency key: auth answers it within
 * 30 s with the same new token (README.md, sign-ins).
 */
export function SessionRefresher() {
  const { session, expired, signIn, signOut } = useSession();
  const [refresh] = useMutation(REFRESH);
  const revoke = useRevokeSession();
  const renewing = session ?? expired;
  // Failed renewals of this session so far (a new try is scheduled on each), and when the first of them failed.
  const [failures, setFailures] = useState<{ of: typeof renewing; count: number }>({ of: null, count: 0 });
  const firstFailure = useRef(0);
  // The refresh token being exchanged: one token is never sent twice at once (a second use ends its sign-in).
  const inFlight = useRef<string | null>(null);
  // The key of the token's exchange, the same in its retries: a retry after a lost answer is the same exchange to
  // auth (the same new token back), not a copy's. In memory only, never beside the stored token.
  const exchange = useRef<{ token: string; key: string } | null>(null);
  // The session the tab holds now: a renewal answered after a sign-out (or another user's sign-in) is not the tab's.
  const holding = useRef(renewing);
  useEffect(() => {
    holding.current = renewing;
  }, [renewing]);
  const count = failures.of === renewing ? failures.count : 0;
  useEffect(() => {
    if (!renewing) return;
    const giveUp = () => {
      signOut();
      revoke(renewing.refreshToken);
    };
    const due =
      count === 0
        ? Math.max(0, renewing.expiresAt - Date.now() - 60_000)
        : Math.min(RETRY_FIRST_MS * 2 ** (count - 1), RETRY_MAX_MS);
    const timer = setTimeout(async () => {
      if (inFlight.current === renewing.refreshToken) return;
      inFlight.current = renewing.refreshToken;
      let payload: { accessToken: string; refreshToken: string; expiresIn: number } | null | undefined;
      try {
        if (exchange.current?.token !== renewing.refreshToken)
          exchange.current = { token: renewing.refreshToken, key: crypto.randomUUID() };
        const result = await refresh({
          variables: { refreshToken: renewing.refreshToken, idempotencyKey: exchange.current.key },
          context: { fetchOptions: { signal: AbortSignal.timeout(RENEWAL_TIMEOUT_MS) } },
        });
        payload = result.data?.refreshToken;
      } catch (error) {
        // Signed out (or in as someone else) meanwhile: nothing of this session is the tab's to end or keep.
        if (holding.current?.refreshToken !== renewing.refreshToken) return;
        if (refused(error)) return giveUp();
        // No answer: again a little later, unless a tab waiting on an expired session has waited long enough.
        if (count === 0) firstFailure.current = Date.now();
        if (renewing === expired && Date.now() - firstFailure.current >= EXPIRED_GIVE_UP_MS) return giveUp();
        return setFailures({ of: renewing, count: count + 1 });
      } finally {
        inFlight.current = null;
      }
      // Signed out (or in as someone else) while the renewal was on its way: its new sign-in is ended, not kept.
      if (holding.current?.refreshToken !== renewing.refreshToken) {
        if (payload) revoke(payload.refreshToken);
        return;
      }
      if (!payload) return giveUp();
      signIn({
        ...renewing,
        accessToken: payload.accessToken,
        refreshToken: payload.refreshToken,
        expiresAt: Date.now() + payload.expiresIn * 1000,
      });
    }, due);
    return () => clearTimeout(timer);
  }, [renewing, expired, count, refresh, revoke, signIn, signOut]);
  return null;
}

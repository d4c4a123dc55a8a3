import { useMutation } from '@apollo/client/react';
import { useEffect } from 'react';
import { graphql } from '../gql';
import { useRevokeSession } from './revoke-session';
import { useSession } from './session';

const REFRESH = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshToken(refreshToken: $refreshToken) {
      accessToken
      refreshToken
      expiresIn
    }
  }
`);

/** How long a renewal may take before the session is given up (signed out here, ended on the server). */
const RENEWAL_TIMEOUT_MS = 10_000;

/**
 * Renews the 15-minute access token a minute before it ends, so a long booking never signs out; a stored session
 * whose access token already ran out (a tab reloaded after a while) at once. A session that cannot be renewed is
 * forgotten and ended on the server: a tab that shows nobody signed in keeps no refresh token that still works.
 */
export function SessionRefresher() {
  const { session, expired, signIn, signOut } = useSession();
  const [refresh] = useMutation(REFRESH);
  const revoke = useRevokeSession();
  const renewing = session ?? expired;
  useEffect(() => {
    if (!renewing) return;
    const timer = setTimeout(
      async () => {
        // Within a deadline: a reloaded tab waits for this renewal, which a hanging connection must not hold up.
        const result = await refresh({
          variables: { refreshToken: renewing.refreshToken },
          context: { fetchOptions: { signal: AbortSignal.timeout(RENEWAL_TIMEOUT_MS) } },
        }).catch(() => undefined);
        const payload = result?.data?.refreshToken;
        if (!payload) {
          signOut();
          return revoke(renewing.refreshToken);
        }
        signIn({
          ...renewing,
          accessToken: payload.accessToken,
          refreshToken: payload.refreshToken,
          expiresAt: Date.now() + payload.expiresIn * 1000,
        });
      },
      Math.max(0, renewing.expiresAt - Date.now() - 60_000),
    );
    return () => clearTimeout(timer);
  }, [renewing, refresh, revoke, signIn, signOut]);
  return null;
}

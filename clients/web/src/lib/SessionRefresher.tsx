import { useMutation } from '@apollo/client/react';
import { useEffect } from 'react';
import { graphql } from '../gql';
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

/** Renews the 15-minute access token a minute before it ends, so a long booking never signs out. */
export function SessionRefresher() {
  const { session, signIn, signOut } = useSession();
  const [refresh] = useMutation(REFRESH);
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(
      async () => {
        const result = await refresh({ variables: { refreshToken: session.refreshToken } }).catch(() => undefined);
        const payload = result?.data?.refreshToken;
        if (!payload) return signOut();
        signIn({
          ...session,
          accessToken: payload.accessToken,
          refreshToken: payload.refreshToken,
          expiresAt: Date.now() + payload.expiresIn * 1000,
        });
      },
      Math.max(0, session.expiresAt - Date.now() - 60_000),
    );
    return () => clearTimeout(timer);
  }, [session, refresh, signIn, signOut]);
  return null;
}

import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { graphql } from '../gql';

const LOGOUT = graphql(`
  mutation SignOut($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`);

/**
 * Ends a sign-in on the server (its refresh token, and the access tokens issued to it) in the background. Callers
 * forget the session first: a request that hangs or fails must never leave the tab signed in, and an access token
 * that stays valid on the server ends within its 15 minutes anyway.
 */
export function useRevokeSession(): (refreshToken: string) => void {
  const [logout] = useMutation(LOGOUT);
  return useCallback(
    (refreshToken: string) => void logout({ variables: { refreshToken } }).catch(() => undefined),
    [logout],
  );
}

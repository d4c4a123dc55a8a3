import type { GraphQLError } from 'graphql';
import { viewerFromAuthorization, whenCredentialsExpire, type TokenVerifier } from '../auth/token-verifier';
import { AppError } from '../errors';
import type { BaseContext } from './subgraph-server';

/** Where a request context keeps the `Authorization` it was verified from. */
export const CREDENTIALS = Symbol('credentials');

interface Watched {
  authorization: string;
  end: (error: GraphQLError) => void;
}

/**
 * How long after its token expired a subscription still open here is ended. The router closes its clients'
 * connections when their tokens expire (they reconnect with new ones, and their subscriptions go on); this
 * ends, a little later, what reaches a subgraph some other way.
 */
export const EXPIRED_SUBSCRIPTION_GRACE_MS = 30_000;

/**
 * Ends open subscriptions whose credentials no longer hold: a user's whose tokens were revoked (suspended,
 * role changed), and each one once its token has expired (EXPIRED_SUBSCRIPTION_GRACE_MS later). Each is checked
 * again with the credentials it was opened with, and those refused now end with that error (UNAUTHENTICATED).
 * Subscriptions opened with a token issued after the revocation live on.
 */
export function watchCredentials(verifier: TokenVerifier, expiredGraceMs = EXPIRED_SUBSCRIPTION_GRACE_MS) {
  const byUser = new Map<string, Set<Watched>>();
  const check = ({ authorization, end }: Watched) =>
    viewerFromAuthorization(authorization, verifier).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'UNAUTHENTICATED') end(error.toGraphQLError());
    });
  verifier.revocations?.onRevoke((userId) => {
    for (const watched of byUser.get(userId) ?? []) void check(watched);
  });

  return (contextValue: unknown, end: (error: GraphQLError) => void): (() => void) => {
    const context = contextValue as BaseContext & { [CREDENTIALS]?: string | null };
    const userId = context.viewer?.userId;
    const authorization = context[CREDENTIALS];
    if (!userId || !authorization) return () => undefined;
    const watched: Watched = { authorization, end };
    let users = byUser.get(userId);
    if (!users) byUser.set(userId, (users = new Set()));
    users.add(watched);
    // A revocation that arrived between the subscribe's own check and this point is not missed.
    void check(watched);
    let recheck: ReturnType<typeof setInterval> | undefined;
    // A second past the expiry (timers are not exact), then every 5 s: verification may still pass at first (auth's
    // keys out of reach answer UNAVAILABLE, not UNAUTHENTICATED).
    const unexpire = whenCredentialsExpire(
      authorization,
      () => {
        void check(watched);
        recheck = setInterval(() => void check(watched), 5_000);
      },
      expiredGraceMs + 1_000,
    );
    return () => {
      unexpire();
      clearInterval(recheck);
      users.delete(watched);
      if (users.size === 0 && byUser.get(userId) === users) byUser.delete(userId);
    };
  };
}

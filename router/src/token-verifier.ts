// The router's token verifier: who a request's token names, for the rate limits and the connection caps.
import { createTokenVerifier, RedisRevocationList, type Logger, type TokenVerifier } from '@busline/shared';
import type { RouterConfig } from './env';

export interface RouterVerifier {
  verifier: TokenVerifier;
  close(): Promise<void>;
}

/**
 * Auth's key set and, with Redis, the revocations every process shares (as the subgraphs read them): a token of an
 * ended sign-in (a logout, a password change or reset, a suspension) counts as the address it comes from, not as its
 * user, so whoever kept a copy cannot spend that user's request budget for the rest of its 15 minutes.
 */
export function routerVerifier(
  config: Pick<RouterConfig, 'AUTH_JWKS_URL' | 'JWT_ISSUER' | 'JWT_AUDIENCE' | 'REDIS_URL'>,
  logger: Logger,
): RouterVerifier {
  const revocations = config.REDIS_URL
    ? new RedisRevocationList({ url: config.REDIS_URL, logger: logger.child({ component: 'revocations' }) })
    : undefined;
  const verifier = createTokenVerifier({
    jwksUrl: config.AUTH_JWKS_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    revocations,
  });
  return { verifier, close: async () => revocations?.close() };
}

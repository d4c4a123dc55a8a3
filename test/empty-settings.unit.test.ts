// Empty settings and long durations at start-up (docs/configuration.md, its introduction): an empty value — compose's
// `${X:-}`, `X=` in an env file, a ConfigMap's "" — is unset, never the 0 that `Number('')` is, which for most limits
// means "none"; a duration past what a Node timer takes (it would fire at once) is refused.
import { describe, expect, it } from 'vitest';
import { assertProductionSecrets, ConfigError } from '../packages/shared/src/config/env';
import { decideRetry, retryPolicyFromEnv } from '../packages/shared/src/events/retry-policy';
import { loadConfig as loadRouterConfig } from '../router/src/env';
import { loadConfig as loadPaymentConfig } from '../subgraphs/payment/src/public';
import { loadConfig as loadTicketingConfig } from '../subgraphs/ticketing/src/public';

describe('an empty or blank setting', () => {
  it('keeps the router rate limits and connection caps at their defaults, not 0 ("no limit")', () => {
    for (const blank of ['', '  ']) {
      const config = loadRouterConfig({
        RATE_LIMIT_USER_PER_MINUTE: blank,
        RATE_LIMIT_ADDRESS_PER_MINUTE: blank,
        HTTP_MAX_CONNECTIONS_PER_ADDRESS: blank,
      });
      expect(config.RATE_LIMIT_USER_PER_MINUTE).toBe(loadRouterConfig({}).RATE_LIMIT_USER_PER_MINUTE);
      expect(config.RATE_LIMIT_USER_PER_MINUTE).toBeGreaterThan(0);
      expect(config.RATE_LIMIT_ADDRESS_PER_MINUTE).toBeGreaterThan(0);
      expect(config.HTTP_MAX_CONNECTIONS_PER_ADDRESS).toBeGreaterThan(0);
    }
  });

  it('keeps cancellation closing before departure and failing events retried for hours', () => {
    expect(loadTicketingConfig({ CANCELLATION_CLOSES_MINUTES: '' }).CANCELLATION_CLOSES_MINUTES).toBe(30);
    const policy = retryPolicyFromEnv({ baseDelayMs: 1000, maxAttempts: 5 }, { EVENT_RETRY_FOR_MS: '' });
    const now = Date.now();
    expect(policy.retryForMs).toBe(6 * 3600_000);
    expect(decideRetry(policy, 'transient', 1, now, now)).toEqual({ deadLetter: false, delayMs: 1000 });
  });

  it('counts as missing where a value is required; an empty NODE_ENV is refused and an empty CORS_ORIGINS is none', () => {
    // Unset, so production refuses to start without it (assertProductionSecrets), as for a missing one.
    expect(loadRouterConfig({ ROUTER_SECRET: ' ' }).ROUTER_SECRET).toBeUndefined();
    const blankSecret = loadRouterConfig({ NODE_ENV: 'production', ROUTER_SECRET: ' ' });
    expect(() => assertProductionSecrets('router', blankSecret)).toThrow(/ROUTER_SECRET: required/);
    // An empty NODE_ENV is refused, never taken as development (which would skip production's checks).
    expect(() => loadRouterConfig({ NODE_ENV: '' })).toThrow(ConfigError);
    expect(() => loadPaymentConfig({ NODE_ENV: ' ' })).toThrow(/NODE_ENV/);
    expect(loadRouterConfig({ CORS_ORIGINS: '' }).CORS_ORIGINS).toBe('');
  });
});

describe('a duration in milliseconds', () => {
  it('past 2^31-1 (Node runs such a timer at once) is refused at start with the variable named', () => {
    for (const name of ['PROVIDER_TIMEOUT_MS', 'RECONCILE_INTERVAL_MS', 'REFUND_RETRY_MAX_MS']) {
      expect(() => loadPaymentConfig({ [name]: '3000000000' }), name).toThrow(new RegExp(name));
    }
    expect(() => retryPolicyFromEnv({ baseDelayMs: 1, maxAttempts: 1 }, { EVENT_RETRY_FOR_MS: '3000000000' })).toThrow(
      /EVENT_RETRY_FOR_MS/,
    );
  });
});

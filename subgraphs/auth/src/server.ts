import { createEventRuntime, json, serveSubgraph, type SubgraphDeps } from '@busline/shared';
import { buildContext, type AuthServices } from './context';
import { AccessTokenSigner, createOwnTokenVerifier } from './crypto/access-tokens';
import { DeviceTokens } from './crypto/device-tokens';
import { generateSigningKeys, loadSigningKeySet } from './crypto/signing-keys';
import { retentionRules } from './db/retention';
import { outbox, processedEvents } from './db/schema';
import { createHandlers } from './events';
import type { AuthServerOptions } from './options';
import { resolvers } from './resolvers';
import { SessionIssuer } from './services/issue-session';
import { LogInService } from './services/log-in';
import { LogOutService } from './services/log-out';
import { ChangePasswordService } from './services/change-password';
import { DEFAULT_THROTTLE, LoginThrottle, type ThrottleSettings } from './services/login-throttle';
import { RefreshSessionService } from './services/refresh-session';
import { RegisterService } from './services/register';
import { ResetPasswordService } from './services/reset-password';
import { revocationReplay } from './services/replay-revocations';
import { assertNoDemoAccounts, DEMO_ACCOUNTS } from './demo-accounts';

export const SUBGRAPH = 'auth';
export const JWKS_PATH = '/.well-known/jwks.json';

/** Defaults match subgraphEnv's JWT_ISSUER/JWT_AUDIENCE defaults. */
const DEFAULTS = {
  issuer: 'https://auth.busline.local',
  audience: 'busline',
  accessTokenTtlSeconds: 15 * 60,
  refreshTokenTtlSeconds: 30 * 24 * 3600,
  signInMaxSeconds: 90 * 24 * 3600,
  refreshRepeatGraceSeconds: 30,
  deviceTokenTtlSeconds: 180 * 24 * 3600,
};

/** Failed sign-ins count within the throttle's windows; kept a day at least, and twice the longest window. */
export const loginFailuresRetentionMs = (settings: ThrottleSettings) =>
  Math.max(24 * 3600_000, 2 * 1000 * Math.max(settings.windowSeconds, settings.registerWindowSeconds));

/** The auth domain wired to one database (also used by the seed, without an HTTP server). */
export function createAuthServices(
  deps: Pick<SubgraphDeps, 'db' | 'bus' | 'logger' | 'revocations'>,
  options: AuthServerOptions = {},
) {
  const settings = { ...DEFAULTS, ...options };
  const throttleSettings: ThrottleSettings = { ...DEFAULT_THROTTLE, ...options.loginThrottle };
  const events = createEventRuntime(SUBGRAPH, deps, { outbox, processedEvents }, createHandlers(deps.revocations), {
    retention: retentionRules(loginFailuresRetentionMs(throttleSettings)),
  });
  const keys = (async () => loadSigningKeySet(settings.signingKeys ?? (await generateSigningKeys())))();
  keys.catch((error: unknown) => deps.logger.fatal({ err: error }, 'auth signing keys cannot be loaded'));
  const tokenSettings = {
    issuer: settings.issuer,
    audience: settings.audience,
    ttlSeconds: settings.accessTokenTtlSeconds,
  };
  const sessions = new SessionIssuer(
    new AccessTokenSigner(keys, tokenSettings),
    settings.refreshTokenTtlSeconds,
    settings.signInMaxSeconds,
    keys,
  );
  const throttle = new LoginThrottle(deps.db.db, throttleSettings);
  const devices = new DeviceTokens(keys, {
    issuer: settings.issuer,
    audience: settings.audience,
    ttlSeconds: settings.deviceTokenTtlSeconds,
  });
  const services: AuthServices = {
    register: new RegisterService(
      deps.db.db,
      events.runner,
      sessions,
      throttle,
      devices,
      options.refuseDemoAccounts ? new Set(DEMO_ACCOUNTS.map((account) => account.email)) : undefined,
    ),
    logIn: new LogInService(deps.db.db, events.runner, sessions, throttle, devices),
    refreshSession: new RefreshSessionService(
      events.runner,
      sessions,
      deps.revocations,
      deps.logger,
      settings.refreshRepeatGraceSeconds,
    ),
    logOut: new LogOutService(events.runner, deps.revocations, deps.logger),
    changePassword: new ChangePasswordService(deps.db.db, events.runner, throttle, deps.revocations, deps.logger),
    resetPassword: new ResetPasswordService(events.runner, throttle, deps.revocations, deps.logger),
  };
  return { services, events, keys, tokenSettings };
}

/** Builds the auth subgraph (not started: call `start(port)`). Omitted options → an ephemeral key (tests). */
export function createServer(deps: SubgraphDeps, options: AuthServerOptions = {}) {
  const { services, events, keys, tokenSettings } = createAuthServices(deps, options);
  const server = serveSubgraph(deps, {
    name: SUBGRAPH,
    schema: new URL('./schema.graphql', import.meta.url),
    resolvers,
    verifier: createOwnTokenVerifier(keys, tokenSettings, deps.verifier),
    buildContext: (base) => buildContext(base, deps.db.db, services),
    readiness: [{ name: 'signing-keys', check: () => keys }],
    workers: [...events.workers, revocationReplay(deps.db.db, deps.revocations, deps.logger)],
    routes: [
      {
        // Public on purpose: routes answer before the router-secret gate, so verifiers anywhere can fetch it.
        method: 'GET',
        path: JWKS_PATH,
        handler: async () => json((await keys).jwks, 200, { 'cache-control': 'public, max-age=300' }),
      },
    ],
  });
  const start = server.start.bind(server);
  return Object.assign(server, {
    events,
    async start(port?: number, host?: string) {
      if (options.refuseDemoAccounts) await assertNoDemoAccounts(deps.db.db);
      return start(port, host);
    },
  });
}

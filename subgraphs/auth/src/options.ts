import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { generateSigningKeys, parseSigningKeys, type PrivateSigningJwk } from './crypto/signing-keys';
import type { AuthConfig } from './env';
import type { ThrottleSettings } from './services/login-throttle';

/** What the auth subgraph needs beyond SubgraphDeps. Everything omitted gets a safe default (tests). */
export interface AuthServerOptions {
  /** Private Ed25519 JWKs; the first signs. Omitted → one ephemeral key (tokens die with the process). */
  signingKeys?: PrivateSigningJwk[];
  /** `iss` of access tokens; must match every verifier's JWT_ISSUER. */
  issuer?: string;
  /** `aud` of access tokens; must match every verifier's JWT_AUDIENCE. */
  audience?: string;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  /** The longest a sign-in lasts from the sign-in itself, however often its tokens are renewed; 90 days. */
  signInMaxSeconds?: number;
  /**
   * How long after a refresh token's exchange the client repeating it with the same idempotency key (its answer lost)
   * gets the same successor rather than ending the sign-in as a copy; 30 s, 0 never.
   */
  refreshRepeatGraceSeconds?: number;
  /** How long a device token (a device that signed in, throttled on its own) stays valid; 180 days. */
  deviceTokenTtlSeconds?: number;
  /** Sign-in and registration throttling (see LoginThrottle); omitted settings keep their defaults. */
  loginThrottle?: Partial<ThrottleSettings>;
  /**
   * Refuse to start over a database that holds the demo accounts (seed.ts), whose passwords README.md publishes, a
   * platform admin's among them: production's (NODE_ENV=production).
   */
  refuseDemoAccounts?: boolean;
}

async function readKeysFile(path: string): Promise<PrivateSigningJwk[]> {
  return parseSigningKeys(JSON.parse(await readFile(path, 'utf8')), path);
}

/**
 * Signing keys from AUTH_SIGNING_KEYS, else AUTH_SIGNING_KEYS_FILE; outside production, when
 * both are absent, keys generated once and kept under DATA_DIR so tokens survive restarts.
 */
export async function loadServerOptions(config: AuthConfig): Promise<AuthServerOptions> {
  const base = {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    refuseDemoAccounts: config.NODE_ENV === 'production',
  };
  if (config.AUTH_SIGNING_KEYS) {
    return { ...base, signingKeys: parseSigningKeys(JSON.parse(config.AUTH_SIGNING_KEYS), 'AUTH_SIGNING_KEYS') };
  }
  if (config.AUTH_SIGNING_KEYS_FILE) return { ...base, signingKeys: await readKeysFile(config.AUTH_SIGNING_KEYS_FILE) };
  if (config.NODE_ENV === 'production') {
    throw new Error(
      'auth: AUTH_SIGNING_KEYS or AUTH_SIGNING_KEYS_FILE is required in production (generate with `npm run keys`)',
    );
  }
  const path = join(config.DATA_DIR, 'keys', 'auth.json');
  if (existsSync(path)) return { ...base, signingKeys: await readKeysFile(path) };
  const signingKeys = await generateSigningKeys();
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(signingKeys, null, 2)}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  return { ...base, signingKeys };
}

import { randomUUID } from 'node:crypto';
import { vi } from 'vitest';
import { graphqlRequest, startTestSubgraph, type TestSubgraph } from '@busline/shared/testing';
import { AccessTokenSigner } from '../src/crypto/access-tokens';
import { generateSigningKeys, type PrivateSigningJwk } from '../src/crypto/signing-keys';
import { migrations } from '../src/db/migrations';
import type { AuthServerOptions } from '../src/options';
import { createServer } from '../src/server';

export type AuthSubgraph = TestSubgraph<ReturnType<typeof createServer>> & {
  keys: PrivateSigningJwk[];
  options: AuthServerOptions;
};

export const ISSUER = 'https://auth.test.busline';
export const AUDIENCE = 'busline-test';

/** The auth subgraph on port 0 with signing keys the test knows (to forge tokens with). */
export async function startAuth(extra: AuthServerOptions = {}): Promise<AuthSubgraph> {
  const keys = await generateSigningKeys();
  const options: AuthServerOptions = { signingKeys: keys, issuer: ISSUER, audience: AUDIENCE, ...extra };
  const subgraph = await startTestSubgraph({
    name: 'auth',
    migrations,
    createServer: (deps) => createServer(deps, options),
  });
  return Object.assign(subgraph, { keys, options });
}

/** Calls auth as a client would: optional bearer token, and a client address the router would set. */
export function call(
  subgraph: AuthSubgraph,
  query: string,
  variables: Record<string, unknown> = {},
  opts: { token?: string; ip?: string } = {},
) {
  return graphqlRequest(subgraph.graphqlUrl, query, variables, {
    'x-client-ip': opts.ip ?? `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
  });
}

export const PAYLOAD = 'accessToken refreshToken expiresIn user { id email role companyId }';

export const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { ${PAYLOAD} } }`;
export const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { ${PAYLOAD} } }`;
export const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { ${PAYLOAD} } }`;
export const LOGOUT = 'mutation($t: String!) { logout(refreshToken: $t) }';
export const ME = '{ me { id email role companyId } }';

export interface Payload {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; email: string; role: string; companyId: string | null };
}

export const newEmail = () => `user-${randomUUID().slice(0, 8)}@example.com`;
export const PASSWORD = 'correct-horse-battery';

/** Registers a fresh passenger and returns its session. */
export async function registerUser(subgraph: AuthSubgraph, email = newEmail()): Promise<Payload & { email: string }> {
  const result = await call(subgraph, REGISTER, {
    input: { email, password: PASSWORD, fullName: 'Test Person', phone: '+250788000111' },
  });
  if (!result.data?.register) throw new Error(`register failed: ${JSON.stringify(result.errors)}`);
  return { ...(result.data.register as Payload), email };
}

export const codeOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.[0]?.extensions?.code;

/** Holds the next access token's signing (a slow event loop, a pause) until `release()`. */
export function holdNextSigning() {
  const sign = AccessTokenSigner.prototype.sign;
  let reached!: () => void;
  const signing = new Promise<void>((resolve) => (reached = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  const spy = vi.spyOn(AccessTokenSigner.prototype, 'sign').mockImplementation(async function (
    this: AccessTokenSigner,
    subject,
  ) {
    if (!held) {
      held = true;
      reached();
      await released;
    }
    return sign.call(this, subject);
  });
  return { signing, release, restore: () => spy.mockRestore() };
}

/** Until the clock's second changes: a token signed after it has a later `iat` than a revocation before it. */
export async function nextSecond(): Promise<void> {
  const second = Math.floor(Date.now() / 1000);
  while (Math.floor(Date.now() / 1000) === second) await new Promise((resolve) => setTimeout(resolve, 20));
}

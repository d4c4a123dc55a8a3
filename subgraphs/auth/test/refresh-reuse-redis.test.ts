import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisRevocationList, type RevocationList } from '@busline/shared';
import { startTestSubgraph, testEnv, testLogger, uniqueName, type TestSubgraph } from '@busline/shared/testing';
import { generateSigningKeys } from '../src/crypto/signing-keys';
import { migrations } from '../src/db/migrations';
import { createServer } from '../src/server';
import { AUDIENCE, call, ISSUER, REFRESH, registerUser, type AuthSubgraph } from './auth-harness';

/**
 * README "Revocation": a refresh token presented a second time (it was copied) ends its sign-in on every subgraph,
 * the copier's access tokens included. When Redis refuses that one write for a moment (a blink, a failover), the
 * revocation reaches the other processes the next time a token of the sign-in is presented, as a logout's does when
 * asked again. It was lost for good: the family already revoked, nothing was written again, and the copier's access
 * token kept working on every other subgraph for its 15 minutes.
 */
const prefix = `test:${uniqueName('sessions')}:`;
let auth: TestSubgraph<ReturnType<typeof createServer>>;
let redisDown = false;
const lists: RedisRevocationList[] = [];
const list = (name: string) => {
  const created = new RedisRevocationList({ url: testEnv.redisUrl!, prefix, logger: testLogger(name) });
  lists.push(created);
  return created;
};

beforeAll(async () => {
  const signingKeys = await generateSigningKeys();
  const shared = list('auth');
  await shared.ready;
  auth = await startTestSubgraph({
    name: 'auth',
    migrations,
    createServer: (deps) => {
      // auth's revocation list on Redis; while `redisDown`, Redis does not take the write (the local note is kept,
      // as RedisRevocationList.revoke notes before it writes).
      const revocations: RevocationList = {
        isRevoked: (...args) => shared.isRevoked(...args),
        onRevoke: (listener) => shared.onRevoke(listener),
        close: async () => undefined,
        revoke: async (userId, at, sessionId) => {
          if (redisDown) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
          return shared.revoke(userId, at, sessionId);
        },
      };
      return createServer({ ...deps, revocations }, { signingKeys, issuer: ISSUER, audience: AUDIENCE });
    },
  });
});
afterAll(async () => {
  await auth?.stop();
  for (const created of lists) await created.close();
});

describe.runIf(testEnv.redisUrl)('refresh-token reuse while Redis refuses a write', () => {
  it("still ends the copier's access tokens on the other subgraphs once Redis is back", async () => {
    const other = list('ticketing'); // any other subgraph's process
    await other.ready;
    const victim = await registerUser(auth as unknown as AuthSubgraph);
    // The copier uses the stolen refresh token first.
    const stolen = await call(auth as unknown as AuthSubgraph, REFRESH, { t: victim.refreshToken });
    const copier = stolen.data!.refreshToken as { accessToken: string; refreshToken: string };
    const { sub, iat, sid } = decodeJwt(copier.accessToken) as { sub: string; iat: number; sid: string };

    // The victim's app refreshes with the same token while Redis blinks: reuse detected, family revoked.
    redisDown = true;
    const reused = await call(auth as unknown as AuthSubgraph, REFRESH, { t: victim.refreshToken });
    expect(reused.errors?.[0]?.message).toMatch(/already used/);
    redisDown = false;

    // Redis is back; both tokens are even presented again.
    await call(auth as unknown as AuthSubgraph, REFRESH, { t: victim.refreshToken });
    await call(auth as unknown as AuthSubgraph, REFRESH, { t: copier.refreshToken });
    const deadline = Date.now() + 10_000;
    while (!other.isRevoked(sub, iat, sid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(other.isRevoked(sub, iat, sid)).toBe(true);
  });
});

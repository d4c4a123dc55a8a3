// A restart forgets the revocations it held (in memory with `npm start`, or in a Redis that came back empty): auth
// makes those of the last 16 minutes again from its own records as it starts, so a logged-out sign-in's and a
// suspended account's access tokens stay refused for as long as they live.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryRevocations } from '@busline/shared';
import { eventually, testLogger } from '@busline/shared/testing';
import { users } from '../src/db/schema';
import { replayRevocations } from '../src/services/replay-revocations';
import { call, LOGOUT, registerUser, startAuth, type AuthSubgraph } from './auth-harness';

let auth: AuthSubgraph;
beforeAll(async () => {
  auth = await startAuth();
});
afterAll(() => auth?.stop());

const claims = (token: string) => decodeJwt(token) as { sub: string; iat: number; sid: string };

describe('revocations made again at start', () => {
  it("refuse a logged-out sign-in's and a suspended account's tokens on a list that had forgotten them", async () => {
    const loggedOut = await registerUser(auth);
    expect((await call(auth, LOGOUT, { t: loggedOut.refreshToken })).data?.logout).toBe(true);
    const suspended = await registerUser(auth);
    const id = randomUUID();
    await auth.deps.bus.publish({
      id,
      type: 'user.suspended',
      source: 'user',
      occurredAt: new Date().toISOString(),
      payload: { userId: suspended.user.id, reason: 'fraud', suspendedBy: randomUUID() },
    });
    await eventually(
      async () =>
        (await auth.database.handle.db.select().from(users).where(eq(users.id, suspended.user.id)))[0]?.status ===
        'SUSPENDED',
    );
    const kept = await registerUser(auth);

    // The list of a process that restarted: empty.
    const restarted = createMemoryRevocations();
    const revoked = (token: string) => {
      const { sub, iat, sid } = claims(token);
      return restarted.isRevoked(sub, iat, sid);
    };
    expect(revoked(loggedOut.accessToken)).toBe(false);
    await replayRevocations(auth.database.handle.db, restarted, testLogger('auth'));
    expect({
      loggedOut: revoked(loggedOut.accessToken),
      suspended: revoked(suspended.accessToken),
      kept: revoked(kept.accessToken),
    }).toEqual({ loggedOut: true, suspended: true, kept: false });
  });
});

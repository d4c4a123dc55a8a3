// A sign-in (login or refresh) under way while the user subgraph suspends or demotes the account.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { createTokenVerifier } from '@busline/shared';
import { eventually, inFlight, itConcurrent, lockWaiters, untilWaiting } from '@busline/shared/testing';
import { toPublicJwks } from '../src/crypto/signing-keys';
import { processedEvents, refreshTokens } from '../src/db/schema';
import {
  AUDIENCE,
  call,
  codeOf,
  holdNextSigning,
  ISSUER,
  LOGIN,
  nextSecond,
  PASSWORD,
  REFRESH,
  registerUser,
  startAuth,
  type AuthSubgraph,
  type Payload,
} from './auth-harness';

let auth: AuthSubgraph;
beforeAll(async () => {
  auth = await startAuth();
});
afterAll(() => auth.stop());

async function publish(type: string, payload: Record<string, unknown>): Promise<string> {
  const id = randomUUID();
  await auth.deps.bus.publish({ id, type, source: 'user', occurredAt: new Date().toISOString(), payload });
  return id;
}
const processed = async (eventId: string) =>
  (await auth.database.handle.db.select().from(processedEvents).where(eq(processedEvents.eventId, eventId))).length > 0;

const waiting = () => lockWaiters(auth.database.handle.db);

/** How every subgraph checks a bearer token: auth's keys and the shared revocations. */
const verify = (token: string) =>
  createTokenVerifier({
    jwks: toPublicJwks(auth.keys),
    issuer: ISSUER,
    audience: AUDIENCE,
    revocations: auth.deps.revocations,
  })
    .verify(token)
    .catch(() => null);

describe('an admin decision racing a sign-in', () => {
  itConcurrent('a suspension waits for a refresh under way, then revokes what it signed and minted', async () => {
    const session = await registerUser(auth);
    const hold = holdNextSigning();
    try {
      // A thief's refresh is signing its access token (a slow event loop) ...
      const rotating = inFlight(call(auth, REFRESH, { t: session.refreshToken }));
      await hold.signing;
      // ... as support suspends the account: the decision waits for the refresh.
      const suspended = await publish('user.suspended', { userId: session.user.id, reason: 'account takeover' });
      await untilWaiting(rotating, async () => (await waiting()) >= 1);
      await nextSecond();
      hold.release();
      const minted = (await rotating.answer).data?.refreshToken as Payload;
      await eventually(() => processed(suspended));
      // Signed before the suspension took effect, and revoked by it.
      expect(await verify(minted.accessToken)).toBeNull();
      const tokens = await auth.database.handle.db
        .select()
        .from(refreshTokens)
        .where(eq(refreshTokens.userId, session.user.id));
      expect(tokens.length).toBe(2);
      expect(tokens.every((token) => token.revokedAt !== null)).toBe(true);
      // Reinstated, the account's owner signs in again; the thief's refresh token stays dead.
      const reinstated = await publish('user.reinstated', { userId: session.user.id });
      await eventually(() => processed(reinstated));
      expect(codeOf(await call(auth, REFRESH, { t: minted.refreshToken }))).toBe('UNAUTHENTICATED');
    } finally {
      hold.restore();
    }
  });

  itConcurrent('a demotion waits for a login under way, then revokes the admin token it signed', async () => {
    const session = await registerUser(auth);
    const companyId = randomUUID();
    const promoted = await publish('user.role_changed', { userId: session.user.id, role: 'COMPANY_ADMIN', companyId });
    await eventually(() => processed(promoted));
    const hold = holdNextSigning();
    try {
      const signingIn = inFlight(call(auth, LOGIN, { email: session.email, password: PASSWORD }));
      await hold.signing;
      const demoted = await publish('user.role_changed', {
        userId: session.user.id,
        role: 'PASSENGER',
        companyId: null,
      });
      await untilWaiting(signingIn, async () => (await waiting()) >= 1);
      await nextSecond();
      hold.release();
      const minted = (await signingIn.answer).data?.login as Payload;
      await eventually(() => processed(demoted));
      expect(await verify(minted.accessToken)).toBeNull();
      // The next sign-in (in a later second: one in the revocation's own second is refused once) has the new role.
      await nextSecond();
      const after = (await call(auth, LOGIN, { email: session.email, password: PASSWORD })).data?.login as Payload;
      expect((await verify(after.accessToken))?.role).toBe('PASSENGER');
    } finally {
      hold.restore();
    }
  });
});

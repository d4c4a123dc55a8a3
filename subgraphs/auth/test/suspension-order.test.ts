// A suspension that auth applies after the reinstatement that followed it (events of the two types travel on
// separate streams, and a suspension's handler is retried when Redis refuses its revocation) must still end the
// sessions that existed when the account was suspended: delivered in order, it does.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, type RevocationList } from '@busline/shared';
import { eventually, startTestSubgraph } from '@busline/shared/testing';
import { generateSigningKeys, toPublicJwks, type PrivateSigningJwk } from '../src/crypto/signing-keys';
import { migrations } from '../src/db/migrations';
import { processedEvents, users } from '../src/db/schema';
import { createServer } from '../src/server';
import {
  AUDIENCE,
  call,
  codeOf,
  ISSUER,
  LOGIN,
  nextSecond,
  PASSWORD,
  REFRESH,
  registerUser,
  type AuthSubgraph,
  type Payload,
} from './auth-harness';

let auth: AuthSubgraph;
let keys: PrivateSigningJwk[];
/** Revocations refused while above zero, as while Redis is away. */
let failuresLeft = 0;

beforeAll(async () => {
  keys = await generateSigningKeys();
  const started = await startTestSubgraph({
    name: 'auth',
    migrations,
    createServer: (deps) => {
      const flaky: RevocationList = {
        revoke: async (userId, at, sessionId) => {
          if (failuresLeft > 0) {
            failuresLeft--;
            throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
          }
          return deps.revocations.revoke(userId, at, sessionId);
        },
        isRevoked: (userId, iat, sid) => deps.revocations.isRevoked(userId, iat, sid),
        onRevoke: (listener) => deps.revocations.onRevoke(listener),
        close: () => deps.revocations.close(),
      };
      return createServer({ ...deps, revocations: flaky }, { signingKeys: keys, issuer: ISSUER, audience: AUDIENCE });
    },
  });
  auth = Object.assign(started, { keys, options: {} }) as unknown as AuthSubgraph;
});
afterAll(() => auth.stop());

async function publish(type: string, payload: Record<string, unknown>, occurredAt = new Date()): Promise<string> {
  const id = randomUUID();
  await auth.deps.bus.publish({ id, type, source: 'user', occurredAt: occurredAt.toISOString(), payload });
  return id;
}
const processed = async (eventId: string) =>
  (await auth.database.handle.db.select().from(processedEvents).where(eq(processedEvents.eventId, eventId))).length > 0;
const statusOf = async (id: string) =>
  (await auth.database.handle.db.select().from(users).where(eq(users.id, id)))[0]!.status;
const verify = (token: string) =>
  createTokenVerifier({
    jwks: toPublicJwks(keys),
    issuer: ISSUER,
    audience: AUDIENCE,
    revocations: auth.deps.revocations,
  })
    .verify(token)
    .catch(() => null);

describe('a suspension applied after the reinstatement that followed it', () => {
  it("still ends the sessions of before the suspension, not the owner's after the reinstatement", async () => {
    // The thief's session, signed in before support suspended the account.
    const thief = await registerUser(auth);
    await nextSecond();
    // The user subgraph: suspension (decision 41), then reinstatement (decision 42); auth sees the second first.
    const suspendedAt = new Date();
    await nextSecond();
    const reinstated = await publish('user.reinstated', {
      userId: thief.user.id,
      reinstatedBy: randomUUID(),
      decision: 42,
    });
    await eventually(() => processed(reinstated));
    // Reinstated, the owner signs in.
    await nextSecond();
    const owner = (await call(auth, LOGIN, { email: thief.email, password: PASSWORD })).data!.login as Payload;
    const suspended = await publish(
      'user.suspended',
      { userId: thief.user.id, reason: 'account takeover', suspendedBy: randomUUID(), decision: 41 },
      suspendedAt,
    );
    await eventually(() => processed(suspended));
    expect(await statusOf(thief.user.id)).toBe('ACTIVE');
    // Delivered in order, the suspension revoked these; the reinstatement that follows restores no session.
    expect(codeOf(await call(auth, REFRESH, { t: thief.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(await verify(thief.accessToken)).toBeNull();
    // The owner's sign-in goes on (its access token refreshed once; a token of the revocation's second is refused too).
    await nextSecond();
    const refreshed = await call(auth, REFRESH, { t: owner.refreshToken });
    expect(refreshed.errors).toBeUndefined();
    expect(await verify((refreshed.data!.refreshToken as Payload).accessToken)).not.toBeNull();
  });

  it('still ends them when the suspension was retried because its revocation could not be written', async () => {
    const thief = await registerUser(auth);
    await nextSecond();
    // Redis refuses the suspension's revocation: the event is redelivered after a back-off ...
    failuresLeft = 3;
    const suspended = await publish('user.suspended', {
      userId: thief.user.id,
      reason: 'account takeover',
      suspendedBy: randomUUID(),
      decision: 51,
    });
    // ... and meanwhile support reinstates the account (the reinstatement writes no revocation).
    await eventually(() => failuresLeft < 3);
    const reinstated = await publish('user.reinstated', {
      userId: thief.user.id,
      reinstatedBy: randomUUID(),
      decision: 52,
    });
    await eventually(() => processed(reinstated));
    await eventually(() => processed(suspended), 30_000);
    expect(await statusOf(thief.user.id)).toBe('ACTIVE');
    expect(codeOf(await call(auth, REFRESH, { t: thief.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(await verify(thief.accessToken)).toBeNull();
  });
});

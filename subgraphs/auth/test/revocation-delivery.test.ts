import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RevocationList } from '@busline/shared';
import { eventually, startTestSubgraph, type TestSubgraph } from '@busline/shared/testing';
import { generateSigningKeys } from '../src/crypto/signing-keys';
import { migrations } from '../src/db/migrations';
import { users } from '../src/db/schema';
import { createServer } from '../src/server';
import { AUDIENCE, ISSUER, registerUser, type AuthSubgraph } from './auth-harness';

let auth: TestSubgraph<ReturnType<typeof createServer>>;
/** Revocations refused while this is above zero, as when Redis is away. */
let failuresLeft = 0;
const attempts: string[] = [];

beforeAll(async () => {
  const signingKeys = await generateSigningKeys();
  auth = await startTestSubgraph({
    name: 'auth',
    migrations,
    createServer: (deps) => {
      const flaky: RevocationList = {
        ...deps.revocations,
        isRevoked: (userId, iat) => deps.revocations.isRevoked(userId, iat),
        onRevoke: (listener) => deps.revocations.onRevoke(listener),
        close: () => deps.revocations.close(),
        revoke: async (userId, at) => {
          attempts.push(userId);
          if (failuresLeft > 0) {
            failuresLeft--;
            throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
          }
          return deps.revocations.revoke(userId, at);
        },
      };
      return createServer({ ...deps, revocations: flaky }, { signingKeys, issuer: ISSUER, audience: AUDIENCE });
    },
  });
});
afterAll(() => auth.stop());

describe('revocation on a suspension', () => {
  it('is retried with the event when it cannot be written, so the old tokens end anyway', async () => {
    const session = await registerUser(auth as unknown as AuthSubgraph);
    const issuedAt = Math.floor(Date.now() / 1000);
    failuresLeft = 2;
    await auth.deps.bus.publish({
      id: randomUUID(),
      type: 'user.suspended',
      source: 'user',
      occurredAt: new Date().toISOString(),
      payload: { userId: session.user.id, reason: 'fraud', suspendedBy: randomUUID() },
    });
    await eventually(() => auth.deps.revocations.isRevoked(session.user.id, issuedAt), 20_000);
    expect(attempts.filter((id) => id === session.user.id).length).toBeGreaterThanOrEqual(3);
    // The revocation is written before the suspension commits (so a failed write redelivers the event):
    // the status follows it, a moment later.
    const status = async () =>
      (await auth.database.handle.db.select().from(users).where(eq(users.id, session.user.id)))[0]!.status;
    await eventually(async () => (await status()) === 'SUSPENDED', 10_000);
    expect(await status()).toBe('SUSPENDED');
  });
});

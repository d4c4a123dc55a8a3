import { randomUUID } from 'node:crypto';
import { and, eq, inArray, ne } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deleteExpired } from '@busline/shared';
import { inFlight, lockWaiters, untilWaiting } from '@busline/shared/testing';
import { refreshTokens } from '../src/db/schema';
import { hashToken } from '../src/services/issue-session';
import { EXPIRED_REFRESH_TOKENS_RETENTION_MS } from '../src/db/retention';
import {
  call,
  codeOf,
  holdNextSigning,
  LOGIN,
  LOGOUT,
  nextSecond,
  ME,
  PASSWORD,
  PAYLOAD,
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

const refresh = (token: string) => call(auth, REFRESH, { t: token });

describe('refresh tokens', () => {
  it('rotates: a refresh returns a new refresh token and a working access token', async () => {
    const session = await registerUser(auth);
    const result = await refresh(session.refreshToken);
    const next = result.data?.refreshToken as Payload;
    // 32 random bytes, base64url: a new token, not the one presented.
    expect(next.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(next.user.id).toBe(session.user.id);
    const me = await call(auth, ME, {}, { token: next.accessToken });
    expect((me.data?.me as { id: string }).id).toBe(session.user.id);
  });

  it('refuses a refresh token that was already used', async () => {
    const session = await registerUser(auth);
    await refresh(session.refreshToken);
    const reuse = await refresh(session.refreshToken);
    expect(codeOf(reuse)).toBe('UNAUTHENTICATED');
  });

  it('revokes the whole family when a used token comes back, so the newer token fails too', async () => {
    const session = await registerUser(auth);
    const newer = (await refresh(session.refreshToken)).data?.refreshToken as Payload;
    await refresh(session.refreshToken);
    const result = await refresh(newer.refreshToken);
    expect(codeOf(result)).toBe('UNAUTHENTICATED');
  });

  it('keeps other sign-ins of the same user alive when one family is revoked', async () => {
    const first = await registerUser(auth);
    const second = (
      await call(auth, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { refreshToken } }', {
        e: first.email,
        p: 'correct-horse-battery',
      })
    ).data?.login as Payload;
    await refresh(first.refreshToken);
    await refresh(first.refreshToken);
    expect(codeOf(await refresh(second.refreshToken))).toBeUndefined();
  });

  it('refuses an unknown refresh token', async () => {
    expect(codeOf(await refresh('x'.repeat(43)))).toBe('UNAUTHENTICATED');
  });

  it('logout revokes the session: its refresh token no longer works', async () => {
    const session = await registerUser(auth);
    const newer = (await refresh(session.refreshToken)).data?.refreshToken as Payload;
    const result = await call(auth, LOGOUT, { t: newer.refreshToken });
    expect(result.data?.logout).toBe(true);
    expect(codeOf(await refresh(newer.refreshToken))).toBe('UNAUTHENTICATED');
  });

  it("logout ends that sign-in's access tokens at once, and no other sign-in's of the same user", async () => {
    const session = await registerUser(auth);
    const newer = (await refresh(session.refreshToken)).data?.refreshToken as Payload;
    const other = (await call(auth, LOGIN, { email: session.email, password: PASSWORD })).data?.login as Payload;
    const whoAmI = async (token: string) => {
      const result = await call(auth, ME, {}, { token });
      return result.errors ? `${codeOf(result)}: ${result.errors[0]!.message}` : (result.data?.me as { id: string }).id;
    };
    expect(await whoAmI(newer.accessToken)).toBe(session.user.id);
    expect((await call(auth, LOGOUT, { t: newer.refreshToken })).data?.logout).toBe(true);
    const revoked = 'UNAUTHENTICATED: Access token revoked; sign in again';
    expect({
      first: await whoAmI(session.accessToken),
      rotated: await whoAmI(newer.accessToken),
      otherSignIn: await whoAmI(other.accessToken),
    }).toEqual({ first: revoked, rotated: revoked, otherSignIn: session.user.id });
  });

  it('answers UNAVAILABLE when the revocation cannot be written, and asking again finishes the logout', async () => {
    const session = await registerUser(auth);
    const revoke = vi.spyOn(auth.deps.revocations, 'revoke').mockRejectedValueOnce(new Error('Connection is closed.'));
    try {
      const first = await call(auth, LOGOUT, { t: session.refreshToken });
      expect(codeOf(first)).toBe('UNAVAILABLE');
      // The refresh tokens are revoked already; the access token still works until the logout is asked again.
      expect(codeOf(await call(auth, ME, {}, { token: session.accessToken }))).toBeUndefined();
      expect((await call(auth, LOGOUT, { t: session.refreshToken })).data?.logout).toBe(true);
      expect(codeOf(await call(auth, ME, {}, { token: session.accessToken }))).toBe('UNAUTHENTICATED');
    } finally {
      revoke.mockRestore();
    }
  });

  it("a copied refresh token presented again ends the access tokens of its sign-in (the copier's too)", async () => {
    const session = await registerUser(auth);
    const thief = (await refresh(session.refreshToken)).data?.refreshToken as Payload;
    expect(codeOf(await refresh(session.refreshToken))).toBe('UNAUTHENTICATED');
    const me = await call(auth, ME, {}, { token: thief.accessToken });
    expect(me.errors?.[0]?.message).toBe('Access token revoked; sign in again');
  });

  it('a logout racing a refresh of the same token leaves no refresh token of that sign-in alive', async () => {
    const sessions = await Promise.all(Array.from({ length: 8 }, () => registerUser(auth)));
    const raced = await Promise.all(
      sessions.map(async (session) => {
        const [rotated] = await Promise.all([
          refresh(session.refreshToken),
          call(auth, LOGOUT, { t: session.refreshToken }),
        ]);
        return (rotated.data?.refreshToken as Payload | undefined)?.refreshToken;
      }),
    );
    const survivors = raced.filter((token): token is string => Boolean(token));
    const answers = await Promise.all(survivors.map(async (token) => codeOf(await refresh(token))));
    expect(answers.filter((code) => code !== 'UNAUTHENTICATED')).toEqual([]);
  });

  /**
   * A thief rotating a copied token while the victim comes back (their used token: reuse detection; or a logout):
   * the test holds the refresh tokens' table in SHARE mode, so the thief's rotation pauses after it locked its
   * sign-in and token and before it writes, and the victim's call runs then.
   */
  async function revokeWhileRotating(revoke: (used: string) => Promise<unknown>): Promise<string | undefined> {
    const victim = await registerUser(auth);
    const copied = (await refresh(victim.refreshToken)).data!.refreshToken as Payload;
    const blocker = new pg.Client({ connectionString: auth.database.url });
    const observer = new pg.Client({ connectionString: auth.database.url });
    await Promise.all([blocker.connect(), observer.connect()]);
    const waiting = async () => {
      const { rows } = await observer.query<{ n: string }>(
        `select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      return Number(rows[0]!.n);
    };
    try {
      await blocker.query('begin');
      await blocker.query('lock table auth.refresh_tokens in share mode');
      const thief = inFlight(refresh(copied.refreshToken));
      await untilWaiting(thief, async () => (await waiting()) >= 1);
      const victimCall = inFlight(revoke(victim.refreshToken));
      await untilWaiting(victimCall, async () => (await waiting()) >= 2);
      await blocker.query('commit');
      const minted = await thief.answer;
      await victimCall.answer;
      return (minted.data?.refreshToken as Payload | undefined)?.refreshToken;
    } finally {
      await Promise.all([blocker.end(), observer.end()]);
    }
  }

  it("reuse detection also revokes the token a thief's rotation is minting at that moment", async () => {
    const minted = await revokeWhileRotating((used) => refresh(used));
    expect(minted).toBeDefined();
    expect(codeOf(await refresh(minted!))).toBe('UNAUTHENTICATED');
  });

  it("logout also revokes the token a thief's rotation is minting at that moment", async () => {
    const minted = await revokeWhileRotating((used) => call(auth, LOGOUT, { t: used }));
    expect(minted).toBeDefined();
    expect(codeOf(await refresh(minted!))).toBe('UNAUTHENTICATED');
  });

  const lockWaits = () => lockWaiters(auth.database.handle.db);

  it('voids the access token a rotation signs after a logout of its sign-in, even in a later second', async () => {
    const session = await registerUser(auth);
    const hold = holdNextSigning();
    try {
      // The rotation has committed its refresh token and signs its access token slowly.
      const rotating = refresh(session.refreshToken);
      await hold.signing;
      // The logout waits for the rotation's sign-in lock, held while it signs.
      const loggingOut = inFlight(call(auth, LOGOUT, { t: session.refreshToken }));
      await untilWaiting(loggingOut, async () => (await lockWaits()) >= 1);
      await nextSecond();
      hold.release();
      const minted = (await rotating).data?.refreshToken as Payload;
      expect((await loggingOut.answer).data?.logout).toBe(true);
      expect(codeOf(await call(auth, ME, {}, { token: minted.accessToken }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await refresh(minted.refreshToken))).toBe('UNAUTHENTICATED');
    } finally {
      hold.restore();
    }
  });

  it("voids the access token a thief's rotation signs after reuse detection ended the sign-in", async () => {
    const victim = await registerUser(auth);
    const copied = (await refresh(victim.refreshToken)).data!.refreshToken as Payload;
    const hold = holdNextSigning();
    try {
      const thief = refresh(copied.refreshToken);
      await hold.signing;
      const reuse = inFlight(refresh(copied.refreshToken));
      await untilWaiting(reuse, async () => (await lockWaits()) >= 1);
      await nextSecond();
      hold.release();
      const minted = (await thief).data?.refreshToken as Payload;
      expect(codeOf(await reuse.answer)).toBe('UNAUTHENTICATED');
      expect(codeOf(await call(auth, ME, {}, { token: minted.accessToken }))).toBe('UNAUTHENTICATED');
    } finally {
      hold.restore();
    }
  });

  it('deletes a token family 30 days after its newest token expired, and not before: reuse still revokes it', async () => {
    const [gone, kept, live] = [await registerUser(auth), await registerUser(auth), await registerUser(auth)];
    // `live` rotated: its first token is used, the second one current.
    const rotated = (await refresh(live.refreshToken)).data?.refreshToken as Payload;
    const db = auth.database.handle.db;
    const expireAgo = (userId: string, days: number, tokenHashNot?: string) =>
      db
        .update(refreshTokens)
        .set({ expiresAt: new Date(Date.now() - days * 24 * 3600_000) })
        .where(
          tokenHashNot
            ? and(eq(refreshTokens.userId, userId), ne(refreshTokens.tokenHash, tokenHashNot))
            : eq(refreshTokens.userId, userId),
        );
    await expireAgo(gone.user.id, 31);
    await expireAgo(kept.user.id, 29);
    // The used token of `live` expired long ago; the family's current one has not.
    await expireAgo(live.user.id, 60, hashToken(rotated.refreshToken));
    const rule = auth.server.events.retention.find((r) => r.table === refreshTokens)!;
    expect(rule.keepMs).toBe(EXPIRED_REFRESH_TOKENS_RETENTION_MS);
    await deleteExpired(db, rule);
    const rows = await db
      .select({ userId: refreshTokens.userId })
      .from(refreshTokens)
      .where(inArray(refreshTokens.userId, [gone.user.id, kept.user.id, live.user.id]));
    const count = (userId: string) => rows.filter((row) => row.userId === userId).length;
    expect([count(gone.user.id), count(kept.user.id), count(live.user.id)]).toEqual([0, 1, 2]);
    expect(codeOf(await refresh(gone.refreshToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await refresh(kept.refreshToken))).toBe('UNAUTHENTICATED');
    // The old used token of a live family, presented again, still revokes the family.
    expect(codeOf(await refresh(live.refreshToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await refresh(rotated.refreshToken))).toBe('UNAUTHENTICATED');
  });

  it('renews a sign-in for at most 90 days from the sign-in itself, however often it is refreshed', async () => {
    const session = await registerUser(auth);
    const db = auth.database.handle.db;
    const rowOf = async (token: string) =>
      (
        await db
          .select()
          .from(refreshTokens)
          .where(eq(refreshTokens.tokenHash, hashToken(token)))
      )[0]!;
    const first = await rowOf(session.refreshToken);
    // A new sign-in's token lives its 30 days.
    expect(first.expiresAt.getTime() - first.familyStartedAt.getTime()).toBeGreaterThan(29.9 * 24 * 3600_000);
    // The sign-in began 90 days ago less a minute: its next token lives that minute, not another 30 days.
    const began = new Date(Date.now() - 90 * 24 * 3600_000 + 60_000);
    await db.update(refreshTokens).set({ familyStartedAt: began }).where(eq(refreshTokens.userId, session.user.id));
    const next = (await refresh(session.refreshToken)).data?.refreshToken as Payload;
    const row = await rowOf(next.refreshToken);
    expect(row.familyStartedAt).toEqual(began);
    expect(row.expiresAt.getTime()).toBe(began.getTime() + 90 * 24 * 3600_000);
    // Once that minute is over, the sign-in is over: sign in again.
    await db
      .update(refreshTokens)
      .set({ familyStartedAt: new Date(began.getTime() - 120_000), expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(refreshTokens.id, row.id));
    expect(codeOf(await refresh(next.refreshToken))).toBe('UNAUTHENTICATED');
    const again = (await call(auth, LOGIN, { email: session.email, password: PASSWORD })).data?.login as Payload;
    const fresh = await rowOf(again.refreshToken);
    expect(fresh.expiresAt.getTime() - Date.now()).toBeGreaterThan(29.9 * 24 * 3600_000);
  });
});

describe('an exchange repeated after its answer was lost', () => {
  const REFRESH_WITH_KEY = `mutation($t: String!, $k: String) {
    refreshToken(refreshToken: $t, idempotencyKey: $k) { ${PAYLOAD} }
  }`;
  /** A client that sends `key` with its exchanges (from any address: a phone may change networks meanwhile). */
  const withKey = (key: string | null) => (token: string) => call(auth, REFRESH_WITH_KEY, { t: token, k: key });
  const db = () => auth.database.handle.db;

  it('answers the same key again with the same successor and a working access token; the sign-in goes on', async () => {
    const session = await registerUser(auth);
    const key = randomUUID();
    const phone = withKey(key);
    const first = (await phone(session.refreshToken)).data?.refreshToken as Payload;
    // The answer never reached the phone: it asks again with the token and the key it has.
    const repeat = (await phone(session.refreshToken)).data?.refreshToken as Payload;
    expect(repeat.refreshToken).toBe(first.refreshToken);
    expect(repeat.user.id).toBe(session.user.id);
    const me = await call(auth, ME, {}, { token: repeat.accessToken });
    expect((me.data?.me as { id: string }).id).toBe(session.user.id);
    // Nothing was revoked: the successor renews as usual, and both access tokens work.
    const next = (await withKey(randomUUID())(repeat.refreshToken)).data?.refreshToken as Payload;
    expect(next.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(codeOf(await call(auth, ME, {}, { token: first.accessToken }))).toBeUndefined();
    const rows = await db().select().from(refreshTokens).where(eq(refreshTokens.userId, session.user.id));
    expect(rows.map((row) => row.revokedAt)).toEqual([null, null, null]);
    // The key is kept as a hash only.
    expect(JSON.stringify(rows)).not.toContain(key);
  });

  it('takes the same token without the key, or with another, for a copy: the sign-in ends', async () => {
    for (const other of [null, randomUUID()]) {
      const session = await registerUser(auth);
      const next = (await withKey(randomUUID())(session.refreshToken)).data?.refreshToken as Payload;
      expect(codeOf(await withKey(other)(session.refreshToken))).toBe('UNAUTHENTICATED');
      expect(codeOf(await withKey(randomUUID())(next.refreshToken))).toBe('UNAUTHENTICATED');
      expect(codeOf(await call(auth, ME, {}, { token: next.accessToken }))).toBe('UNAUTHENTICATED');
    }
  });

  it('takes it for a copy once its successor was used, even with the key', async () => {
    const session = await registerUser(auth);
    const key = randomUUID();
    const next = (await withKey(key)(session.refreshToken)).data?.refreshToken as Payload;
    const after = (await withKey(randomUUID())(next.refreshToken)).data?.refreshToken as Payload;
    expect(codeOf(await withKey(key)(session.refreshToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await withKey(randomUUID())(after.refreshToken))).toBe('UNAUTHENTICATED');
  });

  it('takes it for a copy past the grace (30 s), even with the key', async () => {
    const session = await registerUser(auth);
    const key = randomUUID();
    const next = (await withKey(key)(session.refreshToken)).data?.refreshToken as Payload;
    await db()
      .update(refreshTokens)
      .set({ usedAt: new Date(Date.now() - 31_000) })
      .where(eq(refreshTokens.tokenHash, hashToken(session.refreshToken)));
    expect(codeOf(await withKey(key)(session.refreshToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await withKey(randomUUID())(next.refreshToken))).toBe('UNAUTHENTICATED');
  });

  it('never answers a repeat of an ended sign-in', async () => {
    const session = await registerUser(auth);
    const key = randomUUID();
    const next = (await withKey(key)(session.refreshToken)).data?.refreshToken as Payload;
    expect(await call(auth, LOGOUT, { t: next.refreshToken })).toMatchObject({ data: { logout: true } });
    expect(codeOf(await withKey(key)(session.refreshToken))).toBe('UNAUTHENTICATED');
  });

  it('refuses a blank or overlong key (BAD_USER_INPUT) and leaves the token unused', async () => {
    const session = await registerUser(auth);
    for (const key of ['  ', 'k'.repeat(201), 'a\u0000b'])
      expect((await withKey(key)(session.refreshToken)).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'idempotencyKey',
      });
    expect((await withKey(randomUUID())(session.refreshToken)).data?.refreshToken).toBeTruthy();
  });

  it('derives the successor with a secret of its own: another auth with other keys makes another', async () => {
    const other = await startAuth();
    try {
      const mine = await registerUser(auth);
      const theirs = await registerUser(other);
      // The same token value in both (planted), exchanged in each.
      await other.database.handle.db
        .update(refreshTokens)
        .set({ tokenHash: hashToken(mine.refreshToken) })
        .where(eq(refreshTokens.tokenHash, hashToken(theirs.refreshToken)));
      const a = (await withKey(null)(mine.refreshToken)).data?.refreshToken as Payload;
      const b = (await call(other, REFRESH, { t: mine.refreshToken })).data?.refreshToken as Payload;
      expect(a.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(b.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(a.refreshToken).not.toBe(b.refreshToken);
    } finally {
      await other.stop();
    }
  });

  it('with the grace set to 0, a repeat is a copy, key or not', async () => {
    const strict = await startAuth({ refreshRepeatGraceSeconds: 0 });
    try {
      const session = await registerUser(strict);
      const key = randomUUID();
      const again = (token: string) => call(strict, REFRESH_WITH_KEY, { t: token, k: key });
      const next = (await again(session.refreshToken)).data?.refreshToken as Payload;
      expect(codeOf(await again(session.refreshToken))).toBe('UNAUTHENTICATED');
      expect(codeOf(await again(next.refreshToken))).toBe('UNAUTHENTICATED');
    } finally {
      await strict.stop();
    }
  });
});

import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryRevocations, RedisRevocationList, type RevocationList } from '../src/auth/revocations';
import { AppError } from '../src/errors';
import { createTestTokens, eventually, startOwnRedis, TcpProxy, testEnv, testLogger, uniqueName } from '../src/testing';

const alice = '0b7f6d52-54d1-4b6e-9a57-1f4f3c1d2a01';
const bob = '5a0e2f1c-8a41-4c1f-8d39-6d3b7c9e2b02';
/** Two sign-ins of alice's (refresh-token families). */
const phone = '7c1d3e55-0f2a-4b8e-9d61-2a4c6e8f0b03';
const laptop = 'e4a2c6b8-1d3f-4a5c-8e7b-9f0a1b2c3d04';
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

describe('revocation list in memory', () => {
  it('voids the tokens of the user issued at or before the revocation', async () => {
    const list = createMemoryRevocations();
    const at = new Date();
    await list.revoke(alice, at);
    expect([list.isRevoked(alice, seconds(at)), list.isRevoked(alice, seconds(at) - 600)]).toEqual([true, true]);
  });

  it('keeps tokens issued after the revocation and tokens of other users', async () => {
    const list = createMemoryRevocations();
    const at = new Date();
    await list.revoke(alice, at);
    expect([list.isRevoked(alice, seconds(at) + 1), list.isRevoked(bob, seconds(at))]).toEqual([false, false]);
  });

  it('ignores a revocation older than the longest token lifetime', async () => {
    const list = createMemoryRevocations({ ttlMs: 60_000 });
    const at = new Date(Date.now() - 61_000);
    await list.revoke(alice, at);
    expect(list.isRevoked(alice, seconds(at) - 10)).toBe(false);
  });

  it('tells its listeners which user was revoked', async () => {
    const list = createMemoryRevocations();
    const heard: string[] = [];
    list.onRevoke((userId) => heard.push(userId));
    await list.revoke(alice, new Date());
    await list.revoke(alice, new Date(), phone);
    expect(heard).toEqual([alice, alice]);
  });

  it("voids one sign-in's tokens, whenever issued, and leaves the user's other sign-ins and tokens without one", async () => {
    const list = createMemoryRevocations();
    const at = new Date();
    await list.revoke(alice, at, phone);
    expect({
      phone: list.isRevoked(alice, seconds(at), phone),
      phoneLater: list.isRevoked(alice, seconds(at) + 1, phone),
      laptop: list.isRevoked(alice, seconds(at), laptop),
      noSession: list.isRevoked(alice, seconds(at)),
      bobSameSession: list.isRevoked(bob, seconds(at), phone),
    }).toEqual({ phone: true, phoneLater: true, laptop: false, noSession: false, bobSameSession: false });
  });

  it("voids every sign-in's tokens when the user is revoked", async () => {
    const list = createMemoryRevocations();
    const at = new Date();
    await list.revoke(alice, at);
    expect([list.isRevoked(alice, seconds(at), phone), list.isRevoked(alice, seconds(at), laptop)]).toEqual([
      true,
      true,
    ]);
  });
});

describe.runIf(testEnv.redisUrl)('revocation list on Redis', () => {
  const opened: RevocationList[] = [];
  const redis = () => new Redis(testEnv.redisUrl!);
  const open = (prefix: string, url = testEnv.redisUrl!) => {
    const list = new RedisRevocationList({ url, prefix, logger: testLogger('revocations'), ttlMs: 60_000 });
    opened.push(list);
    return list;
  };
  afterEach(async () => {
    for (const list of opened.splice(0)) await list.close();
  });

  it('stores the revocation time under <prefix>revoked:<user> with the token lifetime as TTL', async () => {
    const prefix = `test:${uniqueName('revocations')}:`;
    const at = new Date();
    await open(prefix).revoke(alice, at);
    const client = redis();
    const [value, ttl] = [
      await client.get(`${prefix}revoked:${alice}`),
      await client.pttl(`${prefix}revoked:${alice}`),
    ];
    client.disconnect();
    expect(value).toBe(String(at.getTime()));
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('keeps the later time when an older revocation arrives after a newer one', async () => {
    const prefix = `test:${uniqueName('revocations')}:`;
    const list = open(prefix);
    const later = new Date();
    await list.revoke(alice, later);
    await list.revoke(alice, new Date(later.getTime() - 5000));
    const client = redis();
    const value = await client.get(`${prefix}revoked:${alice}`);
    client.disconnect();
    expect(value).toBe(String(later.getTime()));
  });

  it('reaches another process through the channel', async () => {
    const prefix = `test:${uniqueName('revocations')}:`;
    const other = open(prefix);
    await other.ready;
    const at = new Date();
    await open(prefix).revoke(alice, at);
    await eventually(() => other.isRevoked(alice, seconds(at)), 5000, 10);
  });

  it("stores a sign-in's revocation under <prefix>revoked:<user>:<session> and announces it to other processes", async () => {
    const prefix = `test:${uniqueName('revocations')}:`;
    const other = open(prefix);
    await other.ready;
    const at = new Date();
    await open(prefix).revoke(alice, at, phone);
    const client = redis();
    const value = await client.get(`${prefix}revoked:${alice}:${phone}`);
    const userKey = await client.exists(`${prefix}revoked:${alice}`);
    client.disconnect();
    expect({ value, userKey }).toEqual({ value: String(at.getTime()), userKey: 0 });
    await eventually(() => other.isRevoked(alice, seconds(at), phone), 5000, 10);
    expect([other.isRevoked(alice, seconds(at), laptop), other.isRevoked(alice, seconds(at))]).toEqual([false, false]);
  });

  it("loads a sign-in's revocation in a process started after it", async () => {
    const prefix = `test:${uniqueName('revocations')}:`;
    const at = new Date();
    await open(prefix).revoke(alice, at, phone);
    const later = open(prefix);
    await later.ready;
    expect([later.isRevoked(alice, seconds(at), phone), later.isRevoked(alice, seconds(at), laptop)]).toEqual([
      true,
      false,
    ]);
  });

  it('is loaded by a process started after the revocation', async () => {
    const prefix = `test:${uniqueName('revocations')}:`;
    const at = new Date();
    await open(prefix).revoke(alice, at);
    const later = open(prefix);
    await later.ready;
    expect(later.isRevoked(alice, seconds(at))).toBe(true);
  });

  it('reaches a process that was cut off from Redis when it was announced, once it reconnects', async () => {
    const prefix = `test:${uniqueName('revocations')}:`;
    const target = new URL(testEnv.redisUrl!);
    const proxy = new TcpProxy(target.hostname, Number(target.port || 6379));
    const port = await proxy.start();
    const cutOff = open(prefix, `redis://127.0.0.1:${port}`);
    await cutOff.ready;
    await proxy.stop();
    const at = new Date();
    await open(prefix).revoke(alice, at);
    await proxy.start(port);
    try {
      await eventually(() => cutOff.isRevoked(alice, seconds(at)), 10_000, 20);
    } finally {
      await proxy.stop();
    }
  });

  it('is written back by the processes that know it when Redis comes back empty, for one started afterwards', async () => {
    const own = await startOwnRedis();
    try {
      const prefix = `test:${uniqueName('revocations')}:`;
      const running = open(prefix, own.url);
      await running.ready;
      const at = new Date();
      await running.revoke(alice, at, phone);
      // Redis restarts without its data (no persistence); the running process reconnects.
      await own.kill();
      await own.start();
      const admin = new Redis(own.url);
      try {
        await eventually(async () => (await admin.keys(`${prefix}*`)).length > 0, 10_000);
      } finally {
        admin.disconnect();
      }
      const started = open(prefix, own.url);
      await started.ready;
      expect(started.isRevoked(alice, seconds(at), phone)).toBe(true);
    } finally {
      await own.destroy();
    }
  });
});

describe('token verification with revocations', () => {
  const viewer = { userId: alice, role: 'PASSENGER' as const, companyId: null };
  const refusal = async (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (error: unknown) => (error instanceof AppError ? `${error.code}: ${error.message}` : String(error)),
    );

  it('refuses a token of a revoked user with UNAUTHENTICATED "Access token revoked; sign in again"', async () => {
    const tokens = await createTestTokens();
    const token = await tokens.sign(viewer);
    await tokens.revocations.revoke(alice, new Date());
    expect(await refusal(tokens.verifier.verify(token))).toBe('UNAUTHENTICATED: Access token revoked; sign in again');
  });

  it('refuses a revoked token it had already verified and remembered', async () => {
    const tokens = await createTestTokens();
    const token = await tokens.sign(viewer);
    await tokens.verifier.verify(token);
    await tokens.revocations.revoke(alice, new Date());
    expect(await refusal(tokens.verifier.verify(token))).toBe('UNAUTHENTICATED: Access token revoked; sign in again');
  });

  it("refuses a signed-out sign-in's token, remembered or not, and accepts the same user's other sign-in", async () => {
    const tokens = await createTestTokens();
    const remembered = await tokens.sign(viewer, { sessionId: phone });
    await tokens.verifier.verify(remembered);
    const fresh = await tokens.sign(viewer, { sessionId: phone });
    const other = await tokens.sign(viewer, { sessionId: laptop });
    await tokens.revocations.revoke(alice, new Date(), phone);
    expect({
      remembered: await refusal(tokens.verifier.verify(remembered)),
      fresh: await refusal(tokens.verifier.verify(fresh)),
      other: await refusal(tokens.verifier.verify(other)),
    }).toEqual({
      remembered: 'UNAUTHENTICATED: Access token revoked; sign in again',
      fresh: 'UNAUTHENTICATED: Access token revoked; sign in again',
      other: 'accepted',
    });
  });

  it('accepts a token issued after the revocation', async () => {
    const tokens = await createTestTokens();
    await tokens.revocations.revoke(alice, new Date(Date.now() - 2000));
    await expect(tokens.verifier.verify(await tokens.sign(viewer))).resolves.toEqual(viewer);
  });
});

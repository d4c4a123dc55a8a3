import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryRevocations, RedisRevocationList, type RevocationList } from '../src/auth/revocations';
import { AppError } from '../src/errors';
import { createTestTokens, eventually, TcpProxy, testEnv, testLogger, uniqueName } from '../src/testing';

const alice = '0b7f6d52-54d1-4b6e-9a57-1f4f3c1d2a01';
const bob = '5a0e2f1c-8a41-4c1f-8d39-6d3b7c9e2b02';
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
    expect(heard).toEqual([alice]);
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

  it('accepts a token issued after the revocation', async () => {
    const tokens = await createTestTokens();
    await tokens.revocations.revoke(alice, new Date(Date.now() - 2000));
    await expect(tokens.verifier.verify(await tokens.sign(viewer))).resolves.toEqual(viewer);
  });
});

import { Redis } from 'ioredis';
import { reconnectOnReadOnly, watchConnection } from '../redis';
import type { Logger } from '../logger';

/**
 * "Tokens of user U issued at or before time T are void": what makes a suspension or a role change
 * take effect at once instead of when the access tokens already issued expire. The same for one
 * sign-in (session S of user U, the access token's `sid`): what makes a logout end its access tokens.
 */
export interface RevocationList {
  /**
   * Voids every token of `userId` issued at or before `at`, or, given `sessionId`, every token of that
   * sign-in whenever issued (an ended sign-in gets no new tokens, but one signed just after its refresh
   * token was rotated in the moment before may carry a later `iat`). Idempotent; a later `at` wins.
   */
  revoke(userId: string, at: Date, sessionId?: string): Promise<void>;
  /**
   * Whether a token of `userId` issued at `issuedAtSeconds` (its `iat`), of sign-in `sessionId` when
   * it names one, is void. Local and synchronous: it runs on every request. `iat` has a resolution of
   * one second, so a token minted in the same second as the revocation is refused too (its holder signs
   * in again once).
   */
  isRevoked(userId: string, issuedAtSeconds: number, sessionId?: string): boolean;
  /** Calls `listener` with the user whenever a revocation of theirs arrives, from this process or another. */
  onRevoke(listener: (userId: string) => void): () => void;
  close(): Promise<void>;
}

/**
 * How long a revocation is kept: the longest access-token lifetime (15 min) plus clock skew. A
 * token issued before the revocation has expired by then anyway.
 */
export const DEFAULT_REVOCATION_TTL_MS = 16 * 60_000;

/** What a revocation voids: a user's tokens, or one sign-in's (`<userId>:<sessionId>`; both are UUIDs). */
const subjectOf = (userId: string, sessionId?: string) => (sessionId ? `${userId}:${sessionId}` : userId);

/** The in-process part of both lists: user or sign-in → latest revocation time, forgotten after the TTL. */
class LocalRevocations {
  private readonly revokedAt = new Map<string, number>();
  private readonly listeners = new Set<(userId: string) => void>();
  private lastSweep = 0;

  constructor(private readonly ttlMs: number) {}

  /** Records a revocation; listeners hear of it when it is newer than the one known. */
  note(userId: string, at: number, sessionId?: string): void {
    const now = Date.now();
    const subject = subjectOf(userId, sessionId);
    if (at + this.ttlMs <= now || at <= (this.revokedAt.get(subject) ?? 0)) return;
    // Forgetting the expired ones here keeps the map small without a timer (each logout adds one for 16 minutes);
    // at most once a second, so a burst of logouts does not walk the whole map for each.
    if (now - this.lastSweep >= 1000) {
      this.lastSweep = now;
      for (const [key, time] of this.revokedAt) if (time + this.ttlMs <= now) this.revokedAt.delete(key);
    }
    this.revokedAt.set(subject, at);
    for (const listener of this.listeners) listener(userId);
  }

  isRevoked(userId: string, issuedAtSeconds: number, sessionId?: string): boolean {
    const userRevokedAt = this.revokedAtOf(userId);
    if (userRevokedAt !== undefined && issuedAtSeconds * 1000 <= userRevokedAt) return true;
    // An ended sign-in's tokens are void whenever they were issued (see RevocationList.revoke).
    return sessionId !== undefined && this.revokedAtOf(subjectOf(userId, sessionId)) !== undefined;
  }

  /** When `subject` was last revoked, unless that is older than the TTL (then forgotten). */
  private revokedAtOf(subject: string): number | undefined {
    const at = this.revokedAt.get(subject);
    if (at !== undefined && at + this.ttlMs <= Date.now()) {
      this.revokedAt.delete(subject);
      return undefined;
    }
    return at;
  }

  onRevoke(listener: (userId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The revocations still in force: subject (`userId` or `userId:sessionId`) and time. */
  live(): [string, number][] {
    const now = Date.now();
    return [...this.revokedAt].filter(([, at]) => at + this.ttlMs > now);
  }
}

/** One list for every subgraph of this process (embedded mode, tests). */
export function createMemoryRevocations(options: { ttlMs?: number } = {}): RevocationList {
  const local = new LocalRevocations(options.ttlMs ?? DEFAULT_REVOCATION_TTL_MS);
  return {
    revoke: async (userId, at, sessionId) => local.note(userId, at.getTime(), sessionId),
    isRevoked: (userId, issuedAtSeconds, sessionId) => local.isRevoked(userId, issuedAtSeconds, sessionId),
    onRevoke: (listener) => local.onRevoke(listener),
    close: async () => undefined,
  };
}

export interface RedisRevocationsOptions {
  url: string;
  logger: Logger;
  /**
   * Key prefix: revocations are `<prefix>revoked:<userId>` (or `:<userId>:<sessionId>` for one sign-in),
   * announced on `<prefix>revocations`.
   */
  prefix?: string;
  ttlMs?: number;
}

/** Sets the key unless it holds a later time (an old revocation never shortens a newer one), then announces it. */
const REVOKE_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
redis.call('PUBLISH', KEYS[2], ARGV[3])
return 1`;

/** The same, written back after a reconnection: Redis may have come back without it (no one else needs telling). */
const RESTORE_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1`;

/**
 * Revocations shared by every process through Redis: a key per user (expiring with the tokens it
 * voids) and a channel. Each process keeps them in a local map fed by the channel, and loads the
 * keys again at start and after every reconnection, so one announced while it was cut off is not lost.
 */
export class RedisRevocationList implements RevocationList {
  /** Resolves once this process hears new revocations and has loaded those already in Redis. */
  readonly ready: Promise<void>;
  private readonly local: LocalRevocations;
  private readonly commands: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly unwatch: (() => void)[];

  constructor(private readonly options: RedisRevocationsOptions) {
    this.prefix = options.prefix ?? 'busline:';
    this.ttlMs = options.ttlMs ?? DEFAULT_REVOCATION_TTL_MS;
    this.local = new LocalRevocations(this.ttlMs);
    const retryStrategy = (times: number) => Math.min(times * 200, 2000);
    const reconnectOnError = reconnectOnReadOnly;
    this.commands = new Redis(options.url, { retryStrategy, reconnectOnError });
    this.subscriber = new Redis(options.url, { maxRetriesPerRequest: null, retryStrategy, reconnectOnError });
    this.commands.on('error', () => undefined);
    this.subscriber.on('error', () => undefined);
    this.unwatch = [watchConnection(this.commands, { primary: true }), watchConnection(this.subscriber)];
    this.subscriber.on('message', (_channel: string, message: string) => this.receive(message));
    let loaded!: () => void;
    const firstLoad = new Promise<void>((resolve) => (loaded = resolve));
    // 'ready' follows the first connection and every reconnection; ioredis sends SUBSCRIBE again in
    // the same tick, before the scan, and a revocation's key is written before it is announced.
    this.subscriber.on('ready', () => {
      this.load()
        .then(() => this.restore())
        .then(loaded, (error: unknown) => options.logger.warn({ err: error }, 'revocations could not be loaded'));
    });
    this.ready = Promise.all([this.subscriber.subscribe(this.channel), firstLoad]).then(() => undefined);
    this.ready.catch(() => undefined);
  }

  private get channel(): string {
    return `${this.prefix}revocations`;
  }

  private key(subject: string): string {
    return `${this.prefix}revoked:${subject}`;
  }

  async revoke(userId: string, at: Date, sessionId?: string): Promise<void> {
    const time = at.getTime();
    const ttl = time + this.ttlMs - Date.now();
    if (ttl <= 0) return;
    this.local.note(userId, time, sessionId);
    await this.commands.eval(
      REVOKE_SCRIPT,
      2,
      this.key(subjectOf(userId, sessionId)),
      this.channel,
      String(time),
      String(ttl),
      JSON.stringify({ userId, at: time, ...(sessionId ? { sessionId } : {}) }),
    );
  }

  isRevoked(userId: string, issuedAtSeconds: number, sessionId?: string): boolean {
    return this.local.isRevoked(userId, issuedAtSeconds, sessionId);
  }

  onRevoke(listener: (userId: string) => void): () => void {
    return this.local.onRevoke(listener);
  }

  async close(): Promise<void> {
    for (const stop of this.unwatch) stop();
    this.subscriber.disconnect();
    this.commands.disconnect();
  }

  private receive(message: string): void {
    try {
      const { userId, at, sessionId } = JSON.parse(message) as { userId: unknown; at: unknown; sessionId: unknown };
      if (typeof userId !== 'string' || typeof at !== 'number') return;
      this.local.note(userId, at, typeof sessionId === 'string' ? sessionId : undefined);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'unreadable revocation message');
    }
  }

  /**
   * Writes back what this process knows: a Redis that came back empty (or from an older state) would otherwise have a
   * process started after it load nothing, and accept a logged-out or suspended user's tokens again.
   */
  private async restore(): Promise<void> {
    const now = Date.now();
    for (const [subject, at] of this.local.live()) {
      const ttl = at + this.ttlMs - now;
      if (ttl > 0) await this.commands.eval(RESTORE_SCRIPT, 1, this.key(subject), String(at), String(ttl));
    }
  }

  private async load(): Promise<void> {
    const prefix = this.key('');
    const stream = this.commands.scanStream({ match: `${prefix}*`, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length === 0) continue;
      const values = await this.commands.mget(...keys);
      keys.forEach((key, i) => {
        const at = Number(values[i]);
        const [userId, sessionId] = key.slice(prefix.length).split(':');
        if (userId && Number.isFinite(at) && at > 0) this.local.note(userId, at, sessionId || undefined);
      });
    }
  }
}

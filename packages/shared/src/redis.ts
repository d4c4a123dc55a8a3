import { Redis } from 'ioredis';
import { ConfigError } from './config/env';
import type { Logger } from './logger';

/**
 * Waits briefly for a connection that is being made. A client without an offline queue
 * would otherwise fail every command issued right after start-up; while Redis is really
 * away this still fails fast.
 */
export async function redisReady(client: Redis, timeoutMs = 2000): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const onReady = () => done();
    const done = (error?: Error) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => done(new Error(`Redis not ready (${client.status})`)), timeoutMs);
    client.once('ready', onReady);
  });
}

/**
 * ioredis `reconnectOnError` for every client: a node that answers READONLY was demoted to a replica (a planned
 * failover, a managed Redis's maintenance) while the connection to it stayed open. The connection is made again (the
 * address given now leads to the new primary) and the command sent again. Without it each client wrote to the
 * replica for good: no event published nor read again until the processes restarted.
 */
export function reconnectOnReadOnly(error: Error): 2 | false {
  return error.message.startsWith('READONLY') ? 2 : false;
}

const NO_ANSWER = 'no answer in time';

export interface WatchOptions {
  /** How often the connection is checked. */
  everyMs?: number;
  /** An answer later than this: the connection is taken for dead. */
  timeoutMs?: number;
  /** Checked with ROLE: a connection left on a node demoted to a replica (which takes PUBLISH) is made again. */
  primary?: boolean;
}

/**
 * Checks an idle connection now and then, and makes it again when it does not answer in time (a NAT or load balancer
 * that forgot it silently: nothing sent gets an answer and the socket never closes, for hours) or, `primary`, when
 * it leads to a replica. A subscriber then missed every message (revocations, live updates), and a command waited
 * for ever. Returns what stops the checks.
 */
export function watchConnection(client: Redis, options: WatchOptions = {}): () => void {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let checking = false;
  const check = async () => {
    if (checking || client.status !== 'ready') return;
    checking = true;
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = await Promise.race([
        options.primary ? client.call('ROLE') : client.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(NO_ANSWER)), timeoutMs);
        }),
      ]);
      if (options.primary && Array.isArray(answer) && answer[0] !== 'master') client.disconnect(true);
    } catch (error) {
      // No answer: dead. A refusal (an ACL without ROLE, say) is an answer.
      if ((error as Error).message === NO_ANSWER && client.status === 'ready') client.disconnect(true);
    } finally {
      clearTimeout(timer);
      checking = false;
    }
  };
  const interval = setInterval(() => void check(), options.everyMs ?? 15_000);
  interval.unref();
  return () => clearInterval(interval);
}

/** The one maxmemory-policy under which Redis drops no key to make room: it refuses writes instead. */
const KEEPS_EVERY_KEY = 'noeviction';

/**
 * What Redis does when it reaches `maxmemory`, read at start-up (`INFO memory`, which managed Redis services that
 * refuse CONFIG still answer). Any other policy than noeviction drops keys to make room: an event stream (a
 * payment.succeeded no service ever reads), dead letters, or, under a volatile-* policy, revocations and rate-limit
 * counters before their time (a revoked token believed again, a limit started afresh). Production refuses to start
 * on it with a `maxmemory` set; without one (0: no limit) nothing is evicted yet, and every mode warns (a limit set
 * later would start the evictions). Redis not answering within `timeoutMs` (away, or still loading its data), or
 * refusing INFO, is warned about, not refused: the services wait for Redis on their own, and the policy is then the
 * operator's to check (docs/operations.md).
 */
export async function assertRedisKeepsKeys(
  service: string,
  config: { NODE_ENV?: string; REDIS_URL?: string },
  logger: Logger,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  if (!config.REDIS_URL) return;
  const memory = await readMemorySettings(config.REDIS_URL, options.timeoutMs ?? 3_000).catch((error: unknown) => {
    logger.warn(
      { err: error },
      "Redis's maxmemory-policy could not be read: it must be noeviction, or Redis may drop events (docs/operations.md)",
    );
    return undefined;
  });
  if (memory === undefined || memory.policy === KEEPS_EVERY_KEY) return;
  const problem =
    `REDIS_URL: Redis's maxmemory-policy is ${memory.policy}: it drops keys when full (events, dead letters, ` +
    'revocations); set maxmemory-policy noeviction';
  if (config.NODE_ENV === 'production' && memory.maxmemory > 0) throw new ConfigError(service, [problem]);
  logger.warn({ maxmemoryPolicy: memory.policy, maxmemory: memory.maxmemory }, problem);
}

/** Redis's maxmemory-policy and maxmemory (bytes, 0 for none), within `timeoutMs` whatever happens. */
async function readMemorySettings(url: string, timeoutMs: number): Promise<{ policy: string; maxmemory: number }> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    enableOfflineQueue: false,
    // Ready without waiting for a Redis that is loading its data (INFO is answered meanwhile).
    enableReadyCheck: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      (async () => {
        await client.connect();
        const info = await client.info('memory');
        const policy = /^maxmemory_policy:(\S+)/m.exec(info)?.[1];
        if (!policy) throw new Error('INFO memory names no maxmemory_policy');
        return { policy, maxmemory: Number(/^maxmemory:(\d+)/m.exec(info)?.[1] ?? 0) };
      })(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from Redis within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

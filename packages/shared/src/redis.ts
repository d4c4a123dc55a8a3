import type { Redis } from 'ioredis';

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

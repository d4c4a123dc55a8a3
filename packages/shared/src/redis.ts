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

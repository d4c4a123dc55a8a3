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

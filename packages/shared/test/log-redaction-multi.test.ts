// A MULTI Redis refuses as a whole (EXECABORT: a command refused as it was queued, e.g. OOM at maxmemory, or
// READONLY on a demoted primary) rejects with `previousErrors`, each with its command and every argument: the dead
// letter's whole event. The log keeps their names only.
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadLetterStore } from '../src/events/dead-letters';
import { createLogger } from '../src/logger';
import { startOwnRedis, type OwnServer } from '../src/testing';

let redis: OwnServer;
beforeAll(async () => {
  redis = await startOwnRedis();
});
afterAll(async () => {
  await redis?.destroy();
});

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('test', { destination }), text: () => lines.join('') };
}

describe('a Redis error in the logs', () => {
  it('keeps no argument of the commands of a refused MULTI (a dead letter written while Redis is full)', async () => {
    const client = new Redis(redis.url);
    const admin = new Redis(redis.url);
    try {
      await client.xgroup('CREATE', 'busline:events:ticket.claimed', 'notification', '0', 'MKSTREAM');
      // Redis at its memory limit, refusing writes (maxmemory-policy noeviction, the default).
      await admin.config('SET', 'maxmemory', '1');
      const raw = JSON.stringify({
        id: 'e-1',
        type: 'ticket.claimed',
        payload: { code: '482913', phone: '+250788123456' },
      });
      const error = await new DeadLetterStore(client, 'busline')
        .add(
          'notification',
          {
            stream: 'busline:events:ticket.claimed',
            streamId: '1-0',
            raw,
            reason: 'failed',
            error: 'boom',
            attempts: 5,
          },
          { group: 'notification' },
        )
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(String((error as Error)?.message)).toMatch(/EXECABORT/);

      // As RedisStreamSubscription.run logs what its delivery threw.
      const { logger, text } = capture();
      logger.warn({ err: error, failures: 1 }, 'event consumer cannot read; will retry');
      const line = text();
      expect(line).toContain('EXECABORT');
      expect(line).not.toContain('+250788123456');
      expect(line).not.toContain('482913');
    } finally {
      await admin.config('SET', 'maxmemory', '0').catch(() => undefined);
      client.disconnect();
      admin.disconnect();
    }
  });
});
